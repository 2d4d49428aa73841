// CustomerService against a real SQLite database in a temp dir: the rules, not the transport.
#include "customers/customer_service.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "access/grants.hpp"
#include "customers/company_service.hpp"
#include "customers/custom_fields.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/customer_traits.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::customers {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }

class CustomerServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    service_ = std::make_unique<CustomerService>(*db_, testing::ShippedCustomerTraits());
  }
  json::object MustCreate(std::string_view body) {
    auto created = service_->Create(access::Access::Unrestricted(), context_, Obj(body));
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return created.ok() ? created.value() : json::object();
  }
  int64_t CountEvents(std::string_view type) {
    int64_t count = 0;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(auto rows,
                                              tx.Query("SELECT COUNT(*) FROM events WHERE type = ?",
                                                       {std::string(type)}));
                     count = rows[0].Int(0);
                     return OkStatus();
                   })
                    .ok());
    return count;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  std::unique_ptr<CustomerService> service_;
  storage::WriteContext context_{.actor = "test"};
};

TEST_F(CustomerServiceTest, CreateNormalisesAndDerives) {
  json::object c = MustCreate(R"({"first_name":"Zoë","last_name":"Martin",
      "emails":[{"address":"Zoe.Martin@Example.com"}],
      "phones":[{"number":"0049 151 2345678","label":"mobile"}]})");
  EXPECT_EQ(c["display_name"], "Zoë Martin");
  EXPECT_EQ(c["emails"].as_array()[0].as_object().at("primary"), true);
  EXPECT_EQ(c["phones"].as_array()[0].as_object().at("number"), "+491512345678");
  EXPECT_EQ(c["lifecycle_stage"], "lead");
  EXPECT_EQ(c["version"], 1);
  EXPECT_EQ(c["consent"].at("email").at("marketing").at("status"), "unknown");
  EXPECT_EQ(CountEvents("customer.created"), 1);
}

TEST_F(CustomerServiceTest, EmailsAreUniqueIgnoringCase) {
  MustCreate(R"({"emails":[{"address":"ana@example.com"}]})");
  auto duplicate = service_->Create(access::Access::Unrestricted(), context_,
                                    Obj(R"({"emails":[{"address":"ANA@example.COM"}]})"));
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
  EXPECT_EQ(duplicate.error().field_errors.at(0).field, "emails[0].address");
  EXPECT_EQ(CountEvents("customer.created"), 1);
}

TEST_F(CustomerServiceTest, ReportsEveryInvalidFieldAndWritesNothing) {
  auto bad =
      service_->Create(access::Access::Unrestricted(), context_,
                       Obj(R"({"first_name":"A","birthday":"1990-02-30","lifecycle_stage":"vip",
                        "phones":[{"number":"0151 234"}],"nickname":"x"})"));
  ASSERT_FALSE(bad.ok());
  std::set<std::string> fields;
  for (const auto& e : bad.error().field_errors) fields.insert(e.field);
  EXPECT_EQ(fields,
            (std::set<std::string>{"birthday", "lifecycle_stage", "phones[0].number", "nickname"}));
  auto page = service_->List(access::Access::Unrestricted(), {});
  EXPECT_TRUE(page->data.empty());
}

TEST_F(CustomerServiceTest, UpdateIsAMergePatchWithOptimisticVersion) {
  json::object c = MustCreate(R"({"first_name":"Ann","last_name":"Lee","tags":["a"]})");
  const std::string id(c["id"].as_string());
  auto stale = service_->Update(access::Access::Unrestricted(), context_, id,
                                Obj(R"({"last_name":"Ng"})"), 7);
  EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
  auto updated = service_->Update(access::Access::Unrestricted(), context_, id,
                                  Obj(R"({"last_name":null,"tags":["b","c"]})"), 1);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->at("last_name"), nullptr);
  EXPECT_EQ(updated->at("display_name"), "Ann");  // derived names follow the name fields
  EXPECT_EQ(updated->at("tags"), (json::array{"b", "c"}));
  EXPECT_EQ(updated->at("version"), 2);
  // A patch that changes nothing creates no version and no event.
  auto same = service_->Update(access::Access::Unrestricted(), context_, id,
                               Obj(R"({"first_name":"Ann"})"), std::nullopt);
  EXPECT_EQ(same->at("version"), 2);
  EXPECT_EQ(CountEvents("customer.updated"), 1);
}

TEST_F(CustomerServiceTest, ConsentKeepsItsHistory) {
  json::object c = MustCreate(
      R"({"first_name":"Bo","consent":{"email":{"marketing":{"status":"granted","source":"form"}}}})");
  const std::string id(c["id"].as_string());
  ASSERT_TRUE(service_
                  ->Update(access::Access::Unrestricted(), context_, id,
                           Obj(R"({"consent":{"email":{"marketing":{"status":"denied"}}}})"),
                           std::nullopt)
                  .ok());
  auto consent = service_->Consent(access::Access::Unrestricted(), id);
  ASSERT_TRUE(consent.ok());
  EXPECT_EQ(consent->at("current").at("email").at("marketing").at("status"), "denied");
  ASSERT_EQ(consent->at("history").as_array().size(), 2u);
  EXPECT_EQ(consent->at("history").as_array()[1].at("status"), "granted");
}

TEST_F(CustomerServiceTest, CustomFieldsAreTyped) {
  ASSERT_TRUE(DefineCustomField(*db_, context_, Obj(R"({"object_type":"customer","key":"shoe_size",
                                        "label":"Shoe size","type":"number"})"))
                  .ok());
  auto bad = service_->Create(access::Access::Unrestricted(), context_,
                              Obj(R"({"first_name":"A","custom_fields":{"shoe_size":"x"}})"));
  EXPECT_EQ(bad.error().field_errors.at(0).field, "custom_fields.shoe_size");
  auto unknown = service_->Create(access::Access::Unrestricted(), context_,
                                  Obj(R"({"first_name":"A","custom_fields":{"hat":1}})"));
  EXPECT_EQ(unknown.error().field_errors.at(0).field, "custom_fields.hat");
  json::object c = MustCreate(R"({"first_name":"A","custom_fields":{"shoe_size":42}})");
  EXPECT_EQ(c["custom_fields"].at("shoe_size"), 42);
}

TEST_F(CustomerServiceTest, KeysetPagingVisitsEveryRecordOnce) {
  for (int i = 0; i < 23; ++i) MustCreate(R"({"first_name":"P)" + std::to_string(i % 5) + "\"}");
  for (const char* sort : {"created_at", "-display_name", "first_name"}) {
    std::set<std::string> seen;
    CustomerQuery query{.sort = sort, .limit = 4};
    int pages = 0;
    while (true) {
      auto page = service_->List(access::Access::Unrestricted(), query);
      ASSERT_TRUE(page.ok()) << page.error().message;
      for (const auto& c : page->data)
        EXPECT_TRUE(seen.insert(std::string(c.at("id").as_string())).second);
      ++pages;
      if (!page->next_cursor) break;
      query.cursor = page->next_cursor;
    }
    EXPECT_EQ(seen.size(), 23u) << sort;
    EXPECT_EQ(pages, 6) << sort;
  }
}

TEST_F(CustomerServiceTest, FullTextFindsByPrefixEmailTagAndCompany) {
  CompanyService companies(*db_);
  auto acme = companies.Create(access::Access::Unrestricted(), context_,
                               Obj(R"({"name":"Acme Rockets","domain":"acme.example"})"));
  ASSERT_TRUE(acme.ok());
  MustCreate(R"({"first_name":"Janet","emails":[{"address":"janet@acme.example"}],
                 "company_id":")" +
             std::string(acme->at("id").as_string()) + R"("})");
  MustCreate(R"({"first_name":"Otto","tags":["vip"]})");
  auto find = [&](const char* q) {
    auto page = service_->List(access::Access::Unrestricted(), {.q = q});
    EXPECT_TRUE(page.ok());
    return page.ok() ? page->data.size() : 0;
  };
  EXPECT_EQ(find("jan"), 1u);
  EXPECT_EQ(find("janet@acme.example"), 1u);
  EXPECT_EQ(find("rockets"), 1u);
  EXPECT_EQ(find("vip"), 1u);
  EXPECT_EQ(find("\"OR*"), 0u);  // operators are plain text, never a syntax error
  // Renaming the company re-indexes its people.
  ASSERT_TRUE(companies
                  .Update(access::Access::Unrestricted(), context_,
                          std::string(acme->at("id").as_string()), Obj(R"({"name":"Zenith Labs"})"),
                          std::nullopt)
                  .ok());
  EXPECT_EQ(find("zenith"), 1u);
  EXPECT_EQ(find("rockets"), 0u);
}

TEST_F(CustomerServiceTest, EveryKindOfFilterRunsAgainstRealRows) {
  ASSERT_TRUE(DefineCustomField(*db_, context_,
                                Obj(R"({"object_type":"customer","key":"score","label":"Score",
                                        "type":"number"})"))
                  .ok());
  MustCreate(R"({"first_name":"Ann","tags":["vip","beta"],"emails":[{"address":"ann@x.example"}],
                 "phones":[{"number":"+44 20 7946 0958"}],"custom_fields":{"score":7},
                 "consent":{"email":{"marketing":{"status":"granted"}}},"birthday":"1980-05-01"})");
  MustCreate(R"({"first_name":"Bob","tags":["beta"],"lifecycle_stage":"customer",
                 "custom_fields":{"score":2.5}})");
  MustCreate(R"({"first_name":"Cy"})");
  auto names = [&](std::string_view filter) {
    auto page = service_->List(access::Access::Unrestricted(),
                               {.filter = ParseJson(filter).value(), .sort = "first_name"});
    EXPECT_TRUE(page.ok()) << filter << ": " << (page.ok() ? "" : page.error().message);
    std::vector<std::string> out;
    if (page.ok()) {
      for (const auto& c : page->data) out.emplace_back(c.at("first_name").as_string());
    }
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(names(R"({"field":"tags","op":"contains","value":"vip"})"), V{"Ann"});
  EXPECT_EQ(names(R"({"field":"tags","op":"in","value":["beta","x"]})"), (V{"Ann", "Bob"}));
  EXPECT_EQ(names(R"({"field":"tags","op":"neq","value":"beta"})"), V{"Cy"});
  EXPECT_EQ(names(R"({"field":"tags","op":"exists","value":false})"), V{"Cy"});
  EXPECT_EQ(names(R"({"field":"email","op":"eq","value":"ANN@x.example"})"), V{"Ann"});
  EXPECT_EQ(names(R"({"field":"phone","op":"eq","value":"+442079460958"})"), V{"Ann"});
  EXPECT_EQ(names(R"({"field":"email","op":"exists","value":true})"), V{"Ann"});
  EXPECT_EQ(names(R"({"field":"custom_fields.score","op":"gt","value":3})"), V{"Ann"});
  EXPECT_EQ(names(R"({"field":"custom_fields.score","op":"lte","value":2.5})"), V{"Bob"});
  EXPECT_EQ(names(R"({"field":"consent.email.marketing","op":"eq","value":"granted"})"), V{"Ann"});
  EXPECT_EQ(names(R"({"field":"consent.email.marketing","op":"eq","value":"unknown"})"),
            (V{"Bob", "Cy"}));
  EXPECT_EQ(names(R"({"field":"birthday","op":"lt","value":"1990-01-01"})"), V{"Ann"});
  EXPECT_EQ(names(R"({"field":"first_name","op":"starts_with","value":"b"})"), V{"Bob"});
  EXPECT_EQ(names(R"({"field":"first_name","op":"contains","value":"N"})"), V{"Ann"});
  EXPECT_EQ(names(R"({"not":{"field":"lifecycle_stage","op":"eq","value":"lead"}})"), V{"Bob"});
  EXPECT_EQ(names(R"({"or":[{"field":"first_name","op":"eq","value":"Cy"},
                            {"field":"interaction_count","op":"gt","value":0}]})"),
            V{"Cy"});
  EXPECT_EQ(names(R"({"field":"created_at","op":"gt","value":"2000-01-01T00:00:00+02:00"})").size(),
            3u);
}

TEST_F(CustomerServiceTest, BatchUpsertsAndIsolatesBadRecords) {
  auto result = service_->Batch(access::Access::Unrestricted(), context_,
                                Obj(R"({"upsert_on":"email","records":[
        {"first_name":"A","emails":[{"address":"a@example.com"}]},
        {"first_name":"B","birthday":"nope"},
        {"last_name":"Changed","emails":[{"address":"A@example.com"}]}]})"));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->at("created"), 1);
  EXPECT_EQ(result->at("updated"), 1);
  EXPECT_EQ(result->at("failed"), 1);
  EXPECT_EQ(result->at("results").as_array()[1].at("errors").as_array()[0].at("field"), "birthday");
  auto page = service_->List(access::Access::Unrestricted(), {});
  ASSERT_EQ(page->data.size(), 1u);
  EXPECT_EQ(page->data[0].at("last_name"), "Changed");
}

TEST_F(CustomerServiceTest, RecordAccessNarrowsEveryReadAndWrite) {
  // Sales reads the team's customers and edits its own; everyone else's are "not found".
  const access::Access sales("usr_me", {"usr_mate"}, access::FindBuiltInRole("sales")->levels, {},
                             false);
  auto mine = MustCreate(R"({"first_name":"Mine","owner_id":"usr_me"})");
  auto mates = MustCreate(R"({"first_name":"Mates","owner_id":"usr_mate"})");
  auto other = MustCreate(R"({"first_name":"Other","owner_id":"usr_other"})");
  auto page = service_->List(sales, {.sort = "first_name"});
  ASSERT_TRUE(page.ok()) << page.error().message;
  ASSERT_EQ(page->data.size(), 2u);
  EXPECT_EQ(page->data[0].at("first_name"), "Mates");
  EXPECT_EQ(page->data[1].at("first_name"), "Mine");
  EXPECT_EQ(service_->List(sales, {.q = "Other"})->data.size(), 0u);
  const std::string other_id(other["id"].as_string());
  EXPECT_EQ(service_->Get(sales, other_id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->Update(sales, context_, other_id, Obj(R"({"first_name":"X"})"), std::nullopt)
                .error()
                .code,
            ErrorCode::kNotFound);
  EXPECT_EQ(service_
                ->Update(sales, context_, std::string(mates["id"].as_string()),
                         Obj(R"({"first_name":"X"})"), std::nullopt)
                .error()
                .code,
            ErrorCode::kPermissionDenied);
  EXPECT_TRUE(service_
                  ->Update(sales, context_, std::string(mine["id"].as_string()),
                           Obj(R"({"first_name":"Still mine"})"), std::nullopt)
                  .ok());
  EXPECT_EQ(service_->Get(access::Access::Unrestricted(), other_id)->at("first_name"), "Other");
}

// A taken address names its holder to a caller who may read it, and no more to one who may not.
TEST_F(CustomerServiceTest, ATakenAddressNamesItsHolderOnlyToThoseWhoMayReadIt) {
  const access::Access sales("usr_me", {}, access::FindBuiltInRole("sales")->levels, {}, false);
  auto mine = MustCreate(R"({"first_name":"Mine","emails":[{"address":"mine@example.com"}],
                            "owner_id":"usr_me"})");
  auto other = MustCreate(R"({"first_name":"Other","emails":[{"address":"other@example.com"}],
                             "owner_id":"usr_other"})");
  auto named = service_->Create(
      sales, context_, Obj(R"({"first_name":"X","emails":[{"address":"MINE@example.com"}]})"));
  ASSERT_FALSE(named.ok());
  EXPECT_EQ(named.error().code, ErrorCode::kConflict);
  EXPECT_EQ(named.error().field_errors.at(0).field, "emails[0].address");
  EXPECT_EQ(named.error().message, "this email address already belongs to customer \"Mine\" (" +
                                       std::string(mine["id"].as_string()) + ")");
  auto hidden = service_->Create(
      sales, context_, Obj(R"({"first_name":"X","emails":[{"address":"other@example.com"}]})"));
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(hidden.error().code, ErrorCode::kConflict);
  EXPECT_EQ(hidden.error().message, "this email address is already in use");
  EXPECT_EQ(CountEvents("customer.created"), 2);
}

// Every text field of a customer: characters, not bytes; no control characters (API, batch and
// import all run these rules).
TEST_F(CustomerServiceTest, TextRulesCountCharactersAndRefuseControlCharacters) {
  std::string wide;
  for (int i = 0; i < 500; ++i) wide += "\u00fc";
  EXPECT_EQ(MustCreate(R"({"first_name":")" + wide + R"("})")["first_name"].as_string(), wide);
  for (const char* body :
       {R"({"first_name":"A\u0000b"})", R"({"last_name":"A\r\nb"})",
        R"({"first_name":"A","display_name":"x\ny"})", R"({"first_name":"A","tags":["a\tb"]})",
        R"({"first_name":"A","addresses":[{"city":"B\u0000"}]})",
        R"({"first_name":"A","emails":[{"address":"a@b.example","label":"x\ny"}]})"}) {
    auto refused = service_->Create(access::Access::Unrestricted(), context_, Obj(body));
    ASSERT_FALSE(refused.ok()) << body;
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument) << body;
  }
  EXPECT_FALSE(service_
                   ->Create(access::Access::Unrestricted(), context_,
                            Obj(R"({"first_name":")" + wide + "x\"}"))
                   .ok());
}

TEST_F(CustomerServiceTest, NumberCustomFieldsAreFiniteAndBounded) {
  ASSERT_TRUE(DefineCustomField(*db_, context_,
                                Obj(R"({"object_type":"customer","key":"score","label":"Score",
                                        "type":"number"})"))
                  .ok());
  json::object input = Obj(R"({"first_name":"N"})");
  for (double bad :
       {std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
        std::numeric_limits<double>::quiet_NaN(), 1e16, -1e300}) {
    input["custom_fields"] = json::object{{"score", bad}};
    auto refused = service_->Create(access::Access::Unrestricted(), context_, input);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.error().field_errors.at(0).field, "custom_fields.score");
  }
  input["custom_fields"] = json::object{{"score", 1e15}};
  EXPECT_TRUE(service_->Create(access::Access::Unrestricted(), context_, input).ok());
}

}  // namespace
}  // namespace rapport::customers
