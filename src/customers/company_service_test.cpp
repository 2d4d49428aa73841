// CompanyService's delete path against a real SQLite database: access, If-Match, the members it
// detaches, and the event and audit entry it writes in the same transaction.
#include "customers/company_service.hpp"

#include <gtest/gtest.h>

#include "customers/customer_service.hpp"
#include "storage/audit.hpp"
#include "storage/outbox.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::customers {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }
const access::Access& All() { return access::Access::Unrestricted(); }

TEST(CompanyDeleteTest, DeleteCompanyInTxChecksAccessVersionAndAnnouncesIt) {
  testing::TempDir dir;
  auto db = std::move(storage::SqliteDatabase::Open({.path = dir.File("r.db")})).value();
  const storage::WriteContext context{.actor = "test"};
  CompanyService companies(*db);
  const std::string id(
      companies.Create(All(), context, Obj(R"({"name":"Acme"})"))->at("id").as_string());
  auto member = CustomerService(*db).Create(
      All(), context, Obj(R"({"first_name":"Ida","company_id":")" + id + R"("})"));
  ASSERT_TRUE(member.ok()) << member.error().message;
  auto remove = [&](const access::Access& access, std::optional<int64_t> version) {
    return db->Write([&](storage::Tx& tx) -> Status {
      return DeleteCompanyInTx(tx, access, context, id, version);
    });
  };
  access::LevelTable read_only{};
  for (auto& row : read_only) row[static_cast<size_t>(access::Action::kRead)] = access::Level::kAll;
  EXPECT_EQ(remove(access::Access("usr_x", {}, read_only, {}, false), std::nullopt).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(remove(access::Access("usr_x", {}, {}, {}, false), std::nullopt).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(remove(All(), 2).error().code, ErrorCode::kPreconditionFailed);
  {
    auto removed = remove(All(), 1);
    ASSERT_TRUE(removed.ok()) << removed.error().message;
  }
  EXPECT_EQ(remove(All(), std::nullopt).error().code, ErrorCode::kNotFound);
  auto detached = CustomerService(*db).Get(All(), std::string(member->at("id").as_string()));
  EXPECT_TRUE(detached->at("company_id").is_null());
  std::vector<storage::Event> events;
  ASSERT_TRUE(db->Read([&](storage::Tx& tx) -> Status {
                  RAPPORT_ASSIGN_OR_RETURN(events, storage::ReadEvents(tx, 0, 100));
                  return OkStatus();
                }).ok());
  EXPECT_EQ(events.back().type, "company.deleted");
  EXPECT_EQ(events.back().aggregate_id, id);
  auto audit = storage::QueryAudit(*db, {.object_type = "company", .object_id = id});
  EXPECT_EQ(audit->data.at(0).at("action"), "delete");
}

}  // namespace
}  // namespace rapport::customers
