#include "loyalty/voucher_service.hpp"

#include <algorithm>

#include "common/unicode_text.hpp"
#include "customers/customer_service.hpp"
#include "interactions/interaction_service.hpp"
#include "loyalty/voucher_code.hpp"
#include "storage/audit.hpp"
#include "storage/outbox.hpp"

namespace rapport::loyalty {
namespace {

using access::Action;
using access::Object;
using storage::Tx;

constexpr size_t kMaxName = 200;
constexpr int kListLimit = 100;

bool Reaches(const access::Access& access, Object object, Action action) {
  return access.Allows(object, action, std::nullopt);
}

// A name or note: single-line text of at most kMaxName characters, or the fallback.
std::string TextOr(const json::object& input, std::string_view key, std::string fallback,
                   std::vector<FieldError>& errors) {
  const json::value* v = input.if_contains(key);
  if (v == nullptr || v->is_null()) return fallback;
  CleanedText cleaned = v->is_string() ? CleanText(v->as_string(), kMaxName, TextKind::kSingleLine)
                                       : CleanedText{.problem = "must be a string"};
  if (!cleaned.problem.empty()) {
    errors.push_back({std::string(key), std::move(cleaned.problem)});
    return fallback;
  }
  return cleaned.text.empty() ? fallback : cleaned.text;
}

std::optional<int64_t> IntAt(const json::object& input, std::string_view key) {
  const json::value* v = input.if_contains(key);
  if (v == nullptr || !v->is_int64()) return std::nullopt;
  return v->as_int64();
}

// What the audit trail and the event keep of a batch: never the shared code itself.
json::object BatchRecord(json::object batch) {
  if (const json::value* code = batch.if_contains("code"); code && code->is_string()) {
    batch["code"] = VoucherCodeHint(*NormalizeVoucherCode(code->as_string()));
  }
  return batch;
}

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

}  // namespace

Result<json::object> IssueVoucherInTx(Tx& tx, const storage::WriteContext& context,
                                      const std::string& customer_id, const std::string& kind,
                                      const std::string& name, const VoucherRules& rules,
                                      const std::string& why, const std::string& now,
                                      const std::optional<std::string>& code) {
  RAPPORT_ASSIGN_OR_RETURN(CreatedBatch created, InsertBatch(tx,
                                                             NewBatch{.kind = kind,
                                                                      .name = name,
                                                                      .rules = rules,
                                                                      .count = 1,
                                                                      .shared_code = code,
                                                                      .max_uses = 1,
                                                                      .customer_id = customer_id,
                                                                      .created_by = context.actor},
                                                             now));
  const StoredVoucher& voucher = created.vouchers.front();
  json::object out = VoucherToJson(voucher, now);
  // Everything but the code: the timeline, the event and the audit entry name it by its end.
  json::object record = out;
  record["code"] = VoucherCodeHint(voucher.code);
  json::object entry{{"channel", "other"},
                     {"direction", "internal"},
                     {"kind", "loyalty"},
                     {"subject", "Voucher " + VoucherCodeHint(voucher.code) + " (" +
                                     DescribeVoucherValue(rules) + "): " + why},
                     {"occurred_at", now},
                     {"metadata", json::object{{"voucher_id", voucher.id}}}};
  auto logged =
      interactions::LogInTx(tx, access::Access::Unrestricted(), context, customer_id, entry);
  if (!logged.ok()) return std::move(logged).error();
  RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, "loyalty.voucher_issued", "customer",
                                               customer_id, json::object{{"voucher", record}}));
  RAPPORT_RETURN_IF_ERROR(
      storage::AppendAudit(tx, context, "create", "loyalty_voucher", voucher.id, {}, record));
  return out;
}

Result<json::object> VoucherService::CreateBatch(const Access& access,
                                                 const storage::WriteContext& context,
                                                 const json::object& input) {
  if (!Reaches(access, Object::kLoyaltyProgrammes, Action::kCreate)) {
    return access::NotPermitted(Object::kLoyaltyProgrammes, Action::kCreate);
  }
  std::vector<FieldError> errors;
  auto rules = ParseVoucherRules(input, {"name", "kind", "count", "code", "max_uses"});
  if (!rules.ok()) errors = rules.error().field_errors;
  NewBatch batch{.name = TextOr(input, "name", "", errors), .created_by = context.actor};
  if (batch.name.empty() &&
      std::none_of(errors.begin(), errors.end(), [](auto& e) { return e.field == "name"; })) {
    errors.push_back({"name", "is required"});
  }
  const json::value* kind = input.if_contains("kind");
  batch.kind = kind != nullptr && kind->is_string() ? std::string(kind->as_string()) : "";
  if (batch.kind == "bulk") {
    auto count = IntAt(input, "count");
    if (!count || *count < 1 || *count > kMaxBatchCodes) {
      errors.push_back({"count", "must be a whole number from 1 to 10000"});
    } else {
      batch.count = *count;
    }
    if (input.contains("code")) errors.push_back({"code", "is for a shared code only"});
    if (input.contains("max_uses")) {
      errors.push_back({"max_uses", "generated codes are single-use"});
    }
  } else if (batch.kind == "shared") {
    const json::value* code = input.if_contains("code");
    auto normal = code != nullptr && code->is_string() ? NormalizeVoucherCode(code->as_string())
                                                       : std::nullopt;
    if (!normal) {
      errors.push_back({"code", "must be 4 to 32 letters and digits (hyphens and spaces ignored)"});
    } else {
      batch.shared_code = *normal;
    }
    auto max_uses = IntAt(input, "max_uses");
    if (!max_uses || *max_uses < 1 || *max_uses > kMaxSharedUses) {
      errors.push_back({"max_uses", "must be a whole number from 1 to 1000000"});
    } else {
      batch.max_uses = *max_uses;
    }
    if (input.contains("count")) errors.push_back({"count", "is for generated codes only"});
  } else {
    errors.push_back({"kind", "must be bulk (generated single-use codes) or shared"});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  batch.rules = std::move(*rules);
  json::object out;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(CreatedBatch created, InsertBatch(tx, batch, now_()));
    out = std::move(created.batch);
    const std::string id(out.at("id").as_string());
    json::object record = BatchRecord(out);
    RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, "loyalty_voucher_batch.created",
                                                 "loyalty_voucher_batch", id, record));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "create", "loyalty_voucher_batch", id, {}, record));
    return context.Written(tx, out);
  }));
  return out;
}

Result<json::array> VoucherService::ListBatches(const Access& access) {
  if (!Reaches(access, Object::kLoyaltyProgrammes, Action::kRead)) {
    return access::NotPermitted(Object::kLoyaltyProgrammes, Action::kRead);
  }
  json::array out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(out, loyalty::ListBatches(tx, kListLimit));
    return OkStatus();
  }));
  return out;
}

Result<std::string> VoucherService::ExportBatchCsv(const Access& access,
                                                   const storage::WriteContext& context,
                                                   const std::string& batch_id) {
  if (!Reaches(access, Object::kLoyaltyProgrammes, Action::kEdit)) {
    return access::NotPermitted(Object::kLoyaltyProgrammes, Action::kEdit);
  }
  std::string csv = "code,max_uses,uses,customer_id\r\n";
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto batch, GetBatch(tx, batch_id));
    if (!batch) return Error::NotFound("No voucher batch has the id " + batch_id + ".");
    RAPPORT_ASSIGN_OR_RETURN(std::vector<StoredVoucher> codes, BatchCodes(tx, batch_id));
    for (const auto& v : codes) {
      csv += CsvField(FormatVoucherCode(v.code)) + "," + std::to_string(v.max_uses) + "," +
             std::to_string(v.uses) + "," + CsvField(v.customer_id.value_or("")) + "\r\n";
    }
    // Who took the codes out, and when: they are spendable secrets.
    json::object before = BatchRecord(*batch);
    json::object after = before;
    after["exported_at"] = now_();
    return storage::AppendAudit(tx, context, "update", "loyalty_voucher_batch", batch_id, before,
                                after);
  }));
  return csv;
}

Result<json::object> VoucherService::Issue(const Access& access,
                                           const storage::WriteContext& context,
                                           const std::string& customer_id,
                                           const json::object& input) {
  std::vector<FieldError> errors;
  auto rules = ParseVoucherRules(input, {"name", "note"});
  if (!rules.ok()) errors = rules.error().field_errors;
  const std::string name = TextOr(input, "name", "Issued voucher", errors);
  const std::string note = TextOr(input, "note", "issued by staff", errors);
  json::object out;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    auto owner = customers::ReadableCustomerOwner(tx, access, customer_id);
    if (!owner.ok()) return std::move(owner).error();
    if (!Reaches(access, Object::kLoyalty, Action::kCreate)) {
      return access::NotPermitted(Object::kLoyalty, Action::kCreate);
    }
    if (!errors.empty()) return Error::Invalid(std::move(errors));
    RAPPORT_ASSIGN_OR_RETURN(
        out, IssueVoucherInTx(tx, context, customer_id, "issued", name, *rules, note, now_()));
    return context.Written(tx, out);
  }));
  return out;
}

Result<json::array> VoucherService::ListForCustomer(const Access& access,
                                                    const std::string& customer_id) {
  json::array out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    auto owner = customers::ReadableCustomerOwner(tx, access, customer_id);
    if (!owner.ok()) return std::move(owner).error();
    if (!Reaches(access, Object::kLoyalty, Action::kRead)) {
      return access::NotPermitted(Object::kLoyalty, Action::kRead);
    }
    RAPPORT_ASSIGN_OR_RETURN(std::vector<StoredVoucher> vouchers,
                             CustomerVouchers(tx, customer_id, kListLimit));
    const std::string now = now_();
    for (const auto& v : vouchers) out.push_back(VoucherToJson(v, now));
    return OkStatus();
  }));
  return out;
}

}  // namespace rapport::loyalty
