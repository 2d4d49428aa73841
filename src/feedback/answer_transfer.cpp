#include "feedback/answer_transfer.hpp"

#include "customers/customer_transfer.hpp"
#include "transfer/export_columns.hpp"

namespace rapport::feedback {
namespace {

using access::Action;
using access::Object;

constexpr std::string_view kCount =
    "SELECT count(*) FROM survey_answers a JOIN customers c ON c.id = a.customer_id "
    "JOIN surveys s ON s.id = a.survey_id WHERE a.status = 'completed' AND ";
// Answers page by their insertion sequence: unique and never changes.
constexpr std::string_view kPage =
    "SELECT a.id, a.survey_id, s.name, s.kind, a.survey_version, a.customer_id, a.score, "
    "a.comment, a.sentiment, a.answers, a.answered_at, a.invitation_id, a.seq "
    "FROM survey_answers a JOIN customers c ON c.id = a.customer_id "
    "JOIN surveys s ON s.id = a.survey_id WHERE a.status = 'completed' AND ";

const transfer::Catalogue& Catalogue() {
  static const transfer::Catalogue kCatalogue = customers::LinkedCustomerFields(false);
  return kCatalogue;
}

Error NotImported() {
  return Error::Invalid("object", "survey answers are given by customers, not imported");
}

json::object FromRow(const storage::Row& row) {
  auto answers = ParseJsonObject(row.Text(9));
  return json::object{
      {"id", row.Text(0)},
      {"survey_id", row.Text(1)},
      {"survey_name", row.Text(2)},
      {"kind", row.Text(3)},
      {"survey_version", row.Int(4)},
      {"customer_id", row.Text(5)},
      {"score", row.IsNull(6) ? json::value(nullptr) : json::value(row.Int(6))},
      {"comment", row.IsNull(7) ? json::value(nullptr) : json::value(row.Text(7))},
      {"sentiment", row.IsNull(8) ? json::value(nullptr) : json::value(row.Real(8))},
      {"answers", answers.ok() ? json::value(std::move(*answers)) : json::value(nullptr)},
      {"answered_at", row.Text(10)},
      {"invitation_id", row.Text(11)}};
}

class SurveyAnswerAdapter : public transfer::ObjectAdapter {
 public:
  std::string_view name() const override { return "survey_answers"; }
  std::string_view item_type() const override { return "survey_answer"; }
  const transfer::Catalogue& catalogue() const override { return Catalogue(); }

  Status CheckMayImport(const access::Access&) const override { return NotImported(); }
  Result<std::unique_ptr<transfer::ImportTarget>> MakeImportTarget(
      const transfer::ImportSettings&, const transfer::Mapping&,
      const access::Access&) const override {
    return NotImported();
  }
  Result<transfer::RevertOutcome> RemoveImported(storage::Tx&, const access::Access&,
                                                 const storage::WriteContext&,
                                                 const std::string&) const override {
    return transfer::RevertOutcome::kMissing;
  }

  Status CheckMayExport(const access::Access& access) const override {
    return transfer::RequireLevel(access, Object::kSurveys, Action::kExport);
  }
  transfer::ExportOptionSupport export_options() const override { return {.customer_id = true}; }
  Status ValidateExport(storage::Database& database, const access::Access& access,
                        const transfer::ExportQuery& query) const override {
    return customers::ValidateExportCustomer(database, access, query.customer_id);
  }

  Result<int64_t> CountExport(storage::Database& database, const access::Access& access,
                              const transfer::ExportQuery& query) const override {
    transfer::SqlWhere where =
        customers::CustomerRecordScope(access, Object::kCustomers, query.customer_id);
    return transfer::CountRows(database, std::string(kCount) + where.sql, where.params);
  }

  // Our own cursor: the decimal seq of the last answer, never seen by clients.
  Result<transfer::ExportPage> ReadExportPage(storage::Database& database,
                                              const access::Access& access,
                                              const transfer::ExportQuery& query,
                                              const std::optional<std::string>& cursor,
                                              bool with_extra) const override {
    transfer::SqlWhere where =
        customers::CustomerRecordScope(access, Object::kCustomers, query.customer_id);
    where.And("a.seq > ?", {cursor ? std::stoll(*cursor) : int64_t{0}});
    where.params.emplace_back(int64_t{transfer::kExportPageSize});
    const std::string sql = std::string(kPage) + where.sql + " ORDER BY a.seq LIMIT ?";
    transfer::ExportPage page;
    RAPPORT_RETURN_IF_ERROR(database.Read([&](storage::Tx& tx) -> Status {
      RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(sql, where.params));
      for (const auto& row : rows) page.records.push_back({FromRow(row), {}});
      if (rows.size() == static_cast<size_t>(transfer::kExportPageSize)) {
        page.next = std::to_string(rows.back().Int(12));
      }
      return OkStatus();
    }));
    if (with_extra) {
      RAPPORT_RETURN_IF_ERROR(customers::AddLinkedCustomers(database, access, page.records));
    }
    return page;
  }

  Result<std::vector<transfer::ExportColumn>> CsvColumns(storage::Database&,
                                                         const access::Access&) const override {
    std::vector<transfer::ExportColumn> columns = {transfer::PlainColumn("rapport_id", "id")};
    for (auto& column : customers::LinkedCustomerColumns()) columns.push_back(std::move(column));
    for (const char* key : {"survey_id", "survey_name", "kind", "survey_version", "score",
                            "comment", "sentiment", "answers", "answered_at", "invitation_id"}) {
      columns.push_back(transfer::PlainColumn(key));
    }
    return columns;
  }
};

}  // namespace

std::unique_ptr<transfer::ObjectAdapter> MakeSurveyAnswerTransferAdapter() {
  return std::make_unique<SurveyAnswerAdapter>();
}

}  // namespace rapport::feedback
