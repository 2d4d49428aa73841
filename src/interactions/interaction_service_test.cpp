#include "interactions/interaction_service.hpp"

#include <gtest/gtest.h>

#include "analytics/customer_metrics.hpp"
#include "customers/company_service.hpp"
#include "customers/customer_service.hpp"
#include "interactions/customer_overview.hpp"
#include "interactions/interaction_sentiment.hpp"
#include "storage/audit.hpp"
#include "storage/event_dispatcher.hpp"
#include "storage/outbox.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/statement_log.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::interactions {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }

class InteractionServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    service_ptr_ = std::make_unique<InteractionService>(*db_);
    customers::CustomerService customers(*db_);
    customer_id_ = std::string(
        customers.Create(access::Access::Unrestricted(), context_, Obj(R"({"first_name":"Ida"})"))
            .value()
            .at("id")
            .as_string());
  }
  json::object Log(std::string_view body) {
    auto logged = service().Log(access::Access::Unrestricted(), context_, customer_id_, Obj(body));
    EXPECT_TRUE(logged.ok()) << (logged.ok() ? "" : logged.error().message);
    return logged.ok() ? logged.value() : json::object();
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  storage::WriteContext context_{.actor = "test"};
  std::unique_ptr<InteractionService> service_ptr_;
  InteractionService& service() { return *service_ptr_; }
  std::string customer_id_;
};

TEST_F(InteractionServiceTest, TimelineIsNewestFirstAndPagesByCursor) {
  Log(R"({"channel":"email","direction":"inbound","kind":"message","occurred_at":"2026-01-02T10:00:00Z"})");
  Log(R"({"channel":"phone","direction":"outbound","kind":"call","duration_seconds":120,"occurred_at":"2026-01-03T10:00:00+01:00"})");
  Log(R"({"channel":"email","direction":"outbound","kind":"message","occurred_at":"2026-01-01T10:00:00Z"})");
  auto first = service().Timeline(access::Access::Unrestricted(), customer_id_, {.limit = 2});
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->data.size(), 2u);
  EXPECT_EQ(first->data[0].at("occurred_at"), "2026-01-03T09:00:00.000Z");
  ASSERT_TRUE(first->next_cursor.has_value());
  auto second = service().Timeline(access::Access::Unrestricted(), customer_id_,
                                   {.limit = 2, .cursor = first->next_cursor});
  ASSERT_EQ(second->data.size(), 1u);
  EXPECT_EQ(second->data[0].at("occurred_at"), "2026-01-01T10:00:00.000Z");
  EXPECT_FALSE(second->next_cursor.has_value());
  auto emails =
      service().Timeline(access::Access::Unrestricted(), customer_id_, {.channel = "email"});
  EXPECT_EQ(emails->data.size(), 2u);
}

// Entries of one millisecond keep their creation order, newest first, and a cursor between them
// pages on exactly: no entry skipped, none repeated, with or without a channel. The timeline's
// one index serves every page in order (migration 0047): no sort of the customer's entries.
TEST_F(InteractionServiceTest, TiesInOneMillisecondPageExactlyFromOneIndex) {
  std::vector<std::string> logged;  // creation order
  for (int i = 0; i < 7; ++i) {
    const std::string channel = i % 2 == 0 ? "email" : "phone";
    logged.push_back(std::string(Log(R"({"channel":")" + channel +
                                     R"(","direction":"inbound","kind":"message",)"
                                     R"("occurred_at":"2026-02-01T10:00:00Z"})")
                                     .at("id")
                                     .as_string()));
  }
  const std::string older = std::string(
      Log(R"({"channel":"email","direction":"inbound","kind":"message","occurred_at":"2026-01-31T10:00:00Z"})")
          .at("id")
          .as_string());
  auto walk = [&](TimelineQuery query) {
    std::vector<std::string> ids;
    for (int pages = 0; pages < 20; ++pages) {
      auto page = service().Timeline(access::Access::Unrestricted(), customer_id_, query);
      EXPECT_TRUE(page.ok());
      if (!page.ok()) break;
      for (const auto& entry : page->data) ids.push_back(std::string(entry.at("id").as_string()));
      if (!page->next_cursor) break;
      query.cursor = page->next_cursor;
    }
    return ids;
  };
  std::vector<std::string> expected(logged.rbegin(), logged.rend());
  expected.push_back(older);
  EXPECT_EQ(walk({.limit = 2}), expected);
  EXPECT_EQ(walk({.limit = 3}), expected);
  std::vector<std::string> emails;
  for (const std::string& id : expected) {
    if (id == older || (std::find(logged.begin(), logged.end(), id) - logged.begin()) % 2 == 0) {
      emails.push_back(id);
    }
  }
  EXPECT_EQ(walk({.channel = "email", .limit = 1}), emails);

  storage::StatementLog log;
  ASSERT_TRUE(
      service()
          .Timeline(access::Access::Unrestricted(), customer_id_, {.channel = "email", .limit = 2})
          .ok());
  std::string page_sql;
  for (const std::string& sql : log.statements()) {
    if (sql.find("FROM interactions WHERE customer_id") != std::string::npos) page_sql = sql;
  }
  ASSERT_FALSE(page_sql.empty());
  std::string plan;
  ASSERT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                   RAPPORT_ASSIGN_OR_RETURN(auto rows, tx.Query("EXPLAIN QUERY PLAN " + page_sql));
                   for (const auto& row : rows) plan += row.Text(3) + "\n";
                   return OkStatus();
                 })
                  .ok());
  EXPECT_NE(plan.find("USING INDEX interactions_timeline (customer_id=?)"), std::string::npos)
      << plan;
  EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
  // One index beside the id's: its key holds no id, and no second one serves channels.
  std::string indexes;
  ASSERT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                   RAPPORT_ASSIGN_OR_RETURN(
                       auto rows, tx.Query("SELECT sql FROM sqlite_master WHERE type = 'index' "
                                           "AND tbl_name = 'interactions' AND sql IS NOT NULL"));
                   for (const auto& row : rows) indexes += row.Text(0) + "\n";
                   return OkStatus();
                 })
                  .ok());
  EXPECT_EQ(indexes,
            "CREATE INDEX interactions_timeline ON interactions (customer_id, occurred_at)\n");
}

// The entry a cursor names was deleted before the next page was asked for: the page goes on from
// its millisecond, repeating its ties rather than skipping any entry not yet served.
TEST_F(InteractionServiceTest, ACursorWhoseEntryWasDeletedSkipsNothing) {
  std::vector<std::string> logged;
  for (int i = 0; i < 4; ++i) {
    logged.push_back(std::string(
        Log(R"({"channel":"email","direction":"inbound","kind":"message","occurred_at":"2026-02-01T10:00:00Z"})")
            .at("id")
            .as_string()));
  }
  auto first = service().Timeline(access::Access::Unrestricted(), customer_id_, {.limit = 2});
  ASSERT_TRUE(first.ok() && first->next_cursor);
  ASSERT_EQ(first->data[1].at("id").as_string(), logged[2]);
  ASSERT_TRUE(
      service().Delete(access::Access::Unrestricted(), context_, customer_id_, logged[2]).ok());
  auto next = service().Timeline(access::Access::Unrestricted(), customer_id_,
                                 {.limit = 10, .cursor = first->next_cursor});
  ASSERT_TRUE(next.ok());
  std::vector<std::string> ids;
  for (const auto& entry : next->data) ids.push_back(std::string(entry.at("id").as_string()));
  EXPECT_NE(std::find(ids.begin(), ids.end(), logged[1]), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), logged[0]), ids.end());
}

TEST_F(InteractionServiceTest, RejectsBadInputAndUnknownCustomers) {
  auto bad = service().Log(access::Access::Unrestricted(), context_, customer_id_,
                           Obj(R"({"channel":"fax","direction":"in","kind":"Call!","mood":1})"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field_errors.size(), 4u);
  auto missing = service().Log(access::Access::Unrestricted(), context_, "cus_nope",
                               Obj(R"({"channel":"sms","direction":"inbound","kind":"message"})"));
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_F(InteractionServiceTest, OverviewCountsComeFromEvents) {
  Log(R"({"channel":"email","direction":"inbound","kind":"message","occurred_at":"2026-01-02T10:00:00Z"})");
  Log(R"({"channel":"email","direction":"inbound","kind":"message","occurred_at":"2026-01-05T10:00:00Z"})");
  Log(R"({"channel":"chat","direction":"inbound","kind":"message","occurred_at":"2026-01-04T10:00:00Z"})");
  analytics::CustomerMetrics metrics;
  storage::EventDispatcher dispatcher(*db_);
  dispatcher.Subscribe(metrics);
  ASSERT_TRUE(dispatcher.DrainAll().ok());
  ASSERT_TRUE(dispatcher.DrainAll().ok());  // a second drain applies nothing twice
  auto overview = LoadCustomerOverview(*db_, access::Access::Unrestricted(), customer_id_);
  ASSERT_TRUE(overview.ok()) << overview.error().message;
  EXPECT_EQ(overview->at("interaction_counts").at("email"), 2);
  EXPECT_EQ(overview->at("interaction_counts").at("chat"), 1);
  EXPECT_EQ(overview->at("last_contact_at"), "2026-01-05T10:00:00.000Z");
  EXPECT_EQ(overview->at("timeline").as_array().size(), 3u);
  EXPECT_EQ(overview->at("customer").at("first_name"), "Ida");
}

}  // namespace
}  // namespace rapport::interactions

namespace rapport::interactions {
namespace {

// Card numbers stay out of the timeline however they are written and wherever in the entry, and
// nothing of a refused entry is stored.
// Nobody stated a sentiment: an inbound entry's own words are read; a stated one, outbound words
// and an entry without text are left alone.
TEST_F(InteractionServiceTest, InboundWordsGetASentimentWhenNoneIsGiven) {
  struct Case {
    const char* input;
    const char* sentiment;
  };
  const Case cases[] = {
      {R"({"channel":"email","direction":"inbound","kind":"message","subject":"Order 1042",)"
       R"("body":"This is unacceptable, the parcel arrived broken. Terrible service."})",
       "negative"},
      // German, from the subject alone.
      {R"({"channel":"email","direction":"inbound","kind":"message",)"
       R"("subject":"Eine Frechheit, total enttäuscht"})",
       "negative"},
      {R"({"channel":"chat","direction":"inbound","kind":"message",)"
       R"("body":"Thank you, excellent help, I love it!"})",
       "positive"},
      // One mild word is under the line a bad experience needs.
      {R"({"channel":"phone","direction":"inbound","kind":"call","subject":"Delivery is slow"})",
       "neutral"},
      // Words, but none the lexicon knows: nothing was read, nothing is claimed.
      {R"({"channel":"email","direction":"inbound","kind":"message","subject":"Where is my parcel?"})",
       "unknown"},
      {R"({"channel":"phone","direction":"inbound","kind":"call"})", "unknown"},
      // A stated sentiment wins, "unknown" included.
      {R"({"channel":"email","direction":"inbound","kind":"message","subject":"Terrible, awful",)"
       R"("sentiment":"positive"})",
       "positive"},
      {R"({"channel":"email","direction":"inbound","kind":"message","subject":"Terrible, awful",)"
       R"("sentiment":"unknown"})",
       "unknown"},
      // Staff's words are not the customer's mood.
      {R"({"channel":"email","direction":"outbound","kind":"message",)"
       R"("subject":"Sorry, terrible mistake on our side"})",
       "unknown"},
      {R"({"channel":"other","direction":"internal","kind":"note","subject":"Awful call"})",
       "unknown"},
  };
  for (const Case& c : cases) {
    const json::object logged = Log(c.input);
    EXPECT_EQ(logged.at("sentiment"), c.sentiment) << c.input;
    auto stored = service().Get(access::Access::Unrestricted(), customer_id_,
                                std::string(logged.at("id").as_string()));
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->at("sentiment"), c.sentiment) << c.input;
  }
}

// Only the start of a long body is read: angry words past it change nothing.
TEST_F(InteractionServiceTest, OnlyTheStartOfALongBodyIsScored) {
  std::string filler;
  while (filler.size() < kMaxScoredTextBytes) filler += "Order number and address follow. ";
  json::object input = Obj(R"({"channel":"email","direction":"inbound","kind":"message"})");
  input["body"] = filler + "Terrible, awful, unacceptable!";
  auto logged = service().Log(access::Access::Unrestricted(), context_, customer_id_, input);
  ASSERT_TRUE(logged.ok());
  EXPECT_EQ(logged->at("sentiment"), "unknown");
  input["body"] = "Terrible, awful, unacceptable! " + filler;
  logged = service().Log(access::Access::Unrestricted(), context_, customer_id_, input);
  ASSERT_TRUE(logged.ok());
  EXPECT_EQ(logged->at("sentiment"), "negative");
  EXPECT_EQ(SentimentLabel(""), "unknown");
}

TEST_F(InteractionServiceTest, CardNumbersAreRefusedInSubjectBodyAndMetadata) {
  const access::Access& all = access::Access::Unrestricted();
  for (
      const char* body : {
          R"({"channel":"phone","direction":"inbound","subject":"card 4111  1111  1111  1111"})",
          R"({"channel":"phone","direction":"inbound","body":"4111\u00a01111\u00a01111\u00a01111"})",
          R"({"channel":"web","direction":"inbound","metadata":{"form":{"cvv":"123"}}})",
          R"({"channel":"web","direction":"inbound","metadata":{"note":"4111111111111111 12/27"}})",
      }) {
    auto refused = service().Log(all, context_, customer_id_, Obj(body));
    ASSERT_FALSE(refused.ok()) << body;
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument) << body;
  }
  EXPECT_EQ(service().Timeline(all, customer_id_, {})->data.size(), 0u);
}

TEST_F(InteractionServiceTest, GetReadsOneEntryAsTheCallerMaySeeIt) {
  const std::string id(
      Log(R"({"channel":"phone","direction":"inbound","kind":"call","body":"private"})")
          .at("id")
          .as_string());
  const access::Access& all = access::Access::Unrestricted();
  EXPECT_EQ(service().Get(all, customer_id_, id)->at("body"), "private");
  access::FieldTable fields;
  fields[static_cast<size_t>(access::Object::kInteractions)]["body"] = access::FieldRule::kHidden;
  access::LevelTable levels;
  for (auto& row : levels) row.fill(access::Level::kAll);
  const access::Access hiding("usr_x", {}, levels, fields, false);
  EXPECT_FALSE(service().Get(hiding, customer_id_, id)->contains("body"));
  access::LevelTable none{};
  const access::Access blind("usr_x", {}, none, {}, false);
  EXPECT_EQ(service().Get(blind, customer_id_, id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service().Get(all, customer_id_, "int_missing").error().code, ErrorCode::kNotFound);
}

// The overview serves the customer's stored record when there is one for the caller, and builds
// the customer from the rows otherwise: both must give the same bytes. A customer with contact
// points, consent, a company, tags and a timeline; the record is removed to force the rows.
TEST_F(InteractionServiceTest, TheOverviewFromTheStoredRecordIsTheOneBuiltFromRows) {
  const access::Access& all = access::Access::Unrestricted();
  customers::CompanyService companies(*db_);
  const std::string company_id(
      companies.Create(all, context_, Obj(R"({"name":"Acme"})")).value().at("id").as_string());
  customers::CustomerService customers(*db_);
  auto created = customers.Create(
      all, context_,
      Obj(R"({"first_name":"Zoë","last_name":"O\"Neil","company_id":")" + company_id +
          R"(","emails":[{"address":"zoe@example.com"}],"phones":[{"number":"+49 30 1234567"}],)"
          R"("tags":["vip","b"],"consent":{"email":{"marketing":{"status":"granted"}},)"
          R"("sms":{"service":{"status":"denied","source":"form"}}}})"));
  ASSERT_TRUE(created.ok()) << created.error().message;
  const std::string id(created->at("id").as_string());
  ASSERT_TRUE(
      service()
          .Log(all, context_, id,
               Obj(R"({"channel":"email","direction":"inbound","kind":"message","body":"hi"})"))
          .ok());
  auto overview_text = [&] {
    std::string text;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(text, LoadCustomerOverviewText(tx, all, id));
                     return OkStatus();
                   })
                    .ok());
    return text;
  };
  auto stored_records = [&] {
    int64_t count = -1;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(
                         storage::Rows rows,
                         tx.Query("SELECT count(*) FROM customer_served_records r JOIN customers c "
                                  "ON c.seq = r.customer_seq WHERE c.id = ?",
                                  {id}));
                     count = rows[0].Int(0);
                     return OkStatus();
                   })
                    .ok());
    return count;
  };
  ASSERT_EQ(stored_records(), 1) << "the create stores the record the overview should serve";
  const std::string from_record = overview_text();
  ASSERT_TRUE(db_->Write([](storage::Tx& tx) -> Status {
                   RAPPORT_RETURN_IF_ERROR(tx.Exec("DELETE FROM customer_served_records"));
                   return OkStatus();
                 })
                  .ok());
  ASSERT_EQ(stored_records(), 0);
  const std::string from_rows = overview_text();
  EXPECT_EQ(from_record, from_rows);
  const json::object overview = ParseJsonObject(from_rows).value();
  EXPECT_EQ(overview.at("company").at("name"), "Acme");
  EXPECT_EQ(overview.at("consent").at("sms").at("service").at("status"), "denied");
  EXPECT_EQ(overview.at("timeline").as_array().size(), 1u);
}

// The overview writes its timeline straight from the rows; the entries are those the timeline
// page serves the same caller: every field, nulls, metadata (empty, nested, numbers), escapes,
// and a hidden field left out. Byte for byte where nothing is hidden (Access::Redact's erase
// moves an object's last key into the gap, so with a hidden field only the key order differs).
TEST_F(InteractionServiceTest, TheOverviewsTimelineIsTheTimelinePagesEntries) {
  Log(R"({"channel":"phone","direction":"inbound","kind":"call","duration_seconds":75,)"
      R"("occurred_at":"2026-01-02T10:00:00Z"})");
  Log(R"({"channel":"email","direction":"outbound","kind":"message","subject":"Re: \"quote\")"
      R"( \u00e9\n","body":"line one\nline two \\ tab\t","staff_id":"usr_1",)"
      R"("external_ref":"msg-1","sentiment":"positive","occurred_at":"2026-01-03T10:00:00Z",)"
      R"("metadata":{"ticket_id":"tkt_1","score":4.5,"tags":["a","b"],"nested":{"n":null}}})");
  Log(R"({"channel":"chat","direction":"inbound","kind":"message","body":"hello"})");
  access::FieldTable fields;
  fields[static_cast<size_t>(access::Object::kInteractions)]["body"] = access::FieldRule::kHidden;
  access::LevelTable levels;
  for (auto& row : levels) row.fill(access::Level::kAll);
  const access::Access hiding("usr_x", {}, levels, fields, false);
  for (const access::Access* access : {&access::Access::Unrestricted(), &hiding}) {
    auto page = service().Timeline(*access, customer_id_, {.limit = 20});
    ASSERT_TRUE(page.ok());
    auto overview = LoadCustomerOverview(*db_, *access, customer_id_);
    ASSERT_TRUE(overview.ok()) << overview.error().message;
    ASSERT_EQ(overview->at("timeline").as_array().size(), 3u);
    EXPECT_EQ(overview->at("timeline"), json::value(page->data));
    if (access != &hiding) {
      EXPECT_EQ(ToJsonString(overview->at("timeline")), ToJsonString(json::value(page->data)));
    }
    for (const auto& entry : overview->at("timeline").as_array()) {
      EXPECT_EQ(entry.as_object().contains("body"), access != &hiding);
    }
  }
}

// Deleting an entry goes through its owner: access is checked, and the event (with what the
// projections need) and the audit entry with the old values are written with the delete.
TEST_F(InteractionServiceTest, DeleteChecksAccessAndAnnouncesTheEntry) {
  const std::string id(
      Log(R"({"channel":"phone","direction":"inbound","kind":"call","occurred_at":"2026-01-02T10:00:00Z"})")
          .at("id")
          .as_string());
  auto remove = [&](const access::Access& access, const std::string& which) {
    return db_->Write([&](storage::Tx& tx) -> Status {
      return DeleteInteractionInTx(tx, access, context_, which);
    });
  };
  access::LevelTable read_only{};
  for (auto& row : read_only) row[static_cast<size_t>(access::Action::kRead)] = access::Level::kAll;
  const access::Access reader("usr_x", {}, read_only, {}, false);
  EXPECT_EQ(remove(reader, id).error().code, ErrorCode::kPermissionDenied);
  const access::Access blind("usr_x", {}, access::LevelTable{}, {}, false);
  EXPECT_EQ(remove(blind, id).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(remove(access::Access::Unrestricted(), id).ok());
  EXPECT_EQ(remove(access::Access::Unrestricted(), id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service().Timeline(access::Access::Unrestricted(), customer_id_, {})->data.size(), 0u);
  std::vector<storage::Event> events;
  ASSERT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                   RAPPORT_ASSIGN_OR_RETURN(events, storage::ReadEvents(tx, 0, 100));
                   return OkStatus();
                 })
                  .ok());
  ASSERT_EQ(events.back().type, "interaction.deleted");
  EXPECT_EQ(events.back().aggregate_id, customer_id_);
  EXPECT_EQ(events.back().payload.at("interaction"),
            Obj(R"({"id":")" + id + R"(","customer_id":")" + customer_id_ +
                R"(","channel":"phone","kind":"call","occurred_at":"2026-01-02T10:00:00.000Z"})"));
  auto audit = storage::QueryAudit(*db_, {.object_type = "interaction", .object_id = id});
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->data.size(), 2u);  // create, delete
  EXPECT_EQ(audit->data[0].at("action"), "delete");
}

}  // namespace
}  // namespace rapport::interactions
