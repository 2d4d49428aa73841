#include "loyalty/stamp_card_service.hpp"

#include "commerce/product_service.hpp"
#include "common/time.hpp"
#include "customers/customer_service.hpp"
#include "loyalty/stamp_store.hpp"
#include "storage/audit.hpp"
#include "storage/outbox.hpp"

namespace rapport::loyalty {
namespace {

using access::Action;
using access::Object;
using storage::Tx;

bool Reaches(const access::Access& access, Object object, Action action) {
  return access.Allows(object, action, std::nullopt);
}

}  // namespace

Result<json::array> StampCardService::List(const Access& access) {
  if (!Reaches(access, Object::kLoyalty, Action::kRead)) {
    return access::NotPermitted(Object::kLoyalty, Action::kRead);
  }
  json::array out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(std::vector<StoredStampCard> cards, LoadStampCards(tx));
    for (const auto& stored : cards) out.push_back(StoredStampCardToJson(stored));
    return OkStatus();
  }));
  return out;
}

Result<json::object> StampCardService::Put(const Access& access,
                                           const storage::WriteContext& context,
                                           const std::string& id, const json::object& input,
                                           std::optional<int64_t> if_version, bool& created) {
  json::object out;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto before, LoadStampCard(tx, id));
    created = !before;
    const Action action = before ? Action::kEdit : Action::kCreate;
    if (!Reaches(access, Object::kLoyaltyProgrammes, action)) {
      return access::NotPermitted(Object::kLoyaltyProgrammes, action);
    }
    if (before && if_version && *if_version != before->version) {
      return Error::PreconditionFailed("The stamp card was changed since you read it.");
    }
    RAPPORT_ASSIGN_OR_RETURN(StampCard card, ParseStampCard(id, input));
    RAPPORT_ASSIGN_OR_RETURN(auto product, commerce::LoadProductJson(tx, card.reward_product_id));
    if (!product) return Error::Invalid("reward_product_id", "is not a product in the catalogue");
    RAPPORT_ASSIGN_OR_RETURN(StoredStampCard stored,
                             SaveStampCard(tx, card, before, FormatInstant(clock_())));
    out = StoredStampCardToJson(stored);
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendEvent(tx, context, "loyalty_stamp_card.updated", "loyalty_stamp_card", id,
                             json::object{{"id", id}, {"version", stored.version}}));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, before ? "update" : "create", "loyalty_stamp_card", id,
                             before ? StoredStampCardToJson(*before) : json::object{}, out));
    return context.Written(tx, out);
  }));
  return out;
}

Result<json::array> StampCardService::ForCustomer(const Access& access,
                                                  const std::string& customer_id) {
  json::array out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    auto owner = customers::ReadableCustomerOwner(tx, access, customer_id);
    if (!owner.ok()) return std::move(owner).error();
    if (!Reaches(access, Object::kLoyalty, Action::kRead)) {
      return access::NotPermitted(Object::kLoyalty, Action::kRead);
    }
    RAPPORT_ASSIGN_OR_RETURN(std::vector<StoredStampCard> cards, LoadStampCards(tx));
    for (const auto& stored : cards) {
      RAPPORT_ASSIGN_OR_RETURN(StampStanding standing,
                               ReadStanding(tx, stored.card.id, customer_id));
      if (!stored.card.active && standing.held == 0 && standing.fills.empty()) continue;
      out.push_back(StandingToJson(stored.card, standing));
    }
    return OkStatus();
  }));
  return out;
}

}  // namespace rapport::loyalty
