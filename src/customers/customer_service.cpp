#include "customers/customer_service.hpp"

#include "common/ids.hpp"
#include "common/json_writer.hpp"
#include "common/search_text.hpp"
#include "common/time.hpp"
#include "customers/customer.hpp"
#include "customers/customer_store.hpp"
#include "customers/customer_writes.hpp"
#include "customers/filter.hpp"
#include "customers/referral_hook.hpp"
#include "customers/sort.hpp"
#include "storage/audit.hpp"
#include "storage/outbox.hpp"

namespace rapport::customers {
namespace {

using storage::Rows;
using storage::Tx;

// Only the owner: every timeline entry and order checks it, and loading the whole record
// (contact points, custom fields) for that was a quarter of `rapport demo`'s instructions.
constexpr std::string_view kCustomerOwner = "SELECT owner_id FROM customers WHERE id = ?";

// A customer's served record (served_records.hpp) with what a read by id asks of the row: the
// owner for the access check, the version for the ETag, the company for the overview. body is
// NULL while it is not rendered.
constexpr std::string_view kServedById =
    "SELECT c.owner_id, c.version, c.company_id, r.body FROM customers c "
    "LEFT JOIN customer_served_records r ON r.customer_seq = c.seq WHERE c.id = ?";
constexpr size_t kServedByIdOwnerAt = 0;
constexpr size_t kServedByIdVersionAt = 1;
constexpr size_t kServedByIdCompanyAt = 2;
constexpr size_t kServedByIdBodyAt = 3;

// Full-text under any other sort, with few matches: SQLite starts from them and sorts them.
constexpr std::string_view kFullTextCondition =
    "c.seq IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?)";
// A page in creation order with a search index to walk: the index drives (CROSS JOIN keeps it the
// outer loop) in its rowid order, which is customers.seq, so LIMIT ends the walk
// (docs/design/search.md). `from` comes after the selected columns.
struct IndexDriver {
  std::string_view table;
  std::string_view from;
};
constexpr IndexDriver kFullTextDriver{
    "customer_search",
    " FROM customer_search CROSS JOIN customers c ON c.seq = customer_search.rowid"};
constexpr IndexDriver kFragmentDriver{
    "customer_fragments",
    " FROM customer_fragments CROSS JOIN customers c ON c.seq = customer_fragments.rowid"};
constexpr std::string_view kFragmentMatch = "customer_fragments MATCH ?";
// A page's served records (served_records.hpp), read beside its rows: the column after the sort
// key, NULL for a customer whose record is not rendered (yet). The page itself is found first,
// as seq and sort key only (SQLite runs it as a co-routine, the outer loop, so its order holds);
// then each of its rows is read by seq with its record. A sorted page (few matches of a filter,
// then ordered; a trait's sort) so reads the records of its own rows only, and its sort carries
// two columns, not whole customers with their records; copying whole rows out of a co-routine
// cost a streamed page 60 % more (bench/RESULTS.md).
// Of each row only what serving its record asks (the id for the cursor, the owner for Readable):
// SQLite copies every selected column into the result row, read or not, and the customer's other
// nineteen were 17 % of a page of 50 (bench/RESULTS.md, 8 December). A row without a record is
// read whole afterwards (ReadUnrendered).
constexpr std::string_view kServedPageColumns =
    "SELECT c.id, c.owner_id, p.k, r.body FROM (SELECT ";
constexpr std::string_view kServedPageAfter =
    ") AS p CROSS JOIN customers c ON c.seq = p.s "
    "LEFT JOIN customer_served_records r ON r.customer_seq = p.s";
constexpr size_t kServedIdAt = 0;
constexpr size_t kServedOwnerAt = 1;
constexpr size_t kServedKeyAt = 2;
constexpr size_t kServedAt = 3;
constexpr std::string_view kFullTextMatch = "customer_search MATCH ?";
// A full-text or fragment match with fewer rows than this is where a page starts (those rows are
// then sorted); with more, the page walks its sort order and tests each row, stopping at the
// limit. About where both cost the same at 100,000 customers (bench/RESULTS.md).
constexpr int64_t kFewMatches = 300;
constexpr std::string_view kCountFullText =
    "SELECT count(*) FROM (SELECT 1 FROM customer_search WHERE customer_search MATCH ? LIMIT ?)";
constexpr std::string_view kCountFragments =
    "SELECT count(*) FROM (SELECT 1 FROM customer_fragments WHERE customer_fragments MATCH ? "
    "LIMIT ?)";
// As kFullTextCondition, for matches that are not few: `+` keeps SQLite from starting there.
constexpr std::string_view kManyFullTextCondition =
    "+c.seq IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?)";
// Cursors of index-ordered pages name their sort with this prefix, so a cursor of one kind of
// page is refused by the other.
constexpr std::string_view kIndexOrderCursor = "seq:";

// Turns what a person types into an FTS5 query: every word must match, each as a prefix. Words
// are quoted, so FTS5 operators in the input are plain text and cannot break the query.
// The FTS5 MATCH expression for `q`: each word a quoted prefix term (so no word can be read as
// FTS syntax), all required. nullopt when `q` has no searchable word; kInvalidArgument past the
// search limits (common/search_text.hpp).
Result<std::optional<std::string>> FullTextQuery(std::string_view q) {
  RAPPORT_RETURN_IF_ERROR(CheckSearchText(std::string(q)));
  std::string query;
  size_t words = 0;
  size_t i = 0;
  while (i < q.size()) {
    while (i < q.size() && std::isspace(static_cast<unsigned char>(q[i]))) ++i;
    std::string word;
    bool has_word_char = false;
    while (i < q.size() && !std::isspace(static_cast<unsigned char>(q[i]))) {
      const char c = q[i++];
      if (c == '"') continue;
      has_word_char = has_word_char || std::isalnum(static_cast<unsigned char>(c)) ||
                      static_cast<unsigned char>(c) >= 0x80;
      word.push_back(c);
    }
    if (!has_word_char) continue;
    if (++words > kMaxSearchWords) {
      return Error::Invalid(
          "q", "has more than " + std::to_string(kMaxSearchWords) + " words; search for fewer");
    }
    if (!query.empty()) query += ' ';
    query += "\"" + word + "\"*";
  }
  if (query.empty()) return std::optional<std::string>();
  return std::optional<std::string>(std::move(query));
}

// The rows of a page (or of one read) with their contact points and current consent: everything
// serving them needs, read in one more statement whatever their number.
// A page read with served records (served_records.hpp) holds, for each customer that has one, its
// text in `served` and only the id and owner in `customers`; the others are built as before.
struct ServedRows {
  std::vector<Customer> customers;
  std::vector<std::vector<ConsentEntry>> consent;  // in the order of `customers`
  std::vector<std::string> served;  // empty, or in the order of `customers` ("" for none)
  std::optional<std::string> next_cursor;
};

bool HasServed(const ServedRows& rows, size_t i) {
  return !rows.served.empty() && !rows.served[i].empty();
}

// Contact points and consent for the customers that are not served from a record.
Status LoadContactPointsAndConsent(Tx& tx, ServedRows& rows) {
  if (rows.served.empty()) {
    RAPPORT_ASSIGN_OR_RETURN(rows.consent, store::LoadContactPointsAndConsent(tx, rows.customers));
    return OkStatus();
  }
  std::vector<size_t> built;
  std::vector<Customer> customers;
  for (size_t i = 0; i < rows.customers.size(); ++i) {
    if (HasServed(rows, i)) continue;
    built.push_back(i);
    customers.push_back(std::move(rows.customers[i]));
  }
  rows.consent.assign(rows.customers.size(), {});
  if (customers.empty()) return OkStatus();
  RAPPORT_ASSIGN_OR_RETURN(auto consent, store::LoadContactPointsAndConsent(tx, customers));
  for (size_t k = 0; k < built.size(); ++k) {
    rows.customers[built[k]] = std::move(customers[k]);
    rows.consent[built[k]] = std::move(consent[k]);
  }
  return OkStatus();
}

// Whether `access` may read `customer`. The list query already excluded the others; this is the
// same rule applied to the loaded owner, for reads by id.
bool Readable(const access::Access& access, const Customer& customer) {
  return access.Allows(access::Object::kCustomers, access::Action::kRead, customer.owner_id);
}

// `rows` as served to `access`, in their order, as trees: unreadable ones skipped, hidden fields
// removed.
json::array ServeJson(const access::Access& access, const ServedRows& rows) {
  json::array out;
  out.reserve(rows.customers.size());
  for (size_t i = 0; i < rows.customers.size(); ++i) {
    if (!Readable(access, rows.customers[i])) continue;
    json::object served = CustomerToJson(rows.customers[i], rows.consent[i]);
    access.Redact(access::Object::kCustomers, served);
    out.push_back(std::move(served));
  }
  return out;
}

// What ServeJsonText reserves for each record's text (see there).
constexpr size_t kReservedBytesPerRecord = 2048;

// The same page as ServeJson, written as the text of {data, next_cursor} (PageToJson's shape).
std::string ServeJsonText(const access::Access& access, const ServedRows& rows) {
  std::string out = "{\"data\":[";
  // Most of a record's bytes are its consent matrix and keys; this saves regrowing the buffer,
  // which copies the whole page. Demo records average 1,540 bytes (a page of 50 was 76,984 bytes
  // and outgrew the 1,536 per record reserved before); real ones with custom fields are larger.
  out.reserve(64 + rows.customers.size() * kReservedBytesPerRecord);
  bool first = true;
  for (size_t i = 0; i < rows.customers.size(); ++i) {
    if (!Readable(access, rows.customers[i])) continue;
    if (!first) out.push_back(',');
    first = false;
    if (HasServed(rows, i)) {
      out.append(rows.served[i]);
    } else {
      AppendCustomerJson(out, rows.customers[i], rows.consent[i], access);
    }
  }
  out.append("],\"next_cursor\":");
  if (rows.next_cursor) {
    AppendJsonString(out, *rows.next_cursor);
  } else {
    out.append("null");
  }
  out.push_back('}');
  return out;
}

// Whether `count_sql` finds fewer than kFewMatches rows for `match`; reads at most that many.
// A failed count answers "few", the plan that was always correct.
bool FewMatches(Tx& tx, std::string_view count_sql, const std::string& match) {
  auto rows = tx.Query(count_sql, {match, kFewMatches});
  return !rows.ok() || rows->at(0).Int(0) < kFewMatches;
}

// Whether a trait lookup's `select` ("SELECT 1 FROM ... WHERE ...") finds fewer than kFewMatches
// rows; reads at most that many. A failed count answers "many": the scalar form, always correct.
bool FewTraitRows(Tx& tx, const std::string& select, std::vector<storage::Value> params) {
  params.emplace_back(kFewMatches);
  auto rows = tx.Query("SELECT count(*) FROM (" + select + " LIMIT ?)", params);
  return rows.ok() && rows->at(0).Int(0) < kFewMatches;
}

// The customer `id` with contact points and consent (two statements); empty when there is none.
Result<ServedRows> LoadOne(Tx& tx, const std::string& id) {
  ServedRows rows;
  RAPPORT_ASSIGN_OR_RETURN(rows.customers, store::LoadCustomerRows(tx, {id}));
  RAPPORT_RETURN_IF_ERROR(LoadContactPointsAndConsent(tx, rows));
  return rows;
}

json::object Redacted(const access::Access& access, json::object record) {
  access.Redact(access::Object::kCustomers, record);
  return record;
}

}  // namespace

Error NoSuchCustomer(const std::string& id) {
  return Error::NotFound("No customer has the id " + id + ".");
}

Result<std::optional<json::object>> LoadCustomerJson(Tx& tx, const access::Access& access,
                                                     const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(ServedRows rows, LoadOne(tx, id));
  json::array found = ServeJson(access, rows);
  if (found.empty()) return std::optional<json::object>();
  return std::optional<json::object>(std::move(found.front().as_object()));
}

Result<std::optional<ServedCustomer>> LoadServedCustomer(Tx& tx, const access::Access& access,
                                                         const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(ServedRows rows, LoadOne(tx, id));
  if (rows.customers.empty() || !Readable(access, rows.customers[0])) {
    return std::optional<ServedCustomer>();
  }
  return std::optional<ServedCustomer>(
      ServedCustomer{std::move(rows.customers[0]), std::move(rows.consent[0])});
}

Result<std::optional<StoredCustomer>> LoadStoredCustomer(Tx& tx, const access::Access& access,
                                                         const std::string& id) {
  if (access.HidesFields(access::Object::kCustomers)) return std::optional<StoredCustomer>();
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kServedById, {id}));
  if (rows.empty() || rows[0].IsNull(kServedByIdBodyAt) ||
      !access.Allows(access::Object::kCustomers, access::Action::kRead,
                     rows[0].OptText(kServedByIdOwnerAt))) {
    return std::optional<StoredCustomer>();
  }
  return std::optional<StoredCustomer>(
      StoredCustomer{.body = rows[0].Text(kServedByIdBodyAt),
                     .owner_id = rows[0].OptText(kServedByIdOwnerAt),
                     .company_id = rows[0].OptText(kServedByIdCompanyAt)});
}

Result<std::optional<std::string>> ReadableCustomerOwner(Tx& tx, const access::Access& access,
                                                         const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kCustomerOwner, {id}));
  if (rows.empty()) return NoSuchCustomer(id);
  std::optional<std::string> owner = rows.front().OptText(0);
  if (!access.Allows(access::Object::kCustomers, access::Action::kRead, owner)) {
    return NoSuchCustomer(id);
  }
  return owner;
}

Result<json::object> CustomerService::Create(const Access& access,
                                             const storage::WriteContext& context,
                                             const json::object& input) {
  json::object created;
  // A referral code given at signup goes to the referral programme in the same transaction.
  json::object stripped;
  std::optional<ReferralArrival> referral;
  const bool has_referral = HasReferral(input);
  if (has_referral) {
    stripped = input;
    RAPPORT_ASSIGN_OR_RETURN(referral, TakeReferral(stripped));
  }
  const json::object& body = has_referral ? stripped : input;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(created, CreateInTx(tx, access, context, body));
    if (referral) {
      referral->customer_id = std::string(created.at("id").as_string());
      RAPPORT_RETURN_IF_ERROR(CurrentReferralHook()->Arrive(tx, context, *referral));
    }
    created = Redacted(access, std::move(created));
    return context.Written(tx, created);
  }));
  return created;
}

Result<json::object> CustomerService::Get(const Access& access, const std::string& id) {
  ServedRows rows;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(rows, LoadOne(tx, id));
    return OkStatus();
  }));
  json::array found = ServeJson(access, rows);
  if (found.empty()) return NoSuchCustomer(id);
  return std::move(found.front().as_object());
}

Result<CustomerText> CustomerService::GetText(const Access& access, const std::string& id) {
  std::optional<ServedCustomer> found;
  std::optional<CustomerText> rendered;
  // Served records hold every field: only for callers whose roles hide none (as ListText).
  const bool served = !access.HidesFields(access::Object::kCustomers);
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    if (served) {
      RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kServedById, {id}));
      if (rows.empty()) return OkStatus();
      if (!rows[0].IsNull(kServedByIdBodyAt)) {
        if (access.Allows(access::Object::kCustomers, access::Action::kRead,
                          rows[0].OptText(kServedByIdOwnerAt))) {
          rendered =
              CustomerText{rows[0].Text(kServedByIdBodyAt), rows[0].Int(kServedByIdVersionAt)};
        }
        return OkStatus();
      }
    }
    RAPPORT_ASSIGN_OR_RETURN(found, LoadServedCustomer(tx, access, id));
    return OkStatus();
  }));
  if (rendered) return std::move(*rendered);
  if (!found) return NoSuchCustomer(id);
  CustomerText text;
  if (!access.IsHidden(access::Object::kCustomers, "version"))
    text.version = found->customer.version;
  AppendCustomerJson(text.json, found->customer, found->consent, access);
  return text;
}

Result<json::object> CustomerService::Update(const Access& access,
                                             const storage::WriteContext& context,
                                             const std::string& id, const json::object& patch,
                                             std::optional<int64_t> if_version) {
  json::object updated;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(updated, UpdateInTx(tx, access, context, id, patch, if_version));
    updated = Redacted(access, std::move(updated));
    return context.Written(tx, updated);
  }));
  return updated;
}

Status CustomerService::Delete(const Access& access, const storage::WriteContext& context,
                               const std::string& id, std::optional<int64_t> if_version) {
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(DeleteInTx(tx, access, context, id, if_version));
    return context.Written(tx, json::object{{"id", id}});
  });
}

Result<CompiledFilter> CompileListFilter(Tx& tx, const access::Access& access,
                                         const CustomerTraits& traits, const json::value& filter,
                                         bool fragments_may_drive) {
  RAPPORT_ASSIGN_OR_RETURN(auto definitions, LoadCustomFields(tx, "customer"));
  return CompileCustomerFilter(
      filter, definitions,
      [&](std::string_view field) {
        if (const CustomerTrait* trait = traits.Find(field)) {
          return !traits.IsVisible(*trait, access);
        }
        return access.IsHidden(access::Object::kCustomers, field);
      },
      "filter", &traits,
      [&](const std::string& match) { return FewMatches(tx, kCountFragments, match); },
      [&](const std::string& select, const std::vector<storage::Value>& params) {
        return FewTraitRows(tx, select, params);
      },
      fragments_may_drive);
}

namespace {

// Reads whole the rows of a served page that had no record (`unrendered`, their positions in
// `customers`), in one statement: a record is missing only until the renderer catches up after a
// write, so a page rarely needs this.
Status ReadUnrendered(Tx& tx, const std::vector<size_t>& unrendered,
                      std::vector<Customer>& customers) {
  if (unrendered.empty()) return OkStatus();
  std::vector<std::string> ids;
  ids.reserve(unrendered.size());
  for (const size_t at : unrendered) ids.push_back(customers[at].id);
  RAPPORT_ASSIGN_OR_RETURN(std::vector<Customer> rows, store::LoadCustomerRows(tx, ids));
  // In the order of `ids`; the page's snapshot holds every one of them.
  if (rows.size() != ids.size()) {
    return Error::Internal("a page's customer vanished within its read transaction");
  }
  for (size_t k = 0; k < unrendered.size(); ++k) customers[unrendered[k]] = std::move(rows[k]);
  return OkStatus();
}

// The page of `query` for `access` in the read transaction `tx`: two statements whatever its size
// (the rows, then contact points and consent), after the plan's probes. With `served`, each row's
// served record is read beside it, and one statement for the page, or three when some rows have
// no record yet: those rows whole, then their contact points and consent.
Result<ServedRows> ReadPage(Tx& tx, const access::Access& access, const CustomerTraits& traits,
                            const CustomerQuery& query, bool served) {
  RAPPORT_ASSIGN_OR_RETURN(SortSpec sort, ParseCustomerSort(query.sort, traits, access));
  std::optional<std::string> fts;
  if (query.q) {
    RAPPORT_ASSIGN_OR_RETURN(fts, FullTextQuery(*query.q));
  }
  // In creation order (the default sort), a search index drives the page: the full-text index
  // for `q`, else the fragment index for a `contains` the filter requires. It is walked in its own
  // row order, customers.seq, and stops at the page however many rows match; its cursors carry
  // seq under their own sort name.
  const bool creation_order = query.sort == "created_at" || query.sort == "-created_at";
  ServedRows page;
  // Record access first: every list, full-text and structured search goes through here.
  access::ScopeCondition scope =
      access.Scope(access::Object::kCustomers, access::Action::kRead, "c.owner_id");
  std::string where = std::move(scope.sql);
  std::vector<storage::Value> params = std::move(scope.params);
  std::optional<std::string> fragment_driver;
  if (!query.filter.is_null()) {
    RAPPORT_ASSIGN_OR_RETURN(
        CompiledFilter filter,
        CompileListFilter(tx, access, traits, query.filter, creation_order && !fts));
    where += " AND " + filter.sql;
    params.insert(params.end(), std::make_move_iterator(filter.params.begin()),
                  std::make_move_iterator(filter.params.end()));
    fragment_driver = std::move(filter.fragment_driver);
  }
  const IndexDriver* driver = !creation_order   ? nullptr
                              : fts             ? &kFullTextDriver
                              : fragment_driver ? &kFragmentDriver
                                                : nullptr;
  if (fts) {
    where += " AND ";
    where += driver != nullptr                      ? kFullTextMatch
             : FewMatches(tx, kCountFullText, *fts) ? kFullTextCondition
                                                    : kManyFullTextCondition;
    params.emplace_back(*fts);
  } else if (fragment_driver) {
    where += " AND ";
    where += kFragmentMatch;
    params.emplace_back(std::move(*fragment_driver));
  }
  const std::string cursor_sort =
      driver != nullptr ? std::string(kIndexOrderCursor) + query.sort : query.sort;
  std::optional<CursorPosition> after;
  if (query.cursor) {
    RAPPORT_ASSIGN_OR_RETURN(after, DecodeCursor(*query.cursor, cursor_sort));
  }
  const std::string direction = sort.descending ? " DESC" : "";
  // The page: its FROM, WHERE, ORDER BY and LIMIT, and the sort key its cursor carries.
  std::string page_query;
  std::string key;
  if (driver != nullptr) {
    const std::string rowid = std::string(driver->table) + ".rowid";
    if (after) {
      if (!after->value.is_int64()) {
        return Error::Malformed("The cursor is not valid for this query.");
      }
      where += " AND " + rowid + (sort.descending ? " < ?" : " > ?");
      params.emplace_back(after->value.as_int64());
    }
    key = "c.seq";
    page_query = std::string(driver->from) + " WHERE " + where + " ORDER BY " + rowid + direction +
                 " LIMIT ?";
  } else {
    if (after) {
      if (!after->value.is_string()) {
        return Error::Malformed("The cursor is not valid for this query.");
      }
      // The scalar bound lets SQLite seek the index; it cannot seek on a row value whose first
      // term has a collation. The row value then breaks ties by id.
      const std::string value(after->value.as_string());
      where += " AND " + sort.expression + (sort.descending ? " <= ?" : " >= ?") + " AND (" +
               sort.expression + ", c.id) " + (sort.descending ? "<" : ">") + " (?, ?)";
      params.emplace_back(value);
      params.emplace_back(value);
      params.emplace_back(after->id);
    }
    // Built only from fixed fragments (sort table, filter compiler); every value is bound. The
    // page's rows come whole with their sort key, so they are not read a second time by id.
    key = sort.expression;
    page_query = " FROM customers c WHERE " + where + " ORDER BY " + sort.expression + direction +
                 ", c.id" + direction + " LIMIT ?";
  }
  const std::string sql =
      served ? std::string(kServedPageColumns) + "c.seq AS s, " + key + " AS k" + page_query +
                   std::string(kServedPageAfter)
             : "SELECT " + std::string(store::CustomerColumns()) + ", " + key + page_query;
  params.emplace_back(static_cast<int64_t>(query.limit + 1));
  // The page's rows, read in place; the one past the limit only says that a next page exists,
  // whose cursor is the last served row's sort key and id.
  const auto limit = static_cast<size_t>(query.limit);
  std::vector<Customer> customers;
  customers.reserve(limit);
  std::vector<size_t> unrendered;  // served rows without a record: only id and owner read so far
  if (served) page.served.reserve(limit);
  json::value last_key;
  bool more = false;
  RAPPORT_RETURN_IF_ERROR(
      storage::ForEachRow(tx, sql, params, [&](const storage::RowView& row) -> Status {
        if (customers.size() == limit) {
          more = true;
          return OkStatus();
        }
        if (served) {
          Customer& customer = customers.emplace_back();
          customer.id = row.Text(kServedIdAt);
          customer.owner_id = row.OptText(kServedOwnerAt);
          if (row.IsNull(kServedAt)) {
            page.served.emplace_back();
            unrendered.push_back(customers.size() - 1);
          } else {
            page.served.push_back(row.Text(kServedAt));
          }
        } else {
          customers.push_back(store::CustomerFromRow(row));
        }
        if (customers.size() == limit) {
          const size_t key_at = served ? kServedKeyAt : store::kCustomerColumnCount;
          last_key =
              driver != nullptr ? json::value(row.Int(key_at)) : json::value(row.Text(key_at));
        }
        return OkStatus();
      }));
  if (more && !customers.empty()) {
    page.next_cursor = EncodeCursor({cursor_sort, std::move(last_key), customers.back().id});
  }
  RAPPORT_RETURN_IF_ERROR(ReadUnrendered(tx, unrendered, customers));
  page.customers = std::move(customers);
  RAPPORT_RETURN_IF_ERROR(LoadContactPointsAndConsent(tx, page));
  return page;
}

// ReadPage in a read transaction of its own, which ends before the page is written out.
Result<ServedRows> ReadPage(storage::Database& database, const access::Access& access,
                            const CustomerTraits& traits, const CustomerQuery& query, bool served) {
  ServedRows rows;
  RAPPORT_RETURN_IF_ERROR(database.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(rows, ReadPage(tx, access, traits, query, served));
    return OkStatus();
  }));
  return rows;
}

}  // namespace

Result<Page> CustomerService::List(const Access& access, const CustomerQuery& query) {
  RAPPORT_ASSIGN_OR_RETURN(ServedRows rows,
                           ReadPage(database_, access, traits_, query, /*served=*/false));
  return Page{ServeJson(access, rows), std::move(rows.next_cursor)};
}

Result<std::string> CustomerService::ListText(const Access& access, const CustomerQuery& query) {
  // Served records hold every field; a caller whose roles hide some gets the page built.
  const bool served = !access.HidesFields(access::Object::kCustomers);
  RAPPORT_ASSIGN_OR_RETURN(ServedRows rows, ReadPage(database_, access, traits_, query, served));
  return ServeJsonText(access, rows);
}

Result<json::object> CustomerService::Consent(const Access& access, const std::string& id) {
  json::object result;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(ReadableCustomerOwner(tx, access, id));
    RAPPORT_ASSIGN_OR_RETURN(auto current, store::LoadCurrentConsent(tx, {id}));
    RAPPORT_ASSIGN_OR_RETURN(auto history, store::LoadConsentHistory(tx, id));
    json::array history_json;
    for (const auto& entry : history) history_json.push_back(ConsentEntryToJson(entry));
    result =
        json::object{{"current", ConsentToJson(current[id])}, {"history", std::move(history_json)}};
    return OkStatus();
  }));
  return result;
}

Result<json::object> CustomerService::Batch(const Access& access,
                                            const storage::WriteContext& context,
                                            const json::object& request) {
  return RunCustomerBatch(database_, access, context, request);
}

}  // namespace rapport::customers
