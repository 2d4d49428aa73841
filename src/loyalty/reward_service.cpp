#include "loyalty/reward_service.hpp"

#include <algorithm>

#include "common/ids.hpp"
#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "customers/customer_service.hpp"
#include "loyalty/ledger.hpp"
#include "loyalty/movements.hpp"
#include "loyalty/programme_store.hpp"
#include "loyalty/reward_tiers.hpp"
#include "loyalty/voucher_service.hpp"
#include "storage/audit.hpp"

namespace rapport::loyalty {
namespace {

using access::Action;
using access::Object;
using storage::Rows;
using storage::Tx;

constexpr int64_t kMaxStock = 1'000'000'000;
constexpr int64_t kMaxValidDays = 3650;
constexpr size_t kMaxName = 200;

#define RAPPORT_REWARD_COLUMNS                                                             \
  "id, programme_id, name, points, rules, stock, per_customer_limit, valid_days, active, " \
  "redeemed, created_at, updated_at, version, min_tier"
constexpr std::string_view kInsert = "INSERT INTO loyalty_rewards (" RAPPORT_REWARD_COLUMNS
                                     ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 1, ?)";
constexpr std::string_view kSelectAll =
    "SELECT " RAPPORT_REWARD_COLUMNS " FROM loyalty_rewards ORDER BY programme_id, name, id";
constexpr std::string_view kSelectOne =
    "SELECT " RAPPORT_REWARD_COLUMNS " FROM loyalty_rewards WHERE id = ?";
constexpr std::string_view kUpdate =
    "UPDATE loyalty_rewards SET name = ?, points = ?, stock = ?, active = ?, min_tier = ?, "
    "updated_at = ?, version = version + 1 WHERE id = ?";
// The stock and the count in one statement: a reward is taken only while some is left.
constexpr std::string_view kTake =
    "UPDATE loyalty_rewards SET stock = CASE WHEN stock IS NULL THEN NULL ELSE stock - 1 END, "
    "redeemed = redeemed + 1 WHERE id = ? AND active = 1 AND (stock IS NULL OR stock > 0)";
constexpr std::string_view kCustomerCount =
    "SELECT COUNT(*) FROM loyalty_reward_redemptions WHERE reward_id = ? AND customer_id = ?";
constexpr std::string_view kInsertRedemption =
    "INSERT INTO loyalty_reward_redemptions (reward_id, customer_id, member_id, seq, voucher_id, "
    "created_at) VALUES (?, ?, ?, ?, ?, ?)";

bool Reaches(const access::Access& access, Object object, Action action) {
  return access.Allows(object, action, std::nullopt);
}

struct Reward {
  std::string id;
  std::string programme_id;
  std::string name;
  int64_t points = 0;
  VoucherRules rules;
  std::optional<int64_t> stock;
  std::optional<int64_t> per_customer_limit;
  std::optional<int64_t> valid_days;
  bool active = true;
  int64_t redeemed = 0;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
  std::optional<std::string> min_tier;  // only members at this tier or above (reward_tiers.hpp)
};

std::optional<int64_t> OptInt(const storage::Row& row, size_t i) {
  return row.IsNull(i) ? std::nullopt : std::optional(row.Int(i));
}

Result<Reward> FromRow(const storage::Row& row) {
  RAPPORT_ASSIGN_OR_RETURN(VoucherRules rules, VoucherRulesFromStored(row.Text(4)));
  return Reward{.id = row.Text(0),
                .programme_id = row.Text(1),
                .name = row.Text(2),
                .points = row.Int(3),
                .rules = std::move(rules),
                .stock = OptInt(row, 5),
                .per_customer_limit = OptInt(row, 6),
                .valid_days = OptInt(row, 7),
                .active = row.Int(8) != 0,
                .redeemed = row.Int(9),
                .created_at = row.Text(10),
                .updated_at = row.Text(11),
                .version = row.Int(12),
                .min_tier = row.IsNull(13) ? std::nullopt : std::optional(row.Text(13))};
}

json::value Opt(const std::optional<int64_t>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::object ToJson(const Reward& r) {
  json::object out = VoucherRulesToJson(r.rules);
  out.erase("per_customer_limit");
  out["id"] = r.id;
  out["programme"] = r.programme_id;
  out["name"] = r.name;
  out["points"] = r.points;
  out["description"] = DescribeVoucherValue(r.rules);
  out["stock"] = Opt(r.stock);
  out["per_customer_limit"] = Opt(r.per_customer_limit);
  out["valid_days"] = Opt(r.valid_days);
  out["active"] = r.active;
  out["redeemed"] = r.redeemed;
  out["created_at"] = r.created_at;
  out["updated_at"] = r.updated_at;
  out["version"] = r.version;
  out["min_tier"] = r.min_tier ? json::value(*r.min_tier) : json::value(nullptr);
  return out;
}

Result<std::optional<Reward>> Load(Tx& tx, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectOne, {id}));
  if (rows.empty()) return std::optional<Reward>();
  RAPPORT_ASSIGN_OR_RETURN(Reward reward, FromRow(rows[0]));
  return std::optional<Reward>(std::move(reward));
}

// A whole number in [min, max] at `key`, or null (when `nullable`) / absent; errors named.
void ReadInt(const json::object& input, std::string_view key, int64_t min, int64_t max,
             bool nullable, std::optional<int64_t>& out, std::vector<FieldError>& errors) {
  const json::value* v = input.if_contains(key);
  if (v == nullptr) return;
  if (v->is_null() && nullable) {
    out.reset();
    return;
  }
  if (!v->is_int64() || v->as_int64() < min || v->as_int64() > max) {
    errors.push_back({std::string(key), "must be a whole number from " + std::to_string(min) +
                                            " to " + std::to_string(max) +
                                            (nullable ? ", or null" : "")});
    return;
  }
  out = v->as_int64();
}

void ReadName(const json::object& input, std::string& name, std::vector<FieldError>& errors) {
  const json::value* v = input.if_contains("name");
  if (v == nullptr) return;
  CleanedText cleaned = v->is_string() ? CleanText(v->as_string(), kMaxName, TextKind::kSingleLine)
                                       : CleanedText{.problem = "must be a string"};
  if (!cleaned.problem.empty()) {
    errors.push_back({"name", std::move(cleaned.problem)});
  } else {
    name = std::move(cleaned.text);
  }
}

void ReadActive(const json::object& input, bool& active, std::vector<FieldError>& errors) {
  const json::value* v = input.if_contains("active");
  if (v == nullptr) return;
  if (!v->is_bool()) {
    errors.push_back({"active", "must be true or false"});
  } else {
    active = v->as_bool();
  }
}

// `min_tier`: a tier's name, or null for every member.
void ReadMinTier(const json::object& input, std::optional<std::string>& out,
                 std::vector<FieldError>& errors) {
  const json::value* v = input.if_contains("min_tier");
  if (v == nullptr) return;
  if (v->is_null()) {
    out.reset();
  } else if (!v->is_string() || v->as_string().empty() || v->as_string().size() > 40) {
    errors.push_back({"min_tier", "must be the name of one of the programme's tiers, or null"});
  } else {
    out = std::string(v->as_string());
  }
}

storage::Value OptText(const std::optional<std::string>& v) {
  return v ? storage::Value(*v) : storage::Value();
}

}  // namespace

Result<json::array> RewardService::List(const Access& access,
                                        const std::optional<std::string>& customer_id) {
  if (!Reaches(access, Object::kLoyalty, Action::kRead)) {
    return access::NotPermitted(Object::kLoyalty, Action::kRead);
  }
  json::array out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    if (customer_id) {
      auto owner = customers::ReadableCustomerOwner(tx, access, *customer_id);
      if (!owner.ok()) return std::move(owner).error();
    }
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectAll));
    for (const auto& row : rows) {
      RAPPORT_ASSIGN_OR_RETURN(Reward reward, FromRow(row));
      json::object item = ToJson(reward);
      if (customer_id) {
        // Whether this customer could buy it now, and if not why (points are checked on buying).
        std::optional<std::string> reason;
        if (!reward.active) {
          reason = "is not on offer";
        } else if (reward.stock && *reward.stock == 0) {
          reason = "is out of stock";
        } else if (reward.min_tier) {
          RAPPORT_ASSIGN_OR_RETURN(
              reason, TierGateProblem(tx, reward.programme_id, *reward.min_tier, *customer_id));
        }
        item["available"] = !reason.has_value();
        item["unavailable_reason"] = reason ? json::value(*reason) : json::value(nullptr);
      }
      out.push_back(std::move(item));
    }
    return OkStatus();
  }));
  return out;
}

Result<json::object> RewardService::Create(const Access& access,
                                           const storage::WriteContext& context,
                                           const json::object& input) {
  if (!Reaches(access, Object::kLoyaltyProgrammes, Action::kCreate)) {
    return access::NotPermitted(Object::kLoyaltyProgrammes, Action::kCreate);
  }
  std::vector<FieldError> errors;
  auto rules = ParseVoucherRules(
      input, {"programme", "name", "points", "stock", "valid_days", "active", "min_tier"});
  if (!rules.ok()) errors = rules.error().field_errors;
  Reward reward{.id = NewId("rwd")};
  ReadName(input, reward.name, errors);
  if (reward.name.empty() &&
      std::none_of(errors.begin(), errors.end(), [](auto& e) { return e.field == "name"; })) {
    errors.push_back({"name", "is required"});
  }
  std::optional<int64_t> points;
  ReadInt(input, "points", 1, kMaxPoints, false, points, errors);
  if (!points && !input.contains("points")) errors.push_back({"points", "is required"});
  ReadInt(input, "stock", 0, kMaxStock, true, reward.stock, errors);
  ReadInt(input, "valid_days", 1, kMaxValidDays, true, reward.valid_days, errors);
  ReadActive(input, reward.active, errors);
  ReadMinTier(input, reward.min_tier, errors);
  const json::value* programme = input.if_contains("programme");
  if (programme == nullptr || !programme->is_string()) {
    errors.push_back({"programme", "is required: the programme whose points buy it"});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  reward.points = *points;
  reward.rules = std::move(*rules);
  // The rules' per-customer limit is the reward's: each voucher it issues is single-use anyway.
  reward.per_customer_limit = reward.rules.per_customer_limit;
  reward.rules.per_customer_limit.reset();
  reward.programme_id = std::string(programme->as_string());
  json::object out;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto stored, LoadProgramme(tx, reward.programme_id));
    if (!stored) return Error::Invalid("programme", "is not a loyalty programme");
    if (reward.min_tier) {
      RAPPORT_ASSIGN_OR_RETURN(auto problem,
                               MinTierProblem(tx, reward.programme_id, *reward.min_tier));
      if (problem) return Error::Invalid("min_tier", *problem);
    }
    const std::string now = FormatInstant(clock_());
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kInsert,
        {reward.id, reward.programme_id, reward.name, reward.points,
         ToJsonString(VoucherRulesToJson(reward.rules)),
         reward.stock ? storage::Value(*reward.stock) : storage::Value(),
         reward.per_customer_limit ? storage::Value(*reward.per_customer_limit) : storage::Value(),
         reward.valid_days ? storage::Value(*reward.valid_days) : storage::Value(),
         int64_t{reward.active ? 1 : 0}, now, now, OptText(reward.min_tier)}));
    RAPPORT_ASSIGN_OR_RETURN(auto created, Load(tx, reward.id));
    out = ToJson(*created);
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "create", "loyalty_reward", reward.id, {}, out));
    return context.Written(tx, out);
  }));
  return out;
}

Result<json::object> RewardService::Update(const Access& access,
                                           const storage::WriteContext& context,
                                           const std::string& id, const json::object& patch,
                                           std::optional<int64_t> if_version) {
  if (!Reaches(access, Object::kLoyaltyProgrammes, Action::kEdit)) {
    return access::NotPermitted(Object::kLoyaltyProgrammes, Action::kEdit);
  }
  json::object out;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto before, Load(tx, id));
    if (!before) return Error::NotFound("No reward has the id " + id + ".");
    if (if_version && *if_version != before->version) {
      return Error::PreconditionFailed("The reward was changed since you read it.");
    }
    Reward after = *before;
    std::vector<FieldError> errors;
    for (const auto& [key, unused] : patch) {
      if (key != "name" && key != "points" && key != "stock" && key != "active" &&
          key != "min_tier") {
        errors.push_back({std::string(key), "is not a field that can be changed here"});
      }
    }
    ReadName(patch, after.name, errors);
    if (after.name.empty()) errors.push_back({"name", "is required"});
    std::optional<int64_t> points = after.points;
    ReadInt(patch, "points", 1, kMaxPoints, false, points, errors);
    ReadInt(patch, "stock", 0, kMaxStock, true, after.stock, errors);
    ReadActive(patch, after.active, errors);
    ReadMinTier(patch, after.min_tier, errors);
    if (errors.empty() && after.min_tier && after.min_tier != before->min_tier) {
      RAPPORT_ASSIGN_OR_RETURN(auto problem,
                               MinTierProblem(tx, after.programme_id, *after.min_tier));
      if (problem) errors.push_back({"min_tier", *problem});
    }
    if (!errors.empty()) return Error::Invalid(std::move(errors));
    after.points = *points;
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kUpdate,
        {after.name, after.points, after.stock ? storage::Value(*after.stock) : storage::Value(),
         int64_t{after.active ? 1 : 0}, OptText(after.min_tier), FormatInstant(clock_()), id}));
    RAPPORT_ASSIGN_OR_RETURN(auto stored, Load(tx, id));
    out = ToJson(*stored);
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "update", "loyalty_reward", id, ToJson(*before), out));
    return context.Written(tx, out);
  }));
  return out;
}

Result<json::object> RewardService::Redeem(const Access& access,
                                           const storage::WriteContext& context,
                                           const std::string& customer_id,
                                           const json::object& input) {
  for (const auto& [key, unused] : input) {
    if (key != "reward_id") return Error::Invalid(std::string(key), "is not a known field");
  }
  const json::value* id_value = input.if_contains("reward_id");
  if (id_value == nullptr || !id_value->is_string()) {
    return Error::Invalid("reward_id", "is required: the reward to buy");
  }
  const std::string reward_id(id_value->as_string());
  const int64_t now_millis = clock_();
  const int64_t today = DayOfMillis(now_millis);
  const std::string now = FormatInstant(now_millis);
  json::object out;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    auto owner = customers::ReadableCustomerOwner(tx, access, customer_id);
    if (!owner.ok()) return std::move(owner).error();
    if (!Reaches(access, Object::kLoyalty, Action::kCreate)) {
      return access::NotPermitted(Object::kLoyalty, Action::kCreate);
    }
    RAPPORT_ASSIGN_OR_RETURN(auto reward, Load(tx, reward_id));
    if (!reward || !reward->active) return Error::Invalid("reward_id", "is not a reward on offer");
    if (reward->min_tier) {
      RAPPORT_ASSIGN_OR_RETURN(
          auto problem, TierGateProblem(tx, reward->programme_id, *reward->min_tier, customer_id));
      if (problem) return Error::Invalid("reward_id", *problem);
    }
    if (reward->per_customer_limit) {
      RAPPORT_ASSIGN_OR_RETURN(Rows count, tx.Query(kCustomerCount, {reward_id, customer_id}));
      if (count[0].Int(0) >= *reward->per_customer_limit) {
        return Error::Invalid("reward_id", "this customer has had it as often as it allows (" +
                                               std::to_string(*reward->per_customer_limit) + ")");
      }
    }
    RAPPORT_ASSIGN_OR_RETURN(int64_t taken, tx.Exec(kTake, {reward_id}));
    if (taken == 0) return Error::Invalid("reward_id", "is out of stock");
    RAPPORT_ASSIGN_OR_RETURN(auto programme, LoadProgramme(tx, reward->programme_id));
    if (!programme) return Error::Invalid("reward_id", "its programme no longer exists");
    RAPPORT_ASSIGN_OR_RETURN(Member member, EnsureMember(tx, reward->programme_id, customer_id));
    // The existing redeem path: oldest expiry first, recorded with timeline, event and audit.
    auto moved = Move(tx, context, programme->programme, member, today, [&](Ledger& ledger) {
      auto t = ledger.Redeem("reward: " + reward->name, reward->points, today);
      if (t.ok()) return OkStatus();
      return Status(Error::Invalid(
          "reward_id", "needs " + std::to_string(reward->points) + " " +
                           programme->programme.points_name + "; the customer has " +
                           std::to_string(ledger.Balance(Account::kAvailable)) + " available"));
    });
    if (!moved.ok()) return std::move(moved).error();
    VoucherRules rules = reward->rules;
    if (reward->valid_days) {
      rules.expires_at = FormatInstant(now_millis + *reward->valid_days * 86'400'000);
    }
    RAPPORT_ASSIGN_OR_RETURN(json::object voucher,
                             IssueVoucherInTx(tx, context, customer_id, "reward", reward->name,
                                              rules, "reward: " + reward->name, now));
    const Transaction& paid = moved->added.back();
    RAPPORT_RETURN_IF_ERROR(
        tx.Exec(kInsertRedemption, {reward_id, customer_id, member.id, paid.id,
                                    std::string(voucher.at("id").as_string()), now}));
    RAPPORT_ASSIGN_OR_RETURN(auto after, Load(tx, reward_id));
    out = json::object{{"reward", ToJson(*after)},
                       {"voucher", std::move(voucher)},
                       {"transaction", TransactionToJson(paid)},
                       {"balance", json::object{{"available", moved->balances.available},
                                                {"pending", moved->balances.pending},
                                                {"debt", moved->balances.debt}}}};
    return context.Written(tx, out);
  }));
  return out;
}

}  // namespace rapport::loyalty
