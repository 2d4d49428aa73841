// The `loyalty_vouchers` import (loyalty_transfer.hpp): codes from another tool, through the
// voucher store.
#include "common/time.hpp"
#include "customers/customer_transfer.hpp"
#include "loyalty/loyalty_import_support.hpp"
#include "loyalty/loyalty_transfer.hpp"
#include "loyalty/voucher_code.hpp"
#include "loyalty/voucher_service.hpp"
#include "loyalty/voucher_store.hpp"
#include "storage/audit.hpp"
#include "storage/outbox.hpp"

namespace rapport::loyalty {
namespace {

using access::Action;
using access::Object;
using transfer::FieldType;
using transfer::RowOutcome;
using transfer::RowRecord;

constexpr std::string_view kObject = "loyalty_vouchers";
constexpr std::string_view kItemType = "loyalty_voucher_batch";
constexpr std::string_view kName = "Imported voucher";

constexpr std::string_view kUsesOfBatch =
    "SELECT count(*) FROM loyalty_voucher_uses WHERE batch_id = ?";
constexpr std::string_view kDeleteCodes = "DELETE FROM loyalty_vouchers WHERE batch_id = ?";
constexpr std::string_view kDeleteBatch = "DELETE FROM loyalty_voucher_batches WHERE id = ?";

const transfer::Catalogue& Catalogue() {
  static const transfer::Catalogue kCatalogue = [] {
    transfer::Catalogue catalogue = customers::LinkedCustomerFields(/*with_names=*/false);
    const transfer::Catalogue rest = {
        {"code", FieldType::kText, {"code", "voucher", "voucher_code", "coupon", "coupon_code"}},
        {"type", FieldType::kText, {"type", "value_type", "discount_type"}},
        {"amount", FieldType::kText, {"amount", "amount_off", "value"}},
        {"percent", FieldType::kInteger, {"percent", "percent_off", "percentage"}},
        {"product_id", FieldType::kText, {"product_id", "free_product"}},
        {"currency", FieldType::kText, {"currency"}},
        {"min_order", FieldType::kText, {"min_order", "minimum_order", "min_order_value"}},
        {"expires_at", FieldType::kInstant, {"expires_at", "expiry", "expires", "valid_until"}},
        {"max_uses", FieldType::kInteger, {"max_uses", "usage_limit", "uses_left"}},
        {"per_customer_limit", FieldType::kInteger, {"per_customer_limit", "limit_per_customer"}},
    };
    catalogue.insert(catalogue.end(), rest.begin(), rest.end());
    return catalogue;
  }();
  return kCatalogue;
}

// The voucher rules' field paths as the row's fields.
std::string ColumnField(const std::string& field) {
  if (field == "value" || field == "value.type") return "type";
  if (field.starts_with("value.")) return field.substr(6);
  return field;
}

// What the audit trail and the event keep of a batch: never the code itself.
json::object BatchRecord(json::object batch) {
  if (const json::value* code = batch.if_contains("code"); code && code->is_string()) {
    batch["code"] = VoucherCodeHint(*NormalizeVoucherCode(code->as_string()));
  }
  return batch;
}

bool Given(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && !(v->is_string() && v->as_string().empty());
}

class VoucherTarget : public transfer::ImportTarget {
 public:
  explicit VoucherTarget(bool create_missing) : create_missing_(create_missing) {}

  std::string DuplicateField() const override { return "code"; }
  std::string DuplicateKey(const RowRecord& record) const override {
    const json::value* v = record.input.if_contains("code");
    if (v == nullptr || !v->is_string()) return {};
    return NormalizeVoucherCode(v->as_string()).value_or("");
  }

  Result<RowOutcome> Apply(storage::Tx& tx, const access::Access& access,
                           const storage::WriteContext& context, RowRecord& record) override {
    const json::object& in = record.input;
    std::vector<FieldError> errors;
    // The rules' own reader checks the value, currency, minimum, expiry and limit.
    json::object value{{"type", Given(in, "type") ? in.at("type") : json::value("")}};
    for (const char* key : {"amount", "percent", "product_id"}) {
      if (Given(in, key)) value[key] = in.at(key);
    }
    json::object rules_input{{"value", std::move(value)}};
    for (const char* key : {"currency", "min_order", "expires_at", "per_customer_limit"}) {
      if (Given(in, key)) rules_input[key] = in.at(key);
    }
    auto rules = ParseVoucherRules(rules_input, {});
    if (!rules.ok()) {
      errors = RenameFields(std::move(rules).error(), ColumnField).field_errors;
    } else if (rules->expires_at) {
      if (auto at = ParseInstant(*rules->expires_at); at && *at <= NowMillis()) {
        errors.push_back({"expires_at", "has passed: the voucher could never be used"});
      }
    }
    std::optional<std::string> code;
    if (const json::value* v = in.if_contains("code"); v != nullptr && v->is_string()) {
      code = NormalizeVoucherCode(v->as_string());
    }
    if (!code) {
      errors.push_back({"code", "must be 4 to 32 letters and digits (hyphens and spaces ignored)"});
    } else {
      RAPPORT_ASSIGN_OR_RETURN(auto taken, FindVoucherByCode(tx, *code));
      if (taken) errors.push_back({"code", "another voucher has this code"});
    }
    const bool for_customer = !record.customer.empty();
    int64_t max_uses = 1;
    if (const json::value* m = in.if_contains("max_uses"); m != nullptr && m->is_int64()) {
      max_uses = m->as_int64();
      if (for_customer && max_uses != 1) {
        errors.push_back({"max_uses", "must be 1 for a customer's own code (or leave it out)"});
      } else if (max_uses < 1 || max_uses > kMaxSharedUses) {
        errors.push_back({"max_uses", "must be a whole number from 1 to 1000000"});
      }
    }
    if (!errors.empty()) return Error::Invalid(std::move(errors));

    const std::string now = NowInstant();
    RowOutcome outcome;
    std::string batch_id;
    if (for_customer) {
      RAPPORT_ASSIGN_OR_RETURN(
          std::string customer_id,
          customers::ResolveRowCustomer(tx, access, context, record, create_missing_, outcome));
      RAPPORT_ASSIGN_OR_RETURN(json::object issued,
                               IssueVoucherInTx(tx, context, customer_id, "issued",
                                                std::string(kName), *rules, "imported", now, code));
      batch_id = std::string(issued.at("batch_id").as_string());
    } else {
      RAPPORT_ASSIGN_OR_RETURN(CreatedBatch created,
                               InsertBatch(tx,
                                           NewBatch{.kind = "shared",
                                                    .name = std::string(kName),
                                                    .rules = *rules,
                                                    .shared_code = code,
                                                    .max_uses = max_uses,
                                                    .created_by = context.actor},
                                           now));
      batch_id = std::string(created.batch.at("id").as_string());
      json::object record_json = BatchRecord(created.batch);
      RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, "loyalty_voucher_batch.created",
                                                   "loyalty_voucher_batch", batch_id, record_json));
      RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "create", "loyalty_voucher_batch",
                                                   batch_id, {}, record_json));
    }
    outcome.action = RowOutcome::Action::kCreated;
    outcome.id = batch_id;
    outcome.created.push_back({std::string(kItemType), batch_id});
    return outcome;
  }

 private:
  bool create_missing_;
};

class VoucherAdapter : public ImportOnlyAdapter {
 public:
  std::string_view name() const override { return kObject; }
  std::string_view item_type() const override { return kItemType; }
  const transfer::Catalogue& catalogue() const override { return Catalogue(); }

  // Codes are programme settings (voucher batches) that customers spend: both levels.
  Status CheckMayImport(const access::Access& access) const override {
    RAPPORT_RETURN_IF_ERROR(transfer::RequireLevel(access, Object::kLoyalty, Action::kImport));
    return transfer::RequireLevel(access, Object::kLoyaltyProgrammes, Action::kCreate);
  }
  Result<std::unique_ptr<transfer::ImportTarget>> MakeImportTarget(
      const transfer::ImportSettings& settings, const transfer::Mapping& mapping,
      const access::Access& access) const override {
    RAPPORT_RETURN_IF_ERROR(CheckMayImport(access));
    if (settings.mode != transfer::ImportMode::kCreate) {
      return Error::Invalid("mode", "vouchers are only created");
    }
    return std::unique_ptr<transfer::ImportTarget>(
        new VoucherTarget(mapping.create_missing_customers));
  }

  // `id`: the voucher's batch (one per imported code). Removed only while never used on an
  // order, not even a use given back since: a use is part of that order's history.
  Result<transfer::RevertOutcome> RemoveImported(storage::Tx& tx, const access::Access& access,
                                                 const storage::WriteContext& context,
                                                 const std::string& id) const override {
    if (!CheckMayImport(access).ok()) return transfer::RevertOutcome::kKept;
    RAPPORT_ASSIGN_OR_RETURN(auto batch, GetBatch(tx, id));
    if (!batch) return transfer::RevertOutcome::kMissing;
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows uses, tx.Query(kUsesOfBatch, {id}));
    if (!uses.empty() && uses[0].Int(0) > 0) return transfer::RevertOutcome::kKept;
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kDeleteCodes, {id}));
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kDeleteBatch, {id}));
    RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "delete", "loyalty_voucher_batch", id,
                                                 BatchRecord(*batch), {}));
    return transfer::RevertOutcome::kRemoved;
  }
};

}  // namespace

std::unique_ptr<transfer::ObjectAdapter> MakeLoyaltyVoucherTransferAdapter() {
  return std::make_unique<VoucherAdapter>();
}

}  // namespace rapport::loyalty
