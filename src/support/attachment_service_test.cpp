#include "support/attachment_service.hpp"

#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_database.hpp"
#include "support/ticket_service.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::support {
namespace {

const access::Access& All() { return access::Access::Unrestricted(); }
json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }
std::string Str(const json::value& value) { return std::string(value.as_string()); }

class AttachmentServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    blobs_ = std::make_unique<storage::BlobStore>(dir_.File("attachments"));
    attachments_ = std::make_unique<AttachmentService>(*db_, *blobs_, 1000);
    tickets_ = std::make_unique<TicketService>(*db_);
    auto ticket = tickets_->Create(All(), context_,
                                   Obj(R"({"subject":"Zip","requester":{"email":"ada@example.com"},
                "message":{"author_type":"customer","body_text":"Broken"}})"));
    ASSERT_TRUE(ticket.ok());
    ticket_id_ = Str(ticket->at("id"));
  }
  Result<json::object> Upload(std::string_view name, std::string_view bytes) {
    return attachments_->Upload(All(), context_, ticket_id_,
                                {.declared_name = std::string(name), .bytes = bytes});
  }
  Result<json::object> Reply(const std::string& attachment_id) {
    return tickets_->AddMessage(
        All(), context_, ticket_id_,
        Obj(R"({"body_text":"Here it is","attachment_ids":[")" + attachment_id + R"("]})"), {});
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  std::unique_ptr<storage::BlobStore> blobs_;
  std::unique_ptr<AttachmentService> attachments_;
  std::unique_ptr<TicketService> tickets_;
  storage::WriteContext context_{.actor = "test"};
  std::string ticket_id_;
};

TEST_F(AttachmentServiceTest, AnUploadNamedByAReplyIsListedOnItAndServedByHash) {
  auto uploaded = Upload("../../report.pdf", "%PDF-1.7 fake");
  ASSERT_TRUE(uploaded.ok()) << uploaded.error().message;
  EXPECT_EQ(Str(uploaded->at("name")), "report.pdf");
  EXPECT_EQ(Str(uploaded->at("type")), "application/pdf");
  const std::string id = Str(uploaded->at("id"));
  EXPECT_EQ(id.rfind("tat_", 0), 0u);
  auto replied = Reply(id);
  ASSERT_TRUE(replied.ok()) << replied.error().message;
  const json::array& listed = replied->at("message").as_object().at("attachments").as_array();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(Str(listed[0].as_object().at("id")), id);
  json::array messages = tickets_->Messages(All(), ticket_id_).value();
  EXPECT_TRUE(messages[0].as_object().at("attachments").as_array().empty());
  EXPECT_EQ(messages[1].as_object().at("attachments").as_array().size(), 1u);
  auto file = attachments_->Open(All(), id);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->path, blobs_->PathOf(storage::Sha256Hex("%PDF-1.7 fake")));
  // The mail-out part's reading interface.
  const std::string message_id = Str(replied->at("message").as_object().at("id"));
  auto files = attachments_->MessageFiles(message_id);
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->size(), 1u);
  EXPECT_EQ(attachments_->ReadFile((*files)[0]).value(), "%PDF-1.7 fake");
}

TEST_F(AttachmentServiceTest, AnUploadIsNamedOnceAndOnlyOnItsTicket) {
  const std::string id = Str(Upload("a.txt", "hello").value().at("id"));
  ASSERT_TRUE(Reply(id).ok());
  auto again = Reply(id);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(again.error().field_errors.at(0).field, "attachment_ids[0]");
  auto unknown = Reply("tat_nope");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field_errors.at(0).field, "attachment_ids[0]");
  EXPECT_EQ(tickets_->Messages(All(), ticket_id_)->size(), 2u);  // the refused ones wrote nothing
}

TEST_F(AttachmentServiceTest, EmptyAndOversizedUploadsAreRefused) {
  EXPECT_EQ(Upload("a", "").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Upload("a", std::string(1001, 'x')).error().code, ErrorCode::kTooLarge);
  EXPECT_EQ(attachments_->Upload(All(), context_, "tkt_missing", {.bytes = "x"}).error().code,
            ErrorCode::kNotFound);
}

TEST_F(AttachmentServiceTest, UnreferencedUploadsAndTheirBlobsAreSwept) {
  const std::string kept = Str(Upload("kept.txt", "kept").value().at("id"));
  ASSERT_TRUE(Reply(kept).ok());
  ASSERT_TRUE(Upload("left.txt", "left").ok());
  ASSERT_TRUE(Upload("same.txt", "kept").ok());  // same bytes as a referenced one
  auto removed = attachments_->RemoveUnreferenced("9999-01-01T00:00:00Z");
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 2);
  EXPECT_FALSE(blobs_->Contains(storage::Sha256Hex("left")));
  EXPECT_TRUE(blobs_->Contains(storage::Sha256Hex("kept")));  // still named by the reply
  EXPECT_TRUE(attachments_->Open(All(), kept).ok());
  // Recent uploads stay.
  ASSERT_TRUE(Upload("new.txt", "new").ok());
  EXPECT_EQ(*attachments_->RemoveUnreferenced("2000-01-01T00:00:00Z"), 0);
}

}  // namespace
}  // namespace rapport::support
