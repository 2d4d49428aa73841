#include "feedback/review_transfer.hpp"

#include "customers/customer_transfer.hpp"
#include "feedback/review_service.hpp"
#include "feedback/review_store.hpp"
#include "transfer/export_columns.hpp"

namespace rapport::feedback {
namespace {

using access::Action;
using access::Object;
using transfer::FieldType;
using transfer::RowOutcome;
using transfer::RowRecord;

constexpr std::string_view kProductBySku = "SELECT id FROM products WHERE sku = ?";
constexpr std::string_view kCount =
    "SELECT count(*) FROM reviews r JOIN customers c ON c.id = r.customer_id WHERE ";
// Reviews page by their insertion sequence: unique and never changes. The inner query applies
// record access over the join; the outer one reads the page's reviews.
constexpr std::string_view kPageInner =
    "r.seq IN (SELECT r2.seq FROM reviews r2 JOIN customers c ON c.id = r2.customer_id WHERE ";
constexpr std::string_view kSeqOf = "SELECT seq FROM reviews WHERE id = ?";

const transfer::Catalogue& Catalogue() {
  static const transfer::Catalogue kCatalogue = [] {
    transfer::Catalogue catalogue = customers::LinkedCustomerFields(/*with_names=*/true);
    const transfer::Catalogue rest = {
        {"rating", FieldType::kInteger, {"rating", "stars", "score"}},
        {"title", FieldType::kText, {"title", "headline", "summary"}},
        {"text", FieldType::kText, {"text", "review", "body", "comment", "content"}},
        {"product_id", FieldType::kText, {"product_id"}},
        {"product_sku", FieldType::kText, {"product_sku", "sku"}},
        {"source", FieldType::kText, {"source", "site", "platform"}},
        {"source_url", FieldType::kText, {"source_url", "url", "link"}},
        {"language", FieldType::kText, {"language", "lang"}},
        {"status", FieldType::kText, {"status"}},
    };
    catalogue.insert(catalogue.end(), rest.begin(), rest.end());
    return catalogue;
  }();
  return kCatalogue;
}

// The moderation reason and the reply's text as plain cells.
transfer::ExportColumn NestedColumn(std::string header, std::string object, std::string key) {
  return transfer::ExportColumn{
      .header = std::move(header),
      .field = {},
      .value = [object, key](const transfer::ExportRow& row) -> std::string {
        const json::value* nested = row.record.if_contains(object);
        if (nested == nullptr || !nested->is_object()) return {};
        return transfer::Cell(nested->as_object(), key);
      }};
}

class ReviewTarget : public transfer::ImportTarget {
 public:
  explicit ReviewTarget(bool create_missing) : create_missing_(create_missing) {}

  // Reviews from another site carry their address: the same address twice in a file is one
  // review given twice.
  std::string DuplicateField() const override { return "source_url"; }
  std::string DuplicateKey(const RowRecord& record) const override {
    const json::value* v = record.input.if_contains("source_url");
    return v && v->is_string() ? std::string(v->as_string()) : "";
  }

  Result<RowOutcome> Apply(storage::Tx& tx, const access::Access& access,
                           const storage::WriteContext& context, RowRecord& record) override {
    json::object body = record.input;
    if (const json::value* sku = body.if_contains("product_sku")) {
      if (sku->is_string() && !sku->as_string().empty()) {
        RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows,
                                 tx.Query(kProductBySku, {std::string(sku->as_string())}));
        if (rows.empty()) return Error::Invalid("product_sku", "no product has this SKU");
        body["product_id"] = rows[0].Text(0);
      }
      body.erase("product_sku");
    }
    // Reviews recorded from elsewhere default to `other` only when an address says where.
    if (!body.contains("source"))
      body["source"] = body.contains("source_url") ? "other" : "own_site";
    return customers::CreateCustomerRecord(
        tx, access, context, record, create_missing_, "review",
        [&](const std::string& customer_id) -> Result<json::object> {
          body["customer_id"] = customer_id;
          RAPPORT_ASSIGN_OR_RETURN(ReviewInput input, ParseReviewInput(body));
          if (input.status == "published" &&
              access.LevelFor(Object::kReviews, Action::kEdit) != access::Level::kAll) {
            return access::NotPermitted(Object::kReviews, Action::kEdit);
          }
          RAPPORT_ASSIGN_OR_RETURN(Review review, CreateReviewInTx(tx, access, context, input));
          return ReviewToJson(review);
        });
  }

 private:
  bool create_missing_;
};

class ReviewAdapter : public transfer::ObjectAdapter {
 public:
  std::string_view name() const override { return "reviews"; }
  std::string_view item_type() const override { return "review"; }
  const transfer::Catalogue& catalogue() const override { return Catalogue(); }
  bool ExportsFormat(transfer::TransferFormat format) const override {
    return format != transfer::TransferFormat::kVcard;
  }

  Status CheckMayImport(const access::Access& access) const override {
    return transfer::RequireLevel(access, Object::kReviews, Action::kImport);
  }
  Result<std::unique_ptr<transfer::ImportTarget>> MakeImportTarget(
      const transfer::ImportSettings& settings, const transfer::Mapping& mapping,
      const access::Access& access) const override {
    RAPPORT_RETURN_IF_ERROR(CheckMayImport(access));
    if (settings.mode != transfer::ImportMode::kCreate) {
      return Error::Invalid("mode", "reviews are only created; a customer's words are history");
    }
    return std::unique_ptr<transfer::ImportTarget>(
        new ReviewTarget(mapping.create_missing_customers));
  }
  Result<transfer::RevertOutcome> RemoveImported(storage::Tx&, const access::Access&,
                                                 const storage::WriteContext&,
                                                 const std::string&) const override {
    return transfer::RevertOutcome::kKept;
  }

  Status CheckMayExport(const access::Access& access) const override {
    if (access.LevelFor(Object::kReviews, Action::kExport) != access::Level::kAll) {
      return access::NotPermitted(Object::kReviews, Action::kExport);
    }
    return OkStatus();
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

  // Our own cursor: the decimal seq of the last review, never seen by clients.
  Result<transfer::ExportPage> ReadExportPage(storage::Database& database,
                                              const access::Access& access,
                                              const transfer::ExportQuery& query,
                                              const std::optional<std::string>& cursor,
                                              bool with_extra) const override {
    transfer::SqlWhere where =
        customers::CustomerRecordScope(access, Object::kCustomers, query.customer_id);
    where.And("r2.seq > ?", {cursor ? std::stoll(*cursor) : int64_t{0}});
    where.params.emplace_back(int64_t{transfer::kExportPageSize});
    const std::string condition = std::string(kPageInner) + where.sql + " ORDER BY r2.seq LIMIT ?)";
    transfer::ExportPage page;
    RAPPORT_RETURN_IF_ERROR(database.Read([&](storage::Tx& tx) -> Status {
      RAPPORT_ASSIGN_OR_RETURN(std::vector<Review> reviews,
                               review_store::Select(tx, "", condition, where.params, "r.seq",
                                                    transfer::kExportPageSize));
      for (const auto& review : reviews) page.records.push_back({ReviewToJson(review), {}});
      if (reviews.size() == static_cast<size_t>(transfer::kExportPageSize)) {
        RAPPORT_ASSIGN_OR_RETURN(storage::Rows last, tx.Query(kSeqOf, {reviews.back().id}));
        if (!last.empty()) page.next = std::to_string(last[0].Int(0));
      }
      return OkStatus();
    }));
    if (with_extra) {
      RAPPORT_RETURN_IF_ERROR(customers::AddLinkedCustomers(database, access, page.records));
    }
    return page;
  }

  // Named as the import reads them back (rating, title, text, source, ...).
  Result<std::vector<transfer::ExportColumn>> CsvColumns(storage::Database&,
                                                         const access::Access&) const override {
    std::vector<transfer::ExportColumn> columns = {transfer::PlainColumn("rapport_id", "id")};
    for (auto& column : customers::LinkedCustomerColumns()) columns.push_back(std::move(column));
    for (const char* key :
         {"product_id", "rating", "title", "text", "source", "source_url", "verified", "language",
          "sentiment", "status", "created_at", "published_at"}) {
      columns.push_back(transfer::PlainColumn(key));
    }
    columns.push_back(NestedColumn("moderation_reason", "moderation", "reason"));
    columns.push_back(NestedColumn("reply", "reply", "text"));
    return columns;
  }
};

}  // namespace

std::unique_ptr<transfer::ObjectAdapter> MakeReviewTransferAdapter() {
  return std::make_unique<ReviewAdapter>();
}

}  // namespace rapport::feedback
