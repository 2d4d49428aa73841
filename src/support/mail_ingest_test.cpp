#include "support/mail_ingest.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "storage/sqlite/sqlite_database.hpp"
#include "support/mailbox_store.hpp"
#include "support/queue_service.hpp"
#include "support/ticket_service.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::support {
namespace {

const access::Access& All() { return access::Access::Unrestricted(); }

// A plain-text mail with the given header lines (CRLF added).
std::string Mail(std::initializer_list<std::string_view> headers, std::string_view body = "Hi") {
  std::string raw;
  for (auto header : headers) raw += std::string(header) + "\r\n";
  raw += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n";
  return raw + std::string(body) + "\r\n";
}

// A mail with one attachment of `size` bytes named `name`.
std::string WithAttachment(std::string_view from, std::string_view id, std::string_view name,
                           size_t size, std::string_view html = {}) {
  std::string raw = "From: " + std::string(from) +
                    "\r\nTo: support@desk.test\r\nSubject: File\r\n" + "Message-ID: <" +
                    std::string(id) + ">\r\nMIME-Version: 1.0\r\n" +
                    "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\n";
  if (html.empty()) {
    raw += "Content-Type: text/plain\r\n\r\nSee attached.\r\n";
  } else {
    raw += "Content-Type: text/html\r\n\r\n" + std::string(html) + "\r\n";
  }
  raw +=
      "--b1\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; "
      "filename=\"" +
      std::string(name) + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  // "QUJD" is "ABC": lines of 76 characters, as mailers write them; `size` rounded down to 3.
  const std::string line = [] {
    std::string l;
    for (int i = 0; i < 19; ++i) l += "QUJD";
    return l + "\r\n";
  }();
  raw.reserve(raw.size() + size / 57 * line.size() + 80);
  for (size_t i = 0; i < size / 57; ++i) raw += line;
  for (size_t i = 0; i < size % 57 / 3; ++i) raw += "QUJD";
  return raw + "\r\n--b1--\r\n";
}

class MailIngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    blobs_ = std::make_unique<storage::BlobStore>(dir_.File("attachments"));
    attachments_ = std::make_unique<AttachmentService>(*db_, *blobs_);
    ingest_ = std::make_unique<MailIngest>(*db_, *attachments_);
    tickets_ = std::make_unique<TicketService>(*db_);
    QueueService queues(*db_);
    auto queue =
        queues.Create(All(), context_,
                      ParseJsonObject(R"({"name":"Support","email":"support@desk.test"})").value());
    ASSERT_TRUE(queue.ok());
    queue_id_ = std::string(queue->at("id").as_string());
  }
  IngestOutcome In(const std::string& raw) {
    auto outcome = ingest_->IngestRaw(raw, target_);
    EXPECT_TRUE(outcome.ok()) << (outcome.ok() ? "" : outcome.error().message);
    return outcome.ok() ? *outcome : IngestOutcome{};
  }
  json::object Ticket(const IngestOutcome& outcome) {
    return tickets_->Get(All(), outcome.ticket_id).value();
  }
  json::array Messages(const std::string& ticket_id) {
    return tickets_->Messages(All(), ticket_id).value();
  }
  int64_t Count(std::string_view table) {
    int64_t n = -1;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(
                         auto rows, tx.Query("SELECT COUNT(*) FROM " + std::string(table)));
                     n = rows[0].Int(0);
                     return OkStatus();
                   })
                    .ok());
    return n;
  }
  void AddStaff(std::string_view email) {
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                     RAPPORT_RETURN_IF_ERROR(
                         tx.Exec("INSERT INTO users (id, email, email_key, name, password_hash, "
                                 "created_at, updated_at) VALUES ('usr_agent', ?, ?, 'Agent', "
                                 "'x', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                                 {std::string(email), std::string(email)}));
                     return OkStatus();
                   })
                    .ok());
  }
  int BlobFiles() {
    int files = 0;
    std::error_code error;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(blobs_->root(), error)) {
      if (entry.is_regular_file()) ++files;
    }
    return files;
  }
  static std::string Str(const json::value& value) { return std::string(value.as_string()); }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  std::unique_ptr<storage::BlobStore> blobs_;
  std::unique_ptr<AttachmentService> attachments_;
  std::unique_ptr<MailIngest> ingest_;
  std::unique_ptr<TicketService> tickets_;
  storage::WriteContext context_{.actor = "test"};
  MailboxTarget target_{.mailbox = "support"};
  std::string queue_id_;
};

const std::string kFirst =
    Mail({"From: Ada Lovelace <ada@example.com>", "To: support@desk.test",
          "Cc: Bob <bob@example.com>", "Subject: Broken zip", "Message-ID: <m1@example.com>"},
         "The zip broke.");

TEST_F(MailIngestTest, NewMailOpensATicketForTheSenderInTheMailboxQueue) {
  IngestOutcome opened = In(kFirst);
  ASSERT_EQ(opened.result, IngestResult::kOpened);
  json::object ticket = Ticket(opened);
  EXPECT_EQ(Str(ticket.at("subject")), "Broken zip");
  EXPECT_EQ(Str(ticket.at("channel")), "email");
  EXPECT_EQ(Str(ticket.at("queue_id")), queue_id_);
  EXPECT_EQ(Str(ticket.at("requester")), "ada@example.com");
  json::array messages = Messages(opened.ticket_id);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(Str(messages[0].as_object().at("author_type")), "customer");
  EXPECT_EQ(Str(messages[0].as_object().at("body_text")), "The zip broke.");
  EXPECT_EQ(Str(messages[0].as_object().at("message_id")), "m1@example.com");
  EXPECT_EQ(Count("ticket_participants"), 1);  // Bob; not the desk's own address
  // The next mail from Ada, unrelated, is her second ticket on the same customer.
  IngestOutcome second = In(Mail({"From: ada@EXAMPLE.com", "To: support@desk.test",
                                  "Subject: Another", "Message-ID: <m2@example.com>"}));
  ASSERT_EQ(second.result, IngestResult::kOpened);
  EXPECT_EQ(Ticket(second).at("customer_id"), ticket.at("customer_id"));
}

TEST_F(MailIngestTest, ARepliesThreadByInReplyToAndReferences) {
  IngestOutcome opened = In(kFirst);
  IngestOutcome reply =
      In(Mail({"From: ada@example.com", "To: support@desk.test", "Subject: Re: something else",
               "Message-ID: <m3@example.com>", "In-Reply-To: <m1@example.com>"}));
  EXPECT_EQ(reply.result, IngestResult::kThreaded);
  EXPECT_EQ(reply.ticket_id, opened.ticket_id);
  IngestOutcome by_references =
      In(Mail({"From: ada@example.com", "Subject: Re", "Message-ID: <m4@example.com>",
               "References: <unknown@x> <m1@example.com>"}));
  EXPECT_EQ(by_references.ticket_id, opened.ticket_id);
  EXPECT_EQ(Messages(opened.ticket_id).size(), 3u);
}

TEST_F(MailIngestTest, AStrangerNamingATicketGetsANewLinkedTicket) {
  IngestOutcome opened = In(kFirst);
  const std::string number = std::to_string(opened.ticket_number);
  const std::string quoting = "Subject: Re: [#" + number + "] Broken zip";
  for (const std::string& raw :
       {Mail({"From: eve@evil.test", quoting, "Message-ID: <e1@evil.test>",
              "In-Reply-To: <m1@example.com>"}),
        Mail({"From: eve@evil.test", quoting, "Message-ID: <e2@evil.test>"})}) {
    IngestOutcome stranger = In(raw);
    EXPECT_EQ(stranger.result, IngestResult::kLinked);
    EXPECT_NE(stranger.ticket_id, opened.ticket_id);
    json::object linked = Ticket(stranger);
    EXPECT_EQ(Str(linked.at("linked_ticket_id")), opened.ticket_id);
    EXPECT_NE(linked.at("customer_id"), Ticket(opened).at("customer_id"));
  }
  EXPECT_EQ(Messages(opened.ticket_id).size(), 1u);  // nothing landed in Ada's conversation
}

TEST_F(MailIngestTest, CcParticipantsAndTheSubjectReferenceThread) {
  IngestOutcome opened = In(kFirst);
  IngestOutcome bob =
      In(Mail({"From: bob@example.com",
               "Subject: Re: [#" + std::to_string(opened.ticket_number) + "] Broken zip",
               "Message-ID: <b1@example.com>"}));
  EXPECT_EQ(bob.result, IngestResult::kThreaded);
  EXPECT_EQ(bob.ticket_id, opened.ticket_id);
}

TEST_F(MailIngestTest, StaffMailOnATicketIsAnInternalNote) {
  IngestOutcome opened = In(kFirst);
  AddStaff("agent@desk.test");
  IngestOutcome staff = In(Mail({"From: agent@desk.test", "Subject: Re: Broken zip",
                                 "Message-ID: <s1@desk.test>", "In-Reply-To: <m1@example.com>"}));
  EXPECT_EQ(staff.result, IngestResult::kThreaded);
  json::object note = Messages(opened.ticket_id).back().as_object();
  EXPECT_EQ(Str(note.at("kind")), "note");
  EXPECT_EQ(Str(note.at("author_type")), "staff");
  EXPECT_EQ(Str(note.at("author_id")), "usr_agent");
  EXPECT_TRUE(note.at("delivery").is_null());  // never sent on
}

TEST_F(MailIngestTest, OutlookThreadIndexThreadsWithoutReferences) {
  // 22 bytes of header, then one 5-byte reply block.
  const std::string header = "Thread-Index: AdnE0Z5rAAECAwQFBgcICQoLDA0ODw==";
  const std::string reply = "Thread-Index: AdnE0Z5rAAECAwQFBgcICQoLDA0ODwAAAAAB";
  EXPECT_EQ(ThreadIndexKey("AdnE0Z5rAAECAwQFBgcICQoLDA0ODw=="), "000102030405060708090a0b0c0d0e0f");
  EXPECT_EQ(ThreadIndexKey("not base64!"), "");
  IngestOutcome opened = In(
      Mail({"From: ada@example.com", "Subject: Outlook", header, "Message-ID: <o1@example.com>"}));
  IngestOutcome threaded = In(Mail(
      {"From: ada@example.com", "Subject: AW: Outlook", reply, "Message-ID: <o2@example.com>"}));
  EXPECT_EQ(threaded.result, IngestResult::kThreaded);
  EXPECT_EQ(threaded.ticket_id, opened.ticket_id);
}

TEST_F(MailIngestTest, ARepeatedMessageIdIsDroppedButTheCursorStillMoves) {
  In(kFirst);
  int runs = 0;
  auto again = ingest_->IngestRaw(kFirst, target_, [&](storage::Tx&) {
    ++runs;
    return OkStatus();
  });
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->result, IngestResult::kDuplicate);
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(Count("tickets"), 1);
  EXPECT_EQ(Count("ticket_messages"), 1);
  EXPECT_EQ(ingest_->counters().duplicates, 1);
}

TEST_F(MailIngestTest, TwoAutoRespondersNeverOpenTicketsOrLoop) {
  IngestOutcome out_of_office =
      In(Mail({"From: a@robot.test", "Subject: Out of office", "Auto-Submitted: auto-replied",
               "Message-ID: <r1@robot.test>"}));
  IngestOutcome answer =
      In(Mail({"From: b@robot.test", "Subject: Re: Out of office", "X-Autoreply: yes",
               "In-Reply-To: <r1@robot.test>", "Message-ID: <r2@robot.test>"}));
  IngestOutcome bounce = In(
      Mail({"From: MAILER-DAEMON@mx.test", "Subject: Undeliverable", "Message-ID: <r3@mx.test>"}));
  for (const auto& outcome : {out_of_office, answer, bounce}) {
    EXPECT_EQ(outcome.result, IngestResult::kAutomatic);
  }
  EXPECT_EQ(Count("tickets"), 0);
  EXPECT_EQ(Count("customers"), 0);
  EXPECT_EQ(ingest_->counters().automatic, 3);
}

TEST_F(MailIngestTest, MalformedMailIsRejectedOrReadAsFarAsItGoes) {
  EXPECT_EQ(In("\x01\x02 this is not a mail").result, IngestResult::kRejected);
  EXPECT_EQ(In(Mail({"Subject: no sender", "Message-ID: <n1@x>"})).result, IngestResult::kRejected);
  EXPECT_EQ(Count("tickets"), 0);
  // A boundary that never closes: what could be read is kept.
  IngestOutcome open_ended =
      In("From: ada@example.com\r\nSubject: Cut\r\nMIME-Version: 1.0\r\n"
         "Content-Type: multipart/mixed; boundary=\"x\"\r\n\r\n--x\r\n"
         "Content-Type: text/plain\r\n\r\nHalf a mail");
  EXPECT_EQ(open_ended.result, IngestResult::kOpened);
  EXPECT_NE(Str(Messages(open_ended.ticket_id)[0].as_object().at("body_text")).find("Half"),
            std::string::npos);
}

TEST_F(MailIngestTest, AFiftyMegabyteAttachmentIsDroppedWithANoteAndTheMailKept) {
  IngestOutcome big = In(
      WithAttachment("ada@example.com", "big@example.com", "huge.bin", size_t{50} * 1000 * 1000));
  ASSERT_EQ(big.result, IngestResult::kOpened);
  json::array messages = Messages(big.ticket_id);
  ASSERT_EQ(messages.size(), 2u);
  const json::array& files = messages[0].as_object().at("attachments").as_array();
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(Str(files[0].as_object().at("dropped")), "too_large");
  EXPECT_EQ(Str(messages[1].as_object().at("kind")), "note");
  EXPECT_NE(Str(messages[1].as_object().at("body_text")).find("huge.bin"), std::string::npos);
  EXPECT_EQ(BlobFiles(), 0);  // nothing of it was written
}

TEST_F(MailIngestTest, TraversalNamesAndHtmlAreStoredSafely) {
  IngestOutcome mail = In(
      WithAttachment("ada@example.com", "t1@example.com", "../../x", 3,
                     "<p>Hi<script>alert(1)</script><img src=\"https://track.test/p.gif\"></p>"));
  ASSERT_EQ(mail.result, IngestResult::kOpened);
  json::object message = Messages(mail.ticket_id)[0].as_object();
  const json::object& file = message.at("attachments").as_array()[0].as_object();
  EXPECT_EQ(Str(file.at("name")), "x");
  EXPECT_EQ(file.at("size").as_int64(), 3);
  EXPECT_EQ(Str(file.at("type")), "text/plain");  // "ABC", sniffed; the sender said octet-stream
  // The HTML is kept raw for the app's sanitiser; the text has no script in it.
  EXPECT_NE(Str(message.at("body_html")).find("<script>"), std::string::npos);
  EXPECT_EQ(Str(message.at("body_text")).find("alert"), std::string::npos);
  auto opened = attachments_->Open(All(), Str(file.at("id")));
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->path.rfind(blobs_->root(), 0), 0u);
  EXPECT_EQ(attachments_->ReadFile(*opened).value(), "ABC");
}

TEST_F(MailIngestTest, RepliesReopenSolvedAndOpenLinkedForClosed) {
  IngestOutcome opened = In(kFirst);
  auto solved = tickets_->Update(All(), context_, opened.ticket_id,
                                 ParseJsonObject(R"({"status":"solved"})").value(), {});
  ASSERT_TRUE(solved.ok());
  IngestOutcome reopen =
      In(Mail({"From: ada@example.com", "Subject: Re: Broken zip", "Message-ID: <m5@example.com>",
               "In-Reply-To: <m1@example.com>"}));
  EXPECT_EQ(reopen.result, IngestResult::kThreaded);
  EXPECT_EQ(Str(Ticket(reopen).at("status")), "open");
  ASSERT_TRUE(tickets_
                  ->Update(All(), context_, opened.ticket_id,
                           ParseJsonObject(R"({"status":"solved"})").value(), {})
                  .ok());
  ASSERT_TRUE(tickets_
                  ->Update(All(), context_, opened.ticket_id,
                           ParseJsonObject(R"({"status":"closed"})").value(), {})
                  .ok());
  IngestOutcome after_close =
      In(Mail({"From: ada@example.com", "Subject: Re: Broken zip", "Message-ID: <m6@example.com>",
               "In-Reply-To: <m5@example.com>"}));
  EXPECT_EQ(after_close.result, IngestResult::kLinked);
  EXPECT_EQ(Str(Ticket(after_close).at("linked_ticket_id")), opened.ticket_id);
}

TEST_F(MailIngestTest, TheMailboxCursorAdvancesWithTheTicketWrite) {
  mail::ImapMailboxConfig box{.name = "support", .address = "support@desk.test"};
  SupportMailboxStore store(*db_, *ingest_, {box});
  EXPECT_EQ(store.LoadCursor("support")->uidvalidity, 0u);
  ASSERT_TRUE(store.StoreMessage("support", 7, {.uid = 3, .raw = kFirst}).ok());
  EXPECT_EQ(store.LoadCursor("support")->last_uid, 3u);
  EXPECT_EQ(store.LoadCursor("support")->uidvalidity, 7u);
  // Too large to fetch, or a repeat: the cursor still moves, nothing else is written.
  ASSERT_TRUE(store.StoreMessage("support", 7, {.uid = 4, .too_large = true}).ok());
  ASSERT_TRUE(store.StoreMessage("support", 7, {.uid = 5, .raw = kFirst}).ok());
  EXPECT_EQ(store.LoadCursor("support")->last_uid, 5u);
  EXPECT_EQ(Count("tickets"), 1);
}

}  // namespace
}  // namespace rapport::support
