#include "loyalty/customer_card.hpp"

namespace rapport::loyalty {
namespace {

// A field copied when present: the staff views may leave out what does not apply.
void Copy(const json::object& from, json::object& to, std::string_view key) {
  if (const json::value* value = from.if_contains(key); value != nullptr) to[key] = *value;
}

const json::object* ObjectAt(const json::object& from, std::string_view key) {
  const json::value* value = from.if_contains(key);
  return value != nullptr && value->is_object() ? &value->as_object() : nullptr;
}

int64_t IntAt(const json::object& from, std::string_view key) {
  const json::value* value = from.if_contains(key);
  return value != nullptr && value->is_int64() ? value->as_int64() : 0;
}

json::object Points(const json::object& member) {
  json::object points{{"available", 0}, {"pending", 0}};
  if (const json::object* balance = ObjectAt(member, "balance")) {
    points["available"] = IntAt(*balance, "available");
    points["pending"] = IntAt(*balance, "pending");
    // A debt (points taken back after they were spent) is what the next earnings settle first;
    // the customer is told, or new points would seem to vanish.
    if (const int64_t debt = IntAt(*balance, "debt"); debt < 0) points["owed"] = -debt;
  }
  return points;
}

// The tier's name and the benefits a customer is promised; not its support priority (how the
// desk orders the queue is the business's affair) nor when it is next reviewed.
std::optional<json::object> Tier(const json::object& member) {
  const json::object* tier = ObjectAt(member, "tier");
  if (tier == nullptr) return std::nullopt;
  json::object out;
  if (const json::object* current = ObjectAt(*tier, "current")) {
    json::object shown;
    for (std::string_view key : {"name", "since", "multiplier", "free_shipping"}) {
      Copy(*current, shown, key);
    }
    out["current"] = std::move(shown);
  } else {
    out["current"] = nullptr;
  }
  if (const json::object* progress = ObjectAt(*tier, "progress")) {
    json::object shown;
    Copy(*progress, shown, "basis");
    Copy(*progress, shown, "value");
    if (const json::object* next = ObjectAt(*progress, "next")) {
      json::object next_shown;
      for (std::string_view key : {"name", "threshold", "remaining"}) {
        Copy(*next, next_shown, key);
      }
      shown["next"] = std::move(next_shown);
    } else {
      shown["next"] = nullptr;
    }
    out["progress"] = std::move(shown);
  }
  return out;
}

// Only what can still be spent, with what the customer needs to spend it: the code, what it is
// worth, until when and from what order value. Scope lists, stacking and per-customer limits are
// checked at the till and explained there.
json::array SpendableVouchers(const json::array& vouchers) {
  json::array out;
  for (const json::value& entry : vouchers) {
    if (!entry.is_object()) continue;
    const json::object& voucher = entry.as_object();
    const json::value* state = voucher.if_contains("state");
    if (state == nullptr || !state->is_string() || state->as_string() != "available") continue;
    json::object shown;
    Copy(voucher, shown, "code");
    Copy(voucher, shown, "description");
    shown["expires_at"] = nullptr;
    shown["min_order"] = nullptr;
    shown["currency"] = nullptr;
    if (const json::object* rules = ObjectAt(voucher, "rules")) {
      Copy(*rules, shown, "expires_at");
      Copy(*rules, shown, "min_order");
      Copy(*rules, shown, "currency");
    }
    out.push_back(std::move(shown));
  }
  return out;
}

json::array StampCards(const json::array& cards) {
  json::array out;
  for (const json::value& entry : cards) {
    if (!entry.is_object()) continue;
    const json::object& standing = entry.as_object();
    const json::object* card = ObjectAt(standing, "card");
    // A retired card is still listed to staff while it holds stamps; the customer sees only
    // the cards they can go on filling.
    if (card == nullptr) continue;
    const json::value* active = card->if_contains("active");
    if (active != nullptr && active->is_bool() && !active->as_bool()) continue;
    json::object shown;
    Copy(*card, shown, "name");
    shown["stamps"] = IntAt(standing, "stamps");
    shown["required"] = IntAt(standing, "required");
    shown["filled"] = IntAt(standing, "filled");
    out.push_back(std::move(shown));
  }
  return out;
}

// The code and link to share, and how many friends were rewarded; never who they are.
json::object Referral(const json::object& referral) {
  json::object out;
  Copy(referral, out, "code");
  Copy(referral, out, "link");
  out["rewarded"] = 0;
  if (const json::object* counts = ObjectAt(referral, "counts")) {
    out["rewarded"] = IntAt(*counts, "rewarded");
  }
  return out;
}

}  // namespace

json::object ProjectCustomerCard(const json::object& member, const json::array& vouchers,
                                 const json::array& stamp_cards, const json::object& referral) {
  json::object card;
  json::object programme;
  if (const json::object* summary = ObjectAt(member, "programme")) {
    Copy(*summary, programme, "id");
    Copy(*summary, programme, "name");
    Copy(*summary, programme, "points_name");
  }
  card["programme"] = std::move(programme);
  Copy(member, card, "customer_id");
  card["member"] = member.contains("member_id") && !member.at("member_id").is_null();
  card["points"] = Points(member);
  if (auto tier = Tier(member)) card["tier"] = std::move(*tier);
  card["vouchers"] = SpendableVouchers(vouchers);
  card["stamp_cards"] = StampCards(stamp_cards);
  card["referral"] = Referral(referral);
  return card;
}

Result<json::object> CustomerCard::Read(const access::Access& access,
                                        const std::string& customer_id,
                                        const std::optional<std::string>& programme) {
  // One history entry is the least GetMember reads; the card shows none of it.
  RAPPORT_ASSIGN_OR_RETURN(json::object member,
                           loyalty_.GetMember(access, customer_id, programme, 1, std::nullopt));
  RAPPORT_ASSIGN_OR_RETURN(json::array vouchers, vouchers_.ListForCustomer(access, customer_id));
  RAPPORT_ASSIGN_OR_RETURN(json::array cards, stamps_.ForCustomer(access, customer_id));
  RAPPORT_ASSIGN_OR_RETURN(json::object referral, referrals_.ForCustomer(access, customer_id));
  return ProjectCustomerCard(member, vouchers, cards, referral);
}

}  // namespace rapport::loyalty
