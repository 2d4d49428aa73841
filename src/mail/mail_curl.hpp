// The libcurl plumbing the SMTP sender and the IMAP client share: a handle that cleans itself up,
// one-time global initialisation, the common options (timeouts, CA file, credentials, no
// signals) and the outcome of a transfer with its reply code, sorted into kinds the callers
// turn into their own results.
//
// Thread-safety: CurlEasy is one handle for one thread at a time (libcurl's rule); the global
// initialisation is done once, under std::call_once, before the first handle exists.
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <memory>
#include <string>

#include "mail/mail_config.hpp"

namespace rapport::mail {

class CurlEasy {
 public:
  CurlEasy();  // initialises libcurl globally the first time
  CURL* get() const { return handle_.get(); }
  // libcurl's own message for the last failure ("RCPT failed: 550"); never holds a password.
  std::string ErrorText(CURLcode code) const;

  // The error buffer, no signals (also after curl_easy_reset), timeouts, TLS verification against
  // `ca_file` (system store when empty), credentials.
  void SetCommon(std::chrono::seconds timeout, const std::string& ca_file, const std::string& user,
                 const Secret& password);

 private:
  struct Cleanup {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
  };
  std::unique_ptr<CURL, Cleanup> handle_;
  char error_buffer_[CURL_ERROR_SIZE] = {};
};

// What went wrong with a transfer, in the terms a retry policy needs.
enum class CurlFailure {
  kNone,
  kAuth,      // the server refused the credentials
  kNetwork,   // could not resolve, connect, finish TLS, or the connection broke or timed out
  kRejected,  // the server answered with a refusal (see the reply code)
  kOther,     // anything else (bad URL, out of memory): a bug or a broken setup
};

CurlFailure ClassifyCurl(CURLcode code);

// The last reply code of the protocol exchange (SMTP 250/550, 0 before any reply).
long LastReplyCode(const CurlEasy& curl);

// Appends received bytes to a std::string up to a limit; used as CURLOPT_WRITEFUNCTION with a
// BoundedSink* as CURLOPT_WRITEDATA. Past the limit the transfer is aborted (CURLE_WRITE_ERROR)
// and `overflowed` is set.
struct BoundedSink {
  std::string data;
  size_t limit = 0;
  bool overflowed = false;
};
size_t WriteToBoundedSink(char* bytes, size_t size, size_t count, void* sink);

// Feeds a string to an upload (CURLOPT_READFUNCTION with a StringSource* as CURLOPT_READDATA).
struct StringSource {
  const std::string* data;
  size_t offset = 0;
};
size_t ReadFromStringSource(char* buffer, size_t size, size_t count, void* source);

}  // namespace rapport::mail
