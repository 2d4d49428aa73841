#include "loyalty/stamp_store.hpp"

#include "common/time.hpp"
#include "interactions/interaction_service.hpp"
#include "loyalty/voucher_code.hpp"
#include "loyalty/voucher_service.hpp"
#include "storage/audit.hpp"
#include "storage/outbox.hpp"

namespace rapport::loyalty {
namespace {

using storage::Rows;
using storage::Tx;

constexpr std::string_view kSelectOne =
    "SELECT id, settings, version, created_at, updated_at FROM loyalty_stamp_cards WHERE id = ?";
constexpr std::string_view kSelectAll =
    "SELECT id, settings, version, created_at, updated_at FROM loyalty_stamp_cards";
constexpr std::string_view kInsert =
    "INSERT INTO loyalty_stamp_cards (id, settings, created_at, updated_at) VALUES (?, ?, ?, ?)";
constexpr std::string_view kUpdate =
    "UPDATE loyalty_stamp_cards SET settings = ?, updated_at = ?, version = version + 1 "
    "WHERE id = ?";
constexpr std::string_view kHeld =
    "SELECT COALESCE(SUM(stamps - removed), 0), COALESCE(SUM(stamps > removed), 0) "
    "FROM loyalty_stamps WHERE customer_id = ? AND card_id = ?";
// Newest first; a voucher withdrawn (deleted) reads as unused, since it is revoked anyway.
constexpr std::string_view kFills =
    "SELECT f.fill, f.voucher_id, f.code_hint, f.filled_at, f.revoked_at, COALESCE(v.uses, 0) "
    "FROM loyalty_stamp_fills f LEFT JOIN loyalty_vouchers v ON v.id = f.voucher_id "
    "WHERE f.card_id = ? AND f.customer_id = ? ORDER BY f.fill DESC LIMIT 1000";
constexpr std::string_view kInsertFill =
    "INSERT INTO loyalty_stamp_fills (card_id, customer_id, fill, voucher_id, code_hint, "
    "filled_at) VALUES (?, ?, ?, ?, ?, ?)";
// Only while no order has used it: the check and the withdrawal are one statement, and the
// single writer orders it against any order spending the code.
constexpr std::string_view kWithdrawVoucher =
    "DELETE FROM loyalty_voucher_batches WHERE id = "
    "(SELECT batch_id FROM loyalty_vouchers WHERE id = ? AND uses = 0)";
constexpr std::string_view kRevokeFill =
    "UPDATE loyalty_stamp_fills SET revoked_at = ? WHERE card_id = ? AND customer_id = ? AND "
    "fill = ?";

Result<StoredStampCard> FromRow(const storage::Row& row) {
  json::value settings;
  try {
    settings = json::parse(row.Text(1));
  } catch (const std::exception&) {
    return Error::Internal("A stored stamp card cannot be read.");
  }
  if (!settings.is_object()) return Error::Internal("A stored stamp card cannot be read.");
  RAPPORT_ASSIGN_OR_RETURN(StampCard card, ParseStampCard(row.Text(0), settings.as_object()));
  return StoredStampCard{.card = std::move(card),
                         .version = row.Int(2),
                         .created_at = row.Text(3),
                         .updated_at = row.Text(4)};
}

}  // namespace

Result<std::optional<StoredStampCard>> LoadStampCard(Tx& tx, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectOne, {id}));
  if (rows.empty()) return std::optional<StoredStampCard>();
  RAPPORT_ASSIGN_OR_RETURN(StoredStampCard stored, FromRow(rows[0]));
  return std::optional<StoredStampCard>(std::move(stored));
}

Result<std::vector<StoredStampCard>> LoadStampCards(Tx& tx) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectAll));
  std::vector<StoredStampCard> out;
  for (const auto& row : rows) {
    RAPPORT_ASSIGN_OR_RETURN(StoredStampCard stored, FromRow(row));
    out.push_back(std::move(stored));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.card.name, a.card.id) < std::tie(b.card.name, b.card.id);
  });
  return out;
}

Result<StoredStampCard> SaveStampCard(Tx& tx, const StampCard& card,
                                      const std::optional<StoredStampCard>& before,
                                      const std::string& now) {
  json::object settings = StampCardToJson(card);
  settings.erase("id");
  const std::string text = json::serialize(settings);
  if (before) {
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kUpdate, {text, now, card.id}));
  } else {
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsert, {card.id, text, now, now}));
  }
  return StoredStampCard{.card = card,
                         .version = before ? before->version + 1 : 1,
                         .created_at = before ? before->created_at : now,
                         .updated_at = now};
}

json::object StoredStampCardToJson(const StoredStampCard& stored) {
  json::object out = StampCardToJson(stored.card);
  out["version"] = stored.version;
  out["created_at"] = stored.created_at;
  out["updated_at"] = stored.updated_at;
  return out;
}

Result<StampStanding> ReadStanding(Tx& tx, const std::string& card_id,
                                   const std::string& customer_id) {
  StampStanding standing;
  RAPPORT_ASSIGN_OR_RETURN(Rows held, tx.Query(kHeld, {customer_id, card_id}));
  standing.held = held[0].Int(0);
  standing.orders = held[0].Int(1);
  RAPPORT_ASSIGN_OR_RETURN(Rows fills, tx.Query(kFills, {card_id, customer_id}));
  for (const auto& row : fills) {
    StampFill fill{.fill = row.Int(0),
                   .voucher_id = row.Text(1),
                   .code_hint = row.Text(2),
                   .filled_at = row.Text(3),
                   .voucher_used = row.Int(5) > 0};
    if (!row.IsNull(4)) fill.revoked_at = row.Text(4);
    if (!fill.revoked_at) ++standing.filled;
    standing.fills.push_back(std::move(fill));
  }
  return standing;
}

json::object StandingToJson(const StampCard& card, const StampStanding& standing) {
  const CardState state = StateOf(card, standing.held, standing.filled);
  json::array fills;
  for (const StampFill& f : standing.fills) {
    fills.push_back(json::object{
        {"fill", f.fill},
        {"voucher_id", f.voucher_id},
        {"code", f.code_hint},
        {"filled_at", f.filled_at},
        {"revoked_at", f.revoked_at ? json::value(*f.revoked_at) : json::value(nullptr)},
        {"used", f.voucher_used}});
  }
  return json::object{
      {"card", StampCardToJson(card)},    {"stamps", std::max<int64_t>(state.on_card, 0)},
      {"required", card.stamps_required}, {"debt", std::max<int64_t>(-state.on_card, 0)},
      {"filled", standing.filled},        {"orders", standing.orders},
      {"fills", std::move(fills)}};
}

Status Settle(Tx& tx, const storage::WriteContext& context, const StampCard& card,
              const std::string& customer_id, int64_t now_millis) {
  const std::string now = FormatInstant(now_millis);
  RAPPORT_ASSIGN_OR_RETURN(StampStanding standing, ReadStanding(tx, card.id, customer_id));
  CardState state = StateOf(card, standing.held, standing.filled);
  int64_t next_fill = standing.fills.empty() ? 1 : standing.fills.front().fill + 1;
  // Full cards: one single-use voucher each, for one unit of the card's free product.
  for (int64_t i = 0; i < state.to_fill; ++i, ++next_fill) {
    VoucherRules rules{.value = VoucherValue::kFreeProduct, .product_id = card.reward_product_id};
    if (card.valid_days)
      rules.expires_at = FormatInstant(now_millis + *card.valid_days * 86'400'000);
    RAPPORT_ASSIGN_OR_RETURN(json::object voucher,
                             IssueVoucherInTx(tx, context, customer_id, "reward", card.name, rules,
                                              "stamp card " + card.name + " full (" +
                                                  std::to_string(card.stamps_required) + " stamps)",
                                              now));
    const std::string voucher_id(voucher.at("id").as_string());
    const std::string hint = VoucherCodeHint(*NormalizeVoucherCode(voucher.at("code").as_string()));
    RAPPORT_RETURN_IF_ERROR(
        tx.Exec(kInsertFill, {card.id, customer_id, next_fill, voucher_id, hint, now}));
  }
  // Stamps taken back below what the standing cards need: withdraw unused vouchers, newest
  // first; a card whose voucher was used stays, and the shortfall is stamp debt.
  for (const StampFill& fill : standing.fills) {
    if (state.on_card >= 0) break;
    if (fill.revoked_at || fill.voucher_used) continue;
    RAPPORT_ASSIGN_OR_RETURN(int64_t withdrawn, tx.Exec(kWithdrawVoucher, {fill.voucher_id}));
    if (withdrawn == 0) continue;  // used meanwhile: it stands
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kRevokeFill, {now, card.id, customer_id, fill.fill}));
    state.on_card += card.stamps_required;
    const json::object record{{"voucher_id", fill.voucher_id},
                              {"code", fill.code_hint},
                              {"card_id", card.id},
                              {"fill", fill.fill},
                              {"reason", "refund took the card's stamps"}};
    json::object entry{{"channel", "other"},
                       {"direction", "internal"},
                       {"kind", "loyalty"},
                       {"subject", "Voucher " + fill.code_hint + " withdrawn: stamp card " +
                                       card.name + " no longer full after a refund"},
                       {"occurred_at", now},
                       {"metadata", json::object{{"voucher_id", fill.voucher_id}}}};
    auto logged =
        interactions::LogInTx(tx, access::Access::Unrestricted(), context, customer_id, entry);
    if (!logged.ok()) return std::move(logged).error();
    RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, "loyalty.voucher_revoked", "customer",
                                                 customer_id, json::object{{"voucher", record}}));
    RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "delete", "loyalty_voucher",
                                                 fill.voucher_id, record, {}));
  }
  return OkStatus();
}

}  // namespace rapport::loyalty
