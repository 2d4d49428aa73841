#include "support/canned_replies.hpp"

#include <gtest/gtest.h>

#include "access/grants.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "support/ticket_service.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::support {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }

constexpr std::string_view kInsertUser =
    "INSERT INTO users (id, email, email_key, name, password_hash, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, 'x', '', '')";

class CannedRepliesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    replies_ = std::make_unique<CannedReplyService>(*db_);
    ASSERT_TRUE(db_->Write([](storage::Tx& tx) -> Status {
                     for (const char* id : {"usr_sue", "usr_tom"}) {
                       const std::string name = std::string(id).substr(4);
                       RAPPORT_RETURN_IF_ERROR(tx.Exec(
                           kInsertUser, {id, name + "@staff.example", name + "@staff.example",
                                         name == "sue" ? "Sue Agent" : "Tom"}));
                     }
                     return OkStatus();
                   })
                    .ok());
    auto ticket = TicketService(*db_).Create(
        admin_, context_,
        Obj(R"({"subject":"Refund <b>now</b>","requester":{"email":"ann@example.com","name":"Ann O'Neil"},"message":{"body_text":"x"}})"));
    ASSERT_TRUE(ticket.ok()) << ticket.error().message;
    ticket_ = *ticket;
  }

  std::string TicketId() const { return std::string(ticket_.at("id").as_string()); }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  std::unique_ptr<CannedReplyService> replies_;
  json::object ticket_;
  const access::Access& admin_ = access::Access::Unrestricted();
  const access::Access sue_{"usr_sue", {}, access::FindBuiltInRole("support")->levels, {}, false};
  const access::Access tom_{"usr_tom", {}, access::FindBuiltInRole("support")->levels, {}, false};
  const access::Access viewer_{"usr_tom", {}, access::FindBuiltInRole("viewer")->levels, {}, false};
  const storage::WriteContext context_{.actor = "test"};
};

TEST_F(CannedRepliesTest, RenderFillsMergeFieldsAsPlainTextAndReturnsTheActions) {
  auto shared = replies_->Create(
      admin_, context_,
      Obj(R"({"name":"Refund","shared":true,"body":"Hi {{customer.first_name}}, #{{ ticket.number }} ({{ticket.subject}}) is done. {{agent.name}}","actions":{"status":"pending","add_tags":["refund"]}})"));
  ASSERT_TRUE(shared.ok()) << shared.error().message;
  auto rendered = replies_->Render(sue_, TicketId(), std::string(shared->at("id").as_string()));
  ASSERT_TRUE(rendered.ok()) << rendered.error().message;
  EXPECT_EQ(rendered->at("body").as_string(), "Hi Ann, #" +
                                                  std::to_string(ticket_.at("number").as_int64()) +
                                                  " (Refund <b>now</b>) is done. Sue Agent");
  EXPECT_EQ(rendered->at("actions").at("status"), "pending");
  EXPECT_EQ(rendered->at("actions").at("add_tags"), (json::array{"refund"}));
}

TEST_F(CannedRepliesTest, UnknownMergeFieldsAndBadActionsAreRefusedOnSave) {
  auto unknown = replies_->Create(sue_, context_,
                                  Obj(R"({"name":"Oops","body":"Dear {{customer.shoe_size}}"})"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(unknown.error().field_errors.front().field, "body");
  EXPECT_NE(unknown.error().field_errors.front().message.find("customer.shoe_size"),
            std::string::npos);
  auto unclosed =
      replies_->Create(sue_, context_, Obj(R"({"name":"Oops","body":"Hi {{agent.name"})"));
  ASSERT_FALSE(unclosed.ok());
  auto actions = replies_->Create(
      sue_, context_,
      Obj(R"({"name":"Oops","body":"x","actions":{"status":"closed","add_tags":["Bad Tag"],"assign":"me"}})"));
  ASSERT_FALSE(actions.ok());
  std::vector<std::string> fields;
  for (const auto& error : actions.error().field_errors) fields.push_back(error.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"actions.status", "actions.add_tags", "actions.assign"}));
  EXPECT_TRUE(replies_->List(sue_)->empty());  // nothing written
}

TEST_F(CannedRepliesTest, PersonalRepliesBelongToTheirOwnerAndSharedOnesToAdmins) {
  auto mine = replies_->Create(sue_, context_, Obj(R"({"name":"Mine","body":"Thanks!"})"));
  ASSERT_TRUE(mine.ok()) << mine.error().message;
  EXPECT_EQ(mine->at("shared"), false);
  const std::string id(mine->at("id").as_string());
  EXPECT_EQ(replies_->List(sue_)->size(), 1u);
  EXPECT_TRUE(replies_->List(tom_)->empty());
  EXPECT_EQ(replies_->Get(tom_, id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(replies_->Render(tom_, TicketId(), id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(replies_->Create(sue_, context_, Obj(R"({"name":"All","shared":true,"body":"x"})"))
                .error()
                .code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(
      replies_->Update(sue_, context_, id, Obj(R"({"shared":true})"), std::nullopt).error().code,
      ErrorCode::kPermissionDenied);
  // A viewer reads the desk's replies (they read every ticket) but writes none of their own.
  EXPECT_TRUE(replies_->List(viewer_).ok());
  EXPECT_EQ(replies_->Create(viewer_, context_, Obj(R"({"name":"V","body":"x"})")).error().code,
            ErrorCode::kPermissionDenied);
  auto changed = replies_->Update(sue_, context_, id,
                                  Obj(R"({"body":"Thanks, {{customer.name}}"})"), int64_t{1});
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_EQ(changed->at("version"), 2);
  EXPECT_EQ(replies_->Delete(sue_, context_, id, int64_t{1}).error().code,
            ErrorCode::kPreconditionFailed);
  EXPECT_TRUE(replies_->Delete(sue_, context_, id, int64_t{2}).ok());
}

}  // namespace
}  // namespace rapport::support
