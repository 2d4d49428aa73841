#include "support/ticket_transfer.hpp"

#include <unordered_map>

#include "customers/customer_transfer.hpp"
#include "support/ticket_import.hpp"
#include "support/ticket_store.hpp"
#include "transfer/export_columns.hpp"

namespace rapport::support {
namespace {

using access::Action;
using access::Object;
using transfer::FieldType;
using transfer::RowRecord;

constexpr std::string_view kCountTickets =
    "SELECT count(*) FROM tickets t JOIN customers c ON c.id = t.customer_id "
    "LEFT JOIN queues q ON q.id = t.queue_id WHERE ";
// Tickets page by number: unique, never changes, indexed (migration 0018).
constexpr std::string_view kTicketPage =
    "SELECT t.id, t.number FROM tickets t JOIN customers c ON c.id = t.customer_id "
    "LEFT JOIN queues q ON q.id = t.queue_id WHERE ";
// What the CSV shows beside a page of tickets: queue names, assignees' e-mail addresses and the
// first public message. Only kind = 'reply': an internal note never leaves in an export.
constexpr std::string_view kPageExtras =
    "SELECT t.id, q.name, u.email, (SELECT m.body_text FROM ticket_messages m "
    "WHERE m.ticket_id = t.id AND m.kind = 'reply' ORDER BY m.created_at, m.seq LIMIT 1) "
    "FROM tickets t LEFT JOIN queues q ON q.id = t.queue_id "
    "LEFT JOIN users u ON u.id = t.assignee_id WHERE t.id IN (SELECT value FROM json_each(?))";

const transfer::Catalogue& Catalogue() {
  static const transfer::Catalogue kCatalogue = [] {
    transfer::Catalogue catalogue = customers::LinkedCustomerFields(/*with_names=*/true);
    for (auto& field : catalogue) {
      // Helpdesk exports name the customer's address after the requester.
      if (field.field == "customer.email") {
        field.aliases.insert(field.aliases.end(),
                             {"requester", "requester_email", "from", "contact_email"});
      }
    }
    const transfer::Catalogue rest = {
        {"number", FieldType::kInteger, {"number", "ticket_number", "ticket_id", "ticket"}},
        {"subject", FieldType::kText, {"subject", "title", "summary"}},
        {"status", FieldType::kText, {"status", "state"}},
        {"priority", FieldType::kText, {"priority", "urgency"}},
        {"type", FieldType::kText, {"type", "ticket_type"}},
        {"channel", FieldType::kText, {"channel", "source", "via"}},
        {"queue", FieldType::kText, {"queue", "group", "department", "mailbox", "queue_name"}},
        {"assignee", FieldType::kText, {"assignee", "assignee_email", "agent", "agent_email"}},
        {"tags", FieldType::kTags, {"tags", "labels"}},
        {"created_at", FieldType::kInstant, {"created_at", "created", "created_time", "opened_at"}},
        {"solved_at", FieldType::kInstant, {"solved_at", "resolved_at", "resolved", "solved"}},
        {"body", FieldType::kText, {"body", "description", "first_message", "message", "text"}},
    };
    catalogue.insert(catalogue.end(), rest.begin(), rest.end());
    return catalogue;
  }();
  return kCatalogue;
}

class TicketTarget : public transfer::ImportTarget {
 public:
  explicit TicketTarget(bool create_missing) : create_missing_(create_missing) {}

  std::string DuplicateField() const override { return "number"; }
  std::string DuplicateKey(const RowRecord& record) const override {
    const json::value* v = record.input.if_contains("number");
    return v && v->is_int64() ? std::to_string(v->as_int64()) : "";
  }

  Result<transfer::RowOutcome> Apply(storage::Tx& tx, const access::Access& access,
                                     const storage::WriteContext& context,
                                     RowRecord& record) override {
    return customers::CreateCustomerRecord(
        tx, access, context, record, create_missing_, "ticket", [&](const std::string& customer) {
          json::object input = record.input;
          const json::value* email = record.customer.if_contains("email");
          if (email != nullptr && email->is_string()) input["requester"] = *email;
          return ImportTicketInTx(tx, access, context, customer, input);
        });
  }

 private:
  bool create_missing_;
};

// Readable tickets the caller may export: customers read, tickets read and export.
transfer::SqlWhere ExportScope(const access::Access& access,
                               const std::optional<std::string>& customer_id) {
  transfer::SqlWhere where;
  where.And(access.Scope(Object::kCustomers, Action::kRead, "c.owner_id"));
  where.And(access.TicketScope(Action::kRead, "q.team_id", "t.assignee_id"));
  where.And(access.TicketScope(Action::kExport, "q.team_id", "t.assignee_id"));
  if (customer_id) where.And("c.id = ?", {*customer_id});
  return where;
}

Status AddTicketExtras(storage::Database& database, std::vector<transfer::ExportRecord>& records) {
  json::array ids;
  for (const auto& record : records) ids.push_back(record.record.at("id"));
  return database.Read([&](storage::Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows,
                             tx.Query(kPageExtras, {storage::Value(ToJsonString(ids))}));
    std::unordered_map<std::string, json::object> extras;
    for (const auto& row : rows) {
      extras[row.Text(0)] = json::object{{"queue", row.OptText(1).value_or("")},
                                         {"assignee", row.OptText(2).value_or("")},
                                         {"body", row.OptText(3).value_or("")}};
    }
    for (auto& record : records) {
      record.extra["ticket"] = extras[std::string(record.record.at("id").as_string())];
    }
    return OkStatus();
  });
}

class TicketAdapter : public transfer::ObjectAdapter {
 public:
  std::string_view name() const override { return "tickets"; }
  std::string_view item_type() const override { return "ticket"; }
  const transfer::Catalogue& catalogue() const override { return Catalogue(); }

  Status CheckMayImport(const access::Access& access) const override {
    return transfer::RequireLevel(access, Object::kTickets, Action::kImport);
  }

  Result<std::unique_ptr<transfer::ImportTarget>> MakeImportTarget(
      const transfer::ImportSettings& settings, const transfer::Mapping& mapping,
      const access::Access& access) const override {
    RAPPORT_RETURN_IF_ERROR(CheckMayImport(access));
    if (settings.mode != transfer::ImportMode::kCreate) {
      return Error::Invalid("mode", "tickets are only created by an import");
    }
    return std::unique_ptr<transfer::ImportTarget>(
        new TicketTarget(mapping.create_missing_customers));
  }

  Result<transfer::RevertOutcome> RemoveImported(storage::Tx& tx, const access::Access& access,
                                                 const storage::WriteContext& context,
                                                 const std::string& id) const override {
    RAPPORT_ASSIGN_OR_RETURN(ImportedTicketRemoval removal,
                             RemoveImportedTicketInTx(tx, access, context, id));
    switch (removal) {
      case ImportedTicketRemoval::kRemoved:
        return transfer::RevertOutcome::kRemoved;
      case ImportedTicketRemoval::kKept:
        return transfer::RevertOutcome::kKept;
      case ImportedTicketRemoval::kMissing:
        break;
    }
    return transfer::RevertOutcome::kMissing;
  }

  Status CheckMayExport(const access::Access& access) const override {
    return transfer::RequireLevel(access, Object::kTickets, Action::kExport);
  }
  transfer::ExportOptionSupport export_options() const override { return {.customer_id = true}; }
  Status ValidateExport(storage::Database& database, const access::Access& access,
                        const transfer::ExportQuery& query) const override {
    return customers::ValidateExportCustomer(database, access, query.customer_id);
  }

  Result<int64_t> CountExport(storage::Database& database, const access::Access& access,
                              const transfer::ExportQuery& query) const override {
    transfer::SqlWhere where = ExportScope(access, query.customer_id);
    return transfer::CountRows(database, std::string(kCountTickets) + where.sql, where.params);
  }

  // Our own cursor: the number of the last ticket, never seen by clients.
  Result<transfer::ExportPage> ReadExportPage(storage::Database& database,
                                              const access::Access& access,
                                              const transfer::ExportQuery& query,
                                              const std::optional<std::string>& cursor,
                                              bool with_extra) const override {
    transfer::SqlWhere where = ExportScope(access, query.customer_id);
    where.And("t.number > ?", {cursor ? std::stoll(*cursor) : int64_t{0}});
    where.params.emplace_back(int64_t{transfer::kExportPageSize});
    const std::string sql = std::string(kTicketPage) + where.sql + " ORDER BY t.number LIMIT ?";
    transfer::ExportPage page;
    RAPPORT_RETURN_IF_ERROR(database.Read([&](storage::Tx& tx) -> Status {
      RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(sql, where.params));
      std::vector<std::string> ids;
      for (const auto& row : rows) ids.push_back(row.Text(0));
      RAPPORT_ASSIGN_OR_RETURN(std::vector<Ticket> tickets, store::LoadTickets(tx, ids));
      for (const auto& ticket : tickets) page.records.push_back({TicketToJson(ticket), {}});
      if (rows.size() == static_cast<size_t>(transfer::kExportPageSize)) {
        page.next = std::to_string(rows.back().Int(1));
      }
      return OkStatus();
    }));
    if (with_extra && !page.records.empty()) {
      RAPPORT_RETURN_IF_ERROR(customers::AddLinkedCustomers(database, access, page.records));
      RAPPORT_RETURN_IF_ERROR(AddTicketExtras(database, page.records));
    }
    return page;
  }

  // Named so that an import into another Rapport maps every column back.
  Result<std::vector<transfer::ExportColumn>> CsvColumns(storage::Database&,
                                                         const access::Access&) const override {
    std::vector<transfer::ExportColumn> columns = {transfer::PlainColumn("rapport_id", "id"),
                                                   transfer::PlainColumn("number")};
    for (auto& column : customers::LinkedCustomerColumns()) columns.push_back(std::move(column));
    for (const char* key : {"subject", "status", "priority", "type", "channel"}) {
      columns.push_back(transfer::PlainColumn(key));
    }
    columns.push_back(transfer::ExtraColumn("queue", "ticket", "queue"));
    columns.push_back(transfer::ExtraColumn("assignee", "ticket", "assignee"));
    for (const char* key : {"tags", "created_at", "first_response_at", "solved_at", "closed_at"}) {
      columns.push_back(transfer::PlainColumn(key));
    }
    columns.push_back(transfer::ExtraColumn("body", "ticket", "body"));
    return columns;
  }
};

}  // namespace

std::unique_ptr<transfer::ObjectAdapter> MakeTicketTransferAdapter() {
  return std::make_unique<TicketAdapter>();
}

}  // namespace rapport::support
