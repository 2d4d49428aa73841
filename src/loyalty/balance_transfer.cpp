// The `loyalty_balances` import (loyalty_transfer.hpp): opening ledger entries.
#include <charconv>
#include <map>

#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "customers/customer_transfer.hpp"
#include "loyalty/ledger_store.hpp"
#include "loyalty/loyalty_import_support.hpp"
#include "loyalty/loyalty_transfer.hpp"
#include "loyalty/movements.hpp"
#include "loyalty/programme_store.hpp"

namespace rapport::loyalty {
namespace {

using access::Action;
using access::Object;
using transfer::FieldType;
using transfer::RowOutcome;
using transfer::RowRecord;

constexpr std::string_view kObject = "loyalty_balances";
constexpr std::string_view kItemType = "loyalty_opening_balance";
constexpr size_t kMaxNote = 200;

const transfer::Catalogue& Catalogue() {
  static const transfer::Catalogue kCatalogue = [] {
    transfer::Catalogue catalogue = customers::LinkedCustomerFields(/*with_names=*/false);
    const transfer::Catalogue rest = {
        {"programme", FieldType::kText, {"programme", "programme_id", "program", "program_id"}},
        // Text, not kInteger: a negative or fractional balance gets words of its own.
        {"points", FieldType::kText, {"points", "balance", "points_balance", "opening_balance"}},
        {"expires_on", FieldType::kText, {"expires_on", "expiry", "expires", "expiry_date"}},
        {"note", FieldType::kText, {"note", "reason", "comment"}},
    };
    catalogue.insert(catalogue.end(), rest.begin(), rest.end());
    return catalogue;
  }();
  return kCatalogue;
}

std::string Text(const RowRecord& record, std::string_view key) {
  const json::value* v = record.input.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : "";
}

// "120", or "120.00" as another tool writes whole numbers; never a fraction or a sign.
Result<int64_t> ParsePoints(const std::string& text) {
  constexpr std::string_view kRange = "must be a whole number of points from 1 to 1000000000";
  if (text.empty()) return Error::Invalid("points", "is required: the opening balance");
  if (text.front() == '-') {
    return Error::Invalid("points", "must be positive: an opening balance is never negative");
  }
  std::string_view digits = text;
  if (const size_t dot = digits.find('.'); dot != std::string_view::npos) {
    if (digits.substr(dot + 1).find_first_not_of('0') != std::string_view::npos) {
      return Error::Invalid("points", "must be a whole number: points are never fractional");
    }
    digits = digits.substr(0, dot);
  }
  if (digits.starts_with('+')) digits.remove_prefix(1);
  int64_t points = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), points);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) {
    return Error::Invalid("points", std::string(kRange));
  }
  if (points == 0)
    return Error::Invalid("points", "must be at least 1: a zero balance books nothing");
  if (points > kMaxPoints) return Error::Invalid("points", std::string(kRange));
  return points;
}

class BalanceTarget : public transfer::ImportTarget {
 public:
  explicit BalanceTarget(bool create_missing) : create_missing_(create_missing) {}

  // A customer may have several opening lots (different expiries): no key is a duplicate.
  std::string DuplicateField() const override { return "customer"; }
  std::string DuplicateKey(const RowRecord&) const override { return {}; }

  Status BeginBatch(storage::Tx& tx) override {
    RAPPORT_ASSIGN_OR_RETURN(import_id_, RunningImportId(tx, kObject));
    RAPPORT_ASSIGN_OR_RETURN(programmes_, LoadProgrammes(tx));
    return OkStatus();
  }

  Result<RowOutcome> Apply(storage::Tx& tx, const access::Access& access,
                           const storage::WriteContext& context, RowRecord& record) override {
    // Every cell is checked before anything is written, so a refused row books nothing.
    std::vector<FieldError> errors;
    const int64_t today = DayOfMillis(NowMillis());
    auto points = ParsePoints(Text(record, "points"));
    if (!points.ok()) errors.push_back(points.error().field_errors.front());
    const StoredProgramme* programme = nullptr;
    const std::string programme_id = Text(record, "programme");
    for (const auto& stored : programmes_) {
      if (programme_id.empty() || stored.programme.id == programme_id) {
        programme = &stored;
        break;
      }
    }
    if (programme == nullptr) {
      errors.push_back({"programme", programme_id.empty() ? "no loyalty programme exists yet"
                                                          : "is not a loyalty programme"});
    }
    std::optional<int64_t> expires_on;
    if (const std::string text = Text(record, "expires_on"); !text.empty()) {
      expires_on = DayOf(text);
      if (!expires_on) {
        errors.push_back({"expires_on", "must be a date like 2027-06-30"});
      } else if (*expires_on <= today) {
        errors.push_back({"expires_on", "has passed: the points would expire at once"});
      }
    }
    std::string note;
    if (const std::string text = Text(record, "note"); !text.empty()) {
      CleanedText cleaned = CleanText(text, kMaxNote, TextKind::kSingleLine);
      if (!cleaned.problem.empty()) errors.push_back({"note", std::move(cleaned.problem)});
      note = std::move(cleaned.text);
    }
    if (!errors.empty()) return Error::Invalid(std::move(errors));

    RowOutcome outcome;
    RAPPORT_ASSIGN_OR_RETURN(
        std::string customer_id,
        customers::ResolveRowCustomer(tx, access, context, record, create_missing_, outcome));
    const Programme& chosen = programme->programme;
    if (!expires_on) expires_on = ExpiryFor(chosen, today);
    std::string cause = "import:" + import_id_ + ":" + std::to_string(record.row);
    if (!note.empty()) cause += ": " + note;
    RAPPORT_ASSIGN_OR_RETURN(Member member, EnsureMember(tx, chosen.id, customer_id));
    auto moved = Move(tx, context, chosen, member, today, [&](Ledger& ledger) -> Status {
      // Available at once: an opening balance was earned under the other tool's rules.
      auto earned = ledger.Earn(cause, *points, today, today, expires_on);
      return earned.ok() ? OkStatus() : Status(std::move(earned).error());
    });
    if (!moved.ok()) {
      // The same row of the same import again (a batch run once more): booked once already.
      if (moved.error().code == ErrorCode::kConflict) {
        outcome.action = RowOutcome::Action::kUnchanged;
        return outcome;
      }
      return std::move(moved).error();
    }
    outcome.action = RowOutcome::Action::kCreated;
    outcome.id = member.id + ":" + std::to_string(moved->added.front().id);
    outcome.created.push_back({std::string(kItemType), outcome.id});
    return outcome;
  }

 private:
  bool create_missing_;
  std::string import_id_;
  std::vector<StoredProgramme> programmes_;  // oldest first: the default is the first
};

class BalanceAdapter : public ImportOnlyAdapter {
 public:
  std::string_view name() const override { return kObject; }
  std::string_view item_type() const override { return kItemType; }
  const transfer::Catalogue& catalogue() const override { return Catalogue(); }

  // The `loyalty` import level: opening balances (docs/design/access.md).
  Status CheckMayImport(const access::Access& access) const override {
    return transfer::RequireLevel(access, Object::kLoyalty, Action::kImport);
  }
  Result<std::unique_ptr<transfer::ImportTarget>> MakeImportTarget(
      const transfer::ImportSettings& settings, const transfer::Mapping& mapping,
      const access::Access& access) const override {
    RAPPORT_RETURN_IF_ERROR(CheckMayImport(access));
    if (settings.mode != transfer::ImportMode::kCreate) {
      return Error::Invalid("mode", "opening balances are only created; adjust a balance instead");
    }
    return std::unique_ptr<transfer::ImportTarget>(
        new BalanceTarget(mapping.create_missing_customers));
  }

  // `id`: "<member id>:<transaction seq>". The entry is taken back only while its lot holds
  // every point it brought: spent or expired points are history, and taking them from the
  // member's other points would change a balance the import never made.
  Result<transfer::RevertOutcome> RemoveImported(storage::Tx& tx, const access::Access& access,
                                                 const storage::WriteContext& context,
                                                 const std::string& id) const override {
    if (access.LevelFor(Object::kLoyalty, Action::kImport) == access::Level::kNone) {
      return transfer::RevertOutcome::kKept;
    }
    const size_t colon = id.rfind(':');
    if (colon == std::string::npos) return transfer::RevertOutcome::kMissing;
    const std::string member_id = id.substr(0, colon);
    int64_t seq = 0;
    std::from_chars(id.data() + colon + 1, id.data() + id.size(), seq);
    RAPPORT_ASSIGN_OR_RETURN(auto member, MemberById(tx, member_id));
    if (!member) return transfer::RevertOutcome::kMissing;  // the customer was erased
    RAPPORT_ASSIGN_OR_RETURN(auto stored, LoadProgramme(tx, member->programme_id));
    if (!stored) return transfer::RevertOutcome::kMissing;
    RAPPORT_ASSIGN_OR_RETURN(Ledger ledger, LoadLedger(tx, member_id));
    const Transaction* earned = nullptr;
    for (const Transaction& t : ledger.history()) {
      if (t.id == seq && t.kind == Kind::kEarn) earned = &t;
    }
    if (earned == nullptr) return transfer::RevertOutcome::kMissing;
    const std::string cause = earned->cause;
    for (const Lot& lot : ledger.lots()) {
      if (lot.cause != cause) continue;
      if (lot.remaining != lot.points) return transfer::RevertOutcome::kKept;
      auto moved = Move(tx, context, stored->programme, *member, DayOfMillis(NowMillis()),
                        [&](Ledger& l) -> Status {
                          auto reversed = l.Reverse(cause, lot.points, DayOfMillis(NowMillis()));
                          return reversed.ok() ? OkStatus() : Status(std::move(reversed).error());
                        });
      if (!moved.ok()) return transfer::RemovedUnlessRefused(std::move(moved).error());
      return transfer::RevertOutcome::kRemoved;
    }
    return transfer::RevertOutcome::kMissing;
  }
};

}  // namespace

std::unique_ptr<transfer::ObjectAdapter> MakeLoyaltyBalanceTransferAdapter() {
  return std::make_unique<BalanceAdapter>();
}

}  // namespace rapport::loyalty
