#include "mail/smtp_sender.hpp"

#include <algorithm>

#include "mail/mail_curl.hpp"

namespace rapport::mail {
namespace {

std::string Url(const SmtpConfig& config) {
  const char* scheme = config.security == SmtpSecurity::kTls ? "smtps" : "smtp";
  return std::string(scheme) + "://" + config.host + ":" + std::to_string(config.port);
}

bool HasLineBreak(const std::string& text) {
  return text.find_first_of("\r\n") != std::string::npos;
}

struct CurlSlist {
  curl_slist* list = nullptr;
  ~CurlSlist() { curl_slist_free_all(list); }
};

}  // namespace

Error SendResult::ToError() const {
  if (failure == SendFailure::kPermanent) return Error{ErrorCode::kInvalidArgument, message, {}};
  return Error::Unavailable(message);
}

SmtpSender::SmtpSender(SmtpConfig config) : config_(std::move(config)) {}

SendResult SmtpSender::Send(const OutgoingMail& mail) const {
  // Addresses reach the SMTP command line verbatim: a line break would inject a command.
  if (mail.recipients.empty() || HasLineBreak(mail.envelope_from) ||
      std::any_of(mail.recipients.begin(), mail.recipients.end(), HasLineBreak)) {
    return {SendFailure::kPermanent, 0, "the envelope needs recipients without line breaks"};
  }
  CurlEasy curl;
  curl.SetCommon(config_.timeout, config_.ca_file, config_.user, config_.password);
  const std::string url = Url(config_);
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  if (config_.security == SmtpSecurity::kStartTls) {
    curl_easy_setopt(curl.get(), CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  }
  const std::string from = "<" + mail.envelope_from + ">";
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_FROM, from.c_str());
  CurlSlist recipients;
  for (const std::string& to : mail.recipients) {
    recipients.list = curl_slist_append(recipients.list, ("<" + to + ">").c_str());
  }
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_RCPT, recipients.list);
  StringSource reader{&mail.raw};
  curl_easy_setopt(curl.get(), CURLOPT_READFUNCTION, ReadFromStringSource);
  curl_easy_setopt(curl.get(), CURLOPT_READDATA, &reader);
  curl_easy_setopt(curl.get(), CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(mail.raw.size()));

  const CURLcode code = curl_easy_perform(curl.get());
  if (code == CURLE_OK) return {};
  const long reply = LastReplyCode(curl);
  const std::string where = "SMTP " + config_.host + ":" + std::to_string(config_.port) + ": ";
  SendResult result{SendFailure::kTransient, static_cast<int>(reply), where + curl.ErrorText(code)};
  const CurlFailure kind = ClassifyCurl(code);
  if (kind == CurlFailure::kAuth) {
    result.message = where + "the server refused the user and password in [mail.smtp]";
  } else if (reply >= 500 && reply < 600) {
    result.failure = SendFailure::kPermanent;
  } else if (reply < 400 && kind == CurlFailure::kOther) {
    // Not the network and not the server's answer: retrying the same call fails the same way.
    result.failure = SendFailure::kPermanent;
  }
  return result;
}

}  // namespace rapport::mail
