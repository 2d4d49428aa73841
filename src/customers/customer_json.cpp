// The served shape of a customer, written once (WriteCustomer) over a JSON event sink: streamed
// straight into a response body (AppendCustomerJson) or built as a Boost.JSON tree
// (CustomerToJson) for writes, events, audit entries and exports. There is no other list of the
// record's fields to keep in step.
#include "common/json_writer.hpp"
#include "customers/customer.hpp"

namespace rapport::customers {
namespace {

// Which fields a served record leaves out: none, or those the caller's roles hide (the same rule
// as access::Access::Redact, applied while writing instead of after).
class Visibility {
 public:
  explicit Visibility(const access::Access* access) : access_(access) {}

  bool Shows(std::string_view field) const {
    return access_ == nullptr || !access_->IsHidden(access::Object::kCustomers, field);
  }
  bool ShowsCustomField(std::string_view key) const {
    if (access_ == nullptr) return true;
    // Reused per thread: a page asks this for every custom field of every record.
    thread_local std::string path;
    path.assign(kCustomFieldsPrefix).append(key);
    return !access_->IsHidden(access::Object::kCustomers, path);
  }

 private:
  static constexpr std::string_view kCustomFieldsPrefix = "custom_fields.";
  const access::Access* access_;  // null: everything shown
};

template <typename Out>
void OptionalString(Out& out, const std::optional<std::string>& text) {
  if (text) {
    out.String(*text);
  } else {
    out.Null();
  }
}

// Empty stored labels are served as null.
template <typename Out>
void Label(Out& out, const std::string& label) {
  if (label.empty()) {
    out.Null();
  } else {
    out.String(label);
  }
}

const std::optional<std::string> kAbsent;

template <typename Out>
void WriteConsentState(Out& out, const ConsentEntry* entry) {
  out.BeginObject();
  out.PlainKey("status");
  out.String(entry ? std::string_view(entry->status) : std::string_view("unknown"));
  out.PlainKey("recorded_at");
  if (entry) {
    out.String(entry->recorded_at);
  } else {
    out.Null();
  }
  out.PlainKey("source");
  OptionalString(out, entry ? entry->source : kAbsent);
  out.PlainKey("wording_version");
  OptionalString(out, entry ? entry->wording_version : kAbsent);
  out.EndObject();
}

template <typename Out>
void WriteCell(Out& out, const ConsentEntry* entry) {
  WriteConsentState(out, entry);
}

// The text of a cell nothing was recorded for, written once: most of the 300 cells of a page's
// matrices are such, and writing each anew was most of the matrices' cost.
void WriteCell(JsonWriter& out, const ConsentEntry* entry) {
  static const std::string kUnknown = [] {
    std::string text;
    JsonWriter writer(text);
    WriteConsentState(writer, static_cast<const ConsentEntry*>(nullptr));
    return text;
  }();
  if (entry != nullptr) {
    WriteConsentState(out, entry);
  } else {
    out.ValueFrom([](std::string& text) { text.append(kUnknown); });
  }
}

// The full channel x purpose matrix; the last entry recorded for a cell wins.
template <typename Out>
void WriteConsent(Out& out, const std::vector<ConsentEntry>& current) {
  out.BeginObject();
  for (std::string_view channel : kConsentChannels) {
    out.PlainKey(channel);
    out.BeginObject();
    for (std::string_view purpose : kConsentPurposes) {
      const ConsentEntry* found = nullptr;
      for (const auto& entry : current) {
        if (entry.channel == channel && entry.purpose == purpose) found = &entry;
      }
      out.PlainKey(purpose);
      WriteCell(out, found);
    }
    out.EndObject();
  }
  out.EndObject();
}

// The record as the API serves it (docs/api.md), in this field order, without what `visible`
// hides.
template <typename Out>
void WriteCustomer(Out& out, const Customer& c, const std::vector<ConsentEntry>& consent,
                   const Visibility& visible) {
  auto field = [&](std::string_view name) {
    if (!visible.Shows(name)) return false;
    out.PlainKey(name);
    return true;
  };
  out.BeginObject();
  if (field("id")) out.String(c.id);
  if (field("first_name")) OptionalString(out, c.first_name);
  if (field("last_name")) OptionalString(out, c.last_name);
  if (field("display_name")) out.String(c.display_name);
  if (field("emails")) {
    out.BeginArray();
    for (const auto& email : c.emails) {
      out.BeginObject();
      out.PlainKey("address");
      out.String(email.address);
      out.PlainKey("label");
      Label(out, email.label);
      out.PlainKey("primary");
      out.Bool(email.primary);
      out.EndObject();
    }
    out.EndArray();
  }
  if (field("phones")) {
    out.BeginArray();
    for (const auto& phone : c.phones) {
      out.BeginObject();
      out.PlainKey("number");
      out.String(phone.number);
      // Stored when written; a row from before migration 0014 that start-up has not filled yet
      // shows its E.164 form (reads never run libphonenumber).
      out.PlainKey("display");
      out.String(phone.display.empty() ? phone.number : phone.display);
      out.PlainKey("label");
      Label(out, phone.label);
      out.PlainKey("primary");
      out.Bool(phone.primary);
      out.EndObject();
    }
    out.EndArray();
  }
  if (field("addresses")) out.Value(c.addresses);
  if (field("birthday")) OptionalString(out, c.birthday);
  if (field("language")) OptionalString(out, c.language);
  if (field("time_zone")) OptionalString(out, c.time_zone);
  if (field("company_id")) OptionalString(out, c.company_id);
  if (field("owner_id")) OptionalString(out, c.owner_id);
  if (field("lifecycle_stage")) out.String(c.lifecycle_stage);
  if (field("relationship_type")) OptionalString(out, c.relationship_type);
  if (field("preferred_channel")) OptionalString(out, c.preferred_channel);
  if (field("tags")) {
    out.BeginArray();
    for (const auto& tag : c.tags) out.String(tag);
    out.EndArray();
  }
  if (field("consent")) WriteConsent(out, consent);
  if (field("custom_fields")) {
    out.BeginObject();
    for (const auto& [key, value] : c.custom_fields) {
      if (!visible.ShowsCustomField(key)) continue;
      out.Key(key);
      out.Value(value);
    }
    out.EndObject();
  }
  if (field("external_id")) OptionalString(out, c.external_id);
  if (field("created_at")) out.String(c.created_at);
  if (field("updated_at")) out.String(c.updated_at);
  if (field("version")) out.Int(c.version);
  out.EndObject();
}

}  // namespace

json::object ConsentEntryToJson(const ConsentEntry& entry) {
  return json::object{
      {"channel", entry.channel},
      {"purpose", entry.purpose},
      {"status", entry.status},
      {"recorded_at", entry.recorded_at},
      {"source", entry.source ? json::value(*entry.source) : nullptr},
      {"wording_version", entry.wording_version ? json::value(*entry.wording_version) : nullptr}};
}

json::object ConsentToJson(const std::vector<ConsentEntry>& current) {
  JsonTreeBuilder builder;
  WriteConsent(builder, current);
  return std::move(builder.Release().as_object());
}

void AppendConsentJson(std::string& out, const std::vector<ConsentEntry>& current) {
  JsonWriter writer(out);
  WriteConsent(writer, current);
}

json::object CustomerToJson(const Customer& customer, const std::vector<ConsentEntry>& consent) {
  JsonTreeBuilder builder;
  WriteCustomer(builder, customer, consent, Visibility(nullptr));
  return std::move(builder.Release().as_object());
}

void AppendCustomerJson(std::string& out, const Customer& customer,
                        const std::vector<ConsentEntry>& consent, const access::Access& access) {
  JsonWriter writer(out);
  WriteCustomer(writer, customer, consent, Visibility(&access));
}

void AppendFullCustomerJson(std::string& out, const Customer& customer,
                            const std::vector<ConsentEntry>& consent) {
  JsonWriter writer(out);
  WriteCustomer(writer, customer, consent, Visibility(nullptr));
}

}  // namespace rapport::customers
