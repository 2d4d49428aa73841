// The filter language of POST /api/v1/tickets/search: the tree of docs/design/filters.md
// ({and}, {or}, {not}, {field, op, value}) over a ticket's own fields, compiled to a SQL boolean
// over the alias `t` (tickets) with every value bound as a parameter. Fields: the text fields
// (id, subject, requester, status, priority, type, channel, queue_id, assignee_id, customer_id,
// merged_into, linked_ticket_id), `number`, the instants (created_at, updated_at,
// first_response_at, solved_at, closed_at) and `tags`. Limits as for customers: depth 8, 200
// conditions, `in` lists of 1000. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "common/json.hpp"
#include "storage/value.hpp"

namespace rapport::support {

struct TicketFilter {
  std::string sql;  // "1" when the filter is empty
  std::vector<storage::Value> params;
};

// `path` names the filter's place in the request, so errors point at the node ("filter.and[1].op").
Result<TicketFilter> CompileTicketFilter(const json::value& filter,
                                         const std::string& path = "filter");

}  // namespace rapport::support
