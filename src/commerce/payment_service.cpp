#include "commerce/payment_service.hpp"

#include <algorithm>
#include <array>

#include "commerce/customer_scope.hpp"
#include "common/ids.hpp"
#include "common/money.hpp"
#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "customers/customer_service.hpp"
#include "interactions/interaction_service.hpp"
#include "storage/audit.hpp"
#include "storage/outbox.hpp"

namespace rapport::commerce {
namespace {

using storage::Rows;
using storage::Tx;

constexpr std::string_view kPaymentMethodsField = "payment_methods";
constexpr std::array<std::string_view, 7> kMethods = {
    "card", "paypal", "apple_pay", "google_pay", "bank_transfer", "cash", "other"};
constexpr std::array<std::string_view, 4> kStatuses = {"authorised", "captured", "failed",
                                                       "refunded"};
constexpr std::array<std::string_view, 6> kMethodTypes = {
    "card", "paypal", "apple_pay", "google_pay", "bank_transfer", "other"};
constexpr size_t kMaxText = 200;

constexpr std::string_view kInsertPayment =
    "INSERT INTO payments (id, customer_id, order_id, amount_cents, currency, method, status, "
    "processor_reference, occurred_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectPayments =
    "SELECT id, order_id, amount_cents, currency, method, status, processor_reference, "
    "occurred_at, created_at FROM payments WHERE customer_id = ? ORDER BY occurred_at DESC, id "
    "DESC";
constexpr std::string_view kOrderOf =
    "SELECT status, currency FROM orders WHERE id = ? AND customer_id = ?";
constexpr std::string_view kMarkPaid =
    "UPDATE orders SET status = 'paid', updated_at = ?, version = version + 1 WHERE id = ?";

#define RAPPORT_METHOD_COLUMNS                                                                   \
  "id, customer_id, type, processor_token, brand, last4, exp_month, exp_year, billing_address, " \
  "is_default, created_at, updated_at, version"
constexpr std::string_view kSelectMethods =
    "SELECT " RAPPORT_METHOD_COLUMNS " FROM payment_methods WHERE customer_id = ? ORDER BY seq";
constexpr std::string_view kSelectMethod =
    "SELECT " RAPPORT_METHOD_COLUMNS " FROM payment_methods WHERE id = ? AND customer_id = ?";
constexpr std::string_view kInsertMethod =
    "INSERT INTO payment_methods (id, customer_id, type, processor_token, brand, last4, exp_month, "
    "exp_year, billing_address, is_default, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateMethod =
    "UPDATE payment_methods SET processor_token = ?, brand = ?, last4 = ?, exp_month = ?, "
    "exp_year = ?, billing_address = ?, is_default = ?, updated_at = ?, version = version + 1 "
    "WHERE id = ?";
constexpr std::string_view kClearDefault =
    "UPDATE payment_methods SET is_default = 0 WHERE customer_id = ? AND id != ? AND is_default = "
    "1";
constexpr std::string_view kDeleteMethod = "DELETE FROM payment_methods WHERE id = ?";
// When the default goes, the oldest remaining method takes its place.
constexpr std::string_view kPromoteOldest =
    "UPDATE payment_methods SET is_default = 1 WHERE id = (SELECT id FROM payment_methods WHERE "
    "customer_id = ? ORDER BY seq LIMIT 1) AND NOT EXISTS (SELECT 1 FROM payment_methods WHERE "
    "customer_id = ? AND is_default = 1)";

template <size_t N>
bool OneOf(const std::array<std::string_view, N>& allowed, std::string_view value) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

Status CheckMethodsVisible(const access::Access& access, bool edit) {
  const access::FieldRule rule = access.Rule(access::Object::kCustomers, kPaymentMethodsField);
  if (rule == access::FieldRule::kHidden) {
    return Error::PermissionDenied("Payment details are hidden from your role.");
  }
  if (edit && rule == access::FieldRule::kReadOnly) {
    return Error::PermissionDenied("Payment details are read-only for your role.");
  }
  return OkStatus();
}

json::object MethodFromRow(const storage::Row& row) {
  auto optional = [&](size_t i) {
    return row.IsNull(i) ? json::value(nullptr) : json::value(row.Text(i));
  };
  auto integer = [&](size_t i) {
    return row.IsNull(i) ? json::value(nullptr) : json::value(row.Int(i));
  };
  auto address = row.IsNull(8) ? Result<json::value>(json::value(nullptr)) : ParseJson(row.Text(8));
  return json::object{{"id", row.Text(0)},
                      {"customer_id", row.Text(1)},
                      {"type", row.Text(2)},
                      {"processor_token", row.Text(3)},
                      {"brand", optional(4)},
                      {"last4", optional(5)},
                      {"exp_month", integer(6)},
                      {"exp_year", integer(7)},
                      {"billing_address", address.ok() ? *address : json::value(nullptr)},
                      {"is_default", row.Int(9) != 0},
                      {"created_at", row.Text(10)},
                      {"updated_at", row.Text(11)},
                      {"version", row.Int(12)}};
}

// Validates the given keys of a method body onto `method` (served shape).
Status ApplyMethod(const json::object& input, bool is_create, json::object& method) {
  std::vector<FieldError> errors;
  const int current_year = std::stoi(NowInstant().substr(0, 4));
  for (const auto& [key, value] : input) {
    if (key == "type" && is_create) {
      if (!value.is_string() || !OneOf(kMethodTypes, value.as_string())) {
        errors.push_back({"type",
                          "must be one of card, paypal, apple_pay, google_pay, "
                          "bank_transfer, other"});
      } else {
        method["type"] = value;
      }
    } else if (key == "processor_token") {
      if (!value.is_string() || value.as_string().empty() || value.as_string().size() > kMaxText) {
        errors.push_back(
            {"processor_token", "must be the payment processor's token (1 to 200 characters)"});
      } else {
        method["processor_token"] = value;
      }
    } else if (key == "brand") {
      if (!value.is_null() && (!value.is_string() || value.as_string().size() > 40)) {
        errors.push_back({"brand", "must be text of at most 40 characters"});
      } else {
        method["brand"] = value;
      }
    } else if (key == "last4") {
      const bool four_digits = value.is_string() && value.as_string().size() == 4 &&
                               std::all_of(value.as_string().begin(), value.as_string().end(),
                                           [](char c) { return c >= '0' && c <= '9'; });
      if (!value.is_null() && !four_digits) {
        errors.push_back({"last4", "must be exactly the last four digits"});
      } else {
        method["last4"] = value;
      }
    } else if (key == "exp_month") {
      if (!value.is_null() &&
          (!value.is_int64() || value.as_int64() < 1 || value.as_int64() > 12)) {
        errors.push_back({"exp_month", "must be 1 to 12"});
      } else {
        method["exp_month"] = value;
      }
    } else if (key == "exp_year") {
      if (!value.is_null() && (!value.is_int64() || value.as_int64() < current_year ||
                               value.as_int64() > current_year + 30)) {
        errors.push_back({"exp_year", "must be this year or later"});
      } else {
        method["exp_year"] = value;
      }
    } else if (key == "billing_address") {
      if (!value.is_null() && !value.is_object()) {
        errors.push_back({"billing_address", "must be an address object"});
      } else {
        method["billing_address"] = value;
      }
    } else if (key == "is_default") {
      if (!value.is_bool())
        errors.push_back({"is_default", "must be true or false"});
      else
        method["is_default"] = value;
    } else {
      errors.push_back({std::string(key), "is not a known field"});
    }
  }
  if (is_create) {
    for (const char* required : {"type", "processor_token"}) {
      if (!input.contains(required)) errors.push_back({required, "is required"});
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return OkStatus();
}

std::vector<storage::Value> MethodValues(const json::object& m) {
  auto text = [&](std::string_view key) -> storage::Value {
    const json::value& v = m.at(key);
    return v.is_string() ? storage::Value(std::string(v.as_string())) : storage::Null();
  };
  auto integer = [&](std::string_view key) -> storage::Value {
    const json::value& v = m.at(key);
    return v.is_int64() ? storage::Value(v.as_int64()) : storage::Null();
  };
  const json::value& address = m.at("billing_address");
  return {text("processor_token"),
          text("brand"),
          text("last4"),
          integer("exp_month"),
          integer("exp_year"),
          address.is_null() ? storage::Null() : storage::Value(ToJsonString(address)),
          int64_t{m.at("is_default").as_bool() ? 1 : 0}};
}

// What the audit trail and events keep of a method: never the processor token.
json::object Recorded(json::object method) {
  method.erase("processor_token");
  return method;
}

Status OnTimeline(Tx& tx, const storage::WriteContext& context, const std::string& customer_id,
                  const std::string& kind, const std::string& subject, const std::string& at) {
  RAPPORT_RETURN_IF_ERROR(interactions::LogInTx(tx, access::Access::Unrestricted(), context,
                                                customer_id,
                                                json::object{{"channel", "other"},
                                                             {"direction", "internal"},
                                                             {"kind", kind},
                                                             {"subject", subject},
                                                             {"occurred_at", at}}));
  return OkStatus();
}

}  // namespace

Result<json::object> PaymentService::Record(const Access& access,
                                            const storage::WriteContext& context,
                                            const std::string& customer_id,
                                            const json::object& input) {
  json::object payment;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(AuthoriseForCustomer(tx, access, customer_id, true, "payments"));
    std::vector<FieldError> errors;
    for (const auto& [key, unused] : input) {
      static constexpr std::array<std::string_view, 7> kKeys = {
          "amount",      "currency", "method", "status", "processor_reference",
          "occurred_at", "order_id"};
      if (!OneOf(kKeys, key)) errors.push_back({std::string(key), "is not a known field"});
    }
    const json::value* amount_value = input.if_contains("amount");
    // A plain value, not an optional: GCC 12 cannot see that it is set wherever it is read.
    int64_t cents = 0;
    if (amount_value != nullptr) {
      if (auto parsed = CentsFromJson(*amount_value)) cents = *parsed;
    }
    if (cents <= 0) errors.push_back({"amount", "is required: a positive amount like 12.50"});
    RAPPORT_ASSIGN_OR_RETURN(auto currency, OptionalString(input, "currency", "currency"));
    RAPPORT_ASSIGN_OR_RETURN(auto method, OptionalString(input, "method", "method"));
    RAPPORT_ASSIGN_OR_RETURN(auto status, OptionalString(input, "status", "status"));
    RAPPORT_ASSIGN_OR_RETURN(auto reference,
                             OptionalString(input, "processor_reference", "processor_reference"));
    RAPPORT_ASSIGN_OR_RETURN(auto occurred_text,
                             OptionalString(input, "occurred_at", "occurred_at"));
    RAPPORT_ASSIGN_OR_RETURN(auto order_id, OptionalString(input, "order_id", "order_id"));
    if (!currency || !IsCurrencyCode(*currency))
      errors.push_back({"currency", "is required: an ISO 4217 code"});
    if (!method || !OneOf(kMethods, *method)) {
      errors.push_back(
          {"method",
           "must be one of card, paypal, apple_pay, google_pay, bank_transfer, cash, other"});
    }
    if (!status || !OneOf(kStatuses, *status)) {
      errors.push_back({"status", "must be one of authorised, captured, failed, refunded"});
    }
    if (reference) {
      CleanedText cleaned = CleanText(*reference, kMaxText, TextKind::kSingleLine);
      if (!cleaned.problem.empty())
        errors.push_back({"processor_reference", std::move(cleaned.problem)});
      else
        reference = cleaned.text.empty() ? std::nullopt : std::optional(std::move(cleaned.text));
    }
    std::string occurred_at = NowInstant();
    if (occurred_text) {
      auto normalized = NormalizeInstant(*occurred_text);
      if (!normalized)
        errors.push_back({"occurred_at", "must be an RFC 3339 time"});
      else
        occurred_at = *normalized;
    }
    std::optional<storage::Row> order;
    if (order_id) {
      RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kOrderOf, {*order_id, customer_id}));
      if (rows.empty())
        errors.push_back({"order_id", "no order of this customer has this id"});
      else
        order = rows[0];
    }
    if (!errors.empty()) return Error::Invalid(std::move(errors));
    const std::string id = NewId("pay");
    const std::string now = NowInstant();
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kInsertPayment, {id, customer_id, storage::OptionalText(order_id), cents, *currency,
                         *method, *status, storage::OptionalText(reference), occurred_at, now}));
    if (order && *status == "captured" && order->Text(0) == "placed") {
      RAPPORT_RETURN_IF_ERROR(tx.Exec(kMarkPaid, {now, *order_id}));
    }
    payment = json::object{
        {"id", id},
        {"customer_id", customer_id},
        {"order_id", order_id ? json::value(*order_id) : json::value(nullptr)},
        {"amount", FormatCents(cents)},
        {"currency", *currency},
        {"method", *method},
        {"status", *status},
        {"processor_reference", reference ? json::value(*reference) : json::value(nullptr)},
        {"occurred_at", occurred_at},
        {"created_at", now}};
    RAPPORT_RETURN_IF_ERROR(OnTimeline(
        tx, context, customer_id, "payment",
        "Payment " + *status + ": " + FormatCents(cents) + " " + *currency + " by " + *method,
        occurred_at));
    RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, "payment.recorded", "customer",
                                                 customer_id, json::object{{"payment", payment}}));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "create", "payment", id, {}, payment));
    return context.Written(tx, payment);
  }));
  return payment;
}

Result<json::array> PaymentService::Payments(const Access& access, const std::string& customer_id) {
  json::array payments;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(AuthoriseForCustomer(tx, access, customer_id, false, "payments"));
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectPayments, {customer_id}));
    for (const auto& row : rows) {
      payments.push_back(json::object{
          {"id", row.Text(0)},
          {"order_id", row.IsNull(1) ? json::value(nullptr) : json::value(row.Text(1))},
          {"amount", FormatCents(row.Int(2))},
          {"currency", row.Text(3)},
          {"method", row.Text(4)},
          {"status", row.Text(5)},
          {"processor_reference", row.IsNull(6) ? json::value(nullptr) : json::value(row.Text(6))},
          {"occurred_at", row.Text(7)},
          {"created_at", row.Text(8)}});
    }
    return OkStatus();
  }));
  return payments;
}

Result<json::array> PaymentService::Methods(const Access& access, const std::string& customer_id) {
  json::array methods;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(AuthoriseForCustomer(tx, access, customer_id, false, "payments"));
    RAPPORT_RETURN_IF_ERROR(CheckMethodsVisible(access, false));
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectMethods, {customer_id}));
    for (const auto& row : rows) methods.push_back(MethodFromRow(row));
    return OkStatus();
  }));
  return methods;
}

Result<json::object> PaymentService::AddMethod(const Access& access,
                                               const storage::WriteContext& context,
                                               const std::string& customer_id,
                                               const json::object& input) {
  json::object method{{"brand", nullptr},    {"last4", nullptr},           {"exp_month", nullptr},
                      {"exp_year", nullptr}, {"billing_address", nullptr}, {"is_default", false}};
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(AuthoriseForCustomer(tx, access, customer_id, true, "payments"));
    RAPPORT_RETURN_IF_ERROR(CheckMethodsVisible(access, true));
    RAPPORT_RETURN_IF_ERROR(ApplyMethod(input, true, method));
    RAPPORT_ASSIGN_OR_RETURN(Rows existing, tx.Query(kSelectMethods, {customer_id}));
    if (existing.empty()) method["is_default"] = true;  // a first method is the default
    const std::string id = NewId("pm");
    const std::string now = NowInstant();
    std::vector<storage::Value> values{id, customer_id, std::string(method["type"].as_string())};
    for (auto& v : MethodValues(method)) values.push_back(std::move(v));
    values.emplace_back(now);
    values.emplace_back(now);
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertMethod, values));
    if (method["is_default"].as_bool())
      RAPPORT_RETURN_IF_ERROR(tx.Exec(kClearDefault, {customer_id, id}));
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectMethod, {id, customer_id}));
    method = MethodFromRow(rows.at(0));
    RAPPORT_RETURN_IF_ERROR(
        OnTimeline(tx, context, customer_id, "payment_method", "Payment method added", now));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "create", "payment_method", id, {}, Recorded(method)));
    return context.Written(tx, method);
  }));
  return method;
}

Result<json::object> PaymentService::UpdateMethod(const Access& access,
                                                  const storage::WriteContext& context,
                                                  const std::string& customer_id,
                                                  const std::string& id, const json::object& patch,
                                                  std::optional<int64_t> if_version) {
  json::object method;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(AuthoriseForCustomer(tx, access, customer_id, true, "payments"));
    RAPPORT_RETURN_IF_ERROR(CheckMethodsVisible(access, true));
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectMethod, {id, customer_id}));
    if (rows.empty()) return Error::NotFound("No payment method has the id " + id + ".");
    const json::object before = MethodFromRow(rows[0]);
    if (if_version && *if_version != before.at("version").as_int64()) {
      return Error::PreconditionFailed("The payment method was changed since you read it.");
    }
    method = before;
    RAPPORT_RETURN_IF_ERROR(ApplyMethod(patch, false, method));
    std::vector<storage::Value> values = MethodValues(method);
    values.emplace_back(NowInstant());
    values.emplace_back(id);
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kUpdateMethod, values));
    if (method["is_default"].as_bool())
      RAPPORT_RETURN_IF_ERROR(tx.Exec(kClearDefault, {customer_id, id}));
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kPromoteOldest, {customer_id, customer_id}));
    RAPPORT_ASSIGN_OR_RETURN(Rows after, tx.Query(kSelectMethod, {id, customer_id}));
    method = MethodFromRow(after.at(0));
    RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "update", "payment_method", id,
                                                 Recorded(before), Recorded(method)));
    return context.Written(tx, method);
  }));
  return method;
}

Status PaymentService::RemoveMethod(const Access& access, const storage::WriteContext& context,
                                    const std::string& customer_id, const std::string& id) {
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(AuthoriseForCustomer(tx, access, customer_id, true, "payments"));
    RAPPORT_RETURN_IF_ERROR(CheckMethodsVisible(access, true));
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectMethod, {id, customer_id}));
    if (rows.empty()) return Error::NotFound("No payment method has the id " + id + ".");
    const json::object before = MethodFromRow(rows[0]);
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kDeleteMethod, {id}));
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kPromoteOldest, {customer_id, customer_id}));
    RAPPORT_RETURN_IF_ERROR(OnTimeline(tx, context, customer_id, "payment_method",
                                       "Payment method removed", NowInstant()));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "delete", "payment_method", id, Recorded(before), {}));
    return context.Written(tx, json::object{{"id", id}});
  });
}

}  // namespace rapport::commerce
