#include "tasks/task_input.hpp"

#include <algorithm>
#include <vector>

#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "tasks/task.hpp"

namespace rapport::tasks {
namespace {

template <size_t N>
bool OneOf(const std::array<std::string_view, N>& allowed, std::string_view value) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

// Reads one member at a time into `errors`; each Read* answers nullopt when the value is refused.
class Reader {
 public:
  explicit Reader(std::vector<FieldError>& errors) : errors_(errors) {}

  std::optional<std::string> Text(std::string_view key, const json::value& value, size_t limit,
                                  TextKind kind) {
    if (!value.is_string()) return Refuse(key, "must be a string");
    CleanedText cleaned = CleanText(value.as_string(), limit, kind);
    if (!cleaned.problem.empty()) return Refuse(key, cleaned.problem);
    if (cleaned.text.empty()) return Refuse(key, "must not be empty");
    return std::move(cleaned.text);
  }
  std::optional<std::string> Instant(std::string_view key, const json::value& value) {
    auto instant = value.is_string() ? NormalizeInstant(value.as_string()) : std::nullopt;
    if (!instant) return Refuse(key, "must be an RFC 3339 time such as 2026-12-24T09:00:00Z");
    return instant;
  }
  std::optional<std::string> Id(std::string_view key, const json::value& value) {
    if (!value.is_string() || value.as_string().empty() ||
        value.as_string().size() > kMaxIdLength) {
      return Refuse(key, "must be an id");
    }
    return std::string(value.as_string());
  }
  template <size_t N>
  std::optional<std::string> Enum(std::string_view key, const json::value& value,
                                  const std::array<std::string_view, N>& allowed) {
    if (!value.is_string() || !OneOf(allowed, value.as_string())) {
      std::string words;
      for (size_t i = 0; i < N; ++i)
        words += (i == 0 ? "" : i + 1 == N ? " or " : ", ") + std::string(allowed[i]);
      return Refuse(key, "must be " + words);
    }
    return std::string(value.as_string());
  }
  // An optional member: JSON null clears it (inner nullopt); a refused value is outer nullopt.
  std::optional<bool> Bool(std::string_view key, const json::value& value) {
    if (value.is_bool()) return value.as_bool();
    Refuse(key, "must be true or false");
    return std::nullopt;
  }

  template <typename ReadFn>
  std::optional<std::optional<std::string>> Clearable(const json::value& value, ReadFn read) {
    if (value.is_null()) return std::optional<std::string>();
    auto read_value = read();
    if (!read_value) return std::nullopt;
    return std::optional<std::string>(std::move(*read_value));
  }

 private:
  std::optional<std::string> Refuse(std::string_view key, std::string message) {
    errors_.push_back({std::string(key), std::move(message)});
    return std::nullopt;
  }
  std::vector<FieldError>& errors_;
};

Status Done(std::vector<FieldError>& errors) {
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return OkStatus();
}

}  // namespace

Result<TaskInput> ParseTaskInput(const json::object& body) {
  std::vector<FieldError> errors;
  Reader read(errors);
  TaskInput in;
  bool has_title = false;
  bool has_due = false;
  for (const auto& [key_view, value] : body) {
    const std::string key(key_view);
    if (key == "title") {
      has_title = true;
      if (auto title = read.Text(key, value, kMaxTitleCharacters, TextKind::kSingleLine)) {
        in.title = std::move(*title);
      }
    } else if (key == "notes") {
      if (!value.is_null()) {
        in.notes = read.Text(key, value, kMaxNotesCharacters, TextKind::kMultiLine);
      }
    } else if (key == "due_at") {
      has_due = true;
      if (auto due = read.Instant(key, value)) in.due_at = std::move(*due);
    } else if (key == "remind_at") {
      if (!value.is_null()) in.remind_at = read.Instant(key, value);
    } else if (key == "remind_by_email") {
      if (auto flag = read.Bool(key, value)) in.remind_by_email = *flag;
    } else if (key == "assignee_id" || key == "customer_id" || key == "company_id" ||
               key == "ticket_id") {
      if (value.is_null() && key != "assignee_id") continue;
      std::optional<std::string> id = read.Id(key, value);
      if (key == "assignee_id") in.assignee_id = std::move(id);
      if (key == "customer_id") in.customer_id = std::move(id);
      if (key == "company_id") in.company_id = std::move(id);
      if (key == "ticket_id") in.ticket_id = std::move(id);
    } else if (key == "priority") {
      if (auto priority = read.Enum(key, value, kPriorities)) in.priority = std::move(*priority);
    } else if (key == "status") {
      // A new task is open; "done" and "cancelled" are moves of an existing one.
      if (!value.is_string() || value.as_string() != "open") {
        errors.push_back({key, "a new task is open"});
      }
    } else {
      errors.push_back({key, "is not a known field"});
    }
  }
  if (!has_title) errors.push_back({"title", "is required"});
  if (!has_due) errors.push_back({"due_at", "is required"});
  RAPPORT_RETURN_IF_ERROR(Done(errors));
  return in;
}

Result<TaskPatch> ParseTaskPatch(const json::object& body) {
  std::vector<FieldError> errors;
  Reader read(errors);
  TaskPatch patch;
  for (const auto& [key_view, value] : body) {
    const std::string key(key_view);
    if (key == "title") {
      patch.title = read.Text(key, value, kMaxTitleCharacters, TextKind::kSingleLine);
    } else if (key == "notes") {
      patch.notes = read.Clearable(
          value, [&] { return read.Text(key, value, kMaxNotesCharacters, TextKind::kMultiLine); });
    } else if (key == "outcome") {
      patch.outcome = read.Clearable(value, [&] {
        return read.Text(key, value, kMaxOutcomeCharacters, TextKind::kMultiLine);
      });
    } else if (key == "due_at") {
      patch.due_at = read.Instant(key, value);
    } else if (key == "remind_at") {
      patch.remind_at = read.Clearable(value, [&] { return read.Instant(key, value); });
    } else if (key == "remind_by_email") {
      patch.remind_by_email = read.Bool(key, value);
    } else if (key == "notify_customer") {
      patch.notify_customer = read.Bool(key, value);
    } else if (key == "assignee_id") {
      patch.assignee_id = read.Id(key, value);
    } else if (key == "customer_id") {
      patch.customer_id = read.Clearable(value, [&] { return read.Id(key, value); });
    } else if (key == "company_id") {
      patch.company_id = read.Clearable(value, [&] { return read.Id(key, value); });
    } else if (key == "ticket_id") {
      patch.ticket_id = read.Clearable(value, [&] { return read.Id(key, value); });
    } else if (key == "priority") {
      patch.priority = read.Enum(key, value, kPriorities);
    } else if (key == "status") {
      patch.status = read.Enum(key, value, kStatuses);
    } else {
      errors.push_back({key, "is not a known field"});
    }
  }
  RAPPORT_RETURN_IF_ERROR(Done(errors));
  return patch;
}

}  // namespace rapport::tasks
