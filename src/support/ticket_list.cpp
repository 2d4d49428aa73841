// TicketService::List: the inbox. Keyset paging on (sort key, id) under the caller's access and
// the compiled filter; each inbox view's equality prefix has its index (migration 0018), so a
// page reads about `limit` index entries whatever the table's size. A page costs four queries
// whatever its size: the keyset query (with the customers' names) and the page's rows, tags and
// followers (store::LoadTickets). Rows carry `customer_name` for the inbox.
#include <algorithm>
#include <array>
#include <unordered_map>

#include "support/ticket_filter.hpp"
#include "support/ticket_service.hpp"
#include "support/ticket_store.hpp"

namespace rapport::support {
namespace {

using storage::Rows;
using storage::Tx;

constexpr size_t kMaxQueryLength = 200;

struct Sort {
  std::string_view name;
  std::string_view column;
  bool descending;
  bool integer;
  bool owed_only = false;  // only tickets with a response target still owed (sla_due_at)
};
// `sla_due_at` is the "breaching soon" view: the earliest due time first, through the partial
// index tickets_sla_due (migration 0021).
constexpr std::array<Sort, 7> kSorts{{{"-updated_at", "t.updated_at", true, false},
                                      {"updated_at", "t.updated_at", false, false},
                                      {"-created_at", "t.created_at", true, false},
                                      {"created_at", "t.created_at", false, false},
                                      {"-number", "t.number", true, true},
                                      {"number", "t.number", false, true},
                                      {"sla_due_at", "t.sla_due_at", false, false, true}}};

// "#1042" or "1042": the ticket number.
std::optional<int64_t> AsNumber(std::string_view q) {
  if (!q.empty() && q.front() == '#') q.remove_prefix(1);
  if (q.empty() || q.size() > 18 ||
      !std::all_of(q.begin(), q.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return std::stoll(std::string(q));
}

}  // namespace

Result<Page> TicketService::List(const Access& access, const TicketQuery& query) {
  auto sort = std::find_if(kSorts.begin(), kSorts.end(),
                           [&](const Sort& s) { return s.name == query.sort; });
  if (sort == kSorts.end()) {
    return Error::Invalid("sort",
                          "must be one of -updated_at, updated_at, -created_at, "
                          "created_at, -number, number, sla_due_at");
  }
  if (query.q && query.q->size() > kMaxQueryLength) {
    return Error::Invalid("q", "must be at most 200 characters");
  }
  RAPPORT_ASSIGN_OR_RETURN(TicketFilter filter, CompileTicketFilter(query.filter));
  std::optional<CursorPosition> after;
  if (query.cursor) {
    RAPPORT_ASSIGN_OR_RETURN(after, DecodeCursor(*query.cursor, sort->name));
    if (sort->integer ? !after->value.is_int64() : !after->value.is_string()) {
      return Error::Malformed("The cursor is not valid.");
    }
  }
  // Readable tickets: the customer is readable and the tickets level reaches where the ticket
  // sits (ticket_changes.hpp: ReadableTicket is the one-record form).
  const access::ScopeCondition customers =
      access.Scope(access::Object::kCustomers, access::Action::kRead, "c.owner_id");
  const access::ScopeCondition places =
      access.TicketScope(access::Action::kRead, "q.team_id", "t.assignee_id");
  std::string sql = "SELECT t.id, " + std::string(sort->column) + ", c.display_name" +
                    " FROM tickets t JOIN customers c ON c.id = t.customer_id"
                    " LEFT JOIN queues q ON q.id = t.queue_id WHERE (" +
                    customers.sql + ") AND (" + places.sql + ") AND (" + filter.sql + ")";
  std::vector<storage::Value> params = customers.params;
  params.insert(params.end(), places.params.begin(), places.params.end());
  params.insert(params.end(), filter.params.begin(), filter.params.end());
  if (query.q && !query.q->empty()) {
    if (auto number = AsNumber(*query.q)) {
      sql += " AND t.number = ?";
      params.emplace_back(*number);
    } else {
      sql += " AND instr(search_fold(t.subject), search_fold(?)) > 0";
      params.emplace_back(*query.q);
    }
  }
  if (sort->owed_only) sql += " AND t.sla_due_at IS NOT NULL";
  const std::string direction = sort->descending ? " DESC" : "";
  if (after) {
    sql += " AND (" + std::string(sort->column) + ", t.id) " + (sort->descending ? "<" : ">") +
           " (?, ?)";
    if (sort->integer) {
      params.emplace_back(after->value.as_int64());
    } else {
      params.emplace_back(std::string(after->value.as_string()));
    }
    params.emplace_back(after->id);
  }
  sql += " ORDER BY " + std::string(sort->column) + direction + ", t.id" + direction + " LIMIT ?";
  params.emplace_back(static_cast<int64_t>(query.limit + 1));
  Page page;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, params));
    const size_t shown = std::min(rows.size(), static_cast<size_t>(query.limit));
    // The page in three queries (rows, tags, followers), not three per ticket.
    std::vector<std::string> ids;
    std::unordered_map<std::string, std::string> names;
    for (size_t i = 0; i < shown; ++i) {
      ids.push_back(rows[i].Text(0));
      names.emplace(rows[i].Text(0), rows[i].Text(2));
    }
    RAPPORT_ASSIGN_OR_RETURN(std::vector<Ticket> tickets, store::LoadTickets(tx, ids));
    for (const Ticket& ticket : tickets) {
      json::object served = TicketToJson(ticket);
      served["customer_name"] = names[ticket.id];
      page.data.push_back(std::move(served));
    }
    if (rows.size() > shown) {
      const storage::Row& last = rows[shown - 1];
      json::value key = sort->integer ? json::value(last.Int(1)) : json::value(last.Text(1));
      page.next_cursor = EncodeCursor({std::string(sort->name), key, last.Text(0)});
    }
    return OkStatus();
  }));
  return page;
}

}  // namespace rapport::support
