// /api/v1/tickets (list, search, get, open, change, merge), their messages (conversation, reply,
// note, split) and /api/v1/queues: thin handlers — parse, call the support area, map the result.
#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "support/queue_service.hpp"
#include "support/ticket_reports.hpp"
#include "support/ticket_service.hpp"

namespace rapport::http {
namespace {

std::string TicketUrl(const json::object& ticket) {
  return "/api/v1/tickets/" + std::string(ticket.at("id").as_string());
}

Result<support::TicketQuery> QueryFromUrl(const Request& request) {
  return ListQueryFromUrl<support::TicketQuery>(request);
}

// A message named by a first response, re-read with the caller's current access: {message,
// ticket} as AddMessage answers.
Result<json::object> CurrentMessage(support::TicketService& tickets, const Caller& caller,
                                    const json::object& first) {
  const json::object& ticket = first.at("ticket").as_object();
  const std::string ticket_id(ticket.at("id").as_string());
  RAPPORT_ASSIGN_OR_RETURN(json::array messages, tickets.Messages(caller.Access(), ticket_id));
  RAPPORT_ASSIGN_OR_RETURN(json::object current, tickets.Get(caller.Access(), ticket_id));
  for (auto& message : messages) {
    if (message.as_object().at("id") == first.at("message").as_object().at("id")) {
      return json::object{{"message", std::move(message)}, {"ticket", std::move(current)}};
    }
  }
  return Error::NotFound("The message is no longer on this ticket.");
}

void AddTicketRecordRoutes(Router& router, ApiServices& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/tickets",
              .summary = "List tickets, newest change first; q is a number (#1042) or words of "
                         "the subject",
              .tag = "tickets",
              .response_schema = "TicketPage",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                auto query = QueryFromUrl(request);
                if (!query.ok()) return ErrorResponse(request, query.error());
                return PageResponse(request, s.tickets.List(caller.Access(), *query));
              }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/customers/{id}/tickets",
       .summary = "The customer's tickets, newest change first (for the customer page)",
       .tag = "tickets",
       .response_schema = "TicketPage",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         auto query = QueryFromUrl(request);
         if (!query.ok()) return ErrorResponse(request, query.error());
         // A customer the caller may not read is not found, not an empty list.
         auto customer = s.customers.Get(caller.Access(), params.at("id"));
         if (!customer.ok()) return ErrorResponse(request, customer.error());
         query->filter =
             json::object{{"field", "customer_id"}, {"op", "eq"}, {"value", params.at("id")}};
         return PageResponse(request, s.tickets.List(caller.Access(), *query));
       }});
  router.Add(SearchRoute<support::TicketQuery>(
      {.pattern = "/api/v1/tickets/search",
       .summary = "Search tickets with a filter tree (docs/design/support.md)",
       .tag = "tickets",
       .request_schema = "TicketSearch",
       .response_schema = "TicketPage"},
      [&s](const Caller& caller, const support::TicketQuery& query) {
        return s.tickets.List(caller.Access(), query);
      }));
  router.Add({.method = "POST",
              .pattern = "/api/v1/tickets",
              .summary = "Open a ticket for a customer, matched or created by the requester's "
                         "address (Idempotency-Key honoured)",
              .tag = "tickets",
              .success_status = 201,
              .request_schema = "TicketInput",
              .response_schema = "Ticket",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                auto body = ParseBody(request);
                if (!body.ok()) return ErrorResponse(request, body.error());
                return IdempotentCreate(
                    s.database, request, caller,
                    [&](const storage::WriteContext& context) {
                      return s.tickets.Create(caller.Access(), context, *body);
                    },
                    TicketUrl,
                    [&](const json::object& first) {
                      return s.tickets.Get(caller.Access(), StoredId(first));
                    });
              }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/tickets/{id}",
       .summary = "Get a ticket (ETag)",
       .tag = "tickets",
       .response_schema = "Ticket",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         return RecordResponse(request, s.tickets.Get(caller.Access(), params.at("id")));
       }});
  router.Add(
      {.method = "PATCH",
       .pattern = "/api/v1/tickets/{id}",
       .summary = "Change a ticket's subject, status, priority, type, queue, assignee, tags, "
                  "followers or custom fields (If-Match honoured)",
       .tag = "tickets",
       .request_schema = "TicketPatch",
       .response_schema = "Ticket",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         return VersionedPatch(
             request, caller, [&](const auto& context, const auto& patch, auto v) {
               return s.tickets.Update(caller.Access(), context, params.at("id"), patch, v);
             });
       }});
  router.Add(
      {.method = "POST",
       .pattern = "/api/v1/tickets/{id}/merge",
       .summary = "Merge this ticket into another of the same customer; answers the target "
                  "(If-Match: this ticket's version)",
       .tag = "tickets",
       .request_schema = "TicketMerge",
       .response_schema = "Ticket",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         auto body = ParseBody(request);
         if (!body.ok()) return ErrorResponse(request, body.error());
         auto version = IfMatchVersion(request);
         if (!version.ok()) return ErrorResponse(request, version.error());
         for (const auto& [key, unused] : *body) {
           if (key != "into") {
             return ErrorResponse(request,
                                  Error::Invalid(std::string(key), "is not a known field"));
           }
         }
         auto into = OptionalString(*body, "into", "into");
         if (!into.ok()) return ErrorResponse(request, into.error());
         return RecordResponse(request,
                               s.tickets.Merge(caller.Access(), caller.Context(), params.at("id"),
                                               into->value_or(""), *version));
       }});
}

void AddMessageRoutes(Router& router, ApiServices& s) {
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/tickets/{id}/messages",
       .summary = "The ticket's conversation, oldest first, internal notes included",
       .tag = "tickets",
       .response_schema = "TicketMessageList",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         auto messages = s.tickets.Messages(caller.Access(), params.at("id"));
         if (!messages.ok()) return ErrorResponse(request, messages.error());
         return Response::Json(200, json::object{{"data", std::move(*messages)}});
       }});
  router.Add(
      {.method = "POST",
       .pattern = "/api/v1/tickets/{id}/messages",
       .summary = "Reply or write an internal note; If-Match carries the version the agent saw "
                  "(412 when the ticket changed meanwhile); Idempotency-Key honoured",
       .tag = "tickets",
       .success_status = 201,
       .request_schema = "TicketMessageInput",
       .response_schema = "TicketMessageResult",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         auto body = ParseBody(request);
         if (!body.ok()) return ErrorResponse(request, body.error());
         auto version = IfMatchVersion(request);
         if (!version.ok()) return ErrorResponse(request, version.error());
         const std::string id = params.at("id");
         return IdempotentCreate(
             s.database, request, caller,
             [&](const storage::WriteContext& context) {
               return s.tickets.AddMessage(caller.Access(), context, id, *body, *version);
             },
             [](const json::object&) { return std::string(); },
             [&](const json::object& first) { return CurrentMessage(s.tickets, caller, first); });
       }});
  router.Add(
      {.method = "POST",
       .pattern = "/api/v1/tickets/{id}/messages/{message}/split",
       .summary = "Move a message to a new ticket linked to this one (Idempotency-Key honoured)",
       .tag = "tickets",
       .success_status = 201,
       .request_schema = "TicketSplit",
       .response_schema = "Ticket",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         auto body = ParseBody(request);
         if (!body.ok()) return ErrorResponse(request, body.error());
         return IdempotentCreate(
             s.database, request, caller,
             [&](const storage::WriteContext& context) {
               return s.tickets.Split(caller.Access(), context, params.at("id"),
                                      params.at("message"), *body);
             },
             TicketUrl,
             [&](const json::object& first) {
               return s.tickets.Get(caller.Access(), StoredId(first));
             });
       }});
}

// Queues are read by callers whose queues read level is all (every built-in role).
std::optional<Response> DenyQueueRead(const Request& request, const Caller& caller) {
  if (caller.Access().LevelFor(access::Object::kQueues, access::Action::kRead) ==
      access::Level::kAll) {
    return std::nullopt;
  }
  return ErrorResponse(request,
                       access::NotPermitted(access::Object::kQueues, access::Action::kRead));
}

void AddQueueRoutes(Router& router, ApiServices& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/queues",
              .summary = "Every queue, by name",
              .tag = "tickets",
              .response_schema = "QueueList",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                if (auto denied = DenyQueueRead(request, caller)) return *denied;
                auto queues = s.queues.List();
                if (!queues.ok()) return ErrorResponse(request, queues.error());
                return Response::Json(
                    200, json::object{{"data", std::move(*queues)}, {"next_cursor", nullptr}});
              }});
  router.Add({.method = "POST",
              .pattern = "/api/v1/queues",
              .summary = "Create a queue (queues create level; Idempotency-Key honoured)",
              .tag = "tickets",
              .success_status = 201,
              .request_schema = "QueueInput",
              .response_schema = "Queue",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                auto body = ParseBody(request);
                if (!body.ok()) return ErrorResponse(request, body.error());
                return IdempotentCreate(
                    s.database, request, caller,
                    [&](const storage::WriteContext& context) {
                      return s.queues.Create(caller.Access(), context, *body);
                    },
                    [](const json::object& queue) {
                      return "/api/v1/queues/" + std::string(queue.at("id").as_string());
                    },
                    [&](const json::object& first) { return s.queues.Get(StoredId(first)); });
              }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/queues/{id}",
       .summary = "Get a queue (ETag)",
       .tag = "tickets",
       .response_schema = "Queue",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         if (auto denied = DenyQueueRead(request, caller)) return *denied;
         return RecordResponse(request, s.queues.Get(params.at("id")));
       }});
  router.Add(
      {.method = "PATCH",
       .pattern = "/api/v1/queues/{id}",
       .summary = "Change a queue (queues edit level; If-Match honoured)",
       .tag = "tickets",
       .request_schema = "QueueInput",
       .response_schema = "Queue",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         return VersionedPatch(
             request, caller, [&](const auto& context, const auto& patch, auto v) {
               return s.queues.Update(caller.Access(), context, params.at("id"), patch, v);
             });
       }});
  router.Add(VersionedDeleteRoute(
      "/api/v1/queues/{id}",
      "Delete a queue that holds no tickets (queues edit level; If-Match honoured)", "tickets",
      [&s](const Caller& caller, const auto& context, const std::string& id, auto v) {
        return s.queues.Delete(caller.Access(), context, id, v);
      }));
}

void AddReportRoutes(Router& router, ApiServices& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/support/reports",
              .summary =
                  "The desk's figures per day, queue and agent over the tickets the caller reads "
                  "(from, to: dates, at most 366 days; queue_id, assignee_id, bucket=day)",
              .tag = "tickets",
              .response_schema = "SupportReport",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                support::ReportQuery query{.from = request.Query("from"),
                                           .to = request.Query("to"),
                                           .queue_id = request.Query("queue_id"),
                                           .assignee_id = request.Query("assignee_id"),
                                           .bucket = request.Query("bucket").value_or("day")};
                auto report = s.ticket_reports.Report(caller.Access(), query);
                if (!report.ok()) return ErrorResponse(request, report.error());
                return Response::Json(200, std::move(report).value());
              }});
}

// The agent inbox's counts per view (docs/design/support_inbox.md).
void AddInboxRoutes(Router& router, ApiServices& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/tickets/counts",
              .summary = "How many readable tickets each inbox view holds: mine and unassigned "
                         "(unsolved), pending, unsolved, all",
              .tag = "tickets",
              .response_schema = "TicketCounts",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                auto counts = s.tickets.Counts(caller.Access(), caller.user_id);
                if (!counts.ok()) return ErrorResponse(request, counts.error());
                return Response::Json(200, std::move(counts).value());
              }});
}

}  // namespace

void AddTicketRoutes(Router& router, ApiServices& s) {
  AddTicketRecordRoutes(router, s);
  AddMessageRoutes(router, s);
  AddQueueRoutes(router, s);
  AddReportRoutes(router, s);
  AddInboxRoutes(router, s);
}

}  // namespace rapport::http
