// The streamed customer (AppendCustomerJson) against the tree serialisation it replaced on the
// read paths: for customers of every shape and callers whose roles hide different fields, the
// streamed text must parse to exactly the old tree with access.Redact applied. The old code is
// kept below, verbatim, as the oracle: a change to the served shape fails here until both agree.
#include <gtest/gtest.h>

#include "common/json_writer.hpp"
#include "customers/customer.hpp"
#include "customers/customer_service.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/customer_traits.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::customers {
namespace {

// --- The tree serialisation before streaming (customer_json.cpp at 3e9ac8c) ---
json::value Optional(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

json::object OldConsentToJson(const std::vector<ConsentEntry>& current) {
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

json::object OldCustomerToJson(const Customer& customer, const std::vector<ConsentEntry>& consent) {
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
                      {"consent", OldConsentToJson(consent)},
                      {"custom_fields", customer.custom_fields},
                      {"external_id", Optional(customer.external_id)},
                      {"created_at", customer.created_at},
                      {"updated_at", customer.updated_at},
                      {"version", customer.version}};
}
// --- end of the old code ---

// Text that JSON must escape, and text it must not touch.
std::string Awkward(std::string_view tag) {
  std::string text = std::string(tag) + " \"q\" \\ / \b\f\n\r\t \x01\x1f\x7f Zoë 東京 𝄞";
  text.push_back('\0');
  return text;
}

Customer Bare() {
  Customer c;
  c.id = "cus_bare";
  c.display_name = "";
  c.created_at = "2026-01-01T00:00:00.000Z";
  c.updated_at = c.created_at;
  c.version = 1;
  return c;
}

Customer Full() {
  Customer c;
  c.id = "cus_" + Awkward("id");
  c.first_name = Awkward("first");
  c.last_name = "Müller-Łukasz";
  c.display_name = Awkward("display");
  c.birthday = "1980-02-29";
  c.language = "de";
  c.time_zone = "Europe/Berlin";
  c.company_id = "com_1";
  c.owner_id = "usr_1";
  c.lifecycle_stage = "customer";
  c.relationship_type = "b2c";
  c.preferred_channel = "email";
  c.emails = {{.address = "a@example.com", .label = "work", .primary = true},
              {.address = Awkward("mail"), .label = "", .primary = false}};
  c.phones = {
      {.number = "+491512345678", .label = "mobile", .primary = true, .display = ""},
      {.number = "+14155550100", .label = "", .primary = false, .display = "+1 415-555-0100"}};
  c.addresses =
      json::array{json::object{{"street", Awkward("street")}, {"city", "Köln"}, {"primary", true}},
                  json::object{{"lines", json::array{"a", nullptr, 3}}}};
  c.tags = {"vip", Awkward("tag"), ""};
  c.custom_fields = json::object{{"text", Awkward("custom")},
                                 {"count", 42},
                                 {"negative", INT64_MIN},
                                 {"big", UINT64_MAX},
                                 // Exact in binary: Boost 1.81's parser may be an ulp off
                                 // on others, which would fail the comparison, not the code.
                                 {"ratio", 0.5},
                                 {"fraction", -123456.125},
                                 {"flag", false},
                                 {"date", "2026-12-06"},
                                 {"multi", json::array{"x", "y"}},
                                 {"nothing", nullptr},
                                 {"salary", 90000},
                                 {Awkward("key"), "a key that needs escaping"}};
  c.external_id = Awkward("external");
  c.created_at = "2026-12-06T01:02:03.456Z";
  c.updated_at = "2026-12-06T02:03:04.567Z";
  c.version = INT64_MAX;
  return c;
}

std::vector<ConsentEntry> SomeConsent() {
  return {{.channel = "email",
           .purpose = "marketing",
           .status = "denied",
           .recorded_at = "2026-01-01T00:00:00Z",
           .source = "form",
           .wording_version = "v1"},
          // A later entry for the same cell wins.
          {.channel = "email",
           .purpose = "marketing",
           .status = "granted",
           .recorded_at = "2026-02-01T00:00:00Z",
           .source = Awkward("source"),
           .wording_version = std::nullopt},
          {.channel = "sms",
           .purpose = "service",
           .status = "granted",
           .recorded_at = "2026-03-01T00:00:00Z",
           .source = std::nullopt,
           .wording_version = "v2"},
          // Not in the matrix: ignored by both.
          {.channel = "fax",
           .purpose = "marketing",
           .status = "granted",
           .recorded_at = "2026-03-01T00:00:00Z"}};
}

access::Access Hiding(std::vector<std::string> hidden, std::vector<std::string> read_only = {}) {
  access::FieldTable fields;
  auto& rules = fields[static_cast<size_t>(access::Object::kCustomers)];
  for (auto& field : hidden) rules[field] = access::FieldRule::kHidden;
  for (auto& field : read_only) rules[field] = access::FieldRule::kReadOnly;
  access::LevelTable levels{};
  for (auto& per_object : levels) per_object.fill(access::Level::kAll);
  return access::Access("usr_1", {"usr_1"}, levels, std::move(fields), false);
}

// Callers whose roles show everything, hide single fields, hide custom fields one by one, hide
// whole structures, and make fields read-only (which must not change what is served).
std::vector<access::Access> Callers() {
  std::vector<access::Access> callers;
  callers.push_back(access::Access::Unrestricted());
  callers.push_back(Hiding({"birthday", "custom_fields.salary", "custom_fields.text"}));
  callers.push_back(Hiding({"consent", "custom_fields", "addresses", "version", "external_id"}));
  callers.push_back(Hiding({"custom_fields." + Awkward("key"), "preferred_channel",
                            "relationship_type", "language", "time_zone", "created_at"}));
  callers.push_back(Hiding({"custom_fields.no_such_key", "no_such_field"}));
  callers.push_back(Hiding({}, {"birthday", "custom_fields.count"}));
  return callers;
}

json::object OldServed(const Customer& c, const std::vector<ConsentEntry>& consent,
                       const access::Access& access) {
  json::object record = OldCustomerToJson(c, consent);
  access.Redact(access::Object::kCustomers, record);
  return record;
}

TEST(CustomerJson, StreamedTextParsesToTheOldRedactedTree) {
  int compared = 0;
  for (const Customer& customer : {Bare(), Full()}) {
    for (const auto& consent : {std::vector<ConsentEntry>{}, SomeConsent()}) {
      for (const access::Access& access : Callers()) {
        std::string text;
        AppendCustomerJson(text, customer, consent, access);
        auto parsed = ParseJsonObject(text);
        ASSERT_TRUE(parsed.ok()) << text;
        const json::object expected = OldServed(customer, consent, access);
        EXPECT_EQ(*parsed, expected) << "streamed: " << text << "\nold: " << ToJsonString(expected);
        // Nothing hidden: the same members in the same order, byte for byte. (Redact's erase
        // moves the last member into the hole, so the old order after it is no contract.)
        if (expected.size() == OldCustomerToJson(customer, consent).size() &&
            expected.at("custom_fields").as_object().size() == customer.custom_fields.size()) {
          EXPECT_EQ(text, ToJsonString(expected));
        }
        ++compared;
      }
    }
  }
  EXPECT_EQ(compared, 2 * 2 * 6);
}

TEST(CustomerJson, TreeAndConsentMatrixAreTheOldOnes) {
  for (const Customer& customer : {Bare(), Full()}) {
    for (const auto& consent : {std::vector<ConsentEntry>{}, SomeConsent()}) {
      EXPECT_EQ(CustomerToJson(customer, consent), OldCustomerToJson(customer, consent));
      EXPECT_EQ(ConsentToJson(consent), OldConsentToJson(consent));
      std::string text;
      AppendConsentJson(text, consent);
      EXPECT_EQ(ParseJsonObject(text).value(), OldConsentToJson(consent));
    }
  }
}

// The same through the service and real SQLite: a page and a single read answer as text what
// the tree paths answer, for a caller who sees everything and one whose role hides fields.
TEST(CustomerJson, ServiceTextEqualsTheTreeAnswers) {
  testing::TempDir dir;
  auto db = std::move(storage::SqliteDatabase::Open({.path = dir.File("r.db")})).value();
  CustomerService service(*db, testing::ShippedCustomerTraits());
  const storage::WriteContext context{.actor = "test"};
  std::vector<std::string> ids;
  for (std::string_view body :
       {R"({"first_name":"Zoë","last_name":"Ärger \"Q\"","emails":[{"address":"z@example.com"}],
            "phones":[{"number":"+491512345678","label":"mobile"}],"birthday":"1990-01-02",
            "tags":["vip","東京"],
            "addresses":[{"line1":"Main \\ \"Street\" 1","city":"Köln","country":"DE"}],
            "consent":{"email":{"marketing":{"status":"granted","source":"form"}}}})",
        R"({"last_name":"Solo"})"}) {
    auto created =
        service.Create(access::Access::Unrestricted(), context, ParseJsonObject(body).value());
    ASSERT_TRUE(created.ok()) << created.error().message << " "
                              << (created.error().field_errors.empty()
                                      ? ""
                                      : created.error().field_errors[0].field);
    ids.emplace_back(created->at("id").as_string());
  }
  for (const access::Access& access :
       {access::Access::Unrestricted(), Hiding({"birthday", "consent", "version"})}) {
    CustomerQuery query;
    query.limit = 1;
    auto page = service.List(access, query);
    auto text = service.ListText(access, query);
    ASSERT_TRUE(page.ok() && text.ok());
    EXPECT_EQ(ParseJsonObject(*text).value(), PageToJson(*page)) << *text;
    query.q = "Zoë";
    EXPECT_EQ(ParseJsonObject(*service.ListText(access, query)).value(),
              PageToJson(*service.List(access, query)));
    for (const auto& id : ids) {
      auto tree = service.Get(access, id);
      auto one = service.GetText(access, id);
      ASSERT_TRUE(tree.ok() && one.ok());
      EXPECT_EQ(ParseJsonObject(one->json).value(), *tree) << one->json;
      EXPECT_EQ(one->version.has_value(), tree->contains("version"));
    }
  }
  EXPECT_EQ(service.GetText(access::Access::Unrestricted(), "cus_none").error().code,
            ErrorCode::kNotFound);
}

}  // namespace
}  // namespace rapport::customers
