// The engine with an object it has never heard of: a "tickets" adapter registered by the test
// (as src/support/ would) imports, exports and reverts through the engine with no change to
// src/transfer/ — the design's promise (docs/design/transfer.md). Jobs live in a real SQLite
// database; the tickets themselves in the adapter's memory.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"
#include "transfer/export_columns.hpp"
#include "transfer/exporter.hpp"
#include "transfer/importer.hpp"

namespace rapport::transfer {
namespace {

using Tickets = std::map<std::string, json::object>;

class TicketTarget : public ImportTarget {
 public:
  explicit TicketTarget(Tickets& tickets) : tickets_(tickets) {}
  std::string DuplicateField() const override { return "subject"; }
  std::string DuplicateKey(const RowRecord& record) const override {
    return StringAt(record.input, "subject").value_or("");
  }
  Result<RowOutcome> Apply(storage::Tx&, const access::Access&, const storage::WriteContext&,
                           RowRecord& record) override {
    if (!record.input.contains("subject")) return Error::Invalid("subject", "is required");
    const std::string id = "tkt_" + std::to_string(tickets_.size() + 1);
    json::object ticket = record.input;
    ticket["id"] = id;
    tickets_[id] = ticket;
    return RowOutcome{
        .action = RowOutcome::Action::kCreated, .id = id, .created = {{"ticket", id}}};
  }

 private:
  Tickets& tickets_;
};

class TicketAdapter : public ObjectAdapter {
 public:
  std::string_view name() const override { return "tickets"; }
  std::string_view item_type() const override { return "ticket"; }
  const Catalogue& catalogue() const override {
    static const Catalogue kCatalogue = {
        {"subject", FieldType::kText, {"subject", "title", "summary"}},
        {"priority", FieldType::kInteger, {"priority", "prio"}},
        {"opened_at", FieldType::kInstant, {"opened_at", "opened"}},
        {"tags", FieldType::kTags, {"tags"}},
    };
    return kCatalogue;
  }
  Status CheckMayImport(const access::Access&) const override { return OkStatus(); }
  Result<std::unique_ptr<ImportTarget>> MakeImportTarget(const ImportSettings&, const Mapping&,
                                                         const access::Access&) const override {
    return std::unique_ptr<ImportTarget>(new TicketTarget(tickets));
  }
  Result<RevertOutcome> RemoveImported(storage::Tx&, const access::Access&,
                                       const storage::WriteContext&,
                                       const std::string& id) const override {
    return tickets.erase(id) == 1 ? RevertOutcome::kRemoved : RevertOutcome::kMissing;
  }
  Status CheckMayExport(const access::Access&) const override { return OkStatus(); }
  Result<int64_t> CountExport(storage::Database&, const access::Access&,
                              const ExportQuery&) const override {
    return static_cast<int64_t>(tickets.size());
  }
  // Pages of one ticket, to exercise the cursor.
  Result<ExportPage> ReadExportPage(storage::Database&, const access::Access&, const ExportQuery&,
                                    const std::optional<std::string>& cursor, bool) const override {
    auto it = cursor ? tickets.upper_bound(*cursor) : tickets.begin();
    ExportPage page;
    if (it == tickets.end()) return page;
    page.records.push_back({it->second, {}});
    if (std::next(it) != tickets.end()) page.next = it->first;
    return page;
  }
  Result<std::vector<ExportColumn>> CsvColumns(storage::Database&,
                                               const access::Access&) const override {
    return std::vector<ExportColumn>{PlainColumn("rapport_id", "id"), PlainColumn("subject"),
                                     PlainColumn("priority"), PlainColumn("tags")};
  }

  mutable Tickets tickets;
};

class AdapterEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    auto adapter = std::make_unique<TicketAdapter>();
    tickets_ = adapter.get();
    adapters_.Register(std::move(adapter));
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  AdapterRegistry adapters_;
  TicketAdapter* tickets_ = nullptr;
  const access::Access& all_ = access::Access::Unrestricted();
  storage::WriteContext context_{.actor = "test", .via = "import"};
};

TEST_F(AdapterEngineTest, ANewObjectImportsExportsAndRevertsThroughItsAdapterAlone) {
  const std::string csv =
      "Title,Prio,Opened,Tags\nPrinter on fire,1,2026-12-01,urgent; office\n"
      "Coffee machine,x,,\nWifi slow,3,,\n";
  ImportRequest request;
  request.settings.object = "tickets";
  auto job = StartImportJob(adapters_, *db_, all_, context_, request,
                            {"Title", "Prio", "Opened", "Tags"}, static_cast<int64_t>(csv.size()));
  ASSERT_TRUE(job.ok()) << job.error().message;
  std::istringstream in(csv);
  auto result = RunImport(adapters_, *db_, all_, context_, request, *job, in,
                          static_cast<int64_t>(csv.size()), {});
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->status, JobStatus::kCompleted);
  EXPECT_EQ(result->counts.created, 2);
  ASSERT_EQ(result->errors.size(), 1u);  // "x" is not a whole number, named by its column
  EXPECT_EQ(result->errors[0].column, "Prio");
  const json::object& first = tickets_->tickets.at("tkt_1");
  EXPECT_EQ(first.at("priority"), 1);
  EXPECT_EQ(first.at("opened_at"), "2026-12-01T00:00:00Z");
  EXPECT_EQ(first.at("tags"), json::array({"urgent", "office"}));

  ExportRequest export_request{.object = "tickets"};
  auto export_job = StartExportJob(adapters_, *db_, all_, context_, export_request);
  ASSERT_TRUE(export_job.ok()) << export_job.error().message;
  std::ostringstream out;
  auto counts = RunExport(adapters_, *db_, all_, export_request, *export_job, out, {});
  ASSERT_TRUE(counts.ok()) << counts.error().message;
  EXPECT_EQ(counts->done_bytes, 2);
  // The ';' a spreadsheet may split on is quoted (csv_writer.hpp).
  EXPECT_EQ(out.str(),
            "rapport_id,subject,priority,tags\r\ntkt_1,Printer on fire,1,\"urgent; office\"\r\n"
            "tkt_2,Wifi slow,3,\r\n");

  // Formats and options the adapter does not take are refused naming the key.
  export_request.format = TransferFormat::kVcard;
  export_request.query.q = "fire";
  auto refused = ValidateExport(adapters_, *db_, all_, export_request);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field_errors.size(), 2u);

  auto reverted = RevertImport(adapters_, *db_, all_, context_, job->id);
  ASSERT_TRUE(reverted.ok()) << reverted.error().message;
  EXPECT_EQ(reverted->at("reverted"), (json::object{{"removed", 2}, {"kept", 0}, {"missing", 0}}));
  EXPECT_TRUE(tickets_->tickets.empty());
}

TEST_F(AdapterEngineTest, AnUnknownObjectIsRefusedListingTheRegisteredOnes) {
  ImportRequest request;
  request.settings.object = "chats";
  auto job = StartImportJob(adapters_, *db_, all_, context_, request, {"subject"}, 1);
  ASSERT_FALSE(job.ok());
  ASSERT_EQ(job.error().field_errors.size(), 1u);
  EXPECT_EQ(job.error().field_errors[0].field, "object");
  EXPECT_EQ(job.error().field_errors[0].message, "must be tickets");
}

}  // namespace
}  // namespace rapport::transfer
