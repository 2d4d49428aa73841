// Customer: one person's record, as stored and as served.
//
// The JSON shape is the API's (docs/api.md); customer_json.cpp (one template over a JSON sink,
// behind CustomerToJson and AppendCustomerJson) and ApplyCustomerInput are the only places that
// translate, so API, batch, import and demo data share one set of rules. Consent is kept apart as
// a history (ConsentEntry rows) and joined in when a customer is served. Plain value types.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/access.hpp"
#include "common/json.hpp"
#include "customers/custom_fields.hpp"

namespace rapport::customers {

struct EmailAddress {
  std::string address;
  std::string label;
  bool primary = false;
};

struct PhoneNumber {
  std::string number;  // E.164
  std::string label;
  bool primary = false;
  // The international format for reading (DisplayPhone), made when the number is written and
  // stored beside it; empty until then. Served as "display".
  std::string display;
};

struct ConsentEntry {
  std::string channel;  // email | sms | phone
  std::string purpose;  // marketing | service
  std::string status;   // granted | denied | unknown
  std::string recorded_at;
  std::optional<std::string> source;
  std::optional<std::string> wording_version;
};

struct Customer {
  int64_t seq = 0;  // storage rowid, shared with the full-text index; never served
  std::string id;
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::string display_name;
  std::optional<std::string> birthday;
  std::optional<std::string> language;
  std::optional<std::string> time_zone;
  std::optional<std::string> company_id;
  std::optional<std::string> owner_id;
  std::string lifecycle_stage = "lead";
  std::optional<std::string> relationship_type;
  std::optional<std::string> preferred_channel;
  std::vector<EmailAddress> emails;
  std::vector<PhoneNumber> phones;
  json::array addresses;
  std::vector<std::string> tags;
  json::object custom_fields;
  std::optional<std::string> external_id;
  std::string created_at;
  std::string updated_at;
  int64_t version = 0;
};

inline constexpr std::string_view kConsentChannels[] = {"email", "sms", "phone"};
inline constexpr std::string_view kConsentPurposes[] = {"marketing", "service"};

// The full channel x purpose matrix; "unknown" where nothing was recorded.
json::object ConsentToJson(const std::vector<ConsentEntry>& current);
json::object ConsentEntryToJson(const ConsentEntry& entry);
json::object CustomerToJson(const Customer& customer, const std::vector<ConsentEntry>& consent);
// The same record as JSON text appended to `out`, without the fields `access` hides: what
// CustomerToJson then access.Redact give, written straight into a response body (a page of
// records costs no tree per record).
void AppendCustomerJson(std::string& out, const Customer& customer,
                        const std::vector<ConsentEntry>& consent, const access::Access& access);
// CustomerToJson's record, every field shown, as JSON text appended to `out`: the text a served
// record holds (served_records.hpp), the same bytes AppendCustomerJson writes for a caller whose
// roles hide nothing.
void AppendFullCustomerJson(std::string& out, const Customer& customer,
                            const std::vector<ConsentEntry>& consent);
// ConsentToJson's matrix as JSON text appended to `out`.
void AppendConsentJson(std::string& out, const std::vector<ConsentEntry>& current);

// Applies a create body (is_create) or a JSON merge patch to `customer`. Consent entries in the
// input are appended to `consent_changes` (recorded_at unset). Returns every problem found, not
// just the first, so a form can show them all at once.
Status ApplyCustomerInput(const json::object& input, bool is_create,
                          const std::vector<CustomFieldDefinition>& definitions, Customer& customer,
                          std::vector<ConsentEntry>& consent_changes);

}  // namespace rapport::customers
