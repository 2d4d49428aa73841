#include "interactions/customer_overview.hpp"

#include "customers/company_service.hpp"
#include "customers/customer_service.hpp"
#include "interactions/interaction_service.hpp"

namespace rapport::interactions {
namespace {

constexpr std::string_view kChannelStats =
    "SELECT channel, interaction_count, last_at FROM customer_channel_stats WHERE customer_id = ?";
constexpr std::string_view kMetrics =
    "SELECT interaction_count, last_contact_at FROM customer_metrics WHERE customer_id = ?";

}  // namespace

Result<json::object> LoadCustomerOverview(storage::Database& database, const access::Access& access,
                                          const std::string& customer_id) {
  json::object overview;
  RAPPORT_RETURN_IF_ERROR(database.Read([&](storage::Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(overview, LoadCustomerOverview(tx, access, customer_id));
    return OkStatus();
  }));
  return overview;
}

Result<json::object> LoadCustomerOverview(storage::Tx& tx, const access::Access& access,
                                          const std::string& customer_id) {
  RAPPORT_ASSIGN_OR_RETURN(std::optional<json::object> customer,
                           customers::LoadCustomerJson(tx, access, customer_id));
  if (!customer) return customers::NoSuchCustomer(customer_id);
  json::value company = nullptr;
  if (const json::value& company_id = customer->at("company_id"); company_id.is_string()) {
    RAPPORT_ASSIGN_OR_RETURN(
        auto loaded, customers::LoadCompanyJson(tx, access, std::string(company_id.as_string())));
    if (loaded) company = std::move(*loaded);
  }
  // Counts and the latest entries are the timeline's: only for callers who may read it.
  const bool timeline_readable = access.Allows(access::Object::kInteractions, access::Action::kRead,
                                               access::OwnerOf(*customer));
  json::value counts = nullptr;
  json::value total = nullptr;
  json::value last_contact = nullptr;
  json::array timeline;
  if (timeline_readable) {
    json::object per_channel;
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows stats, tx.Query(kChannelStats, {customer_id}));
    for (const auto& row : stats) per_channel[row.Text(0)] = row.Int(1);
    counts = std::move(per_channel);
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows metrics, tx.Query(kMetrics, {customer_id}));
    total = metrics.empty() ? 0 : metrics[0].Int(0);
    if (!metrics.empty() && !metrics[0].IsNull(1)) last_contact = metrics[0].Text(1);
    RAPPORT_ASSIGN_OR_RETURN(
        timeline, LoadLatestInteractions(tx, access, customer_id, access::OwnerOf(*customer),
                                         kOverviewTimelineEntries));
  }
  json::value consent = customer->at("consent");
  return json::object{
      {"customer", std::move(*customer)}, {"company", std::move(company)},
      {"consent", std::move(consent)},    {"interaction_counts", std::move(counts)},
      {"interaction_total", total},       {"last_contact_at", std::move(last_contact)},
      {"timeline", std::move(timeline)}};
}

}  // namespace rapport::interactions
