#include "loyalty/loyalty_service.hpp"

#include <limits>
#include <map>

#include "common/page.hpp"
#include "common/unicode_text.hpp"
#include "customers/customer_service.hpp"
#include "loyalty/birthday.hpp"
#include "loyalty/movements.hpp"
#include "loyalty/programme_store.hpp"
#include "loyalty/tiers.hpp"
#include "storage/audit.hpp"
#include "storage/outbox.hpp"

namespace rapport::loyalty {
namespace {

using access::Action;
using access::Object;
using storage::Rows;
using storage::Tx;

constexpr size_t kMaxReason = 500;
constexpr std::string_view kHistorySort = "seq";

constexpr std::string_view kHistory =
    "SELECT seq, kind, cause, day, created_at, actor FROM loyalty_transactions "
    "WHERE member_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?";
constexpr std::string_view kHistoryPostings =
    "SELECT seq, account, points FROM loyalty_postings "
    "WHERE member_id = ? AND seq BETWEEN ? AND ?";

bool Reaches(const access::Access& access, Object object, Action action) {
  return access.Allows(object, action, std::nullopt);
}

json::object BalanceJson(const Balances& b) {
  return json::object{{"available", b.available}, {"pending", b.pending}, {"debt", b.debt}};
}

json::object ProgrammeSummary(const Programme& p) {
  return json::object{{"id", p.id}, {"name", p.name}, {"points_name", p.points_name}};
}

// The programme a customer-facing call names, or the oldest one.
Result<StoredProgramme> ChosenProgramme(Tx& tx, const std::optional<std::string>& id) {
  if (id) {
    RAPPORT_ASSIGN_OR_RETURN(auto stored, LoadProgramme(tx, *id));
    if (!stored) return Error::Invalid("programme", "is not a loyalty programme");
    return std::move(*stored);
  }
  RAPPORT_ASSIGN_OR_RETURN(auto all, LoadProgrammes(tx));
  if (all.empty()) return Error::Invalid("programme", "no loyalty programme exists yet");
  return std::move(all.front());
}

// One page of a member's history, newest first: two statements whatever the page size.
Result<json::object> HistoryPage(Tx& tx, const std::string& member_id, int limit,
                                 const std::optional<std::string>& cursor) {
  int64_t before = std::numeric_limits<int64_t>::max();
  if (cursor) {
    RAPPORT_ASSIGN_OR_RETURN(CursorPosition position, DecodeCursor(*cursor, kHistorySort));
    if (!position.value.is_int64()) return Error::Malformed("the cursor is not one of this list");
    before = position.value.as_int64();
  }
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kHistory, {member_id, before, int64_t{limit} + 1}));
  const bool more = rows.size() > static_cast<size_t>(limit);
  if (more) rows.pop_back();
  json::array data;
  std::map<int64_t, json::object> postings;
  if (!rows.empty()) {
    RAPPORT_ASSIGN_OR_RETURN(
        Rows posting_rows,
        tx.Query(kHistoryPostings, {member_id, rows.back().Int(0), rows.front().Int(0)}));
    for (const auto& row : posting_rows) postings[row.Int(0)][row.Text(1)] = row.Int(2);
  }
  for (const auto& row : rows) {
    json::object& moved = postings[row.Int(0)];
    // What the member's wallets gained or lost, all three together.
    int64_t points = 0;
    for (std::string_view wallet : {"pending", "available", "debt"}) {
      if (const json::value* v = moved.if_contains(wallet)) points += v->as_int64();
    }
    data.push_back(json::object{{"seq", row.Int(0)},
                                {"kind", row.Text(1)},
                                {"cause", row.Text(2)},
                                {"date", DateOfDay(row.Int(3))},
                                {"created_at", row.Text(4)},
                                {"actor", row.Text(5)},
                                {"points", points},
                                {"postings", std::move(moved)}});
  }
  json::value next = nullptr;
  if (more) {
    next = EncodeCursor(
        {.sort = std::string(kHistorySort), .value = rows.back().Int(0), .id = member_id});
  }
  return json::object{{"data", std::move(data)}, {"next_cursor", std::move(next)}};
}

struct MovementInput {
  std::optional<std::string> programme;
  int64_t points = 0;
  std::optional<std::string> reason;
};

Result<MovementInput> ReadMovement(const json::object& input, std::string_view text_key,
                                   bool signed_points, bool reason_required) {
  std::vector<FieldError> errors;
  MovementInput out;
  for (const auto& [key, unused] : input) {
    if (key != "programme" && key != "points" && key != text_key) {
      errors.push_back({std::string(key), "is not a known field"});
    }
  }
  if (const json::value* p = input.if_contains("programme"); p != nullptr && !p->is_null()) {
    if (!p->is_string()) {
      errors.push_back({"programme", "must be a programme id"});
    } else {
      out.programme = std::string(p->as_string());
    }
  }
  const json::value* points = input.if_contains("points");
  std::optional<int64_t> n;
  if (points != nullptr && points->is_int64()) n = points->as_int64();
  if (points != nullptr && points->is_uint64() && points->as_uint64() <= uint64_t{kMaxPoints}) {
    n = static_cast<int64_t>(points->as_uint64());
  }
  const int64_t min = signed_points ? -kMaxPoints : 1;
  if (!n || *n < min || *n > kMaxPoints || *n == 0) {
    errors.push_back(
        {"points", signed_points
                       ? "must be a whole number of points from -1000000000 to 1000000000, not 0"
                       : "must be a whole number of points from 1 to 1000000000"});
  } else {
    out.points = *n;
  }
  const json::value* text = input.if_contains(text_key);
  if (text != nullptr && !text->is_null()) {
    CleanedText cleaned = text->is_string()
                              ? CleanText(text->as_string(), kMaxReason, TextKind::kSingleLine)
                              : CleanedText{.problem = "must be a string"};
    if (!cleaned.problem.empty()) {
      errors.push_back({std::string(text_key), std::move(cleaned.problem)});
    } else if (!cleaned.text.empty()) {
      out.reason = std::move(cleaned.text);
    }
  }
  if (reason_required && !out.reason &&
      std::none_of(errors.begin(), errors.end(), [&](auto& e) { return e.field == text_key; })) {
    errors.push_back({std::string(text_key), "is required: say why the balance changes"});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return out;
}

}  // namespace

Result<json::array> LoyaltyService::ListProgrammes(const Access& access) {
  if (!Reaches(access, Object::kLoyaltyProgrammes, Action::kRead)) {
    return access::NotPermitted(Object::kLoyaltyProgrammes, Action::kRead);
  }
  json::array out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto all, LoadProgrammes(tx));
    for (const auto& stored : all) out.push_back(StoredProgrammeToJson(stored));
    return OkStatus();
  }));
  return out;
}

Result<json::object> LoyaltyService::GetProgramme(const Access& access, const std::string& id) {
  if (!Reaches(access, Object::kLoyaltyProgrammes, Action::kRead)) {
    return access::NotPermitted(Object::kLoyaltyProgrammes, Action::kRead);
  }
  json::object out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto stored, LoadProgramme(tx, id));
    if (!stored) return Error::NotFound("No loyalty programme has the id " + id + ".");
    out = StoredProgrammeToJson(*stored);
    return OkStatus();
  }));
  return out;
}

Result<json::object> LoyaltyService::PutProgramme(const Access& access,
                                                  const storage::WriteContext& context,
                                                  const std::string& id, const json::object& input,
                                                  std::optional<int64_t> if_version,
                                                  bool& created) {
  json::object out;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto before, LoadProgramme(tx, id));
    created = !before;
    const Action action = before ? Action::kEdit : Action::kCreate;
    if (!Reaches(access, Object::kLoyaltyProgrammes, action)) {
      return access::NotPermitted(Object::kLoyaltyProgrammes, action);
    }
    if (before && if_version && *if_version != before->version) {
      return Error::PreconditionFailed("The programme was changed since you read it.");
    }
    RAPPORT_ASSIGN_OR_RETURN(Programme programme, ParseProgramme(id, input));
    RAPPORT_ASSIGN_OR_RETURN(StoredProgramme stored, SaveProgramme(tx, programme, before));
    // Birthdays start paying: every customer on file gets their birthday job (in pages).
    if (programme.earn.birthday.points > 0 &&
        (!before || before->programme.earn.birthday.points == 0)) {
      RAPPORT_RETURN_IF_ERROR(StartBirthdaySweep(tx, clock_()));
    }
    out = StoredProgrammeToJson(stored);
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendEvent(tx, context, "loyalty_programme.updated", "loyalty_programme", id,
                             json::object{{"id", id}, {"version", stored.version}}));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, before ? "update" : "create", "loyalty_programme", id,
                             before ? StoredProgrammeToJson(*before) : json::object{}, out));
    return context.Written(tx, out);
  }));
  return out;
}

Result<json::object> LoyaltyService::GetMember(const Access& access, const std::string& customer_id,
                                               const std::optional<std::string>& programme,
                                               int limit,
                                               const std::optional<std::string>& cursor) {
  json::object out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    auto owner = customers::ReadableCustomerOwner(tx, access, customer_id);
    if (!owner.ok()) return std::move(owner).error();
    if (!Reaches(access, Object::kLoyalty, Action::kRead)) {
      return access::NotPermitted(Object::kLoyalty, Action::kRead);
    }
    RAPPORT_ASSIGN_OR_RETURN(StoredProgramme stored, ChosenProgramme(tx, programme));
    RAPPORT_ASSIGN_OR_RETURN(auto member, FindMember(tx, stored.programme.id, customer_id));
    out["programme"] = ProgrammeSummary(stored.programme);
    out["customer_id"] = customer_id;
    if (!member) {
      out["member_id"] = nullptr;
      out["balance"] = BalanceJson({});
      out["history"] = json::object{{"data", json::array{}}, {"next_cursor", nullptr}};
      return OkStatus();
    }
    RAPPORT_ASSIGN_OR_RETURN(Balances balances, ReadBalances(tx, member->id));
    RAPPORT_ASSIGN_OR_RETURN(json::object history, HistoryPage(tx, member->id, limit, cursor));
    RAPPORT_ASSIGN_OR_RETURN(json::object tier,
                             TierSummary(tx, stored.programme, *member, DayOfMillis(clock_())));
    if (!tier.empty()) out["tier"] = std::move(tier);
    out["member_id"] = member->id;
    out["balance"] = BalanceJson(balances);
    out["history"] = std::move(history);
    return OkStatus();
  }));
  return out;
}

Result<json::object> LoyaltyService::Change(Movement movement, const Access& access,
                                            const storage::WriteContext& context,
                                            const std::string& customer_id,
                                            const json::object& input) {
  const Action action = movement == Movement::kAdjust ? Action::kEdit : Action::kCreate;
  RAPPORT_ASSIGN_OR_RETURN(
      MovementInput in, ReadMovement(input, movement == Movement::kRedeem ? "reward" : "reason",
                                     movement == Movement::kAdjust, movement == Movement::kAdjust));
  const int64_t today = DayOfMillis(clock_());
  json::object out;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    auto owner = customers::ReadableCustomerOwner(tx, access, customer_id);
    if (!owner.ok()) return std::move(owner).error();
    if (!Reaches(access, Object::kLoyalty, action)) {
      return access::NotPermitted(Object::kLoyalty, action);
    }
    RAPPORT_ASSIGN_OR_RETURN(StoredProgramme stored, ChosenProgramme(tx, in.programme));
    const Programme& programme = stored.programme;
    if (movement == Movement::kGrant && in.points > programme.earn.goodwill_max) {
      return Error::Invalid("points", "is more than the programme's goodwill limit of " +
                                          std::to_string(programme.earn.goodwill_max));
    }
    RAPPORT_ASSIGN_OR_RETURN(Member member, EnsureMember(tx, programme.id, customer_id));
    auto moved = Move(tx, context, programme, member, today, [&](Ledger& ledger) -> Status {
      switch (movement) {
        case Movement::kGrant: {
          auto t = ledger.Adjust("goodwill: " + in.reason.value_or("granted by staff"), in.points,
                                 today, ExpiryFor(programme, today));
          return t.ok() ? OkStatus() : Status(std::move(t).error());
        }
        case Movement::kAdjust: {
          auto t = ledger.Adjust("adjustment: " + *in.reason, in.points, today,
                                 ExpiryFor(programme, today));
          return t.ok() ? OkStatus() : Status(std::move(t).error());
        }
        case Movement::kRedeem: {
          auto t = ledger.Redeem("reward: " + in.reason.value_or("redemption"), in.points, today);
          return t.ok() ? OkStatus() : Status(std::move(t).error());
        }
      }
      return OkStatus();
    });
    if (!moved.ok()) return std::move(moved).error();
    // A movement adds one transaction; a grant or adjustment that settles debt is still one.
    const Transaction& added = moved->added.back();
    out = json::object{{"id", member.id + ":" + std::to_string(added.id)},
                       {"customer_id", customer_id},
                       {"programme", ProgrammeSummary(programme)},
                       {"member_id", member.id},
                       {"transaction", TransactionToJson(added)},
                       {"balance", BalanceJson(moved->balances)}};
    return context.Written(tx, out);
  }));
  return out;
}

Result<json::object> LoyaltyService::Grant(const Access& access,
                                           const storage::WriteContext& context,
                                           const std::string& customer_id,
                                           const json::object& input) {
  return Change(Movement::kGrant, access, context, customer_id, input);
}

Result<json::object> LoyaltyService::Adjust(const Access& access,
                                            const storage::WriteContext& context,
                                            const std::string& customer_id,
                                            const json::object& input) {
  return Change(Movement::kAdjust, access, context, customer_id, input);
}

Result<json::object> LoyaltyService::Redeem(const Access& access,
                                            const storage::WriteContext& context,
                                            const std::string& customer_id,
                                            const json::object& input) {
  return Change(Movement::kRedeem, access, context, customer_id, input);
}

}  // namespace rapport::loyalty
