#include "feedback/review_settings.hpp"

#include "common/time.hpp"
#include "feedback/survey_invitations.hpp"
#include "storage/audit.hpp"

namespace rapport::feedback {
namespace {

using storage::Rows;
using storage::Tx;

constexpr std::string_view kSelect =
    "SELECT auto_request_days, expires_in_days, updated_at, version FROM review_settings "
    "WHERE id = 1";
constexpr std::string_view kUpsert =
    "INSERT INTO review_settings (id, auto_request_days, expires_in_days, updated_at, version) "
    "VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET auto_request_days = "
    "excluded.auto_request_days, expires_in_days = excluded.expires_in_days, updated_at = "
    "excluded.updated_at, version = excluded.version";

Status CheckEdit(const access::Access& access) {
  if (access.LevelFor(access::Object::kReviews, access::Action::kEdit) != access::Level::kAll) {
    return access::NotPermitted(access::Object::kReviews, access::Action::kEdit);
  }
  return OkStatus();
}

}  // namespace

Result<ReviewSettings> ParseReviewSettings(const json::object& input, ReviewSettings base) {
  std::vector<FieldError> errors;
  for (const auto& [key, value] : input) {
    if (key == "auto_request_days") {
      if (value.is_null()) {
        base.auto_request_days.reset();
      } else if (!value.is_int64() || value.as_int64() < 0 ||
                 value.as_int64() > kMaxAutoRequestDays) {
        errors.push_back({"auto_request_days", "must be a whole number from 0 to 365, or null"});
      } else {
        base.auto_request_days = value.as_int64();
      }
    } else if (key == "expires_in_days") {
      if (!value.is_int64() || value.as_int64() < 1 || value.as_int64() > kMaxLinkDays) {
        errors.push_back({"expires_in_days", "must be a whole number from 1 to 365"});
      } else {
        base.expires_in_days = value.as_int64();
      }
    } else if (key != "version" && key != "updated_at") {
      errors.push_back({std::string(key), "is not a known field"});
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return base;
}

json::object ReviewSettingsToJson(const ReviewSettings& settings) {
  return json::object{
      {"auto_request_days", settings.auto_request_days ? json::value(*settings.auto_request_days)
                                                       : json::value(nullptr)},
      {"expires_in_days", settings.expires_in_days},
      {"version", settings.version},
      {"updated_at",
       settings.updated_at.empty() ? json::value(nullptr) : json::value(settings.updated_at)}};
}

Result<ReviewSettings> LoadReviewSettings(Tx& tx) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelect));
  ReviewSettings settings;
  if (rows.empty()) return settings;
  const auto& row = rows.front();
  if (!row.IsNull(0)) settings.auto_request_days = row.Int(0);
  settings.expires_in_days = row.Int(1);
  settings.updated_at = row.Text(2);
  settings.version = row.Int(3);
  return settings;
}

Result<json::object> ReviewSettingsService::Get(const access::Access& access) {
  RAPPORT_RETURN_IF_ERROR(CheckEdit(access));
  json::object out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(ReviewSettings settings, LoadReviewSettings(tx));
    out = ReviewSettingsToJson(settings);
    return OkStatus();
  }));
  return out;
}

Result<json::object> ReviewSettingsService::Put(const access::Access& access,
                                                const storage::WriteContext& context,
                                                const json::object& input,
                                                std::optional<int64_t> if_version) {
  RAPPORT_RETURN_IF_ERROR(CheckEdit(access));
  json::object out;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(ReviewSettings current, LoadReviewSettings(tx));
    if (if_version && *if_version != current.version) {
      return Error::PreconditionFailed("The review settings changed since version " +
                                       std::to_string(*if_version) + ".");
    }
    RAPPORT_ASSIGN_OR_RETURN(ReviewSettings next, ParseReviewSettings(input, current));
    next.version = current.version + 1;
    next.updated_at = NowInstant();
    RAPPORT_RETURN_IF_ERROR(
        tx.Exec(kUpsert,
                {next.auto_request_days ? storage::Value(*next.auto_request_days) : storage::Null(),
                 next.expires_in_days, next.updated_at, next.version}));
    out = ReviewSettingsToJson(next);
    RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "update", "review_settings",
                                                 "reviews", ReviewSettingsToJson(current), out));
    return context.Written(tx, out);
  }));
  return out;
}

}  // namespace rapport::feedback
