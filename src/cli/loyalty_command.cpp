// `rapport loyalty replay PROGRAMME [--since DATE]`: awards a programme's points for the orders
// recorded before it ran (loyalty/replay.hpp), with a progress bar, then prints what it did.
// Offline like every writing command: refused while a server holds the data directory. Idempotent
// with live earning and with itself: an order earns once per programme.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/progress_bar.hpp"
#include "cli/writable_database.hpp"
#include "common/time.hpp"
#include "loyalty/days.hpp"
#include "loyalty/replay.hpp"

namespace rapport::cli {
namespace {

// Members, points issued (earned less reversed) and points available in the programme.
constexpr std::string_view kSummary =
    "SELECT COUNT(DISTINCT m.id), COALESCE(SUM(CASE WHEN p.account = 'issued' THEN -p.points END), "
    "0), COALESCE(SUM(CASE WHEN p.account = 'available' THEN p.points END), 0) "
    "FROM loyalty_members m LEFT JOIN loyalty_postings p ON p.member_id = m.id "
    "WHERE m.programme_id = ?";

int Replay(const std::string& data_dir, const std::string& programme, const std::string& since) {
  loyalty::ReplayOptions options{.programme_id = programme, .clock = NowMillis};
  if (!since.empty()) {
    auto day = loyalty::DayOf(since);
    if (!day) {
      std::cerr << "error: --since must be a date (YYYY-MM-DD) or an RFC 3339 time\n";
      return 2;
    }
    options.since = FormatInstant(*day * loyalty::kMillisPerDay);
  }
  auto writable = OpenWritable(data_dir);
  if (!writable.ok()) {
    PrintError(writable.error());
    return 1;
  }
  storage::Database& db = *writable->database;
  auto progress = loyalty::StartReplay(db, options);
  if (!progress.ok()) {
    PrintError(progress.error());
    return 1;
  }
  const auto started = std::chrono::steady_clock::now();
  ProgressBar bar("replaying orders", progress->total);
  for (;;) {
    auto more = loyalty::ReplayPage(db, options, *progress);
    if (!more.ok()) {
      PrintError(more.error());
      return 1;
    }
    bar.Update(progress->done);
    if (!*more) break;
  }
  bar.Finish();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  int64_t members = 0, issued = 0, available = 0;
  const Status summed = db.Read([&](storage::Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kSummary, {programme}));
    members = rows[0].Int(0);
    issued = rows[0].Int(1);
    available = rows[0].Int(2);
    return OkStatus();
  });
  if (!summed.ok()) {
    PrintError(summed.error());
    return 1;
  }
  std::cout << "replayed " << progress->done << " orders in " << seconds << " s ("
            << (seconds > 0 ? static_cast<double>(progress->done) / seconds : 0)
            << " orders/s): " << members << " members, " << issued << " points issued, "
            << available << " available\n";
  return 0;
}

}  // namespace

void AddLoyaltyCommand(CLI::App& app, int& exit_code) {
  CLI::App* loyalty = app.add_subcommand("loyalty", "Loyalty programmes");
  loyalty->require_subcommand(1);
  auto data_dir = std::make_shared<std::string>("data");
  auto programme = std::make_shared<std::string>();
  auto since = std::make_shared<std::string>();
  CLI::App* replay = loyalty->add_subcommand(
      "replay", "Award a programme's points for past orders, as if it had run (idempotent)");
  AddDataDirOption(*replay, *data_dir);
  replay->add_option("programme", *programme, "The programme's id")->required();
  replay->add_option("--since", *since, "Only orders placed on or after this date (YYYY-MM-DD)");
  replay->callback([data_dir, programme, since, &exit_code] {
    exit_code = Replay(*data_dir, *programme, *since);
  });
}

}  // namespace rapport::cli
