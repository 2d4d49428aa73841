// The outgoing mail path end to end inside one process: ticket events queue rows (MailOutQueue),
// the sender composes and hands them to a real SMTP server (aiosmtpd), and the outcome lands on
// the ticket message.
#include <gtest/gtest.h>

#include "mail/mime_parser.hpp"
#include "storage/event_dispatcher.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "support/mail_out_queue.hpp"
#include "support/mail_out_sender.hpp"
#include "support/queue_service.hpp"
#include "support/ticket_service.hpp"
#include "testing/mail_servers.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::support {
namespace {

using testing::SmtpTestServer;

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }
const access::Access& All() { return access::Access::Unrestricted(); }
std::string Id(const json::value& record) { return std::string(record.at("id").as_string()); }

class MailOutTest : public ::testing::Test {
 protected:
  void SetUp() override {
    settings_.default_from = "help@shop.example";
    settings_.message_id_domain = "shop.example";
    settings_.retry = {.max_attempts = 2, .first_delay = std::chrono::seconds(1)};
    settings_.rating_link = [](const std::string& id) { return "https://desk.example/r/" + id; };
    dispatcher_.Subscribe(queue_);
  }

  SmtpTestServer& Smtp(SmtpTestServer::Options options = {}) {
    smtp_ = std::make_unique<SmtpTestServer>(dir_.path(), std::move(options));
    return *smtp_;
  }
  MailOutSender Sender() {
    return MailOutSender(
        *db_, {.host = "127.0.0.1", .port = smtp_->port(), .security = mail::SmtpSecurity::kNone},
        settings_, hooks_);
  }
  json::object Open(std::string_view queue_id = "") {
    std::string body =
        R"({"subject":"Broken zip","channel":"email","requester":{"email":"ada@example.com"},
            "message":{"body_text":"The zip broke.","message_id":"<first@mail.example>"})";
    if (!queue_id.empty()) body += R"(,"queue_id":")" + std::string(queue_id) + "\"";
    return tickets_.Create(All(), context_, Obj(body + "}")).value();
  }
  json::object Reply(const json::object& ticket, std::string_view body) {
    return tickets_.AddMessage(All(), context_, Id(ticket), Obj(body), std::nullopt).value();
  }
  int64_t Count(std::string_view sql) {
    int64_t count = 0;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(sql));
                     count = rows.front().Int(0);
                     return OkStatus();
                   })
                    .ok());
    return count;
  }
  json::object LastMessage(const json::object& ticket) {
    return tickets_.Messages(All(), Id(ticket))->back().as_object();
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_ =
      std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
  storage::WriteContext context_{.actor = "test"};
  TicketService tickets_{*db_};
  MailOutSettings settings_;
  MailOutHooks hooks_;
  MailOutQueue queue_{settings_, hooks_};
  storage::EventDispatcher dispatcher_{*db_};
  std::unique_ptr<SmtpTestServer> smtp_;
};

TEST_F(MailOutTest, AReplyGoesOutThreadedFromTheQueueAddressAndANoteNever) {
  QueueService queues(*db_);
  const json::object billing =
      queues.Create(All(), context_, Obj(R"({"name":"Billing","email":"billing@shop.example"})"))
          .value();
  const json::object ticket = Open(Id(billing));
  Reply(ticket, R"({"kind":"note","body_text":"Internal: check the courier."})");
  const json::object reply = Reply(ticket, R"({"body_text":"Hello Ada,\n\nit is <on its way>."})");
  ASSERT_TRUE(dispatcher_.DrainAll().ok());
  ASSERT_TRUE(dispatcher_.DrainAll().ok());
  EXPECT_EQ(Count("SELECT count(*) FROM mail_outbox"), 1);  // the note queued nothing

  Smtp();
  MailOutSender sender = Sender();
  ASSERT_EQ(sender.SendDue().value(), 1);
  auto received = smtp_->WaitForMessages(1);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].rcpt_tos, std::vector<std::string>{"ada@example.com"});
  EXPECT_EQ(received[0].mail_from, "billing@shop.example");
  const mail::ParsedMessage mail = mail::ParseMessage(received[0].raw).value();
  EXPECT_EQ(mail.from->address, "billing@shop.example");
  EXPECT_EQ(mail.from->name, "Billing");
  EXPECT_EQ(mail.subject, "Re: [#1001] Broken zip");
  EXPECT_EQ(mail.in_reply_to, "first@mail.example");
  EXPECT_EQ(mail.references, std::vector<std::string>{"first@mail.example"});
  EXPECT_TRUE(mail.html.find("&lt;on its way&gt;") != std::string::npos) << mail.html;
  EXPECT_EQ(mail.text.find("Internal"), std::string::npos);
  const json::object sent = LastMessage(ticket);
  EXPECT_EQ(sent.at("id"), reply.at("message").at("id"));
  EXPECT_EQ(sent.at("delivery"), "sent");
  // The Message-ID fixed at queueing is on the ticket message, so the answer threads back.
  EXPECT_EQ(sent.at("message_id").as_string(), mail.message_id);
  EXPECT_TRUE(mail.message_id.ends_with("@shop.example"));
}

TEST_F(MailOutTest, MailOfNoTicketIsWrittenByItsKindsComposerAtEachAttempt) {
  int composed = 0;
  settings_.composers.emplace(
      "survey_invitation",
      [&composed](storage::Tx&, const OutboxMail& mail) -> Result<MailContent> {
        ++composed;
        if (mail.dedupe_key == "survey:gone") {
          return Error::NotFound("The invitation is no longer open.");
        }
        return MailContent{.subject = "A minute for us?",
                           .text = "Answer: https://x/s/abc\n",
                           .html = "<p>Answer</p>"};
      });
  for (const char* key : {"survey:inv_1", "survey:gone"}) {
    OutboxMail mail{.kind = "survey_invitation",
                    .dedupe_key = key,
                    .customer_id = "cus_1",
                    .to = {"eve@example.com"},
                    .mail_message_id = std::string("m-") + key + "@shop.example"};
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(bool queued, outbox::Queue(tx, mail));
                     EXPECT_TRUE(queued);
                     return OkStatus();
                   })
                    .ok());
  }
  EXPECT_EQ(Count("SELECT count(*) FROM mail_outbox WHERE ticket_id IS NULL"), 2);
  Smtp();
  MailOutSender sender = Sender();
  ASSERT_EQ(sender.SendDue().value(), 2);
  auto received = smtp_->WaitForMessages(1);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].rcpt_tos, std::vector<std::string>{"eve@example.com"});
  const mail::ParsedMessage parsed = mail::ParseMessage(received[0].raw).value();
  EXPECT_EQ(parsed.from->address, "help@shop.example");  // the default sender: no queue
  EXPECT_EQ(parsed.subject, "A minute for us?");
  EXPECT_EQ(parsed.message_id, "m-survey:inv_1@shop.example");
  EXPECT_EQ(composed, 2);
  // What it was about is gone: failed with the composer's reason, never retried.
  EXPECT_EQ(Count("SELECT count(*) FROM mail_outbox WHERE state = 'failed' AND "
                  "last_error LIKE '%no longer open%'"),
            1);
  // A kind nobody composes fails too, and says why.
  settings_.composers.clear();
  OutboxMail orphan{.kind = "survey_invitation",
                    .dedupe_key = "survey:inv_2",
                    .customer_id = "cus_1",
                    .to = {"eve@example.com"},
                    .mail_message_id = "m-orphan@shop.example"};
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) {
                   return outbox::Queue(tx, orphan).ok() ? OkStatus() : Error::Internal("queue");
                 })
                  .ok());
  ASSERT_EQ(sender.SendDue().value(), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM mail_outbox WHERE last_error LIKE '%no composer%'"), 1);
}

TEST_F(MailOutTest, TheRequesterIsNeverCopiedOnHerOwnReplyUnderAnotherSpelling) {
  struct CopyHooks : MailOutHooks {
    Result<std::vector<std::string>> Participants(storage::Tx&, const std::string&) override {
      return std::vector<std::string>{"ADA@Example.COM", "bob@example.com"};
    }
  } copy_hooks;
  MailOutQueue queue{settings_, copy_hooks};
  storage::EventDispatcher dispatcher{*db_};
  dispatcher.Subscribe(queue);
  Reply(Open(), R"({"body_text":"Hello both."})");
  ASSERT_TRUE(dispatcher.DrainAll().ok());
  ASSERT_TRUE(dispatcher.DrainAll().ok());
  EXPECT_EQ(Count("SELECT count(*) FROM mail_outbox WHERE kind = 'reply' AND "
                  "recipients = '{\"to\":[\"ada@example.com\"],\"cc\":[\"bob@example.com\"]}'"),
            1);
}

TEST_F(MailOutTest, APassingRefusalRetriesThenFailsAndAFinalOneFailsAtOnce) {
  const json::object ticket = Open();
  Reply(ticket, R"({"body_text":"First answer."})");
  ASSERT_TRUE(dispatcher_.DrainAll().ok());
  Smtp({.reject_temporary = {"ada@example.com"}});
  MailOutSender sender = Sender();
  ASSERT_EQ(sender.SendDue().value(), 1);
  json::object message = LastMessage(ticket);
  EXPECT_EQ(message.at("delivery"), "queued");
  EXPECT_TRUE(message.at("delivery_error").as_string().starts_with("not delivered yet: "))
      << message.at("delivery_error");
  EXPECT_EQ(sender.SendDue().value(), 0);  // not due before the backoff has passed
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ASSERT_EQ(sender.SendDue().value(), 1);
  message = LastMessage(ticket);
  EXPECT_EQ(message.at("delivery"), "failed");  // max_attempts = 2
  EXPECT_EQ(Count("SELECT attempts FROM mail_outbox"), 2);

  Smtp({.reject_permanent = {"ada@example.com"}});
  Reply(ticket, R"({"body_text":"Second answer."})");
  ASSERT_TRUE(dispatcher_.DrainAll().ok());
  MailOutSender second = Sender();
  ASSERT_EQ(second.SendDue().value(), 1);
  EXPECT_EQ(LastMessage(ticket).at("delivery"), "failed");
  EXPECT_EQ(Count("SELECT count(*) FROM mail_outbox WHERE state = 'failed'"), 2);
}

TEST_F(MailOutTest, AMailInterruptedMidSendIsQueuedAgainUnderItsMessageId) {
  const json::object ticket = Open();
  Reply(ticket, R"({"body_text":"Answer."})");
  ASSERT_TRUE(dispatcher_.DrainAll().ok());
  std::string fixed_id;
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                   RAPPORT_ASSIGN_OR_RETURN(auto claimed,
                                            outbox::ClaimDue(tx, "9999-01-01T00:00:00.000Z"));
                   fixed_id = claimed->mail_message_id;
                   return OkStatus();
                 })
                  .ok());
  Smtp();
  MailOutSender sender = Sender();
  EXPECT_EQ(sender.SendDue().value(), 0);  // `sending`: left alone until a restart
  ASSERT_TRUE(sender.Start().ok());        // the restart puts it back and the thread sends it
  auto received = smtp_->WaitForMessages(1);
  sender.Stop();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(mail::ParseMessage(received[0].raw)->message_id, fixed_id);
}

TEST_F(MailOutTest, SolvingAsksForARatingOnceAndAWebFormGetsAConfirmation) {
  const json::object ticket = Open();
  const std::string solved = R"({"status":"solved"})";
  ASSERT_TRUE(tickets_.Update(All(), context_, Id(ticket), Obj(solved), std::nullopt).ok());
  ASSERT_TRUE(
      tickets_.Update(All(), context_, Id(ticket), Obj(R"({"status":"open"})"), std::nullopt).ok());
  ASSERT_TRUE(tickets_.Update(All(), context_, Id(ticket), Obj(solved), std::nullopt).ok());
  const json::object form = tickets_
                                .Create(All(), context_, Obj(R"({"subject":"Where is it?",
      "channel":"web_form","requester":{"email":"bob@example.com"},
      "message":{"body_text":"Order 7"}})"))
                                .value();
  ASSERT_TRUE(dispatcher_.DrainAll().ok());
  EXPECT_EQ(Count("SELECT count(*) FROM mail_outbox WHERE kind = 'rating_request'"), 1);
  Smtp();
  MailOutSender sender = Sender();
  ASSERT_EQ(sender.SendDue().value(), 2);
  auto received = smtp_->WaitForMessages(2);
  ASSERT_EQ(received.size(), 2u);
  const mail::ParsedMessage rating = mail::ParseMessage(received[0].raw).value();
  EXPECT_EQ(rating.subject, "[#1001] How did we do?");
  EXPECT_NE(rating.text.find("https://desk.example/r/" + Id(ticket) + "?score=good"),
            std::string::npos);
  EXPECT_EQ(rating.origin, mail::MailOrigin::kAutomatic);
  const mail::ParsedMessage confirmation = mail::ParseMessage(received[1].raw).value();
  EXPECT_EQ(confirmation.subject, "[#1002] Where is it?");
  EXPECT_EQ(received[1].rcpt_tos, std::vector<std::string>{"bob@example.com"});
}

// The contact budget's seam: each rating request is asked for once per ticket (a second solve
// neither asks nor counts again), and one the budget holds back is a throttled row, never sent.
TEST_F(MailOutTest, ARatingRequestTheBudgetHoldsBackIsRecordedAndNeverSent) {
  int asks = 0;
  settings_.ask_for_rating = [&asks](storage::Tx&, const std::string&) -> Result<bool> {
    ++asks;
    return false;
  };
  const json::object ticket = Open();
  const std::string solved = R"({"status":"solved"})";
  ASSERT_TRUE(tickets_.Update(All(), context_, Id(ticket), Obj(solved), std::nullopt).ok());
  ASSERT_TRUE(
      tickets_.Update(All(), context_, Id(ticket), Obj(R"({"status":"open"})"), std::nullopt).ok());
  ASSERT_TRUE(tickets_.Update(All(), context_, Id(ticket), Obj(solved), std::nullopt).ok());
  ASSERT_TRUE(dispatcher_.DrainAll().ok());
  EXPECT_EQ(asks, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM mail_outbox WHERE kind = 'rating_request' "
                  "AND state = 'throttled' AND last_error IS NOT NULL"),
            1);
  Smtp();
  MailOutSender sender = Sender();
  EXPECT_EQ(sender.SendDue().value(), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM mail_outbox WHERE state = 'throttled'"), 1);
}

}  // namespace
}  // namespace rapport::support
