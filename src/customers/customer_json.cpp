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
  // Built once per cell with its final content and room reserved: this matrix is in every served
  // customer (6 % of a list page's time before, with a cell rebuilt per matching entry).
  json::object matrix(std::size(kConsentChannels));
  for (std::string_view channel : kConsentChannels) {
    json::object purposes(std::size(kConsentPurposes));
    for (std::string_view purpose : kConsentPurposes) {
      const ConsentEntry* found = nullptr;
      for (const auto& entry : current) {
        if (entry.channel == channel && entry.purpose == purpose) found = &entry;
      }
      json::object state(4);
      if (found == nullptr) {
        state.emplace("status", "unknown");
        state.emplace("recorded_at", nullptr);
        state.emplace("source", nullptr);
        state.emplace("wording_version", nullptr);
      } else {
        state.emplace("status", found->status);
        state.emplace("recorded_at", found->recorded_at);
        state.emplace("source", Optional(found->source));
        state.emplace("wording_version", Optional(found->wording_version));
      }
      purposes.emplace(purpose, std::move(state));
    }
    matrix.emplace(channel, std::move(purposes));
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
        // Stored when written; a row from before migration 0014 that start-up has not filled yet
        // shows its E.164 form (reads never run libphonenumber).
        {"display", phone.display.empty() ? phone.number : phone.display},
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
