#include "customers/customer_store.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <unordered_map>

#include "common/collation.hpp"
#include "common/json_writer.hpp"
#include "common/time.hpp"
#include "customers/contact_points.hpp"
#include "customers/filter.hpp"

namespace rapport::customers::store {
namespace {

using storage::Rows;
using storage::Value;

// What CustomerFromRow reads, in its order (kCustomerColumnCount of them), over alias `c`.
#define RAPPORT_CUSTOMER_COLUMNS                                                                  \
  "c.seq, c.id, c.first_name, c.last_name, c.display_name, c.birthday, c.language, c.time_zone, " \
  "c.company_id, c.owner_id, c.lifecycle_stage, c.relationship_type, c.preferred_channel, "       \
  "c.addresses, c.tags, c.custom_fields, c.external_id, c.created_at, c.updated_at, c.version"

constexpr std::string_view kSelectCustomer =
    "SELECT " RAPPORT_CUSTOMER_COLUMNS " FROM customers c WHERE c.id = ?";
// Ids arrive as one JSON array parameter, so a page of any size is one prepared statement.
constexpr std::string_view kSelectCustomers =
    "SELECT " RAPPORT_CUSTOMER_COLUMNS
    " FROM customers c WHERE c.id IN (SELECT value FROM json_each(?))";
// The parts of a page's customers kept in other tables, as rows of (at, kind, position, a..f):
// `at` is the customer's index in the bound JSON array of ids (json_each's key, so rows are
// matched to customers without copying or hashing the id text), then emails (kind 0), phones
// (kind 1) and, optionally, consent records (kind 2). Each branch walks the array and seeks the
// child table's index per id, so the rows come without a temporary table or a sort (an
// `IN (SELECT … json_each)` list would build one per branch). The ids are bound once per branch.
#define RAPPORT_CONTACT_POINT_BRANCHES                                                     \
  "SELECT j.key, 0, e.position, e.address, e.label, e.is_primary, NULL, NULL, NULL, NULL " \
  "FROM json_each(?) j JOIN customer_emails e ON e.customer_id = j.value "                 \
  "UNION ALL "                                                                             \
  "SELECT j.key, 1, p.position, p.number, p.label, p.is_primary, p.display, NULL, NULL, "  \
  "NULL FROM json_each(?) j JOIN customer_phones p ON p.customer_id = j.value"
// Current = newest by recorded_at (consent given earlier can be recorded later, e.g. from paper),
// ties broken by insertion order.
#define RAPPORT_CURRENT_CONSENT_CONDITION                        \
  "r.seq = (SELECT l.seq FROM consent_records l WHERE "          \
  "l.customer_id = r.customer_id AND l.channel = r.channel AND " \
  "l.purpose = r.purpose ORDER BY l.recorded_at DESC, l.seq DESC LIMIT 1)"
constexpr std::string_view kSelectContactPoints = RAPPORT_CONTACT_POINT_BRANCHES;
// Every consent record of the page's customers, with its seq: LoadParts keeps the current one of
// each cell by the rule above. The branch visits all of a customer's records either way (the
// index is on customer_id first); testing RAPPORT_CURRENT_CONSENT_CONDITION in SQL cost one more
// index seek per record (with `at`, LoadParts went from 2.54 to 1.95 M instructions for a page of
// 50; bench/RESULTS.md, 2026-12-07).
constexpr std::string_view kSelectContactPointsAndConsent = RAPPORT_CONTACT_POINT_BRANCHES
    " UNION ALL "
    "SELECT j.key, 2, 0, r.channel, r.purpose, r.status, r.recorded_at, r.source, "
    "r.wording_version, r.seq FROM json_each(?) j JOIN consent_records r "
    "ON r.customer_id = j.value";
constexpr std::string_view kSelectCurrentConsent =
    "SELECT r.customer_id, r.channel, r.purpose, r.status, r.recorded_at, r.source, "
    "r.wording_version FROM consent_records r "
    "WHERE r.customer_id IN (SELECT value FROM json_each(?)) "
    "AND " RAPPORT_CURRENT_CONSENT_CONDITION;
constexpr std::string_view kSelectConsentHistory =
    "SELECT customer_id, channel, purpose, status, recorded_at, source, wording_version "
    "FROM consent_records WHERE customer_id = ? ORDER BY recorded_at DESC, seq DESC";
constexpr std::string_view kInsertConsent =
    "INSERT INTO consent_records (customer_id, channel, purpose, status, recorded_at, source, "
    "wording_version) VALUES (?, ?, ?, ?, ?, ?, ?)";

constexpr std::string_view kInsertCustomer =
    "INSERT INTO customers (id, first_name, last_name, display_name, birthday, language, "
    "time_zone, company_id, owner_id, lifecycle_stage, relationship_type, preferred_channel, "
    "addresses, tags, custom_fields, external_id, created_at, updated_at, version) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq";
constexpr std::string_view kUpdateCustomer =
    "UPDATE customers SET first_name = ?, last_name = ?, display_name = ?, birthday = ?, "
    "language = ?, time_zone = ?, company_id = ?, owner_id = ?, lifecycle_stage = ?, "
    "relationship_type = ?, preferred_channel = ?, addresses = ?, tags = ?, custom_fields = ?, "
    "external_id = ?, updated_at = ?, version = ? WHERE id = ? AND version = ?";
constexpr std::string_view kDeleteCustomer = "DELETE FROM customers WHERE id = ?";
constexpr std::string_view kDeleteEmails = "DELETE FROM customer_emails WHERE customer_id = ?";
constexpr std::string_view kDeletePhones = "DELETE FROM customer_phones WHERE customer_id = ?";
constexpr std::string_view kInsertEmail =
    "INSERT INTO customer_emails (customer_id, position, address, address_key, label, is_primary) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kInsertPhone =
    "INSERT INTO customer_phones (customer_id, position, number, label, is_primary, display) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kEmailOwner =
    "SELECT customer_id FROM customer_emails WHERE address_key = ?";
constexpr std::string_view kExternalIdOwner = "SELECT id FROM customers WHERE external_id = ?";
constexpr std::string_view kCompanyName = "SELECT name FROM companies WHERE id = ?";
constexpr std::string_view kSelectCustomFields = "SELECT custom_fields FROM customers WHERE id = ?";
constexpr std::string_view kDeleteSearchRow = "DELETE FROM customer_search WHERE rowid = ?";
constexpr std::string_view kInsertSearchRow =
    "INSERT INTO customer_search (rowid, names, emails, phones, company, tags) "
    "VALUES (?, ?, ?, ?, ?, ?)";
// Folded names and email keys for `contains` filters (trigram index, docs/design/search.md).
constexpr std::string_view kDeleteFragmentRow = "DELETE FROM customer_fragments WHERE rowid = ?";
constexpr std::string_view kCompanyCustomerIds = "SELECT id FROM customers WHERE company_id = ?";
// One statement for a batch's rows, so FTS5 keeps them pending and writes one segment.
constexpr std::string_view kInsertSearchRows =
    "INSERT INTO customer_search (rowid, names, emails, phones, company, tags) "
    "SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 "
    "FROM json_each(?)";
constexpr std::string_view kInsertFragmentRow =
    "INSERT INTO customer_fragments (rowid, first_name, last_name, display_name, emails) "
    "VALUES (?, ?, ?, ?, ?)";
constexpr std::string_view kInsertFragmentRows =
    "INSERT INTO customer_fragments (rowid, first_name, last_name, display_name, emails) "
    "SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?)";

// The batch open on this thread, if any (see SearchRowBatch): the write path is shared by every
// caller, and only the bulk writer that opened it on its own thread defers.
thread_local SearchRowBatch* open_search_batch = nullptr;

// The fragment row holds exactly what `contains` compares: search_fold of each name and of each
// email key, the keys one per line (kFragmentSeparator) so a match never spans two addresses.
// As [rowid, first_name, last_name, display_name, emails], names null when absent.
json::array FragmentColumns(const Customer& customer) {
  auto folded = [](const std::optional<std::string>& text) {
    return text ? json::value(SearchFold(*text)) : json::value(nullptr);
  };
  std::string emails;
  for (const auto& email : customer.emails) {
    if (!emails.empty()) emails += kFragmentSeparator;
    emails += SearchFold(EmailKey(email.address));
  }
  return json::array{customer.seq, folded(customer.first_name), folded(customer.last_name),
                     SearchFold(customer.display_name), emails};
}

std::string IdsJson(const std::vector<std::string>& ids) {
  json::array array;
  for (const auto& id : ids) array.emplace_back(id);
  return ToJsonString(array);
}

}  // namespace

std::string_view CustomerColumns() { return RAPPORT_CUSTOMER_COLUMNS; }

// The stored text of an empty JSON array and object, as ToJsonString writes them.
constexpr std::string_view kEmptyArray = "[]";
constexpr std::string_view kEmptyObject = "{}";

Customer CustomerFromRow(const storage::RowView& row) {
  Customer c;
  c.seq = row.Int(0);
  c.id = row.Text(1);
  c.first_name = row.OptText(2);
  c.last_name = row.OptText(3);
  c.display_name = row.Text(4);
  c.birthday = row.OptText(5);
  c.language = row.OptText(6);
  c.time_zone = row.OptText(7);
  c.company_id = row.OptText(8);
  c.owner_id = row.OptText(9);
  c.lifecycle_stage = row.Text(10);
  c.relationship_type = row.OptText(11);
  c.preferred_channel = row.OptText(12);
  // Parsed from views and moved out of the parse: a page parses 150 of these. The empty ones
  // (most custom fields, a third of tags) are what the members start as, and are not parsed.
  if (const std::string_view text = row.View(13); text != kEmptyArray) {
    if (auto v = ParseJson(text); v.ok() && v->is_array()) c.addresses = std::move(v->as_array());
  }
  if (const std::string_view text = row.View(14); text != kEmptyArray) {
    if (auto v = ParseJson(text); v.ok() && v->is_array()) {
      for (const auto& tag : v->as_array()) {
        if (tag.is_string()) c.tags.emplace_back(tag.as_string());
      }
    }
  }
  if (const std::string_view text = row.View(15); text != kEmptyObject) {
    if (auto v = ParseJson(text); v.ok() && v->is_object()) {
      c.custom_fields = std::move(v->as_object());
    }
  }
  c.external_id = row.OptText(16);
  c.created_at = row.Text(17);
  c.updated_at = row.Text(18);
  c.version = row.Int(19);
  return c;
}

namespace {

// The element of `items` at a stored position, made room for: rows need not come in order.
template <typename T>
T& AtPosition(std::vector<T>& items, int64_t position) {
  const auto at = static_cast<size_t>(std::max<int64_t>(position, 0));
  if (at >= items.size()) items.resize(at + 1);
  return items[at];
}

// Whether consent record `a` (recorded at `a_at`, seq `a_seq`) is newer than `b`: the rule of
// RAPPORT_CURRENT_CONSENT_CONDITION (recorded_at compared as SQLite compares TEXT, bytewise).
bool NewerConsent(std::string_view a_at, int64_t a_seq, std::string_view b_at, int64_t b_seq) {
  return a_at != b_at ? a_at > b_at : a_seq > b_seq;
}

// Runs `sql` (kSelectContactPoints or kSelectContactPointsAndConsent) for `customers` and fills
// their emails and phones, and `consent` (the current entry of each recorded cell, one list per
// customer, same order) when given.
Status LoadParts(Tx& tx, std::string_view sql, std::vector<Customer>& customers,
                 std::vector<std::vector<ConsentEntry>>* consent) {
  if (customers.empty()) return OkStatus();
  // The ids as a JSON array, written directly: a row's `at` is its index here.
  std::string ids_json = "[";
  for (size_t i = 0; i < customers.size(); ++i) {
    if (i > 0) ids_json.push_back(',');
    AppendJsonString(ids_json, customers[i].id);
  }
  ids_json.push_back(']');
  // The seq of each kept consent entry, parallel to `consent`, for NewerConsent.
  std::vector<std::vector<int64_t>> consent_seqs;
  if (consent != nullptr) {
    consent->assign(customers.size(), {});
    consent_seqs.assign(customers.size(), {});
  }
  const auto take_row = [&](const storage::RowView& row) -> Status {
    const int64_t at = row.Int(0);
    if (at < 0 || static_cast<size_t>(at) >= customers.size()) return OkStatus();
    Customer& customer = customers[at];
    switch (row.Int(1)) {
      case 0:
        AtPosition(customer.emails, row.Int(2)) = {row.Text(3), row.Text(4), row.Int(5) != 0};
        break;
      case 1:
        AtPosition(customer.phones, row.Int(2)) = {row.Text(3), row.Text(4), row.Int(5) != 0,
                                                   row.Text(6)};
        break;
      default: {
        std::vector<ConsentEntry>& current = (*consent)[at];
        std::vector<int64_t>& seqs = consent_seqs[at];
        const int64_t seq = row.Int(9);
        const std::string_view channel = row.View(3);
        const std::string_view purpose = row.View(4);
        const auto same_cell = std::find_if(current.begin(), current.end(), [&](const auto& e) {
          return e.channel == channel && e.purpose == purpose;
        });
        const auto entry = [&] {
          return ConsentEntry{std::string(channel), std::string(purpose), row.Text(5),
                              row.Text(6),          row.OptText(7),       row.OptText(8)};
        };
        if (same_cell == current.end()) {
          current.push_back(entry());
          seqs.push_back(seq);
        } else if (const size_t cell = same_cell - current.begin();
                   NewerConsent(row.View(6), seq, same_cell->recorded_at, seqs[cell])) {
          *same_cell = entry();
          seqs[cell] = seq;
        }
      }
    }
    return OkStatus();
  };
  if (consent != nullptr) {
    RAPPORT_RETURN_IF_ERROR(storage::ForEachRow(tx, sql, {ids_json, ids_json, ids_json}, take_row));
  } else {
    RAPPORT_RETURN_IF_ERROR(storage::ForEachRow(tx, sql, {ids_json, ids_json}, take_row));
  }
  // Positions are written 0..n-1; a gap (never written so) would be an empty entry.
  for (auto& customer : customers) {
    std::erase_if(customer.emails, [](const EmailAddress& e) { return e.address.empty(); });
    std::erase_if(customer.phones, [](const PhoneNumber& p) { return p.number.empty(); });
  }
  return OkStatus();
}

}  // namespace

Status LoadContactPoints(Tx& tx, std::vector<Customer>& customers) {
  return LoadParts(tx, kSelectContactPoints, customers, nullptr);
}

Result<std::vector<std::vector<ConsentEntry>>> LoadContactPointsAndConsent(
    Tx& tx, std::vector<Customer>& customers) {
  std::vector<std::vector<ConsentEntry>> consent;
  RAPPORT_RETURN_IF_ERROR(LoadParts(tx, kSelectContactPointsAndConsent, customers, &consent));
  return consent;
}

namespace {

std::string TagsJson(const Customer& customer) {
  json::array tags;
  for (const auto& tag : customer.tags) tags.emplace_back(tag);
  return ToJsonString(tags);
}

Status WriteContactPoints(Tx& tx, const Customer& customer) {
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kDeleteEmails, {customer.id}));
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kDeletePhones, {customer.id}));
  for (size_t i = 0; i < customer.emails.size(); ++i) {
    const auto& email = customer.emails[i];
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kInsertEmail, {customer.id, static_cast<int64_t>(i), email.address, EmailKey(email.address),
                       email.label, int64_t{email.primary ? 1 : 0}}));
  }
  for (size_t i = 0; i < customer.phones.size(); ++i) {
    const auto& phone = customer.phones[i];
    // Input sets the display form from its own parse; a number from elsewhere gets it here.
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kInsertPhone, {customer.id, static_cast<int64_t>(i), phone.number, phone.label,
                       int64_t{phone.primary ? 1 : 0},
                       phone.display.empty() ? DisplayPhone(phone.number) : phone.display}));
  }
  return OkStatus();
}

ConsentEntry ConsentFromRow(const storage::Row& row) {
  return ConsentEntry{row.Text(1), row.Text(2),    row.Text(3),
                      row.Text(4), row.OptText(5), row.OptText(6)};
}

// The full-text columns of a customer: names, emails, phones, company, tags.
Result<std::array<std::string, 5>> SearchColumns(Tx& tx, const Customer& customer) {
  std::array<std::string, 5> columns;
  auto& [names, emails, phones, company, tags] = columns;
  names = customer.first_name.value_or("") + " " + customer.last_name.value_or("");
  if (customer.display_name != names) names += " " + customer.display_name;
  for (const auto& email : customer.emails) emails += email.address + " ";
  for (const auto& phone : customer.phones) phones += phone.number + " ";
  for (const auto& tag : customer.tags) tags += tag + " ";
  if (customer.company_id) {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kCompanyName, {*customer.company_id}));
    if (!rows.empty()) company = rows[0].Text(0);
  }
  return columns;
}

}  // namespace

Result<std::optional<Customer>> LoadCustomer(Tx& tx, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(std::vector<Customer> customers, LoadCustomers(tx, {id}));
  if (customers.empty()) return std::optional<Customer>();
  return std::optional<Customer>(std::move(customers.front()));
}

Result<std::vector<Customer>> LoadCustomers(Tx& tx, const std::vector<std::string>& ids) {
  RAPPORT_ASSIGN_OR_RETURN(std::vector<Customer> customers, LoadCustomerRows(tx, ids));
  RAPPORT_RETURN_IF_ERROR(LoadContactPoints(tx, customers));
  return customers;
}

Result<std::vector<Customer>> LoadCustomerRows(Tx& tx, const std::vector<std::string>& ids) {
  std::vector<Customer> customers;
  if (ids.empty()) return customers;
  const auto take_row = [&](const storage::RowView& row) -> Status {
    customers.push_back(CustomerFromRow(row));
    return OkStatus();
  };
  if (ids.size() == 1) {
    RAPPORT_RETURN_IF_ERROR(storage::ForEachRow(tx, kSelectCustomer, {ids.front()}, take_row));
    return customers;
  }
  RAPPORT_RETURN_IF_ERROR(storage::ForEachRow(tx, kSelectCustomers, {IdsJson(ids)}, take_row));
  // Back into the order of `ids` (json_each does not keep it); an id listed twice is served once.
  std::unordered_map<std::string_view, size_t> position;
  position.reserve(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) position.emplace(ids[i], i);
  std::vector<std::optional<Customer>> slots(ids.size());
  for (auto& customer : customers) {
    const size_t at = position.at(customer.id);
    slots[at] = std::move(customer);
  }
  customers.clear();
  for (auto& slot : slots) {
    if (slot) customers.push_back(std::move(*slot));
  }
  return customers;
}

Result<std::map<std::string, std::vector<ConsentEntry>>> LoadCurrentConsent(
    Tx& tx, const std::vector<std::string>& ids) {
  std::map<std::string, std::vector<ConsentEntry>> consent;
  if (ids.empty()) return consent;
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectCurrentConsent, {IdsJson(ids)}));
  for (const auto& row : rows) consent[row.Text(0)].push_back(ConsentFromRow(row));
  return consent;
}

Result<std::vector<ConsentEntry>> LoadConsentHistory(Tx& tx, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectConsentHistory, {id}));
  std::vector<ConsentEntry> history;
  for (const auto& row : rows) history.push_back(ConsentFromRow(row));
  return history;
}

Status CheckUnique(Tx& tx, const Customer& customer) {
  for (size_t i = 0; i < customer.emails.size(); ++i) {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows,
                             tx.Query(kEmailOwner, {EmailKey(customer.emails[i].address)}));
    if (!rows.empty() && rows[0].Text(0) != customer.id) {
      return Error::Conflict("another customer already has this email address",
                             "emails[" + std::to_string(i) + "].address");
    }
  }
  if (customer.external_id) {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kExternalIdOwner, {*customer.external_id}));
    if (!rows.empty() && rows[0].Text(0) != customer.id) {
      return Error::Conflict("another customer already has this external id", "external_id");
    }
  }
  return OkStatus();
}

Status InsertCustomer(Tx& tx, Customer& customer) {
  RAPPORT_RETURN_IF_ERROR(CheckUnique(tx, customer));
  RAPPORT_ASSIGN_OR_RETURN(
      Rows rows,
      tx.Query(
          kInsertCustomer,
          {customer.id, storage::OptionalText(customer.first_name),
           storage::OptionalText(customer.last_name), customer.display_name,
           storage::OptionalText(customer.birthday), storage::OptionalText(customer.language),
           storage::OptionalText(customer.time_zone), storage::OptionalText(customer.company_id),
           storage::OptionalText(customer.owner_id), customer.lifecycle_stage,
           storage::OptionalText(customer.relationship_type),
           storage::OptionalText(customer.preferred_channel), ToJsonString(customer.addresses),
           TagsJson(customer), ToJsonString(customer.custom_fields),
           storage::OptionalText(customer.external_id), customer.created_at, customer.updated_at,
           customer.version}));
  customer.seq = rows.at(0).Int(0);
  RAPPORT_RETURN_IF_ERROR(WriteContactPoints(tx, customer));
  if (open_search_batch == nullptr) return IndexCustomer(tx, customer);
  RAPPORT_ASSIGN_OR_RETURN(auto columns, SearchColumns(tx, customer));
  json::array row{customer.seq};
  for (auto& column : columns) row.emplace_back(std::move(column));
  open_search_batch->rows_.emplace_back(std::move(row));
  open_search_batch->fragment_rows_.emplace_back(FragmentColumns(customer));
  return OkStatus();
}

Status UpdateCustomer(Tx& tx, const Customer& customer) {
  RAPPORT_RETURN_IF_ERROR(CheckUnique(tx, customer));
  RAPPORT_ASSIGN_OR_RETURN(
      int64_t changed,
      tx.Exec(
          kUpdateCustomer,
          {storage::OptionalText(customer.first_name), storage::OptionalText(customer.last_name),
           customer.display_name, storage::OptionalText(customer.birthday),
           storage::OptionalText(customer.language), storage::OptionalText(customer.time_zone),
           storage::OptionalText(customer.company_id), storage::OptionalText(customer.owner_id),
           customer.lifecycle_stage, storage::OptionalText(customer.relationship_type),
           storage::OptionalText(customer.preferred_channel), ToJsonString(customer.addresses),
           TagsJson(customer), ToJsonString(customer.custom_fields),
           storage::OptionalText(customer.external_id), customer.updated_at, customer.version,
           customer.id, customer.version - 1}));
  if (changed == 0) return Error::PreconditionFailed("the customer was changed meanwhile");
  RAPPORT_RETURN_IF_ERROR(WriteContactPoints(tx, customer));
  return IndexCustomer(tx, customer);
}

Status DeleteCustomer(Tx& tx, const Customer& customer) {
  // Deferred like every write to the search indexes, so it stays in order with them.
  RAPPORT_RETURN_IF_ERROR(tx.DeferToCommit([seq = customer.seq](Tx& later) -> Status {
    RAPPORT_RETURN_IF_ERROR(later.Exec(kDeleteSearchRow, {seq}));
    RAPPORT_RETURN_IF_ERROR(later.Exec(kDeleteFragmentRow, {seq}));
    return OkStatus();
  }));
  // Contact points, consent, interactions and metrics go with it (ON DELETE CASCADE).
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kDeleteCustomer, {customer.id}));
  return OkStatus();
}

namespace {

// Appends the entries that differ from `existing` (the customer's current consent); fills
// recorded_at. Returns the entries recorded.
Result<std::vector<ConsentEntry>> RecordConsentAgainst(Tx& tx, const std::string& customer_id,
                                                       std::vector<ConsentEntry> entries,
                                                       const std::vector<ConsentEntry>& existing) {
  std::vector<ConsentEntry> recorded;
  const std::string now = NowInstant();
  for (auto& entry : entries) {
    const auto same = std::find_if(existing.begin(), existing.end(), [&](const ConsentEntry& e) {
      return e.channel == entry.channel && e.purpose == entry.purpose && e.status == entry.status &&
             e.source == entry.source && e.wording_version == entry.wording_version;
    });
    if (same != existing.end()) continue;  // re-sending the current state is not a new event
    if (entry.recorded_at.empty()) entry.recorded_at = now;
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kInsertConsent,
        {customer_id, entry.channel, entry.purpose, entry.status, entry.recorded_at,
         storage::OptionalText(entry.source), storage::OptionalText(entry.wording_version)}));
    recorded.push_back(std::move(entry));
  }
  return recorded;
}

}  // namespace

Result<std::vector<ConsentEntry>> RecordConsent(Tx& tx, const std::string& customer_id,
                                                std::vector<ConsentEntry> entries) {
  if (entries.empty()) return std::vector<ConsentEntry>();
  RAPPORT_ASSIGN_OR_RETURN(auto current, LoadCurrentConsent(tx, {customer_id}));
  return RecordConsentAgainst(tx, customer_id, std::move(entries), current[customer_id]);
}

Result<std::vector<ConsentEntry>> RecordFirstConsent(Tx& tx, const std::string& customer_id,
                                                     std::vector<ConsentEntry> entries) {
  return RecordConsentAgainst(tx, customer_id, std::move(entries), {});
}

std::vector<ConsentEntry> CurrentConsentOf(std::vector<ConsentEntry> records) {
  std::vector<ConsentEntry> current;
  // Each kept record's place in `records`: the order they were inserted in, so their seq order.
  std::vector<int64_t> places;
  for (size_t i = 0; i < records.size(); ++i) {
    ConsentEntry& record = records[i];
    const auto same_cell = std::ranges::find_if(current, [&](const ConsentEntry& kept) {
      return kept.channel == record.channel && kept.purpose == record.purpose;
    });
    const auto place = static_cast<int64_t>(i);
    if (same_cell == current.end()) {
      current.push_back(std::move(record));
      places.push_back(place);
      continue;
    }
    const auto cell = static_cast<size_t>(same_cell - current.begin());
    if (NewerConsent(record.recorded_at, place, same_cell->recorded_at, places[cell])) {
      *same_cell = std::move(record);
      places[cell] = place;
    }
  }
  return current;
}

// The fragment row's values, bound directly (not through the batch's JSON).
std::vector<Value> FragmentValues(const Customer& customer) {
  const json::array row = FragmentColumns(customer);
  std::vector<Value> values;
  values.reserve(row.size());
  for (const json::value& column : row) {
    if (column.is_int64()) {
      values.emplace_back(column.as_int64());
    } else if (column.is_string()) {
      values.emplace_back(std::string(column.as_string()));
    } else {
      values.push_back(storage::Null());
    }
  }
  return values;
}

// The columns are computed now, from this write's state (the company's name as it is now); the
// rows are written when the group commits (Tx::DeferToCommit): FTS5 would otherwise write each
// customer's rows out as a segment of their own at the next write's savepoint, which cost a
// durable create about 16 % of the writer's time (bench/RESULTS.md, 2026-12-07).
Status IndexCustomer(Tx& tx, const Customer& customer) {
  RAPPORT_ASSIGN_OR_RETURN(auto columns, SearchColumns(tx, customer));
  auto& [names, emails, phones, company, tags] = columns;
  std::vector<Value> search_row{customer.seq,      std::move(names),   std::move(emails),
                                std::move(phones), std::move(company), std::move(tags)};
  return tx.DeferToCommit([seq = customer.seq, search_row = std::move(search_row),
                           fragment_row = FragmentValues(customer)](Tx& later) -> Status {
    RAPPORT_RETURN_IF_ERROR(later.Exec(kDeleteSearchRow, {seq}));
    RAPPORT_RETURN_IF_ERROR(later.Exec(kInsertSearchRow, search_row));
    RAPPORT_RETURN_IF_ERROR(later.Exec(kDeleteFragmentRow, {seq}));
    RAPPORT_RETURN_IF_ERROR(later.Exec(kInsertFragmentRow, fragment_row));
    return OkStatus();
  });
}

SearchRowBatch::SearchRowBatch() {
  assert(open_search_batch == nullptr);
  open_search_batch = this;
}

SearchRowBatch::~SearchRowBatch() { open_search_batch = nullptr; }

Status SearchRowBatch::Flush(Tx& tx) {
  if (rows_.empty()) return OkStatus();
  const std::string rows = ToJsonString(rows_);
  const std::string fragment_rows = ToJsonString(fragment_rows_);
  rows_.clear();
  fragment_rows_.clear();
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertSearchRows, {rows}));
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertFragmentRows, {fragment_rows}));
  return OkStatus();
}

Status ReindexCompanyCustomers(Tx& tx, const std::string& company_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kCompanyCustomerIds, {company_id}));
  std::vector<std::string> ids;
  for (const auto& row : rows) ids.push_back(row.Text(0));
  RAPPORT_ASSIGN_OR_RETURN(std::vector<Customer> customers, LoadCustomers(tx, ids));
  for (const auto& customer : customers) RAPPORT_RETURN_IF_ERROR(IndexCustomer(tx, customer));
  return OkStatus();
}

Status CheckCustomFieldsReadable(Tx& tx, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectCustomFields, {id}));
  if (rows.empty()) return OkStatus();
  auto parsed = ParseJson(rows[0].Text(0));
  if (parsed.ok() && parsed->is_object()) return OkStatus();
  return Error::Conflict(
      "This customer's stored custom fields are damaged (see `rapport check`); they cannot be "
      "changed until an operator repairs them.",
      "custom_fields");
}

Result<std::optional<std::string>> FindIdByEmail(Tx& tx, const std::string& address) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kEmailOwner, {EmailKey(address)}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].Text(0));
}

Result<std::optional<std::string>> FindIdByExternalId(Tx& tx, const std::string& external_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kExternalIdOwner, {external_id}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].Text(0));
}

}  // namespace rapport::customers::store
