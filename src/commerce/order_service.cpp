#include "commerce/order_service.hpp"

#include <algorithm>
#include <array>

#include "commerce/customer_scope.hpp"
#include "commerce/customer_value.hpp"
#include "commerce/order_summary.hpp"
#include "commerce/voucher_hook.hpp"
#include "common/ids.hpp"
#include "common/money.hpp"
#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "customers/customer_service.hpp"
#include "customers/referral_hook.hpp"
#include "interactions/interaction_service.hpp"
#include "storage/audit.hpp"
#include "storage/event_payload.hpp"
#include "storage/outbox.hpp"

namespace rapport::commerce {
namespace {

using storage::Rows;
using storage::Tx;

constexpr size_t kMaxLines = 500;
constexpr int64_t kMaxQuantity = 1'000'000;
constexpr size_t kMaxText = 1000;
// placed_at bounds: orders are recorded after the fact, so never in the future — beyond a day of
// clock skew between a shop system and this server — nor before 1900 (a typo such as 0202 or a
// spreadsheet's 1899-12-30 "zero date" that would skew lifetime value and cohorts).
constexpr std::string_view kEarliestPlacedAt = "1900-01-01T00:00:00.000Z";  // canonical form
constexpr int64_t kPlacedAtSkewSeconds = 24 * 3600;
constexpr std::array<std::string_view, 4> kChannels = {"web", "store", "phone", "marketplace"};
constexpr std::array<std::string_view, 3> kPlacedStatuses = {"placed", "paid", "fulfilled"};

#define RAPPORT_ORDER_COLUMNS                                                                   \
  "id, customer_id, external_id, placed_at, status, currency, channel, notes, subtotal_cents, " \
  "discount_cents, total_cents, refunded_cents, created_at, updated_at, version, number, "      \
  "placed_by"

constexpr std::string_view kInsertOrder = "INSERT INTO orders (" RAPPORT_ORDER_COLUMNS
                                          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                          "?, ?, ?, ?)";
// The customer's orders, this one included: a referral counts only on the first.
constexpr std::string_view kCustomerOrders = "SELECT COUNT(*) FROM orders WHERE customer_id = ?";
// Short numbers people quote ("#1042"), from a counter so none is handed out twice (migration
// 0012 seeds it past the existing orders).
constexpr std::string_view kNextOrderNumber =
    "UPDATE counters SET next_value = next_value + 1 WHERE name = 'order_number' "
    "RETURNING next_value - 1";
constexpr std::string_view kInsertLine =
    "INSERT INTO order_lines (order_id, customer_id, position, product_id, sku, description, "
    "category, quantity, unit_price_cents, discount_cents, line_total_cents) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectOrder =
    "SELECT " RAPPORT_ORDER_COLUMNS " FROM orders WHERE id = ?";
constexpr std::string_view kSelectLines =
    "SELECT position, product_id, sku, description, category, quantity, unit_price_cents, "
    "discount_cents, line_total_cents FROM order_lines WHERE order_id = ? ORDER BY position";
constexpr std::string_view kSelectRefunds =
    "SELECT id, amount_cents, reason, created_at FROM refunds WHERE order_id = ? ORDER BY seq";
constexpr std::string_view kProductById =
    "SELECT id, sku, name, category, price_cents FROM products WHERE id = ?";
constexpr std::string_view kProductBySku =
    "SELECT id, sku, name, category, price_cents FROM products WHERE sku = ?";
constexpr std::string_view kDeleteOrder = "DELETE FROM orders WHERE id = ?";
constexpr std::string_view kExternalTaken = "SELECT id FROM orders WHERE external_id = ?";
constexpr std::string_view kUpdateOrder =
    "UPDATE orders SET status = ?, notes = ?, refunded_cents = ?, updated_at = ?, "
    "version = version + 1 WHERE id = ?";
constexpr std::string_view kInsertRefund =
    "INSERT INTO refunds (id, order_id, customer_id, amount_cents, reason, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?)";

template <size_t N>
bool OneOf(const std::array<std::string_view, N>& allowed, std::string_view value) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

struct Line {
  std::optional<std::string> product_id;
  std::optional<std::string> sku;
  std::string description;
  std::optional<std::string> category;
  int64_t quantity = 1;
  int64_t unit_price_cents = 0;
  int64_t discount_cents = 0;
  int64_t line_total_cents = 0;
};

// The timeline's channel for an order's sales channel.
std::string TimelineChannel(const std::string& channel) {
  if (channel == "store") return "in_person";
  if (channel == "phone") return "phone";
  return "web";
}

Result<std::vector<Line>> ReadLines(Tx& tx, const json::value* value,
                                    std::vector<FieldError>& errors) {
  std::vector<Line> lines;
  if (value == nullptr || !value->is_array() || value->as_array().empty()) {
    errors.push_back({"lines", "must be a non-empty array of order lines"});
    return lines;
  }
  if (value->as_array().size() > kMaxLines) {
    errors.push_back({"lines", "holds at most 500 lines"});
    return lines;
  }
  for (size_t i = 0; i < value->as_array().size(); ++i) {
    const std::string path = "lines[" + std::to_string(i) + "]";
    const json::value& item = value->as_array()[i];
    if (!item.is_object()) {
      errors.push_back({path, "must be an object"});
      continue;
    }
    const json::object& in = item.as_object();
    Line line;
    std::optional<int64_t> catalogue_price;
    for (const auto& [key, unused] : in) {
      static constexpr std::array<std::string_view, 7> kKeys = {
          "product_id", "sku", "description", "quantity", "unit_price", "line_total", "discount"};
      if (!OneOf(kKeys, key))
        errors.push_back({path + "." + std::string(key), "is not a known field"});
    }
    // A product (by id or SKU) supplies the description, category and default price.
    std::optional<storage::Row> product;
    if (const json::value* id = in.if_contains("product_id"); id && !id->is_null()) {
      if (!id->is_string()) {
        errors.push_back({path + ".product_id", "must be a product id"});
      } else {
        RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kProductById, {std::string(id->as_string())}));
        if (rows.empty())
          errors.push_back({path + ".product_id", "no product has this id"});
        else
          product = rows[0];
      }
    } else if (const json::value* sku = in.if_contains("sku"); sku && !sku->is_null()) {
      if (!sku->is_string() || sku->as_string().empty()) {
        errors.push_back({path + ".sku", "must be a SKU"});
      } else {
        RAPPORT_ASSIGN_OR_RETURN(Rows rows,
                                 tx.Query(kProductBySku, {std::string(sku->as_string())}));
        if (rows.empty()) {
          line.sku = std::string(sku->as_string());  // a free-text line with a SKU we do not sell
        } else {
          product = rows[0];
        }
      }
    }
    if (product) {
      line.product_id = product->Text(0);
      line.sku = product->Text(1);
      line.description = product->Text(2);
      line.category = product->OptText(3);
      catalogue_price = product->Int(4);
    }
    if (const json::value* description = in.if_contains("description"); description) {
      if (!description->is_string()) {
        errors.push_back({path + ".description", "must be text of at most 1000 characters"});
      } else if (CleanedText cleaned =
                     CleanText(description->as_string(), kMaxText, TextKind::kSingleLine);
                 !cleaned.problem.empty()) {
        errors.push_back({path + ".description", std::move(cleaned.problem)});
      } else if (!cleaned.text.empty()) {
        line.description = std::move(cleaned.text);
      }
    }
    if (line.description.empty()) {
      errors.push_back({path + ".description", "is required without a known product"});
    }
    if (const json::value* quantity = in.if_contains("quantity")) {
      if (!quantity->is_int64() || quantity->as_int64() < 1 ||
          quantity->as_int64() > kMaxQuantity) {
        errors.push_back({path + ".quantity", "must be a whole number from 1 to 1000000"});
      } else {
        line.quantity = quantity->as_int64();
      }
    }
    if (const json::value* discount = in.if_contains("discount");
        discount && !discount->is_null()) {
      auto cents = CentsFromJson(*discount);
      if (!cents)
        errors.push_back({path + ".discount", "must be an amount like 2.50"});
      else
        line.discount_cents = *cents;
    }
    const json::value* unit_price = in.if_contains("unit_price");
    const json::value* line_total = in.if_contains("line_total");
    if (unit_price && line_total) {
      errors.push_back({path + ".line_total", "give unit_price or line_total, not both"});
    } else if (line_total) {
      // Imports often know only the line's total: keep it exact, derive the unit price.
      auto cents = CentsFromJson(*line_total);
      if (!cents) {
        errors.push_back({path + ".line_total", "must be an amount like 19.99"});
      } else {
        // The line's gross is line_total + discount, exactly; the unit price shown is that
        // divided by the quantity, rounded to the cent (10.00 over 3 shows 3.33), and the order's
        // subtotal adds the gross amounts, never unit price × quantity.
        line.line_total_cents = *cents;
        line.unit_price_cents = (*cents + line.discount_cents + line.quantity / 2) / line.quantity;
      }
    } else {
      std::optional<int64_t> cents = unit_price ? CentsFromJson(*unit_price) : catalogue_price;
      if (!cents) {
        errors.push_back({path + ".unit_price", unit_price
                                                    ? "must be an amount like 19.99"
                                                    : "is required without a product price"});
      } else if (*cents > kMaxCents / line.quantity) {
        errors.push_back({path + ".quantity", "makes the line too large"});
      } else {
        line.unit_price_cents = *cents;
        line.line_total_cents = *cents * line.quantity - line.discount_cents;
      }
    }
    if (line.line_total_cents < 0) {
      errors.push_back(
          {path + ".discount", "cannot exceed the line's price (unit price × quantity)"});
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

json::object OrderFromRow(const storage::Row& row) {
  auto optional = [&](size_t i) {
    return row.IsNull(i) ? json::value(nullptr) : json::value(row.Text(i));
  };
  return json::object{{"id", row.Text(0)},
                      {"number", row.IsNull(15) ? json::value(nullptr) : json::value(row.Int(15))},
                      {"customer_id", row.Text(1)},
                      {"external_id", optional(2)},
                      {"placed_at", row.Text(3)},
                      {"status", row.Text(4)},
                      {"currency", row.Text(5)},
                      {"channel", row.Text(6)},
                      {"notes", optional(7)},
                      {"subtotal", FormatCents(row.Int(8))},
                      {"discount", FormatCents(row.Int(9))},
                      {"total", FormatCents(row.Int(10))},
                      {"refunded", FormatCents(row.Int(11))},
                      {"created_at", row.Text(12)},
                      {"updated_at", row.Text(13)},
                      {"version", row.Int(14)},
                      {"placed_by", optional(16)}};
}

struct Loaded {
  json::object order;
  OrderContribution contribution;
  int64_t total_cents = 0;
  int64_t refunded_cents = 0;
};

Result<std::optional<Loaded>> LoadOrder(Tx& tx, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectOrder, {id}));
  if (rows.empty()) return std::optional<Loaded>();
  Loaded loaded{.order = OrderFromRow(rows[0])};
  loaded.total_cents = rows[0].Int(10);
  loaded.refunded_cents = rows[0].Int(11);
  loaded.contribution = {.placed_at = rows[0].Text(3), .total_cents = loaded.total_cents};
  RAPPORT_ASSIGN_OR_RETURN(Rows line_rows, tx.Query(kSelectLines, {id}));
  json::array lines;
  for (const auto& row : line_rows) {
    loaded.contribution.category_cents[row.Text(4)] += row.Int(8);
    lines.push_back(json::object{
        {"product_id", row.IsNull(1) ? json::value(nullptr) : json::value(row.Text(1))},
        {"sku", row.IsNull(2) ? json::value(nullptr) : json::value(row.Text(2))},
        {"description", row.Text(3)},
        {"category", row.IsNull(4) ? json::value(nullptr) : json::value(row.Text(4))},
        {"quantity", row.Int(5)},
        {"unit_price", FormatCents(row.Int(6))},
        {"discount", FormatCents(row.Int(7))},
        {"line_total", FormatCents(row.Int(8))}});
  }
  loaded.order["lines"] = std::move(lines);
  RAPPORT_ASSIGN_OR_RETURN(Rows refund_rows, tx.Query(kSelectRefunds, {id}));
  json::array refunds;
  for (const auto& row : refund_rows) {
    refunds.push_back(
        json::object{{"id", row.Text(0)},
                     {"amount", FormatCents(row.Int(1))},
                     {"reason", row.IsNull(2) ? json::value(nullptr) : json::value(row.Text(2))},
                     {"created_at", row.Text(3)}});
  }
  loaded.order["refunds"] = std::move(refunds);
  return std::optional<Loaded>(std::move(loaded));
}

// The order, if the caller may read its customer; "not found" otherwise, like a missing one.
Result<Loaded> ReadableOrder(Tx& tx, const access::Access& access, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(std::optional<Loaded> loaded, LoadOrder(tx, id));
  const Error missing = Error::NotFound("No order has the id " + id + ".");
  if (!loaded) return missing;
  auto owner = customers::ReadableCustomerOwner(
      tx, access, std::string(loaded->order.at("customer_id").as_string()));
  if (!owner.ok()) return missing;
  return std::move(*loaded);
}

Status OnTimeline(Tx& tx, const storage::WriteContext& context, const json::object& order,
                  const std::string& kind, const std::string& subject, const std::string& at) {
  json::object entry{{"channel", TimelineChannel(std::string(order.at("channel").as_string()))},
                     {"direction", "inbound"},
                     {"kind", kind},
                     {"subject", subject},
                     // Our own summary of the order ("Order #12 cancelled"), not the customer's
                     // words: never read for a mood.
                     {"sentiment", "unknown"},
                     {"occurred_at", at},
                     {"metadata", json::object{{"order_id", order.at("id")}}}};
  // The caller was authorised for the order; the timeline entry is part of that same change.
  RAPPORT_RETURN_IF_ERROR(interactions::LogInTx(tx, access::Access::Unrestricted(), context,
                                                std::string(order.at("customer_id").as_string()),
                                                entry));
  return OkStatus();
}

// The order an order.placed event carries: its figures and what was bought, without the texts
// (notes, line descriptions and categories) a consumer can read by id (docs/design/events.md
// § Payloads).
json::object PlacedEventOrder(const json::object& order) {
  json::object lean = storage::LeanRecord(order, {"notes", "created_at", "updated_at"});
  if (json::value* lines = lean.if_contains("lines"); lines != nullptr && lines->is_array()) {
    for (json::value& line : lines->as_array()) {
      if (line.is_object())
        line = storage::LeanRecord(line.as_object(), {"description", "category"});
    }
  }
  return lean;
}

// `voucher_codes`: 1 to kMaxVoucherCodes strings, each checked by the registered redeemer.
std::vector<std::string> ReadVoucherCodes(const json::value* value,
                                          std::vector<FieldError>& errors) {
  std::vector<std::string> codes;
  if (value == nullptr || value->is_null()) return codes;
  if (CurrentVoucherRedeemer() == nullptr) {
    errors.push_back({"voucher_codes", "vouchers are not available on this server"});
    return codes;
  }
  if (!value->is_array() || value->as_array().size() > kMaxVoucherCodes) {
    errors.push_back({"voucher_codes", "must be an array of at most 5 codes"});
    return codes;
  }
  for (size_t i = 0; i < value->as_array().size(); ++i) {
    const json::value& code = value->as_array()[i];
    if (!code.is_string() || code.as_string().empty() || code.as_string().size() > 64) {
      errors.push_back({"voucher_codes[" + std::to_string(i) + "]", "must be a code"});
    } else {
      codes.emplace_back(code.as_string());
    }
  }
  return codes;
}

// The vouchers' discount lines, from the registered redeemer, in the order's transaction (the
// voucher block of docs/design/loyalty.md § Redemption in the order).
Result<std::vector<Line>> VoucherLines(Tx& tx, const storage::WriteContext& context,
                                       const std::string& order_id, const std::string& customer_id,
                                       const std::string& currency, const std::string& placed_at,
                                       const std::vector<Line>& lines,
                                       const std::vector<std::string>& codes) {
  std::vector<Line> added;
  if (codes.empty()) return added;
  DraftOrder draft{
      .id = order_id, .customer_id = customer_id, .currency = currency, .placed_at = placed_at};
  for (const Line& line : lines) {
    draft.lines.push_back({.product_id = line.product_id,
                           .category = line.category,
                           .quantity = line.quantity,
                           .unit_price_cents = line.unit_price_cents,
                           .line_total_cents = line.line_total_cents});
    draft.total_cents += line.line_total_cents;
  }
  RAPPORT_ASSIGN_OR_RETURN(std::vector<VoucherDiscount> discounts,
                           CurrentVoucherRedeemer()->Redeem(tx, context, draft, codes));
  for (VoucherDiscount& discount : discounts) {
    // No price, the discount as the line's own: subtotal − discount = total stays true.
    added.push_back(Line{.description = std::move(discount.description),
                         .quantity = 1,
                         .unit_price_cents = 0,
                         .discount_cents = discount.discount_cents,
                         .line_total_cents = -discount.discount_cents});
  }
  return added;
}

}  // namespace

Result<json::object> PlaceInTx(Tx& tx, const access::Access& access,
                               const storage::WriteContext& context, const std::string& customer_id,
                               const json::object& input) {
  RAPPORT_RETURN_IF_ERROR(AuthoriseForCustomer(tx, access, customer_id, true, "orders"));
  // A referral code on the customer's first order goes to the referral programme (below); the
  // body is copied only when it carries one.
  json::object stripped;
  std::optional<customers::ReferralArrival> referral;
  const bool has_referral = customers::HasReferral(input);
  if (has_referral) {
    stripped = input;
    RAPPORT_ASSIGN_OR_RETURN(referral, customers::TakeReferral(stripped));
  }
  const json::object& body = has_referral ? stripped : input;
  std::vector<FieldError> errors;
  for (const auto& [key, unused] : body) {
    static constexpr std::array<std::string_view, 9> kKeys = {
        "external_id", "placed_at", "status",        "currency", "channel",
        "notes",       "lines",     "voucher_codes", "placed_by"};
    if (!OneOf(kKeys, key)) errors.push_back({std::string(key), "is not a known field"});
  }
  RAPPORT_ASSIGN_OR_RETURN(auto external_id, OptionalString(body, "external_id", "external_id"));
  RAPPORT_ASSIGN_OR_RETURN(auto placed_text, OptionalString(body, "placed_at", "placed_at"));
  RAPPORT_ASSIGN_OR_RETURN(auto status, OptionalString(body, "status", "status"));
  RAPPORT_ASSIGN_OR_RETURN(auto currency, OptionalString(body, "currency", "currency"));
  RAPPORT_ASSIGN_OR_RETURN(auto channel, OptionalString(body, "channel", "channel"));
  RAPPORT_ASSIGN_OR_RETURN(auto notes, OptionalString(body, "notes", "notes"));
  RAPPORT_ASSIGN_OR_RETURN(auto placed_by, OptionalString(body, "placed_by", "placed_by"));
  std::string placed_at = NowInstant();
  if (placed_text) {
    auto normalized = NormalizeInstant(*placed_text);
    if (!normalized) {
      errors.push_back({"placed_at", "must be an RFC 3339 time"});
    } else if (*normalized < kEarliestPlacedAt) {
      errors.push_back({"placed_at", "cannot be before 1900-01-01"});
    } else if (*normalized > FormatInstant(NowMillis() + kPlacedAtSkewSeconds * 1000)) {
      errors.push_back({"placed_at", "cannot be in the future (more than a day ahead)"});
    } else {
      placed_at = *normalized;
    }
  }
  if (status && !OneOf(kPlacedStatuses, *status)) {
    errors.push_back({"status", "must be placed, paid or fulfilled for a new order"});
  }
  if (!currency || !IsCurrencyCode(*currency)) {
    errors.push_back({"currency", "is required: an ISO 4217 code such as EUR or USD"});
  }
  if (!channel || !OneOf(kChannels, *channel)) {
    errors.push_back({"channel", "must be one of web, store, phone, marketplace"});
  }
  if (notes) {
    CleanedText cleaned = CleanText(*notes, kMaxText, TextKind::kMultiLine);
    if (!cleaned.problem.empty())
      errors.push_back({"notes", std::move(cleaned.problem)});
    else
      notes = cleaned.text.empty() ? std::nullopt : std::optional<std::string>(cleaned.text);
  }
  if (external_id && (external_id->empty() || external_id->size() > 200)) {
    errors.push_back({"external_id", "must be 1 to 200 characters"});
  }
  if (placed_by && *placed_by == customer_id) placed_by.reset();  // the customer's own order
  if (placed_by) {
    // Another customer the caller may see; a hidden one reads as missing, as everywhere.
    auto placer = customers::ReadableCustomerOwner(tx, access, *placed_by);
    if (!placer.ok()) {
      if (placer.error().code != ErrorCode::kNotFound) return std::move(placer).error();
      errors.push_back({"placed_by", "must be the id of a customer (the one who placed it)"});
    }
  }
  RAPPORT_ASSIGN_OR_RETURN(std::vector<Line> lines,
                           ReadLines(tx, body.if_contains("lines"), errors));
  const std::vector<std::string> voucher_codes =
      ReadVoucherCodes(body.if_contains("voucher_codes"), errors);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  if (external_id) {
    RAPPORT_ASSIGN_OR_RETURN(Rows taken, tx.Query(kExternalTaken, {*external_id}));
    if (!taken.empty()) return Error::Conflict("another order has this external id", "external_id");
  }
  const std::string id = NewId("ord");
  RAPPORT_ASSIGN_OR_RETURN(
      std::vector<Line> voucher_lines,
      VoucherLines(tx, context, id, customer_id, *currency, placed_at, lines, voucher_codes));
  for (Line& line : voucher_lines) lines.push_back(std::move(line));
  int64_t subtotal = 0, discount = 0, total = 0;
  OrderContribution contribution{.placed_at = placed_at};
  for (const auto& line : lines) {
    subtotal += line.line_total_cents + line.discount_cents;  // so subtotal − discount = total
    discount += line.discount_cents;
    total += line.line_total_cents;
    contribution.category_cents[line.category.value_or("")] += line.line_total_cents;
  }
  contribution.total_cents = total;
  const std::string now = NowInstant();
  RAPPORT_ASSIGN_OR_RETURN(Rows number, tx.Query(kNextOrderNumber));
  if (number.empty()) return Error::Internal("the order number counter is missing");
  RAPPORT_RETURN_IF_ERROR(tx.Exec(
      kInsertOrder,
      {id, customer_id, storage::OptionalText(external_id), placed_at, status.value_or("placed"),
       *currency, *channel, storage::OptionalText(notes), subtotal, discount, total, int64_t{0},
       now, now, int64_t{1}, number[0].Int(0), storage::OptionalText(placed_by)}));
  for (size_t i = 0; i < lines.size(); ++i) {
    const Line& line = lines[i];
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kInsertLine,
        {id, customer_id, static_cast<int64_t>(i), storage::OptionalText(line.product_id),
         storage::OptionalText(line.sku), line.description, storage::OptionalText(line.category),
         line.quantity, line.unit_price_cents, line.discount_cents, line.line_total_cents}));
  }
  if (referral) {
    RAPPORT_ASSIGN_OR_RETURN(Rows prior, tx.Query(kCustomerOrders, {customer_id}));
    referral->customer_id = customer_id;
    referral->order_id = id;
    referral->prior_orders = prior[0].Int(0) - 1;  // this order is inserted already
    RAPPORT_RETURN_IF_ERROR(customers::CurrentReferralHook()->Arrive(tx, context, *referral));
  }
  RAPPORT_RETURN_IF_ERROR(AddOrder(tx, customer_id, contribution));
  RAPPORT_ASSIGN_OR_RETURN(std::optional<Loaded> loaded, LoadOrder(tx, id));
  const json::object& order = loaded->order;
  RAPPORT_RETURN_IF_ERROR(OnTimeline(tx, context, order, "order", PlacedSummary(order), placed_at));
  RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, "order.placed", "customer", customer_id,
                                               json::object{{"order", PlacedEventOrder(order)}}));
  RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "create", "order", id, {}, order));
  return order;
}

Status DeleteOrderInTx(Tx& tx, const storage::WriteContext& context, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(std::optional<Loaded> loaded, LoadOrder(tx, id));
  if (!loaded) return Error::NotFound("No order has the id " + id + ".");
  const std::string customer_id(loaded->order.at("customer_id").as_string());
  // The order's own timeline entries (placed, cancelled, refunded) go with it, through their
  // owner so each is announced and the metrics projection takes it back.
  RAPPORT_RETURN_IF_ERROR(interactions::DeleteRecordInteractionsInTx(
      tx, context, customer_id, {"order", "order_cancelled", "refund"}, "order_id", id));
  // Deleted before the value is adjusted: the first and last purchase come from the orders left.
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kDeleteOrder, {id}));
  if (loaded->order.at("status") != "cancelled") {
    // A cancelled order's value already came off; any other still counts.
    RAPPORT_RETURN_IF_ERROR(
        RemoveOrder(tx, customer_id, loaded->contribution, loaded->refunded_cents));
  }
  RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, "order.deleted", "customer",
                                               customer_id, json::object{{"order_id", id}}));
  return storage::AppendAudit(tx, context, "delete", "order", id, loaded->order, {});
}

Result<json::object> OrderService::Place(const Access& access, const storage::WriteContext& context,
                                         const std::string& customer_id,
                                         const json::object& input) {
  json::object order;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(order, PlaceInTx(tx, access, context, customer_id, input));
    return context.Written(tx, order);
  }));
  return order;
}

Result<json::object> OrderService::Get(const Access& access, const std::string& id) {
  json::object order;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Loaded loaded, ReadableOrder(tx, access, id));
    order = std::move(loaded.order);
    return OkStatus();
  }));
  return order;
}

Result<Page> OrderService::ListForCustomer(const Access& access, const std::string& customer_id,
                                           int limit, const std::optional<std::string>& cursor) {
  const std::string sort = "-placed_at";
  std::optional<CursorPosition> after;
  if (cursor) {
    RAPPORT_ASSIGN_OR_RETURN(after, DecodeCursor(*cursor, sort));
    if (!after->value.is_string()) return Error::Malformed("The cursor is not valid.");
  }
  Page page;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(customers::ReadableCustomerOwner(tx, access, customer_id));
    std::string sql = "SELECT id FROM orders WHERE customer_id = ?";
    // Reserved up front: GCC 12 misreports a -Wstringop-overflow for a braced vector of variants
    // that then grows.
    std::vector<storage::Value> params;
    params.reserve(4);
    params.emplace_back(customer_id);
    if (after) {
      sql += " AND (placed_at, id) < (?, ?)";
      params.emplace_back(std::string(after->value.as_string()));
      params.emplace_back(after->id);
    }
    sql += " ORDER BY placed_at DESC, id DESC LIMIT ?";
    params.emplace_back(static_cast<int64_t>(limit + 1));
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, params));
    for (size_t i = 0; i < rows.size() && i < static_cast<size_t>(limit); ++i) {
      RAPPORT_ASSIGN_OR_RETURN(std::optional<Loaded> loaded, LoadOrder(tx, rows[i].Text(0)));
      if (loaded) page.data.push_back(std::move(loaded->order));
    }
    if (rows.size() > static_cast<size_t>(limit)) {
      const json::object& last = page.data.back().as_object();
      page.next_cursor =
          EncodeCursor({sort, last.at("placed_at"), std::string(last.at("id").as_string())});
    }
    return OkStatus();
  }));
  return page;
}

Result<json::object> OrderService::Update(const Access& access,
                                          const storage::WriteContext& context,
                                          const std::string& id, const json::object& patch,
                                          std::optional<int64_t> if_version) {
  json::object order;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Loaded loaded, ReadableOrder(tx, access, id));
    const std::string customer_id(loaded.order.at("customer_id").as_string());
    RAPPORT_RETURN_IF_ERROR(AuthoriseForCustomer(tx, access, customer_id, true, "orders"));
    if (if_version && *if_version != loaded.order.at("version").as_int64()) {
      return Error::PreconditionFailed("The order was changed since you read it.");
    }
    std::string status(loaded.order.at("status").as_string());
    const std::string before_status = status;
    std::optional<std::string> notes;
    if (loaded.order.at("notes").is_string())
      notes = std::string(loaded.order.at("notes").as_string());
    std::vector<FieldError> errors;
    for (const auto& [key, value] : patch) {
      if (key == "status") {
        const std::string next = value.is_string() ? std::string(value.as_string()) : "";
        const bool settled =
            status == "cancelled" || status == "refunded" || status == "partially_refunded";
        if (next != "paid" && next != "fulfilled" && next != "cancelled" && next != "placed") {
          errors.push_back({"status",
                            "must be placed, paid, fulfilled or cancelled (refunds "
                            "are recorded under /refunds)"});
        } else if (settled && next != status) {
          errors.push_back({"status", "a " + status + " order cannot change status"});
        } else {
          status = next;
        }
      } else if (key == "notes") {
        // The rules of PlaceInTx: free text, characters counted, no NUL.
        CleanedText cleaned = value.is_string()
                                  ? CleanText(value.as_string(), kMaxText, TextKind::kMultiLine)
                                  : CleanedText{};
        if (!value.is_null() && !value.is_string()) {
          errors.push_back({"notes", "holds at most 1000 characters"});
        } else if (!cleaned.problem.empty()) {
          errors.push_back({"notes", std::move(cleaned.problem)});
        } else {
          notes = cleaned.text.empty() ? std::nullopt : std::optional(std::move(cleaned.text));
        }
      } else {
        errors.push_back({std::string(key), "is not a field that can be changed here"});
      }
    }
    if (!errors.empty()) return Error::Invalid(std::move(errors));
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kUpdateOrder, {status, storage::OptionalText(notes),
                                                   loaded.refunded_cents, NowInstant(), id}));
    if (status == "cancelled" && before_status != "cancelled") {
      RAPPORT_RETURN_IF_ERROR(
          RemoveOrder(tx, customer_id, loaded.contribution, loaded.refunded_cents));
      RAPPORT_RETURN_IF_ERROR(OnTimeline(tx, context, loaded.order, "order_cancelled",
                                         CancelledSummary(loaded.order), NowInstant()));
    }
    RAPPORT_ASSIGN_OR_RETURN(std::optional<Loaded> after, LoadOrder(tx, id));
    order = std::move(after->order);
    json::array changed = storage::ChangedFields(loaded.order, order);
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendEvent(tx, context, "order.updated", "customer", customer_id,
                             json::object{{"order", storage::ChangedPart(order, changed)},
                                          {"changed", std::move(changed)}}));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "update", "order", id, loaded.order, order));
    return context.Written(tx, order);
  }));
  return order;
}

Status OrderService::Delete(const Access& access, const storage::WriteContext& context,
                            const std::string& id, std::optional<int64_t> if_version) {
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Loaded loaded, ReadableOrder(tx, access, id));
    const std::string customer_id(loaded.order.at("customer_id").as_string());
    RAPPORT_ASSIGN_OR_RETURN(auto owner,
                             AuthoriseForCustomer(tx, access, customer_id, false, "orders"));
    if (!access.Allows(access::Object::kCustomers, access::Action::kDelete, owner)) {
      return Error::PermissionDenied(
          "Your role does not allow you to delete this customer's orders.");
    }
    if (if_version && *if_version != loaded.order.at("version").as_int64()) {
      return Error::PreconditionFailed("The order was changed since you read it.");
    }
    RAPPORT_RETURN_IF_ERROR(DeleteOrderInTx(tx, context, id));
    return context.Written(tx, json::object{{"id", id}});
  });
}

Result<json::object> OrderService::Refund(const Access& access,
                                          const storage::WriteContext& context,
                                          const std::string& order_id, const json::object& input) {
  json::object refund;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Loaded loaded, ReadableOrder(tx, access, order_id));
    const std::string customer_id(loaded.order.at("customer_id").as_string());
    RAPPORT_RETURN_IF_ERROR(AuthoriseForCustomer(tx, access, customer_id, true, "orders"));
    std::vector<FieldError> errors;
    for (const auto& [key, unused] : input) {
      if (key != "amount" && key != "reason")
        errors.push_back({std::string(key), "is not a known field"});
    }
    const json::value* amount_value = input.if_contains("amount");
    // A plain value, not an optional: GCC 12 cannot see that it is set wherever it is read.
    int64_t cents = 0;
    bool valid = false;
    if (amount_value != nullptr) {
      if (auto parsed = CentsFromJson(*amount_value)) {
        cents = *parsed;
        valid = cents > 0;
      }
    }
    const int64_t left = loaded.total_cents - loaded.refunded_cents;
    if (!valid) {
      errors.push_back({"amount", "is required: a positive amount like 12.50"});
    } else if (cents > left) {
      errors.push_back({"amount", "is more than is left to refund (" + FormatCents(left) + ")"});
    }
    RAPPORT_ASSIGN_OR_RETURN(auto reason, OptionalString(input, "reason", "reason"));
    if (reason) {
      CleanedText cleaned = CleanText(*reason, kMaxText, TextKind::kMultiLine);
      if (!cleaned.problem.empty())
        errors.push_back({"reason", std::move(cleaned.problem)});
      else
        reason = cleaned.text.empty() ? std::nullopt : std::optional(std::move(cleaned.text));
    }
    if (loaded.order.at("status") == "cancelled")
      errors.push_back({"amount", "the order is cancelled"});
    if (!errors.empty()) return Error::Invalid(std::move(errors));
    const std::string id = NewId("ref");
    const std::string now = NowInstant();
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kInsertRefund, {id, order_id, customer_id, cents, storage::OptionalText(reason), now}));
    const int64_t refunded = loaded.refunded_cents + cents;
    const std::string status = refunded == loaded.total_cents ? "refunded" : "partially_refunded";
    std::optional<std::string> notes;
    if (loaded.order.at("notes").is_string())
      notes = std::string(loaded.order.at("notes").as_string());
    RAPPORT_RETURN_IF_ERROR(
        tx.Exec(kUpdateOrder, {status, storage::OptionalText(notes), refunded, now, order_id}));
    RAPPORT_RETURN_IF_ERROR(AddRefund(tx, customer_id, cents));
    RAPPORT_RETURN_IF_ERROR(
        OnTimeline(tx, context, loaded.order, "refund", RefundedSummary(loaded.order, cents), now));
    refund = json::object{{"id", id},
                          {"order_id", order_id},
                          {"amount", FormatCents(cents)},
                          {"reason", reason ? json::value(*reason) : json::value(nullptr)},
                          {"created_at", now},
                          {"order_status", status}};
    RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, "order.refunded", "customer",
                                                 customer_id, json::object{{"refund", refund}}));
    RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "create", "refund", id, {}, refund));
    return context.Written(tx, refund);
  }));
  return refund;
}

}  // namespace rapport::commerce
