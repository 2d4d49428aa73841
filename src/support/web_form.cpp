#include "support/web_form.hpp"

#include <algorithm>

#include "common/unicode_text.hpp"

namespace rapport::support {
namespace {

constexpr size_t kMaxName = 200;
constexpr size_t kMaxEmail = 254;  // RFC 5321's path limit
constexpr size_t kMaxSubject = 200;
constexpr size_t kMaxMessage = 10000;

// Field `key` cleaned to at most `max` characters; a problem is recorded against `key`.
std::string Field(const json::object& fields, std::string_view key, size_t max, TextKind kind,
                  bool required, std::vector<FieldError>& errors) {
  const json::value* value = fields.if_contains(key);
  if (value == nullptr || (value->is_string() && value->as_string().empty())) {
    if (required) errors.push_back({std::string(key), "is required"});
    return "";
  }
  if (!value->is_string()) {
    errors.push_back({std::string(key), "must be a string"});
    return "";
  }
  CleanedText cleaned = CleanText(value->as_string(), max, kind);
  if (cleaned.problem.empty() && required && cleaned.text.empty()) cleaned.problem = "is required";
  if (!cleaned.problem.empty()) errors.push_back({std::string(key), cleaned.problem});
  return cleaned.text;
}

}  // namespace

Result<WebFormRequest> ParseWebForm(const json::object& fields) {
  WebFormRequest request;
  if (const json::value* trap = fields.if_contains("website")) {
    request.honeypot_filled = !trap->is_string() || !trap->as_string().empty();
    if (request.honeypot_filled) return request;  // not worth validating
  }
  std::vector<FieldError> errors;
  for (const auto& [key, unused] : fields) {
    static constexpr std::string_view kKnown[] = {"name",    "email",    "subject",
                                                  "message", "queue_id", "website"};
    if (std::find(std::begin(kKnown), std::end(kKnown), key) == std::end(kKnown)) {
      errors.push_back({std::string(key), "is not a field of the form"});
    }
  }
  request.name = Field(fields, "name", kMaxName, TextKind::kSingleLine, false, errors);
  request.email = Field(fields, "email", kMaxEmail, TextKind::kSingleLine, true, errors);
  const size_t at = request.email.find('@');
  if (!request.email.empty() &&
      (at == std::string::npos || at == 0 || at + 1 == request.email.size() ||
       request.email.find_first_of(" <>,;") != std::string::npos)) {
    errors.push_back({"email", "must be an e-mail address"});
  }
  request.subject = Field(fields, "subject", kMaxSubject, TextKind::kSingleLine, true, errors);
  request.message = Field(fields, "message", kMaxMessage, TextKind::kMultiLine, true, errors);
  std::string queue = Field(fields, "queue_id", kMaxName, TextKind::kSingleLine, false, errors);
  if (!queue.empty()) request.queue_id = std::move(queue);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return request;
}

Result<json::object> OpenFromWebForm(TicketService& tickets, const storage::WriteContext& context,
                                     const WebFormRequest& request) {
  json::object requester{{"email", request.email}};
  if (!request.name.empty()) requester["name"] = request.name;
  json::object input{
      {"subject", request.subject},
      {"channel", "web_form"},
      {"requester", std::move(requester)},
      {"message", json::object{{"author_type", "customer"}, {"body_text", request.message}}}};
  if (request.queue_id) input["queue_id"] = *request.queue_id;
  // The form's caller is the public: the ticket is opened on its own behalf, as mail in is.
  auto opened = tickets.Create(access::Access::Unrestricted(), context, input);
  if (!opened.ok() && !opened.error().field_errors.empty()) {
    // Name the form's fields, not the ticket API's ("requester.email" is the form's "email").
    Error error = opened.error();
    for (auto& problem : error.field_errors) {
      if (problem.field.starts_with("requester.")) problem.field = problem.field.substr(10);
      if (problem.field == "message.body_text") problem.field = "message";
    }
    return error;
  }
  return opened;
}

}  // namespace rapport::support
