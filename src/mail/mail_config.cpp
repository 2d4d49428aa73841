#include "mail/mail_config.hpp"

#include <algorithm>
#include <set>

namespace rapport::mail {
namespace {

// A day: longer than any sensible poll or network wait, short enough to catch a unit mistake
// (milliseconds typed as seconds).
constexpr int64_t kMaxSeconds = 24 * 3600;
constexpr int64_t kMaxPort = 65535;
// Far more than one server would ever watch; keeps a typo'd generator from opening thousands of
// connections.
constexpr size_t kMaxMailboxes = 1000;
constexpr size_t kMaxTextBytes = 1024;

// Reads the fields of one table, collecting every problem under `prefix` before failing.
class FieldReader {
 public:
  FieldReader(const toml::table& table, std::string prefix, std::vector<FieldError>& errors)
      : table_(table), prefix_(std::move(prefix)), errors_(errors) {}

  void Fail(std::string_view key, std::string message) {
    errors_.push_back({prefix_ + "." + std::string(key), std::move(message)});
  }

  // Unknown keys are errors: a misspelt "pasword" must not silently mean "no password".
  void RejectUnknown(std::initializer_list<std::string_view> known) {
    for (const auto& [key, unused] : table_) {
      if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
        Fail(key.str(), "is not a known setting");
      }
    }
  }

  void Text(std::string_view key, std::string& target, bool required) {
    if (!table_.contains(key)) {
      if (required) Fail(key, "is required");
      return;
    }
    auto value = table_[key].value<std::string>();
    if (!value || value->size() > kMaxTextBytes || (required && value->empty())) {
      Fail(key, "must be a non-empty string of at most 1024 bytes");
      return;
    }
    if (value->find_first_of("\r\n") != std::string::npos) {
      Fail(key, "must not contain line breaks");  // they would inject protocol commands
      return;
    }
    target = *value;
  }

  void Password(std::string_view key, Secret& target) {
    std::string value;
    Text(key, value, false);
    target = Secret(std::move(value));
  }

  void Integer(std::string_view key, int& target, int64_t min, int64_t max) {
    if (!table_.contains(key)) return;
    auto value = table_[key].value_exact<int64_t>();
    if (!value || *value < min || *value > max) {
      Fail(key,
           "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
      return;
    }
    target = static_cast<int>(*value);
  }

  void Seconds(std::string_view key, std::chrono::seconds& target) {
    int seconds = static_cast<int>(target.count());
    Integer(key, seconds, 1, kMaxSeconds);
    target = std::chrono::seconds(seconds);
  }

  void Bool(std::string_view key, bool& target) {
    if (!table_.contains(key)) return;
    auto value = table_[key].value_exact<bool>();
    if (!value) {
      Fail(key, "must be true or false");
      return;
    }
    target = *value;
  }

 private:
  const toml::table& table_;
  std::string prefix_;
  std::vector<FieldError>& errors_;
};

SmtpConfig ReadSmtp(const toml::table& table, std::vector<FieldError>& errors) {
  SmtpConfig smtp;
  FieldReader fields(table, "mail.smtp", errors);
  fields.RejectUnknown({"host", "port", "security", "user", "password", "from_domain", "from",
                        "timeout_seconds", "ca_file"});
  fields.Text("host", smtp.host, true);
  fields.Text("from_domain", smtp.from_domain, true);
  fields.Text("from", smtp.from, false);
  if (!smtp.from.empty() && (smtp.from.find('@') == std::string::npos ||
                             smtp.from.find_first_of(" <>") != std::string::npos)) {
    fields.Fail("from", "must be a bare address, local@domain");
  }
  std::string security = "starttls";
  fields.Text("security", security, false);
  if (security == "none") {
    smtp.security = SmtpSecurity::kNone;
  } else if (security == "starttls") {
    smtp.security = SmtpSecurity::kStartTls;
  } else if (security == "tls") {
    smtp.security = SmtpSecurity::kTls;
    smtp.port = 465;
  } else {
    fields.Fail("security", "must be one of none, starttls, tls");
  }
  fields.Integer("port", smtp.port, 1, kMaxPort);
  fields.Text("user", smtp.user, false);
  fields.Password("password", smtp.password);
  if (!smtp.user.empty() && smtp.password.empty()) {
    fields.Fail("password", "is required when user is set");
  }
  if (smtp.user.empty() && !smtp.password.empty()) {
    fields.Fail("user", "is required when password is set");
  }
  fields.Seconds("timeout_seconds", smtp.timeout);
  fields.Text("ca_file", smtp.ca_file, false);
  return smtp;
}

ImapMailboxConfig ReadMailbox(const toml::table& table, const std::string& prefix,
                              std::vector<FieldError>& errors) {
  ImapMailboxConfig box;
  FieldReader fields(table, prefix, errors);
  fields.RejectUnknown({"name", "host", "port", "tls", "user", "password", "folder", "poll_seconds",
                        "idle", "timeout_seconds", "ca_file", "address", "queue"});
  fields.Text("host", box.host, true);
  fields.Bool("tls", box.tls);
  if (!box.tls) box.port = 143;
  fields.Integer("port", box.port, 1, kMaxPort);
  fields.Text("user", box.user, true);
  fields.Password("password", box.password);
  if (box.password.empty()) fields.Fail("password", "is required");
  fields.Text("folder", box.folder, false);
  if (box.folder.empty()) fields.Fail("folder", "must not be empty");
  // The default name is stable as long as the mailbox is: whoever changes it knows they start over.
  box.name = box.user + "@" + box.host + "/" + box.folder;
  fields.Text("name", box.name, false);
  fields.Seconds("poll_seconds", box.poll_interval);
  fields.Bool("idle", box.idle);
  fields.Seconds("timeout_seconds", box.timeout);
  fields.Text("ca_file", box.ca_file, false);
  fields.Text("address", box.address, false);
  if (box.address.empty() && box.user.find('@') != std::string::npos) box.address = box.user;
  fields.Text("queue", box.queue, false);
  return box;
}

// The most attempts one mail may take: beyond that a failure should reach a person, not a queue.
constexpr int64_t kMaxAttempts = 100;

OutboxConfig ReadOutbox(const toml::table& table, std::vector<FieldError>& errors) {
  OutboxConfig outbox;
  FieldReader fields(table, "mail.outbox", errors);
  fields.RejectUnknown({"max_attempts", "first_retry_seconds", "max_retry_seconds"});
  fields.Integer("max_attempts", outbox.max_attempts, 1, kMaxAttempts);
  fields.Seconds("first_retry_seconds", outbox.first_retry);
  fields.Seconds("max_retry_seconds", outbox.max_retry);
  if (outbox.max_retry < outbox.first_retry) {
    fields.Fail("max_retry_seconds", "must not be less than first_retry_seconds");
  }
  return outbox;
}

}  // namespace

Result<MailConfig> ReadMailConfig(const toml::table& root) {
  MailConfig config;
  if (!root.contains(kMailConfigKey)) return config;
  const toml::table* mail = root[kMailConfigKey].as_table();
  if (mail == nullptr)
    return Error::Invalid("mail", "must be a table ([mail.smtp], [[mail.imap]])");
  std::vector<FieldError> errors;
  for (const auto& [key, unused] : *mail) {
    if (key.str() != "smtp" && key.str() != "imap" && key.str() != "outbox") {
      errors.push_back(
          {"mail." + std::string(key.str()), "is not a known setting (smtp, imap, outbox)"});
    }
  }
  if (mail->contains("smtp")) {
    if (const toml::table* smtp = (*mail)["smtp"].as_table()) {
      config.smtp = ReadSmtp(*smtp, errors);
    } else {
      errors.push_back({"mail.smtp", "must be a table ([mail.smtp])"});
    }
  }
  if (mail->contains("imap")) {
    const toml::array* boxes = (*mail)["imap"].as_array();
    if (boxes == nullptr || boxes->size() > kMaxMailboxes) {
      errors.push_back({"mail.imap", "must be a list of at most 1000 tables ([[mail.imap]])"});
    } else {
      std::set<std::string> names;
      for (size_t i = 0; i < boxes->size(); ++i) {
        const std::string prefix = "mail.imap[" + std::to_string(i) + "]";
        const toml::table* table = boxes->get(i)->as_table();
        if (table == nullptr) {
          errors.push_back({prefix, "must be a table"});
          continue;
        }
        config.imap.push_back(ReadMailbox(*table, prefix, errors));
        if (!names.insert(config.imap.back().name).second) {
          errors.push_back({prefix + ".name", "is used by another mailbox; names must be unique"});
        }
      }
    }
  }
  if (mail->contains("outbox")) {
    if (const toml::table* outbox = (*mail)["outbox"].as_table()) {
      config.outbox = ReadOutbox(*outbox, errors);
    } else {
      errors.push_back({"mail.outbox", "must be a table ([mail.outbox])"});
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return config;
}

}  // namespace rapport::mail
