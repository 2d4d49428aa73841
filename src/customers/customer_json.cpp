#include "customers/contact_points.hpp"
#include "customers/customer.hpp"

namespace rapport::customers {
namespace {

json::value Optional(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

}  // namespace

json::object ConsentEntryToJson(const ConsentEntry& entry) {
  return json::object{
      {"channel", entry.channel},         {"purpose", entry.purpose},
      {"status", entry.status},           {"recorded_at", entry.recorded_at},
      {"source", Optional(entry.source)}, {"wording_version", Optional(entry.wording_version)}};
}

json::object ConsentToJson(const std::vector<ConsentEntry>& current) {
  json::object matrix;
  for (std::string_view channel : kConsentChannels) {
    json::object purposes;
    for (std::string_view purpose : kConsentPurposes) {
      json::object state{{"status", "unknown"},
                         {"recorded_at", nullptr},
                         {"source", nullptr},
                         {"wording_version", nullptr}};
      for (const auto& entry : current) {
        if (entry.channel == channel && entry.purpose == purpose) {
          state = json::object{{"status", entry.status},
                               {"recorded_at", entry.recorded_at},
                               {"source", Optional(entry.source)},
                               {"wording_version", Optional(entry.wording_version)}};
        }
      }
      purposes[purpose] = std::move(state);
    }
    matrix[channel] = std::move(purposes);
  }
  return matrix;
}

json::object CustomerToJson(const Customer& customer, const std::vector<ConsentEntry>& consent) {
  json::array emails;
  for (const auto& email : customer.emails) {
    emails.push_back(json::object{
        {"address", email.address},
        {"label", email.label.empty() ? json::value(nullptr) : json::value(email.label)},
        {"primary", email.primary}});
  }
  json::array phones;
  for (const auto& phone : customer.phones) {
    phones.push_back(json::object{
        {"number", phone.number},
        {"display", DisplayPhone(phone.number)},
        {"label", phone.label.empty() ? json::value(nullptr) : json::value(phone.label)},
        {"primary", phone.primary}});
  }
  json::array tags;
  for (const auto& tag : customer.tags) tags.emplace_back(tag);
  return json::object{{"id", customer.id},
                      {"first_name", Optional(customer.first_name)},
                      {"last_name", Optional(customer.last_name)},
                      {"display_name", customer.display_name},
                      {"emails", std::move(emails)},
                      {"phones", std::move(phones)},
                      {"addresses", customer.addresses},
                      {"birthday", Optional(customer.birthday)},
                      {"language", Optional(customer.language)},
                      {"time_zone", Optional(customer.time_zone)},
                      {"company_id", Optional(customer.company_id)},
                      {"owner_id", Optional(customer.owner_id)},
                      {"lifecycle_stage", customer.lifecycle_stage},
                      {"relationship_type", Optional(customer.relationship_type)},
                      {"preferred_channel", Optional(customer.preferred_channel)},
                      {"tags", std::move(tags)},
                      {"consent", ConsentToJson(consent)},
                      {"custom_fields", customer.custom_fields},
                      {"external_id", Optional(customer.external_id)},
                      {"created_at", customer.created_at},
                      {"updated_at", customer.updated_at},
                      {"version", customer.version}};
}

}  // namespace rapport::customers
