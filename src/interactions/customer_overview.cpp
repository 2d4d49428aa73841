#include "interactions/customer_overview.hpp"

#include "common/json_member.hpp"
#include "common/json_writer.hpp"
#include "customers/company_service.hpp"
#include "customers/customer_service.hpp"
#include "interactions/interaction_service.hpp"

namespace rapport::interactions {
namespace {

constexpr std::string_view kChannelStats =
    "SELECT channel, interaction_count, last_at FROM customer_channel_stats WHERE customer_id = ?";
constexpr std::string_view kMetrics =
    "SELECT interaction_count, last_contact_at FROM customer_metrics WHERE customer_id = ?";

// The customer's own field as the caller sees it: nullopt when absent or hidden from them.
std::optional<std::string> Served(const access::Access& access, std::string_view field,
                                  const std::optional<std::string>& value) {
  return access.IsHidden(access::Object::kCustomers, field) ? std::nullopt : value;
}

}  // namespace

Result<json::object> LoadCustomerOverview(storage::Database& database, const access::Access& access,
                                          const std::string& customer_id) {
  std::string text;
  RAPPORT_RETURN_IF_ERROR(database.Read([&](storage::Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(text, LoadCustomerOverviewText(tx, access, customer_id));
    return OkStatus();
  }));
  return ParseJsonObject(text);
}

Result<std::string> LoadCustomerOverviewText(storage::Tx& tx, const access::Access& access,
                                             const std::string& customer_id,
                                             const MoreMembers& more) {
  // The stored record when there is one for this caller (no rows to read and write out again);
  // otherwise the customer built from the rows.
  RAPPORT_ASSIGN_OR_RETURN(std::optional<customers::StoredCustomer> stored,
                           customers::LoadStoredCustomer(tx, access, customer_id));
  // The overview's consent member repeats the customer's own: cut from the stored text. A text
  // without it (never written so) is not used; the customer is built from the rows instead.
  std::optional<std::string_view> stored_consent;
  if (stored) {
    stored_consent = TopLevelMember(stored->body, "consent");
    if (!stored_consent) stored.reset();
  }
  std::optional<customers::ServedCustomer> served;
  if (!stored) {
    RAPPORT_ASSIGN_OR_RETURN(served, customers::LoadServedCustomer(tx, access, customer_id));
    if (!served) return customers::NoSuchCustomer(customer_id);
  }
  const std::optional<std::string>& company_field =
      stored ? stored->company_id : served->customer.company_id;
  const std::optional<std::string>& owner_field =
      stored ? stored->owner_id : served->customer.owner_id;
  json::value company = nullptr;
  if (auto company_id = Served(access, "company_id", company_field)) {
    RAPPORT_ASSIGN_OR_RETURN(auto loaded, customers::LoadCompanyJson(tx, access, *company_id));
    if (loaded) company = std::move(*loaded);
  }
  // Counts and the latest entries are the timeline's: only for callers who may read it.
  const std::optional<std::string> owner = Served(access, "owner_id", owner_field);
  const bool timeline_readable =
      access.Allows(access::Object::kInteractions, access::Action::kRead, owner);
  json::value counts = nullptr;
  json::value total = nullptr;
  json::value last_contact = nullptr;
  std::string timeline;  // a JSON array; left empty when the timeline is not the caller's to read
  if (timeline_readable) {
    json::object per_channel;
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows stats, tx.Query(kChannelStats, {customer_id}));
    for (const auto& row : stats) per_channel[row.Text(0)] = row.Int(1);
    counts = std::move(per_channel);
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows metrics, tx.Query(kMetrics, {customer_id}));
    total = metrics.empty() ? 0 : metrics[0].Int(0);
    if (!metrics.empty() && !metrics[0].IsNull(1)) last_contact = metrics[0].Text(1);
    RAPPORT_RETURN_IF_ERROR(AppendLatestInteractionsJson(tx, access, customer_id, owner,
                                                         kOverviewTimelineEntries, timeline));
  }
  json::object extra;
  if (more) {
    RAPPORT_ASSIGN_OR_RETURN(extra, more());
  }
  // The customer (most of the bytes) is its stored record or written straight from its rows.
  std::string out;
  out.reserve(4096);
  JsonWriter writer(out);
  writer.BeginObject();
  writer.Key("customer");
  writer.ValueFrom([&](std::string& text) {
    if (stored) {
      text += stored->body;
    } else {
      customers::AppendCustomerJson(text, served->customer, served->consent, access);
    }
  });
  writer.Key("company");
  writer.Value(company);
  writer.Key("consent");
  if (access.IsHidden(access::Object::kCustomers, "consent")) {
    writer.Null();
  } else {
    writer.ValueFrom([&](std::string& text) {
      if (stored) {
        text += *stored_consent;
      } else {
        customers::AppendConsentJson(text, served->consent);
      }
    });
  }
  writer.Key("interaction_counts");
  writer.Value(counts);
  writer.Key("interaction_total");
  writer.Value(total);
  writer.Key("last_contact_at");
  writer.Value(last_contact);
  writer.Key("timeline");
  writer.ValueFrom([&](std::string& text) { text += timeline.empty() ? "[]" : timeline; });
  for (const auto& [key, value] : extra) {
    writer.Key(key);
    writer.Value(value);
  }
  writer.EndObject();
  return out;
}

}  // namespace rapport::interactions
