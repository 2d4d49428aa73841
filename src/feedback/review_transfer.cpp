#include "feedback/review_transfer.hpp"

#include "customers/customer_transfer.hpp"
#include "feedback/review_service.hpp"

namespace rapport::feedback {
namespace {

using access::Action;
using access::Object;
using transfer::FieldType;
using transfer::RowOutcome;
using transfer::RowRecord;

constexpr std::string_view kProductBySku = "SELECT id FROM products WHERE sku = ?";

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

Error NotExported() {
  return Error::Invalid("object", "reviews are imported only; read them through the API");
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
  bool ExportsFormat(transfer::TransferFormat) const override { return false; }

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

  Status CheckMayExport(const access::Access&) const override { return NotExported(); }
  Result<int64_t> CountExport(storage::Database&, const access::Access&,
                              const transfer::ExportQuery&) const override {
    return NotExported();
  }
  Result<transfer::ExportPage> ReadExportPage(storage::Database&, const access::Access&,
                                              const transfer::ExportQuery&,
                                              const std::optional<std::string>&,
                                              bool) const override {
    return NotExported();
  }
  Result<std::vector<transfer::ExportColumn>> CsvColumns(storage::Database&,
                                                         const access::Access&) const override {
    return NotExported();
  }
};

}  // namespace

std::unique_ptr<transfer::ObjectAdapter> MakeReviewTransferAdapter() {
  return std::make_unique<ReviewAdapter>();
}

}  // namespace rapport::feedback
