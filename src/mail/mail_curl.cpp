#include "mail/mail_curl.hpp"

#include <algorithm>
#include <cstring>
#include <mutex>
#include <stdexcept>

namespace rapport::mail {
namespace {

void InitialiseOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Not thread-safe in libcurl itself, hence once; never undone (the process ends first).
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw std::runtime_error("libcurl failed to initialise");
    }
  });
}

}  // namespace

CurlEasy::CurlEasy() {
  InitialiseOnce();
  handle_.reset(curl_easy_init());
  if (!handle_) throw std::runtime_error("libcurl could not create a handle");
}

std::string CurlEasy::ErrorText(CURLcode code) const {
  return error_buffer_[0] != '\0' ? std::string(error_buffer_) : curl_easy_strerror(code);
}

void CurlEasy::SetCommon(std::chrono::seconds timeout, const std::string& ca_file,
                         const std::string& user, const Secret& password) {
  error_buffer_[0] = '\0';
  curl_easy_setopt(get(), CURLOPT_ERRORBUFFER, error_buffer_);
  // Timeouts without SIGALRM: signals and threads do not mix.
  curl_easy_setopt(get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(get(), CURLOPT_CONNECTTIMEOUT, static_cast<long>(timeout.count()));
  // A whole transfer may take longer than one wait (a 30 MB message on a slow link), but never
  // stall: abort when under 1 byte/s for the timeout.
  curl_easy_setopt(get(), CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(get(), CURLOPT_LOW_SPEED_TIME, static_cast<long>(timeout.count()));
  // SMTP and IMAP wait for each reply up to this (libcurl's default is 120 s): a server that
  // accepts the connection and then says nothing must not hold a poller thread for minutes.
  curl_easy_setopt(get(), CURLOPT_SERVER_RESPONSE_TIMEOUT, static_cast<long>(timeout.count()));
  curl_easy_setopt(get(), CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(get(), CURLOPT_SSL_VERIFYHOST, 2L);
  if (!ca_file.empty()) curl_easy_setopt(get(), CURLOPT_CAINFO, ca_file.c_str());
  if (!user.empty()) {
    curl_easy_setopt(get(), CURLOPT_USERNAME, user.c_str());
    curl_easy_setopt(get(), CURLOPT_PASSWORD, password.reveal().c_str());
  }
}

CurlFailure ClassifyCurl(CURLcode code) {
  switch (code) {
    case CURLE_OK:
      return CurlFailure::kNone;
    case CURLE_LOGIN_DENIED:
      return CurlFailure::kAuth;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_USE_SSL_FAILED:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
      return CurlFailure::kNetwork;
    case CURLE_QUOTE_ERROR:
    case CURLE_UPLOAD_FAILED:
    case CURLE_REMOTE_FILE_NOT_FOUND:
    case CURLE_REMOTE_ACCESS_DENIED:
      return CurlFailure::kRejected;
    default:
      return CurlFailure::kOther;
  }
}

long LastReplyCode(const CurlEasy& curl) {
  long code = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &code);
  return code;
}

size_t WriteToBoundedSink(char* bytes, size_t size, size_t count, void* sink) {
  auto& out = *static_cast<BoundedSink*>(sink);
  const size_t n = size * count;
  if (out.data.size() + n > out.limit) {
    out.overflowed = true;
    return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
  }
  out.data.append(bytes, n);
  return n;
}

size_t ReadFromStringSource(char* buffer, size_t size, size_t count, void* source) {
  auto& in = *static_cast<StringSource*>(source);
  const size_t n = std::min(size * count, in.data->size() - in.offset);
  std::memcpy(buffer, in.data->data() + in.offset, n);
  in.offset += n;
  return n;
}

}  // namespace rapport::mail
