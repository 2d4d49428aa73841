#include "loyalty/tier_service.hpp"

#include "common/time.hpp"
#include "loyalty/programme_store.hpp"
#include "loyalty/tiers.hpp"
#include "storage/audit.hpp"

namespace rapport::loyalty {

using access::Action;
using access::Object;

Result<json::object> TierService::Get(const Access& access, const std::string& programme_id) {
  if (!access.Allows(Object::kLoyalty, Action::kRead, std::nullopt)) {
    return access::NotPermitted(Object::kLoyalty, Action::kRead);
  }
  json::object out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](storage::Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto programme, LoadProgramme(tx, programme_id));
    if (!programme) return Error::NotFound("No loyalty programme has the id " + programme_id + ".");
    RAPPORT_ASSIGN_OR_RETURN(auto settings, LoadTierSettings(tx, programme_id));
    out = TierSettingsToJson(settings.value_or(TierSettings{}));
    return OkStatus();
  }));
  return out;
}

Result<json::object> TierService::Put(const Access& access, const storage::WriteContext& context,
                                      const std::string& programme_id, const json::object& input) {
  if (!access.Allows(Object::kLoyaltyProgrammes, Action::kEdit, std::nullopt)) {
    return access::NotPermitted(Object::kLoyaltyProgrammes, Action::kEdit);
  }
  RAPPORT_ASSIGN_OR_RETURN(TierSettings settings, ParseTierSettings(input));
  json::object out;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](storage::Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto programme, LoadProgramme(tx, programme_id));
    if (!programme) return Error::NotFound("No loyalty programme has the id " + programme_id + ".");
    RAPPORT_ASSIGN_OR_RETURN(auto before, LoadTierSettings(tx, programme_id));
    RAPPORT_RETURN_IF_ERROR(SaveTierSettings(tx, programme_id, settings, NowInstant()));
    out = TierSettingsToJson(settings);
    RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(
        tx, context, before ? "update" : "create", "loyalty_tiers", programme_id,
        before ? TierSettingsToJson(*before) : json::object{}, out));
    return context.Written(tx, out);
  }));
  return out;
}

}  // namespace rapport::loyalty
