#include "mail/mail_classify.hpp"

#include <glib.h>

#include <algorithm>
#include <string>

namespace rapport::mail {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && g_ascii_strncasecmp(a.data(), b.data(), a.size()) == 0;
}

std::string_view Trim(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

const MailHeader* FindHeader(const ParsedMessage& message, std::string_view name) {
  const auto it = std::find_if(message.headers.begin(), message.headers.end(),
                               [&](const MailHeader& h) { return EqualsIgnoreCase(h.name, name); });
  return it == message.headers.end() ? nullptr : &*it;
}

// The first word of a header value ("auto-replied; owner-email=..." -> "auto-replied").
std::string_view FirstToken(std::string_view value) {
  value = Trim(value);
  return value.substr(0, value.find_first_of(" \t;(,"));
}

bool IsDaemonSender(const ParsedMessage& message) {
  if (!message.from) return false;
  const std::string_view address = message.from->address;
  const std::string_view local = address.substr(0, address.find('@'));
  return EqualsIgnoreCase(local, "mailer-daemon") || EqualsIgnoreCase(local, "postmaster");
}

bool IsBounce(const ParsedMessage& message) {
  if (EqualsIgnoreCase(message.report_type, "delivery-status")) return true;
  if (IsDaemonSender(message)) return true;
  if (!message.return_path) return false;
  const std::string_view return_path = Trim(*message.return_path);
  return return_path == "<>" || return_path.empty();
}

bool IsAutomatic(const ParsedMessage& message) {
  if (!message.report_type.empty()) return true;  // read receipts and other reports
  if (const MailHeader* header = FindHeader(message, "Auto-Submitted")) {
    if (!EqualsIgnoreCase(FirstToken(header->value), "no")) return true;
  }
  if (const MailHeader* header = FindHeader(message, "Precedence")) {
    const std::string_view value = FirstToken(header->value);
    if (EqualsIgnoreCase(value, "bulk") || EqualsIgnoreCase(value, "junk") ||
        EqualsIgnoreCase(value, "list")) {
      return true;
    }
  }
  static constexpr std::string_view kPresenceHeaders[] = {"X-Autoreply", "X-Autorespond",
                                                          "X-Auto-Response-Suppress"};
  return std::any_of(std::begin(kPresenceHeaders), std::end(kPresenceHeaders),
                     [&](std::string_view name) { return FindHeader(message, name) != nullptr; });
}

}  // namespace

MailOrigin ClassifyOrigin(const ParsedMessage& message) {
  if (IsBounce(message)) return MailOrigin::kBounce;
  if (IsAutomatic(message)) return MailOrigin::kAutomatic;
  return MailOrigin::kPerson;
}

std::optional<int64_t> ExtractTicketReference(std::string_view subject) {
  for (size_t at = subject.find("[#"); at != std::string_view::npos;
       at = subject.find("[#", at + 2)) {
    const size_t digits_start = at + 2;
    size_t end = digits_start;
    while (end < subject.size() && g_ascii_isdigit(subject[end])) ++end;
    const size_t digits = end - digits_start;
    if (digits == 0 || digits > kMaxTicketDigits || end >= subject.size() || subject[end] != ']') {
      continue;
    }
    const int64_t number = std::stoll(std::string(subject.substr(digits_start, digits)));
    if (number > 0) return number;
  }
  return std::nullopt;
}

std::string FormatTicketReference(int64_t number) { return "[#" + std::to_string(number) + "]"; }

std::string SubjectWithTicketReference(std::string_view subject, int64_t number) {
  const std::string reference = FormatTicketReference(number);
  if (subject.find(reference) != std::string_view::npos) return std::string(subject);
  return Trim(subject).empty() ? reference : reference + " " + std::string(Trim(subject));
}

}  // namespace rapport::mail
