// ChatFiles over real SQLite and a real blob store: who may upload what where, binding uploads to
// a message, who may read them, and the sweep of uploads no message sent.
#include "support/chat/chat_files.hpp"

#include <gtest/gtest.h>

#include "access/grants.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "support/chat/chat_service.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::support::chat {
namespace {

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(64, '\x01');
constexpr std::string_view kHtml = "<!DOCTYPE html><html><script>alert(1)</script></html>";

class ChatFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("c.db")})).value();
    blobs_ = std::make_unique<storage::BlobStore>(dir_.File("attachments"));
    chat_ = std::make_unique<ChatService>(*db_);
    files_ = std::make_unique<ChatFiles>(*db_, *blobs_, 1000);
  }

  std::string Say(const std::string& visitor, const std::string& client_id) {
    auto posted = chat_->PostVisitorMessage(context_, {.visitor_id = visitor}, client_id, "Hello");
    EXPECT_TRUE(posted.ok()) << posted.error().message;
    return posted.ok() ? posted->conversation.id : "";
  }

  std::string Upload(const std::string& visitor, std::string_view name, std::string_view bytes) {
    auto uploaded = files_->VisitorUpload(context_, visitor, name, bytes);
    EXPECT_TRUE(uploaded.ok()) << uploaded.error().message;
    return uploaded.ok() ? std::string(uploaded->at("id").as_string()) : "";
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  std::unique_ptr<storage::BlobStore> blobs_;
  std::unique_ptr<ChatService> chat_;
  std::unique_ptr<ChatFiles> files_;
  storage::WriteContext context_{.actor = "test"};
  const access::Access& admin_ = access::Access::Unrestricted();
};

TEST_F(ChatFilesTest, AVisitorSendsAFileToTheirOwnChatAndOnlyTheyAndItsReadersFetchIt) {
  // Before the chat starts there is nothing to upload to.
  EXPECT_EQ(files_->VisitorUpload(context_, "vis_a", "x.png", kPng).error().code,
            ErrorCode::kNotFound);
  const std::string mine = Say("vis_a", "m1");
  auto uploaded = files_->VisitorUpload(context_, "vis_a", "../../shot.png", kPng);
  ASSERT_TRUE(uploaded.ok()) << uploaded.error().message;
  EXPECT_EQ(uploaded->at("name"), "shot.png");
  EXPECT_EQ(uploaded->at("type"), "image/png");
  EXPECT_EQ(uploaded->at("size"), static_cast<int64_t>(kPng.size()));
  const std::string id(uploaded->at("id").as_string());

  // Another visitor cannot send it, nor fetch it.
  Say("vis_b", "b1");
  auto stolen = chat_->PostVisitorMessage(context_, {.visitor_id = "vis_b"}, "b2", "", {id});
  ASSERT_FALSE(stolen.ok());
  EXPECT_EQ(stolen.error().field_errors.at(0).field, "attachment_ids[0]");
  EXPECT_EQ(files_->VisitorOpen("vis_b", id).error().code, ErrorCode::kNotFound);

  // Its owner sends it without text; the message lists it, once.
  auto sent = chat_->PostVisitorMessage(context_, {.visitor_id = "vis_a"}, "m2", "  ", {id});
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  EXPECT_EQ(sent->message.text, "");
  ASSERT_EQ(sent->message.attachment_ids.size(), 1u);
  EXPECT_EQ(sent->message.attachment_ids.at(0).at("name"), "shot.png");
  EXPECT_EQ(MessageJson(sent->message).at("attachment_ids"),
            json::value(json::array{json::value(id)}));
  EXPECT_FALSE(chat_->PostVisitorMessage(context_, {.visitor_id = "vis_a"}, "m3", "", {id}).ok());
  // Without files an empty text is still refused.
  EXPECT_FALSE(chat_->PostVisitorMessage(context_, {.visitor_id = "vis_a"}, "m4", " ").ok());

  auto opened = files_->VisitorOpen("vis_a", id);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->conversation_id, mine);
  EXPECT_EQ(files_->Read(*opened).value(), kPng);
  EXPECT_TRUE(files_->AgentOpen(admin_, id).ok());
  const access::Access nobody("usr_x", {}, {}, {}, false);
  EXPECT_EQ(files_->AgentOpen(nobody, id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(files_->VisitorOpen("vis_a", "caf_nothing").error().code, ErrorCode::kNotFound);
}

TEST_F(ChatFilesTest, VisitorsSendOnlyCommonTypesWithinTheLimitAgentsWhatTheDeskTakes) {
  const std::string conversation = Say("vis_a", "m1");
  EXPECT_EQ(files_->VisitorUpload(context_, "vis_a", "page.png", kHtml).error().code,
            ErrorCode::kUnsupportedMedia);
  const std::string binary("MZ\x90\x00\x03\x00\x00\x00", 8);
  EXPECT_EQ(files_->VisitorUpload(context_, "vis_a", "setup.exe", binary).error().code,
            ErrorCode::kUnsupportedMedia);
  EXPECT_EQ(
      files_->VisitorUpload(context_, "vis_a", "big.txt", std::string(1001, 'a')).error().code,
      ErrorCode::kTooLarge);
  EXPECT_EQ(
      files_->VisitorUpload(context_, "vis_a", "empty.txt", "").error().field_errors.at(0).field,
      "body");
  EXPECT_TRUE(files_->VisitorUpload(context_, "vis_a", "notes.txt", "Order 1042").ok());
  // An agent may send what the desk accepts; the reply names it.
  auto agents = files_->AgentUpload(admin_, context_, conversation, "tool.bin", binary);
  ASSERT_TRUE(agents.ok()) << agents.error().message;
  EXPECT_EQ(agents->at("type"), "application/octet-stream");
  auto reply = chat_->Reply(admin_, context_, conversation,
                            ParseJsonObject(R"({"attachment_ids":[")" +
                                            std::string(agents->at("id").as_string()) + R"("]})")
                                .value());
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_EQ(reply->at("message").at("attachments").at(0).at("name"), "tool.bin");
  // A visitor's upload is not the agent's to send.
  const std::string visitors = Upload("vis_a", "a.png", kPng);
  auto borrowed = chat_->Reply(
      admin_, context_, conversation,
      ParseJsonObject(R"({"text":"see","attachment_ids":[")" + visitors + R"("]})").value());
  EXPECT_EQ(borrowed.error().field_errors.at(0).field, "attachment_ids[0]");
  // Nobody uploads to an ended chat, nor one they may not work.
  const access::Access reader("usr_r", {}, access::FindBuiltInRole("viewer")->levels, {}, false);
  EXPECT_EQ(files_->AgentUpload(reader, context_, conversation, "x.png", kPng).error().code,
            ErrorCode::kPermissionDenied);
  ASSERT_TRUE(chat_->End(admin_, context_, conversation).ok());
  EXPECT_EQ(files_->AgentUpload(admin_, context_, conversation, "x.png", kPng).error().code,
            ErrorCode::kConflict);
}

TEST_F(ChatFilesTest, UnsentUploadsAreBoundedAndSweptWithTheirBytes) {
  Say("vis_a", "m1");
  std::vector<std::string> ids;
  for (int64_t i = 0; i < kMaxUnsentFiles; ++i) {
    ids.push_back(Upload("vis_a", "f.txt", "file " + std::to_string(i)));
  }
  EXPECT_EQ(files_->VisitorUpload(context_, "vis_a", "more.txt", "more").error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(files_->CheckVisitorMayUpload("vis_a").error().code, ErrorCode::kConflict);
  ASSERT_TRUE(
      chat_->PostVisitorMessage(context_, {.visitor_id = "vis_a"}, "m2", "two", {ids[0], ids[1]})
          .ok());
  const std::string kept_sha = files_->VisitorOpen("vis_a", ids[0])->sha256;
  const std::string swept_sha = files_->VisitorOpen("vis_a", ids[2])->sha256;
  auto removed = files_->RemoveUnsent("9999-01-01T00:00:00Z");
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, kMaxUnsentFiles - 2);
  EXPECT_TRUE(files_->VisitorOpen("vis_a", ids[0]).ok());
  EXPECT_EQ(files_->VisitorOpen("vis_a", ids[2]).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(blobs_->Contains(kept_sha));
  EXPECT_FALSE(blobs_->Contains(swept_sha));
  EXPECT_TRUE(files_->CheckVisitorMayUpload("vis_a").ok());
}

}  // namespace
}  // namespace rapport::support::chat
