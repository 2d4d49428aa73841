// Task: one staff to-do (docs/design/tasks.md) — what it is, when it is due, whose it is, what it
// is about (at most one customer, company and ticket), and how it ended. The one shape the store,
// the service, the reminders and the API share; TaskToJson is the API's record. Plain values;
// thread-compatible.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/json.hpp"

namespace rapport::tasks {

inline constexpr std::array<std::string_view, 4> kPriorities = {"low", "normal", "high", "urgent"};
inline constexpr std::array<std::string_view, 3> kStatuses = {"open", "done", "cancelled"};

struct Task {
  std::string id;
  std::string title;
  std::optional<std::string> notes;
  std::string due_at;  // RFC 3339 UTC, milliseconds
  std::string assignee_id;
  std::optional<std::string> creator_id;  // nullopt: the system
  std::optional<std::string> customer_id;
  std::optional<std::string> company_id;
  std::optional<std::string> ticket_id;
  std::string priority = "normal";
  std::string status = "open";
  std::optional<std::string> outcome;  // how it ended ("called, refunded shipping")
  std::optional<std::string> remind_at;
  bool remind_by_email = false;  // the reminder also goes by e-mail to the assignee
  std::optional<std::string> completed_at;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
};

json::object TaskToJson(const Task& task);
// What every task event names: id, title, status, priority, due time, assignee, links, version.
// Never the notes or the outcome (free text stays on the record and in the audit trail).
json::object TaskRef(const Task& task);

}  // namespace rapport::tasks
