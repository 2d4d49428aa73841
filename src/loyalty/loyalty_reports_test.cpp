// The loyalty reports on a small hand-made ledger with known answers: two members, dated earnings,
// a redemption, a staff grant that expires, a partial reversal and a pending lot; the figures per
// month, the liability and tiers "as of" a past day, the rolling tier window, and bad queries.
#include "loyalty/loyalty_reports.hpp"

#include <gtest/gtest.h>

#include "customers/customer_service.hpp"
#include "loyalty/days.hpp"
#include "loyalty/ledger_store.hpp"
#include "loyalty/loyalty_service.hpp"
#include "loyalty/tiers.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::loyalty {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }
const access::Access& All() { return access::Access::Unrestricted(); }
int64_t Day(std::string_view date) { return DayOf(date).value(); }

class LoyaltyReportsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    customers::CustomerService customers(*db_);
    for (auto* id : {&ann_, &bob_}) {
      *id = std::string(customers.Create(All(), context_, Obj(R"({"first_name":"A"})"))
                            .value()
                            .at("id")
                            .as_string());
    }
    LoyaltyService service(*db_, [] { return int64_t{0}; });
    bool created = false;
    ASSERT_TRUE(service
                    .PutProgramme(All(), context_, "beans",
                                  Obj(R"({"name":"Beans","currency":"EUR","earn":{}})"),
                                  std::nullopt, created)
                    .ok());
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                     auto tiers = ParseTierSettings(Obj(
                         R"({"basis":"points_earned","window":{"type":"rolling","months":12},
                             "grace_days":0,"tiers":[{"name":"Silver","threshold":100},
                             {"name":"Gold","threshold":250}]})"));
                     if (!tiers.ok()) return tiers.error();
                     return SaveTierSettings(tx, "beans", *tiers, "2025-01-01T00:00:00Z");
                   })
                    .ok());
    // Ann: 100 on 10 Jan (available at once), redeems 30 on 5 Feb, earns 150 on 1 Mar pending
    // until 15 Mar. Bob: a staff grant of 20 on 10 Feb expiring 10 Mar, 200 on 20 Mar of which 50
    // are reversed on 25 Mar.
    Move(ann_, [](Ledger& l) {
      ASSERT_TRUE(l.Earn("order:a1", 100, Day("2025-01-10"), Day("2025-01-10"), {}).ok());
      ASSERT_TRUE(l.Redeem("reward", 30, Day("2025-02-05")).ok());
      ASSERT_TRUE(l.Earn("order:a2", 150, Day("2025-03-01"), Day("2025-03-15"), {}).ok());
      ASSERT_TRUE(l.Release(Day("2025-03-15")).has_value());
    });
    Move(bob_, [](Ledger& l) {
      ASSERT_TRUE(l.Adjust("goodwill", 20, Day("2025-02-10"), Day("2025-03-10")).ok());
      ASSERT_TRUE(l.Expire(Day("2025-03-10")).has_value());
      ASSERT_TRUE(l.Earn("order:b1", 200, Day("2025-03-20"), Day("2025-03-20"), {}).ok());
      ASSERT_TRUE(l.Reverse("order:b1", 50, Day("2025-03-25")).ok());
    });
  }

  template <typename F>
  void Move(const std::string& customer_id, F change) {
    ASSERT_TRUE(
        db_->Write([&](storage::Tx& tx) -> Status {
             RAPPORT_ASSIGN_OR_RETURN(Member member, EnsureMember(tx, "beans", customer_id));
             RAPPORT_ASSIGN_OR_RETURN(Ledger before, LoadLedger(tx, member.id));
             Ledger after = before;
             change(after);
             return SaveLedger(tx, member.id, before, after, "test", "2025-01-01T00:00:00Z");
           })
            .ok());
  }

  json::array Periods(std::optional<std::string> from, std::optional<std::string> to,
                      std::optional<std::string> interval = std::nullopt) {
    auto query = ParseReportQuery(from, to, interval, std::nullopt, Day("2025-06-01"));
    EXPECT_TRUE(query.ok()) << query.error().message;
    auto report = LoyaltyReports(*db_).Build(All(), "beans", *query);
    EXPECT_TRUE(report.ok()) << report.error().message;
    return report->at("periods").as_array();
  }

  static int64_t At(const json::value& period, std::string_view a, std::string_view b = {}) {
    const json::value& v = period.as_object().at(a);
    return b.empty() ? v.as_int64() : v.as_object().at(b).as_int64();
  }
  // Members per tier, "-" for those without one: "-:0 Silver:1 Gold:0".
  static std::string Tiers(const json::value& period) {
    std::string out;
    for (const auto& t : period.as_object().at("tiers").as_array()) {
      const auto& o = t.as_object();
      if (!out.empty()) out += " ";
      out += (o.at("name").is_null() ? std::string("-") : std::string(o.at("name").as_string())) +
             ":" + std::to_string(o.at("members").as_int64());
    }
    return out;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::Database> db_;
  storage::WriteContext context_{.actor = "test"};
  std::string ann_, bob_;
};

TEST_F(LoyaltyReportsTest, MonthlyFiguresComeFromTheDatedLedger) {
  const json::array p = Periods("2025-01", "2025-03");
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0].at("start").as_string(), "2025-01-01");
  EXPECT_EQ(p[2].at("end").as_string(), "2025-03-31");
  // January: Ann joins and earns 100.
  EXPECT_EQ(At(p[0], "members"), 1);
  EXPECT_EQ(At(p[0], "new_members"), 1);
  EXPECT_EQ(At(p[0], "active_members"), 1);
  EXPECT_EQ(At(p[0], "points", "issued"), 100);
  EXPECT_EQ(At(p[0], "liability", "points"), 100);
  EXPECT_EQ(p[0].at("liability").at("money").as_string(), "1.00");
  EXPECT_EQ(p[0].at("redemption_rate").as_double(), 0.0);
  EXPECT_EQ(Tiers(p[0]), "-:0 Silver:1 Gold:0");
  // February: Ann redeems 30, Bob joins with a grant of 20 (adjustments never count for tiers).
  EXPECT_EQ(At(p[1], "members"), 2);
  EXPECT_EQ(At(p[1], "new_members"), 1);
  EXPECT_EQ(At(p[1], "active_members"), 2);
  EXPECT_EQ(At(p[1], "points", "issued"), 0);
  EXPECT_EQ(At(p[1], "points", "adjusted"), 20);
  EXPECT_EQ(At(p[1], "points", "redeemed"), 30);
  EXPECT_EQ(At(p[1], "liability", "points"), 90);
  EXPECT_EQ(p[1].at("redemption_rate").as_double(), 0.25);  // 30 of 120 given out
  EXPECT_EQ(Tiers(p[1]), "-:1 Silver:1 Gold:0");
  // March: 350 earned, 50 reversed, Bob's 20 expired; pending points are a liability too.
  EXPECT_EQ(At(p[2], "members"), 2);
  EXPECT_EQ(At(p[2], "new_members"), 0);
  EXPECT_EQ(At(p[2], "active_members"), 2);
  EXPECT_EQ(At(p[2], "points", "issued"), 350);
  EXPECT_EQ(At(p[2], "points", "reversed"), 50);
  EXPECT_EQ(At(p[2], "points", "expired"), 20);
  EXPECT_EQ(At(p[2], "points", "redeemed"), 0);
  EXPECT_EQ(At(p[2], "liability", "points"), 220 + 150);
  EXPECT_EQ(p[2].at("liability").at("money").as_string(), "3.70");
  EXPECT_EQ(p[2].at("redemption_rate").as_double(), 0.0714);  // 30 of 420, 4 places down
  EXPECT_EQ(Tiers(p[2]), "-:0 Silver:1 Gold:1");
  EXPECT_EQ(p[2].at("vouchers").at("issued").as_int64(), 0);
}

TEST_F(LoyaltyReportsTest, AsOfAPastDayReadsTheLedgerAsItStoodThen) {
  // 19 March: Ann's pending 150 counts, Bob's grant has expired and his order is tomorrow.
  const json::array p = Periods("2025-03", "2025-03-19");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].at("end").as_string(), "2025-03-19");
  EXPECT_EQ(At(p[0], "liability", "points"), 220);
  EXPECT_EQ(At(p[0], "points", "expired"), 20);
  EXPECT_EQ(Tiers(p[0]), "-:1 Silver:0 Gold:1");
}

TEST_F(LoyaltyReportsTest, TheTierWindowRollsAndQuartersSumTheirMonths) {
  // By January 2026 Ann's January 2025 points left the 12-month window: Gold falls to Silver.
  const json::array p = Periods("2026-01", "2026-01");
  EXPECT_EQ(Tiers(p[0]), "-:0 Silver:2 Gold:0");
  EXPECT_EQ(At(p[0], "active_members"), 0);
  EXPECT_EQ(At(p[0], "liability", "points"), 370);
  const json::array q = Periods("2025-01-01", "2025-06-30", "quarter");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].at("end").as_string(), "2025-03-31");
  EXPECT_EQ(At(q[0], "points", "issued"), 450);
  EXPECT_EQ(At(q[0], "active_members"), 2);
  EXPECT_EQ(At(q[1], "points", "issued"), 0);
  EXPECT_EQ(At(q[1], "liability", "points"), 370);
}

// Referral conversions by the month each referral was made: what became of them since, refusals
// per signal, and the rate of rewarded among those not refused.
TEST_F(LoyaltyReportsTest, ReferralConversionsCountEachReferralInTheMonthItWasMade) {
  customers::CustomerService customers(*db_);
  std::vector<std::string> referees;
  for (int i = 0; i < 4; ++i) {
    referees.emplace_back(customers.Create(All(), context_, Obj(R"({"first_name":"R"})"))
                              .value()
                              .at("id")
                              .as_string());
  }
  struct Row {
    std::string referee;
    std::string state;
    std::optional<std::string> signal;
    bool ordered;
    std::string at;
  };
  const std::vector<Row> rows{
      {referees[0], "rewarded", std::nullopt, true, "2025-01-03T10:00:00Z"},
      {referees[1], "qualifying", std::nullopt, true, "2025-01-20T10:00:00Z"},
      {referees[2], "linked", std::nullopt, false, "2025-01-31T23:59:59Z"},
      {bob_, "refused", "same_email", false, "2025-01-12T10:00:00Z"},
      {referees[3], "lapsed", std::nullopt, true, "2025-02-02T10:00:00Z"},
      {bob_, "refused", "network_burst", false, "2025-02-03T10:00:00Z"},
      {bob_, "refused", "network_burst", false, "2025-02-04T10:00:00Z"},
  };
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                   int n = 0;
                   for (const Row& r : rows) {
                     RAPPORT_RETURN_IF_ERROR(tx.Exec(
                         "INSERT INTO loyalty_referrals (id, referrer_id, referee_id, state, "
                         "signal, via, order_id, created_at, updated_at) "
                         "VALUES (?, ?, ?, ?, ?, 'signup', ?, ?, ?)",
                         {"ref_" + std::to_string(++n), ann_, r.referee, r.state,
                          storage::OptionalText(r.signal),
                          r.ordered ? storage::Value("ord_" + std::to_string(n))
                                    : storage::Value(storage::Null()),
                          r.at, r.at}));
                   }
                   return OkStatus();
                 })
                  .ok());
  const json::array p = Periods("2025-01", "2025-03");
  ASSERT_EQ(p.size(), 3u);
  auto referrals = [&](size_t i) { return p[i].as_object().at("referrals").as_object(); };
  EXPECT_EQ(referrals(0).at("made").as_int64(), 4);
  EXPECT_EQ(referrals(0).at("qualified").as_int64(), 2);
  EXPECT_EQ(referrals(0).at("rewarded").as_int64(), 1);
  EXPECT_EQ(referrals(0).at("refused").as_int64(), 1);
  EXPECT_EQ(json::serialize(referrals(0).at("refused_by_signal")), R"({"same_email":1})");
  EXPECT_DOUBLE_EQ(referrals(0).at("conversion_rate").as_double(), 0.3333);
  EXPECT_EQ(referrals(1).at("made").as_int64(), 3);
  EXPECT_EQ(referrals(1).at("qualified").as_int64(), 1);  // the lapsed one had its first order
  EXPECT_EQ(json::serialize(referrals(1).at("refused_by_signal")), R"({"network_burst":2})");
  EXPECT_DOUBLE_EQ(referrals(1).at("conversion_rate").as_double(), 0.0);
  EXPECT_EQ(referrals(2).at("made").as_int64(), 0);
  EXPECT_TRUE(referrals(2).at("conversion_rate").is_null());
}

TEST_F(LoyaltyReportsTest, BadQueriesNameTheirParameter) {
  const int64_t today = Day("2025-06-01");
  auto field = [&](std::optional<std::string> from, std::optional<std::string> to,
                   std::optional<std::string> interval, std::optional<std::string> value) {
    auto q = ParseReportQuery(from, to, interval, value, today);
    EXPECT_FALSE(q.ok());
    return q.ok() || q.error().field_errors.empty() ? std::string()
                                                    : q.error().field_errors[0].field;
  };
  EXPECT_EQ(field(std::nullopt, std::nullopt, "week", std::nullopt), "interval");
  EXPECT_EQ(field("2025-13", std::nullopt, std::nullopt, std::nullopt), "from");
  EXPECT_EQ(field(std::nullopt, "yesterday", std::nullopt, std::nullopt), "to");
  EXPECT_EQ(field("2025-05-01", "2025-04-01", std::nullopt, std::nullopt), "from");
  EXPECT_EQ(field("2014-01", "2025-01", std::nullopt, std::nullopt), "from");  // > 120 months
  EXPECT_EQ(field(std::nullopt, std::nullopt, std::nullopt, "0.00001"), "point_value");
  EXPECT_EQ(field(std::nullopt, std::nullopt, std::nullopt, "-1"), "point_value");
  // Ten years of months is the most; defaults are the twelve months to today.
  auto ten_years = ParseReportQuery("2015-02", "2025-01", std::nullopt, "0.005", today);
  ASSERT_TRUE(ten_years.ok());
  EXPECT_EQ(ReportPeriods(*ten_years).size(), 120u);
  EXPECT_EQ(ten_years->point_value, 50);
  auto defaults = ParseReportQuery(std::nullopt, std::nullopt, std::nullopt, std::nullopt, today);
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(ReportPeriods(*defaults).size(), 12u);
  EXPECT_EQ(DateOfDay(ReportPeriods(*defaults).front().start), "2024-07-01");
  // An unknown programme is not found.
  auto report = LoyaltyReports(*db_).Build(All(), "nope", *defaults);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace rapport::loyalty
