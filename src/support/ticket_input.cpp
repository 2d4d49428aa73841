#include "support/ticket_input.hpp"

#include <algorithm>

#include "common/unicode_text.hpp"
#include "support/ticket_rules.hpp"

namespace rapport::support {
namespace {

// RFC 5322 ids are short; a thread's References list is capped where mail clients cap it.
constexpr size_t kMaxMessageIdLength = 998;
constexpr size_t kMaxReferences = 100;
constexpr size_t kMaxIdLength = 64;
constexpr size_t kMaxRequesterLength = 320;
constexpr size_t kMaxNameLength = 200;
constexpr size_t kMaxAttachmentIds = 50;  // attachment_store.hpp kMaxAttachmentsPerMessage

constexpr std::array<std::string_view, 2> kKinds{"reply", "note"};
constexpr std::array<std::string_view, 3> kAuthorTypes{"customer", "staff", "system"};

class Reader {
 public:
  Reader(const json::object& input, std::string path, std::vector<FieldError>& errors)
      : input_(input), path_(std::move(path)), errors_(errors) {}

  void Fail(std::string_view key, std::string message) {
    errors_.push_back({path_ + std::string(key), std::move(message)});
  }
  // A text field; nullopt when absent or refused (then an error is recorded).
  std::optional<std::string> Text(std::string_view key, size_t limit, TextKind kind,
                                  bool allow_empty = false) {
    const json::value* v = input_.if_contains(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) {
      Fail(key, "must be a string of at most " + std::to_string(limit) + " characters");
      return std::nullopt;
    }
    CleanedText cleaned = CleanText(v->as_string(), limit, kind);
    if (!cleaned.problem.empty()) {
      Fail(key, std::move(cleaned.problem));
      return std::nullopt;
    }
    if (cleaned.text.empty() && !allow_empty) {
      Fail(key, "must not be empty");
      return std::nullopt;
    }
    return std::move(cleaned.text);
  }
  template <size_t N>
  std::optional<std::string> Enum(std::string_view key, const std::array<std::string_view, N>& in) {
    const json::value* v = input_.if_contains(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string() || !OneOf(in, v->as_string())) {
      Fail(key, "must be one of " + Listed(in));
      return std::nullopt;
    }
    return std::string(v->as_string());
  }
  // Absent: nullopt; null: an engaged nullopt (clear); a string: the id.
  std::optional<std::optional<std::string>> Nullable(std::string_view key) {
    const json::value* v = input_.if_contains(key);
    if (v == nullptr) return std::nullopt;
    if (v->is_null()) return std::optional<std::string>();
    if (!v->is_string() || v->as_string().empty() || v->as_string().size() > kMaxIdLength) {
      Fail(key, "must be an id or null");
      return std::nullopt;
    }
    return std::optional<std::string>(std::string(v->as_string()));
  }
  std::optional<std::vector<std::string>> Tags() {
    const json::value* v = input_.if_contains("tags");
    if (v == nullptr) return std::nullopt;
    if (!v->is_array() || v->as_array().size() > kMaxTags) {
      Fail("tags", "must be an array of at most " + std::to_string(kMaxTags) + " tags");
      return std::nullopt;
    }
    std::vector<std::string> tags;
    for (size_t i = 0; i < v->as_array().size(); ++i) {
      const json::value& item = v->as_array()[i];
      auto tag = item.is_string() ? NormalizeTag(item.as_string()) : std::nullopt;
      if (!tag) {
        Fail("tags[" + std::to_string(i) + "]", "must be 1 to 40 characters of a-z, 0-9, _ and -");
        continue;
      }
      tags.push_back(std::move(*tag));
    }
    return SortedDistinct(std::move(tags));
  }
  std::optional<std::vector<std::string>> Ids(std::string_view key, size_t limit) {
    const json::value* v = input_.if_contains(key);
    if (v == nullptr) return std::nullopt;
    bool ok = v->is_array() && v->as_array().size() <= limit;
    std::vector<std::string> ids;
    if (ok) {
      for (const auto& item : v->as_array()) {
        ok = ok && item.is_string() && !item.as_string().empty() &&
             item.as_string().size() <= kMaxIdLength;
        if (ok) ids.emplace_back(item.as_string());
      }
    }
    if (!ok) {
      Fail(key, "must be an array of at most " + std::to_string(limit) + " user ids");
      return std::nullopt;
    }
    return SortedDistinct(std::move(ids));
  }
  std::optional<std::string> MessageId(std::string_view key) {
    return Text(key, kMaxMessageIdLength, TextKind::kSingleLine);
  }

 private:
  static std::vector<std::string> SortedDistinct(std::vector<std::string> values) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return values;
  }

  const json::object& input_;
  std::string path_;
  std::vector<FieldError>& errors_;
};

bool Known(const json::object& input, std::initializer_list<std::string_view> keys,
           const std::string& path, std::vector<FieldError>& errors) {
  bool all = true;
  for (const auto& [key, unused] : input) {
    if (std::find(keys.begin(), keys.end(), std::string_view(key)) == keys.end()) {
      errors.push_back({path + std::string(key), "is not a known field"});
      all = false;
    }
  }
  return all;
}

void ReadFields(const json::object& input, TicketFields& out, std::vector<FieldError>& errors) {
  Reader reader(input, {}, errors);
  out.subject = reader.Text("subject", kMaxSubjectLength, TextKind::kSingleLine);
  out.priority = reader.Enum("priority", kPriorities);
  out.queue_id = reader.Nullable("queue_id");
  out.assignee_id = reader.Nullable("assignee_id");
  out.tags = reader.Tags();
  out.follower_ids = reader.Ids("follower_ids", kMaxFollowers);
  if (const json::value* type = input.if_contains("type")) {
    if (type->is_null()) {
      out.type = std::optional<std::string>();
    } else if (auto value = reader.Enum("type", kTypes)) {
      out.type = std::optional<std::string>(*value);
    }
  }
  if (const json::value* custom = input.if_contains("custom_fields")) {
    if (!custom->is_object()) {
      errors.push_back({"custom_fields", "must be an object"});
    } else {
      out.custom_fields = *custom;
    }
  }
}

}  // namespace

void ReadMessage(const json::object& input, const std::string& path, MessageInput& out,
                 std::vector<FieldError>& errors) {
  // Uploads belong to a ticket, so only a message to an existing one (no path) names them.
  if (path.empty()) {
    Known(input,
          {"kind", "author_type", "body_text", "body_html", "message_id", "in_reply_to",
           "references", "status", "attachment_ids"},
          path, errors);
  } else {
    Known(input,
          {"kind", "author_type", "body_text", "body_html", "message_id", "in_reply_to",
           "references", "status"},
          path, errors);
  }
  Reader reader(input, path, errors);
  if (const json::value* ids = input.if_contains("attachment_ids"); ids && path.empty()) {
    bool ok = ids->is_array() && ids->as_array().size() <= kMaxAttachmentIds;
    for (size_t i = 0; ok && i < ids->as_array().size(); ++i) {
      const json::value& id = ids->as_array()[i];
      ok = id.is_string() && !id.as_string().empty() && id.as_string().size() <= kMaxIdLength;
      if (ok) out.attachment_ids.emplace_back(id.as_string());
    }
    if (!ok) {
      out.attachment_ids.clear();
      reader.Fail("attachment_ids", "must be an array of at most 50 attachment ids");
    }
  }
  if (auto kind = reader.Enum("kind", kKinds)) out.kind = *kind;
  if (auto author = reader.Enum("author_type", kAuthorTypes)) out.author_type = *author;
  if (auto body = reader.Text("body_text", kMaxBodyLength, TextKind::kMultiLine)) {
    out.body_text = std::move(*body);
  } else if (!input.contains("body_text")) {
    reader.Fail("body_text", "is required");
  }
  if (const json::value* html = input.if_contains("body_html"); html && !html->is_null()) {
    // Kept raw (never rendered by the server), so only its size and type are checked.
    if (!html->is_string() || html->as_string().size() > kMaxHtmlLength) {
      reader.Fail("body_html", "must be a string of at most 1000000 bytes");
    } else {
      out.body_html = std::string(html->as_string());
    }
  }
  out.message_id = reader.MessageId("message_id");
  out.in_reply_to = reader.MessageId("in_reply_to");
  if (const json::value* refs = input.if_contains("references")) {
    bool ok = refs->is_array() && refs->as_array().size() <= kMaxReferences;
    for (size_t i = 0; ok && i < refs->as_array().size(); ++i) {
      const json::value& ref = refs->as_array()[i];
      ok = ref.is_string() && !ref.as_string().empty() &&
           ref.as_string().size() <= kMaxMessageIdLength;
    }
    if (ok) {
      out.references = refs->as_array();
    } else {
      reader.Fail("references", "must be an array of at most 100 message ids");
    }
  }
  out.status = reader.Enum("status", kStatuses);
  if (out.kind == "note" && out.author_type != "staff") {
    reader.Fail("author_type", "an internal note is written by staff");
  }
}

Result<MessageInput> ParseMessage(const json::object& input, const std::string& path) {
  std::vector<FieldError> errors;
  MessageInput out;
  ReadMessage(input, path, out, errors);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return out;
}

Result<TicketFields> ParsePatch(const json::object& input) {
  std::vector<FieldError> errors;
  Known(input,
        {"subject", "status", "priority", "type", "queue_id", "assignee_id", "tags", "follower_ids",
         "custom_fields"},
        {}, errors);
  TicketFields out;
  ReadFields(input, out, errors);
  out.status = Reader(input, {}, errors).Enum("status", kStatuses);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return out;
}

Result<CreateInput> ParseCreate(const json::object& input) {
  std::vector<FieldError> errors;
  Known(input,
        {"subject", "priority", "type", "queue_id", "assignee_id", "tags", "follower_ids",
         "custom_fields", "channel", "customer_id", "requester", "message", "mailbox"},
        {}, errors);
  CreateInput out;
  ReadFields(input, out.fields, errors);
  Reader reader(input, {}, errors);
  if (!out.fields.subject && !input.contains("subject")) reader.Fail("subject", "is required");
  if (auto channel = reader.Enum("channel", kChannels)) out.channel = *channel;
  out.mailbox = reader.Text("mailbox", kMaxRequesterLength, TextKind::kSingleLine);
  if (auto customer = reader.Nullable("customer_id")) out.customer_id = *customer;
  if (const json::value* requester = input.if_contains("requester")) {
    if (!requester->is_object()) {
      reader.Fail("requester", "must be an object with an email or a phone");
    } else {
      const json::object& r = requester->as_object();
      Known(r, {"email", "phone", "name"}, "requester.", errors);
      Reader inner(r, "requester.", errors);
      out.requester_email = inner.Text("email", kMaxRequesterLength, TextKind::kSingleLine);
      out.requester_phone = inner.Text("phone", kMaxRequesterLength, TextKind::kSingleLine);
      out.requester_name = inner.Text("name", kMaxNameLength, TextKind::kSingleLine);
      if (!r.contains("email") && !r.contains("phone")) {
        inner.Fail("email", "an email address or a phone number is required");
      }
    }
  }
  if (!out.customer_id && !input.contains("requester") && !input.contains("customer_id")) {
    reader.Fail("customer_id", "a customer_id or a requester is required");
  }
  const json::value* message = input.if_contains("message");
  if (message == nullptr || !message->is_object()) {
    reader.Fail("message", "is required: the first message, an object with body_text");
  } else {
    // The first message of a new request is the customer's unless said otherwise.
    out.message.author_type = "customer";
    ReadMessage(message->as_object(), "message.", out.message, errors);
    if (out.message.status) reader.Fail("message.status", "is not accepted on a new ticket");
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return out;
}

}  // namespace rapport::support
