// /api/v1/tasks (list, get, create, change, delete): thin handlers over tasks::TaskService, and
// the task schemas of the OpenAPI document.
#include "http/api.hpp"
#include "http/handler_support.hpp"

namespace rapport::http {
namespace {

std::string TaskUrl(const json::object& task) {
  return "/api/v1/tasks/" + std::string(task.at("id").as_string());
}

// ?assignee=me|<user id>&due=today|overdue|upcoming&day_end=&customer_id=&status=&limit=&cursor=
Result<tasks::TaskQuery> QueryFromUrl(const Request& request, const Caller& caller) {
  tasks::TaskQuery query;
  if (auto assignee = request.Query("assignee"); assignee && !assignee->empty()) {
    if (*assignee != "me") {
      query.assignee_id = *assignee;
    } else if (caller.Access().user_id().empty()) {
      return Error::Invalid("assignee", "me needs a credential of a member of staff");
    } else {
      query.assignee_id = caller.Access().user_id();
    }
  }
  auto named = [&](std::string_view name) -> std::optional<std::string> {
    auto value = request.Query(std::string(name));
    if (!value || value->empty()) return std::nullopt;
    return value;
  };
  query.due = named("due");
  query.day_end = named("day_end");
  query.customer_id = named("customer_id");
  query.status = named("status");
  query.cursor = named("cursor");
  RAPPORT_ASSIGN_OR_RETURN(query.limit, ParseLimit(request.Query("limit")));
  return query;
}

}  // namespace

void AddTaskRoutes(Router& router, ApiServices& s) {
  if (s.tasks == nullptr) return;
  tasks::TaskService& service = *s.tasks;
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/tasks",
       .summary = "List tasks by due time: assignee (me or a user id), due (today, "
                  "overdue, upcoming; day_end names the end of the caller's today), "
                  "customer_id, status",
       .tag = "tasks",
       .response_schema = "TaskPage",
       .handler = [&service](const Request& request, const PathParams&, const Caller& caller) {
         auto query = QueryFromUrl(request, caller);
         if (!query.ok()) return ErrorResponse(request, query.error());
         return PageResponse(request, service.List(caller.Access(), *query));
       }});
  router.Add(
      {.method = "POST",
       .pattern = "/api/v1/tasks",
       .summary = "Create a task, assigned to the caller unless assignee_id names another "
                  "member of staff (Idempotency-Key honoured)",
       .tag = "tasks",
       .success_status = 201,
       .request_schema = "TaskInput",
       .response_schema = "Task",
       .handler = [&s, &service](const Request& request, const PathParams&, const Caller& caller) {
         auto body = ParseBody(request);
         if (!body.ok()) return ErrorResponse(request, body.error());
         return IdempotentCreate(
             s.database, request, caller,
             [&](const storage::WriteContext& context) {
               return service.Create(caller.Access(), context, *body);
             },
             TaskUrl,
             [&](const json::object& first) {
               return service.Get(caller.Access(), StoredId(first));
             });
       }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/tasks/{id}",
              .summary = "Get a task (ETag)",
              .tag = "tasks",
              .response_schema = "Task",
              .handler = [&service](const Request& request, const PathParams& params,
                                    const Caller& caller) {
                return RecordResponse(request, service.Get(caller.Access(), params.at("id")));
              }});
  router.Add(
      {.method = "PATCH",
       .pattern = "/api/v1/tasks/{id}",
       .summary = "Change a task: complete (status done, outcome, notify_customer?), cancel, "
                  "reopen, reassign, reschedule, relink (If-Match honoured)",
       .tag = "tasks",
       .request_schema = "TaskPatch",
       .response_schema = "Task",
       .handler = [&service](const Request& request, const PathParams& params,
                             const Caller& caller) {
         return VersionedPatch(
             request, caller, [&](const auto& context, const auto& patch, auto version) {
               return service.Update(caller.Access(), context, params.at("id"), patch, version);
             });
       }});
  router.Add(
      VersionedDeleteRoute("/api/v1/tasks/{id}", "Delete a task (If-Match honoured)", "tasks",
                           [&service](const Caller& caller, const storage::WriteContext& context,
                                      const std::string& id, std::optional<int64_t> version) {
                             return service.Delete(caller.Access(), context, id, version);
                           }));
}

json::object TaskSchemas() {
  return json::parse(R"json({
  "TaskFields": {"type": "object", "properties": {
    "title": {"type": "string", "minLength": 1, "maxLength": 200},
    "notes": {"type": ["string", "null"], "maxLength": 5000},
    "due_at": {"type": "string", "format": "date-time"},
    "assignee_id": {"type": "string", "description": "a member of staff: the task's owner for record access"},
    "customer_id": {"type": ["string", "null"]}, "company_id": {"type": ["string", "null"]},
    "ticket_id": {"type": ["string", "null"], "description": "a ticket of the task's customer; sets customer_id when it is empty"},
    "priority": {"enum": ["low", "normal", "high", "urgent"]},
    "remind_at": {"type": ["string", "null"], "format": "date-time", "description": "when the assignee gets a task.reminder notice"},
    "remind_by_email": {"type": "boolean", "description": "the reminder (and the overdue notice) also by e-mail to the assignee"}}},
  "TaskInput": {"type": "object", "required": ["title", "due_at"], "allOf": [{"$ref": "#/components/schemas/TaskFields"}]},
  "TaskPatch": {"type": "object", "allOf": [{"$ref": "#/components/schemas/TaskFields"}], "properties": {
    "status": {"enum": ["open", "done", "cancelled"]},
    "outcome": {"type": ["string", "null"], "maxLength": 2000, "description": "how it ended: called, refunded shipping"},
    "notify_customer": {"type": "boolean", "description": "with status done and an outcome: also mail the outcome to the task's customer (transactional, no marketing consent needed) and put it on their timeline"}}},
  "Task": {"type": "object", "required": ["id", "title", "notes", "due_at", "assignee_id", "creator_id", "customer_id",
      "company_id", "ticket_id", "priority", "status", "outcome", "remind_at", "completed_at", "created_at", "updated_at", "version"],
    "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "notes": {"type": ["string", "null"]},
    "due_at": {"type": "string", "format": "date-time"}, "assignee_id": {"type": "string"},
    "creator_id": {"type": ["string", "null"], "description": "null: made by the system (a feedback rule)"},
    "customer_id": {"type": ["string", "null"]}, "company_id": {"type": ["string", "null"]}, "ticket_id": {"type": ["string", "null"]},
    "priority": {"enum": ["low", "normal", "high", "urgent"]}, "status": {"enum": ["open", "done", "cancelled"]},
    "outcome": {"type": ["string", "null"]}, "remind_at": {"type": ["string", "null"]},
    "remind_by_email": {"type": "boolean"},
    "completed_at": {"type": ["string", "null"], "description": "when it was done or cancelled"},
    "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"},
    "version": {"type": "integer"}}},
  "TaskPage": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Task"}},
    "next_cursor": {"type": ["string", "null"]}}}
})json")
      .as_object();
}

}  // namespace rapport::http
