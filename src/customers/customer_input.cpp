// Validation and merge of customer input: the one place the customer rules live.
#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "common/text.hpp"
#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "customers/contact_points.hpp"
#include "customers/customer.hpp"
#include "customers/postal_address.hpp"

namespace rapport::customers {
namespace {

constexpr size_t kMaxTextLength = 500;
constexpr size_t kMaxContactPoints = 20;
constexpr size_t kMaxAddresses = 10;
constexpr size_t kMaxTags = 50;
constexpr size_t kMaxTagLength = 64;

constexpr std::array<std::string_view, 4> kLifecycleStages = {"lead", "prospect", "customer",
                                                              "churned"};
constexpr std::array<std::string_view, 8> kRelationshipTypes = {
    "transactional",        "long_term", "self_service", "personal_assistance",
    "dedicated_assistance", "automated", "community",    "co_creation"};
constexpr std::array<std::string_view, 8> kChannels = {"email",     "phone", "chat", "social",
                                                       "in_person", "web",   "sms",  "other"};
constexpr std::array<std::string_view, 3> kConsentStatuses = {"granted", "denied", "unknown"};
constexpr std::array<std::string_view, 20> kKnownKeys = {"first_name",
                                                         "last_name",
                                                         "display_name",
                                                         "emails",
                                                         "phones",
                                                         "addresses",
                                                         "birthday",
                                                         "language",
                                                         "time_zone",
                                                         "company_id",
                                                         "owner_id",
                                                         "lifecycle_stage",
                                                         "relationship_type",
                                                         "preferred_channel",
                                                         "tags",
                                                         "consent",
                                                         "custom_fields",
                                                         "external_id",
                                                         "id",
                                                         "version"};

template <size_t N>
bool OneOf(const std::array<std::string_view, N>& allowed, std::string_view value) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

template <size_t N>
std::string ListOf(const std::array<std::string_view, N>& allowed) {
  std::string out = "must be one of ";
  for (size_t i = 0; i < N; ++i) {
    if (i > 0) out += ", ";
    out += allowed[i];
  }
  return out;
}

// Every text field of a customer is one line: names, labels, address lines and tags reach CSV
// exports, mail merges and single-line inputs, where a NUL, CR or LF would break or forge rows.
// Lengths count characters (code points after NFC), not bytes.
CleanedText Clean(std::string_view text, size_t max_characters = kMaxTextLength) {
  return CleanText(text, max_characters, TextKind::kSingleLine);
}

bool IsLanguageTag(std::string_view tag) {
  // BCP 47 in the shape people use: a 2-3 letter language, optional subtags ("pt-BR").
  size_t i = 0;
  while (i < tag.size() && std::isalpha(static_cast<unsigned char>(tag[i]))) ++i;
  if (i < 2 || i > 3) return false;
  while (i < tag.size()) {
    if (tag[i] != '-') return false;
    size_t start = ++i;
    while (i < tag.size() && std::isalnum(static_cast<unsigned char>(tag[i]))) ++i;
    if (i - start < 2 || i - start > 8) return false;
  }
  return true;
}

bool IsTimeZoneName(std::string_view zone) {
  if (zone.empty() || zone.size() > 64 || zone.front() == '/' || zone.back() == '/') return false;
  return std::all_of(zone.begin(), zone.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' ||
           c == '+';
  });
}

class InputReader {
 public:
  InputReader(const json::object& input, std::vector<FieldError>& errors)
      : input_(input), errors_(errors) {}

  bool Has(std::string_view key) const { return input_.contains(key); }

  // Reads a nullable string field into `target` when present.
  void NullableText(std::string_view key, std::optional<std::string>& target) {
    const json::value* v = input_.if_contains(key);
    if (v == nullptr) return;
    if (v->is_null()) {
      target.reset();
      return;
    }
    if (!v->is_string()) {
      Fail(key, "must be a string or null");
      return;
    }
    CleanedText cleaned = Clean(v->as_string());
    if (!cleaned.problem.empty()) {
      Fail(key, std::move(cleaned.problem));
      return;
    }
    if (cleaned.text.empty()) {
      target.reset();
    } else {
      target = std::move(cleaned.text);
    }
  }

  void Fail(std::string_view field, std::string message) {
    errors_.push_back({std::string(field), std::move(message)});
  }
  std::vector<FieldError>& errors() { return errors_; }

 private:
  const json::object& input_;
  std::vector<FieldError>& errors_;
};

void ReadLabel(const json::value& value, const std::string& path, std::string& out,
               InputReader& reader) {
  if (!value.is_string()) return reader.Fail(path, "must be a string");
  CleanedText cleaned = Clean(value.as_string());
  if (!cleaned.problem.empty()) return reader.Fail(path, std::move(cleaned.problem));
  out = std::move(cleaned.text);
}

void ReadEmails(const json::value& value, std::vector<EmailAddress>& out, InputReader& reader) {
  if (!value.is_array()) return reader.Fail("emails", "must be an array");
  if (value.as_array().size() > kMaxContactPoints) {
    return reader.Fail("emails", "may hold at most 20 addresses");
  }
  std::vector<EmailAddress> emails;
  std::set<std::string> keys;
  int primaries = 0;
  for (size_t i = 0; i < value.as_array().size(); ++i) {
    const std::string path = "emails[" + std::to_string(i) + "]";
    const json::value& item = value.as_array()[i];
    if (!item.is_object()) {
      reader.Fail(path, "must be an object with an address");
      continue;
    }
    const json::object& object = item.as_object();
    EmailAddress email;
    const json::value* address = object.if_contains("address");
    std::optional<std::string> normalized;
    if (address != nullptr && address->is_string())
      normalized = NormalizeEmail(address->as_string());
    if (!normalized) {
      reader.Fail(path + ".address", "must be a valid email address");
      continue;
    }
    if (!keys.insert(EmailKey(*normalized)).second) {
      reader.Fail(path + ".address", "is listed twice");
      continue;
    }
    email.address = *normalized;
    if (const json::value* label = object.if_contains("label"); label && !label->is_null()) {
      ReadLabel(*label, path + ".label", email.label, reader);
    }
    if (const json::value* primary = object.if_contains("primary");
        primary && !primary->is_null()) {
      if (!primary->is_bool())
        reader.Fail(path + ".primary", "must be true or false");
      else
        email.primary = primary->as_bool();
    }
    for (const auto& [key, unused] : object) {
      if (key != "address" && key != "label" && key != "primary") {
        reader.Fail(path + "." + std::string(key), "is not a known field");
      }
    }
    primaries += email.primary ? 1 : 0;
    emails.push_back(std::move(email));
  }
  if (primaries > 1) reader.Fail("emails", "only one address may be primary");
  if (primaries == 0 && !emails.empty()) emails.front().primary = true;
  out = std::move(emails);
}

// The region a national phone number is read in: the country of the customer's first address that
// has one; empty (the instance default) when none does.
std::string PhoneRegionOf(const json::array& addresses) {
  for (const auto& address : addresses) {
    const json::value* country =
        address.is_object() ? address.as_object().if_contains("country") : nullptr;
    if (country != nullptr && country->is_string()) return std::string(country->as_string());
  }
  return {};
}

void ReadPhones(const json::value& value, std::string_view region, std::vector<PhoneNumber>& out,
                InputReader& reader) {
  if (!value.is_array()) return reader.Fail("phones", "must be an array");
  if (value.as_array().size() > kMaxContactPoints) {
    return reader.Fail("phones", "may hold at most 20 numbers");
  }
  std::vector<PhoneNumber> phones;
  std::set<std::string> seen;
  int primaries = 0;
  for (size_t i = 0; i < value.as_array().size(); ++i) {
    const std::string path = "phones[" + std::to_string(i) + "]";
    const json::value& item = value.as_array()[i];
    if (!item.is_object()) {
      reader.Fail(path, "must be an object with a number");
      continue;
    }
    const json::object& object = item.as_object();
    const json::value* number = object.if_contains("number");
    if (number == nullptr || !number->is_string()) {
      reader.Fail(path + ".number", "is required and must be a string");
      continue;
    }
    PhoneResult normalized = NormalizePhone(number->as_string(), region);
    if (!normalized.e164) {
      reader.Fail(path + ".number", normalized.problem);
      continue;
    }
    if (!seen.insert(*normalized.e164).second) {
      reader.Fail(path + ".number", "is listed twice");
      continue;
    }
    PhoneNumber phone{*normalized.e164, {}, false, std::move(normalized.display)};
    if (const json::value* label = object.if_contains("label"); label && !label->is_null()) {
      ReadLabel(*label, path + ".label", phone.label, reader);
    }
    if (const json::value* primary = object.if_contains("primary");
        primary && !primary->is_null()) {
      if (!primary->is_bool())
        reader.Fail(path + ".primary", "must be true or false");
      else
        phone.primary = primary->as_bool();
    }
    for (const auto& [key, unused] : object) {
      // "display" is derived from the number; a client may send back what it read.
      if (key != "number" && key != "label" && key != "primary" && key != "display") {
        reader.Fail(path + "." + std::string(key), "is not a known field");
      }
    }
    primaries += phone.primary ? 1 : 0;
    phones.push_back(std::move(phone));
  }
  if (primaries > 1) reader.Fail("phones", "only one number may be primary");
  if (primaries == 0 && !phones.empty()) phones.front().primary = true;
  out = std::move(phones);
}

void ReadAddresses(const json::value& value, json::array& out, InputReader& reader) {
  if (!value.is_array()) return reader.Fail("addresses", "must be an array");
  if (value.as_array().size() > kMaxAddresses) {
    return reader.Fail("addresses", "may hold at most 10 addresses");
  }
  json::array addresses;
  for (size_t i = 0; i < value.as_array().size(); ++i) {
    const std::string path = "addresses[" + std::to_string(i) + "]";
    const json::value& item = value.as_array()[i];
    if (!item.is_object()) {
      reader.Fail(path, "must be an object");
      continue;
    }
    addresses.push_back(ReadPostalAddress(item.as_object(), path, reader.errors()));
  }
  out = std::move(addresses);
}

void ReadTags(const json::value& value, std::vector<std::string>& out, InputReader& reader) {
  if (!value.is_array()) return reader.Fail("tags", "must be an array of strings");
  if (value.as_array().size() > kMaxTags) return reader.Fail("tags", "may hold at most 50 tags");
  std::vector<std::string> tags;
  for (size_t i = 0; i < value.as_array().size(); ++i) {
    const json::value& item = value.as_array()[i];
    const std::string path = "tags[" + std::to_string(i) + "]";
    if (!item.is_string()) {
      reader.Fail(path, "must be a string");
      continue;
    }
    CleanedText cleaned = Clean(item.as_string(), kMaxTagLength);
    if (!cleaned.problem.empty() || cleaned.text.empty()) {
      reader.Fail(path, cleaned.problem.empty() ? "must be 1 to 64 characters" : cleaned.problem);
      continue;
    }
    std::string tag = std::move(cleaned.text);
    if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(std::move(tag));
  }
  out = std::move(tags);
}

void ReadConsent(const json::value& value, std::vector<ConsentEntry>& out, InputReader& reader) {
  if (!value.is_object()) return reader.Fail("consent", "must be an object of channels");
  for (const auto& [channel, purposes] : value.as_object()) {
    const std::string channel_path = "consent." + std::string(channel);
    if (std::find(std::begin(kConsentChannels), std::end(kConsentChannels), channel) ==
        std::end(kConsentChannels)) {
      reader.Fail(channel_path, "must be one of email, sms, phone");
      continue;
    }
    if (!purposes.is_object()) {
      reader.Fail(channel_path, "must be an object of purposes");
      continue;
    }
    for (const auto& [purpose, state] : purposes.as_object()) {
      const std::string path = channel_path + "." + std::string(purpose);
      if (std::find(std::begin(kConsentPurposes), std::end(kConsentPurposes), purpose) ==
          std::end(kConsentPurposes)) {
        reader.Fail(path, "must be one of marketing, service");
        continue;
      }
      if (!state.is_object()) {
        reader.Fail(path, "must be an object with a status");
        continue;
      }
      const json::object& object = state.as_object();
      const json::value* status = object.if_contains("status");
      if (status == nullptr || !status->is_string() ||
          !OneOf(kConsentStatuses, status->as_string())) {
        reader.Fail(path + ".status", "must be one of granted, denied, unknown");
        continue;
      }
      ConsentEntry entry{
          std::string(channel), std::string(purpose), std::string(status->as_string()), {}, {}, {}};
      for (const auto& [key, field] : object) {
        if (key == "status") continue;
        const std::string field_path = path + "." + std::string(key);
        if (key != "source" && key != "wording_version" && key != "recorded_at") {
          reader.Fail(field_path, "is not a known field");
        } else if (field.is_null()) {
          continue;
        } else if (!field.is_string()) {
          reader.Fail(field_path, "must be a string of at most 500 characters");
        } else if (CleanedText cleaned = Clean(field.as_string()); !cleaned.problem.empty()) {
          reader.Fail(field_path, std::move(cleaned.problem));
        } else if (key == "source") {
          entry.source = std::move(cleaned.text);
        } else if (key == "wording_version") {
          entry.wording_version = std::move(cleaned.text);
        } else if (auto instant = NormalizeInstant(field.as_string());
                   instant && *instant > NowInstant()) {
          reader.Fail(field_path, "cannot be in the future");
        } else if (instant) {
          entry.recorded_at = *instant;  // consent given earlier, e.g. on paper or in an import
        } else {
          reader.Fail(field_path, "must be an RFC 3339 time");
        }
      }
      out.push_back(std::move(entry));
    }
  }
}

std::string DeriveDisplayName(const Customer& customer) {
  std::string name = customer.first_name.value_or("");
  if (customer.last_name) name += (name.empty() ? "" : " ") + *customer.last_name;
  if (!name.empty()) return name;
  for (const auto& email : customer.emails) {
    if (email.primary) return email.address;
  }
  for (const auto& phone : customer.phones) {
    if (phone.primary) return phone.number;
  }
  return {};
}

}  // namespace

Status ApplyCustomerInput(const json::object& input, bool is_create,
                          const std::vector<CustomFieldDefinition>& definitions, Customer& customer,
                          std::vector<ConsentEntry>& consent_changes) {
  std::vector<FieldError> errors;
  InputReader reader(input, errors);
  for (const auto& [key, unused] : input) {
    if (!OneOf(kKnownKeys, key)) reader.Fail(key, "is not a known field");
  }
  for (std::string_view read_only : {"id", "version"}) {
    if (reader.Has(read_only)) reader.Fail(read_only, "is read-only");
  }
  const bool had_derived_name = is_create || customer.display_name == DeriveDisplayName(customer);

  reader.NullableText("first_name", customer.first_name);
  reader.NullableText("last_name", customer.last_name);
  reader.NullableText("birthday", customer.birthday);
  reader.NullableText("language", customer.language);
  reader.NullableText("time_zone", customer.time_zone);
  reader.NullableText("company_id", customer.company_id);
  reader.NullableText("owner_id", customer.owner_id);
  reader.NullableText("relationship_type", customer.relationship_type);
  reader.NullableText("preferred_channel", customer.preferred_channel);
  reader.NullableText("external_id", customer.external_id);
  std::optional<std::string> display_name;
  const bool display_name_given = reader.Has("display_name") && !input.at("display_name").is_null();
  reader.NullableText("display_name", display_name);

  if (customer.birthday && !IsValidDate(*customer.birthday)) {
    reader.Fail("birthday", "must be a real date written YYYY-MM-DD");
  } else if (customer.birthday && *customer.birthday > NowInstant().substr(0, 10)) {
    reader.Fail("birthday", "cannot be in the future");
  }
  if (customer.language && !IsLanguageTag(*customer.language)) {
    reader.Fail("language", "must be a language tag such as en or pt-BR");
  }
  if (customer.time_zone && !IsTimeZoneName(*customer.time_zone)) {
    reader.Fail("time_zone", "must be an IANA time zone such as Europe/Berlin");
  }
  if (customer.relationship_type && !OneOf(kRelationshipTypes, *customer.relationship_type)) {
    reader.Fail("relationship_type", ListOf(kRelationshipTypes));
  }
  if (customer.preferred_channel && !OneOf(kChannels, *customer.preferred_channel)) {
    reader.Fail("preferred_channel", ListOf(kChannels));
  }
  if (const json::value* stage = input.if_contains("lifecycle_stage")) {
    if (!stage->is_string() || !OneOf(kLifecycleStages, stage->as_string())) {
      reader.Fail("lifecycle_stage", ListOf(kLifecycleStages));
    } else {
      customer.lifecycle_stage = std::string(stage->as_string());
    }
  }
  if (const json::value* v = input.if_contains("emails")) {
    if (v->is_null())
      customer.emails.clear();
    else
      ReadEmails(*v, customer.emails, reader);
  }
  // Addresses before phones: a national number is read in the address's country.
  if (const json::value* v = input.if_contains("addresses")) {
    if (v->is_null())
      customer.addresses.clear();
    else
      ReadAddresses(*v, customer.addresses, reader);
  }
  if (const json::value* v = input.if_contains("phones")) {
    if (v->is_null())
      customer.phones.clear();
    else
      ReadPhones(*v, PhoneRegionOf(customer.addresses), customer.phones, reader);
  }
  if (const json::value* v = input.if_contains("tags")) {
    if (v->is_null())
      customer.tags.clear();
    else
      ReadTags(*v, customer.tags, reader);
  }
  if (const json::value* v = input.if_contains("consent"); v && !v->is_null()) {
    ReadConsent(*v, consent_changes, reader);
  }
  if (const json::value* v = input.if_contains("custom_fields")) {
    if (v->is_null())
      customer.custom_fields.clear();
    else
      MergeCustomFieldValues(*v, definitions, customer.custom_fields, errors);
  }
  if (is_create) CheckRequiredCustomFields(definitions, customer.custom_fields, errors);

  if (display_name_given) {
    customer.display_name = *display_name;
  } else if (had_derived_name || reader.Has("display_name")) {
    customer.display_name = DeriveDisplayName(customer);
  }
  if (customer.display_name.empty() && errors.empty()) {
    reader.Fail("first_name", "a customer needs a name, an email address or a phone number");
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return OkStatus();
}

}  // namespace rapport::customers
