// Reading task bodies (POST and PATCH /api/v1/tasks) into checked values before storage is
// touched: every problem is a FieldError naming the exact field, all reported at once, and an
// unknown key is refused by name. What needs the database (does the assignee exist, may the
// caller read the customer?) is the service's. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "common/json.hpp"
#include "common/result.hpp"

namespace rapport::tasks {

// A title is one line a list shows whole; notes are a paragraph or two, outcomes a sentence.
inline constexpr size_t kMaxTitleCharacters = 200;
inline constexpr size_t kMaxNotesCharacters = 5000;
inline constexpr size_t kMaxOutcomeCharacters = 2000;
// Record ids are short prefixed strings (common/ids.hpp); anything longer is not one of ours.
inline constexpr size_t kMaxIdLength = 64;

// A new task. The assignee defaults to the caller (the service's rule).
struct TaskInput {
  std::string title;
  std::optional<std::string> notes;
  std::string due_at;  // normalised RFC 3339 UTC
  std::optional<std::string> assignee_id;
  std::optional<std::string> customer_id;
  std::optional<std::string> company_id;
  std::optional<std::string> ticket_id;
  std::string priority = "normal";
  std::optional<std::string> remind_at;
  bool remind_by_email = false;
};

// A change: each member set only when the body named it; for the optional fields an inner
// nullopt means "clear it" (JSON null).
struct TaskPatch {
  std::optional<std::string> title;
  std::optional<std::optional<std::string>> notes;
  std::optional<std::string> due_at;
  std::optional<std::string> assignee_id;
  std::optional<std::optional<std::string>> customer_id;
  std::optional<std::optional<std::string>> company_id;
  std::optional<std::optional<std::string>> ticket_id;
  std::optional<std::string> priority;
  std::optional<std::string> status;
  std::optional<std::optional<std::string>> outcome;
  std::optional<std::optional<std::string>> remind_at;
  std::optional<bool> remind_by_email;
  // Not a field of the task: closing it (status done) also mails the outcome to its customer
  // (docs/design/tasks.md § Closing the loop).
  std::optional<bool> notify_customer;
};

Result<TaskInput> ParseTaskInput(const json::object& body);
Result<TaskPatch> ParseTaskPatch(const json::object& body);

}  // namespace rapport::tasks
