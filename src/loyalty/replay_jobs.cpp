#include "loyalty/replay_jobs.hpp"

#include <algorithm>

#include "commerce/past_orders.hpp"
#include "common/ids.hpp"
#include "common/time.hpp"
#include "loyalty/days.hpp"
#include "loyalty/programme_store.hpp"
#include "loyalty/replay.hpp"
#include "storage/audit.hpp"

namespace rapport::loyalty {
namespace {

using access::Action;
using access::Object;
using storage::Rows;
using storage::Tx;

#define RAPPORT_REPLAY_COLUMNS                                                        \
  "id, programme_id, since, batch_size, created_by, status, total, done, after_seq, " \
  "created_at, finished_at"
constexpr std::string_view kSelectReplay =
    "SELECT " RAPPORT_REPLAY_COLUMNS " FROM loyalty_replays WHERE id = ? AND programme_id = ?";
constexpr std::string_view kSelectReplayById =
    "SELECT " RAPPORT_REPLAY_COLUMNS " FROM loyalty_replays WHERE id = ?";
constexpr std::string_view kSelectReplays = "SELECT " RAPPORT_REPLAY_COLUMNS
                                            " FROM loyalty_replays WHERE programme_id = ? "
                                            "ORDER BY seq DESC LIMIT 20";
constexpr std::string_view kSelectRunning =
    "SELECT id FROM loyalty_replays WHERE programme_id = ? AND status = 'running'";
constexpr std::string_view kInsertReplay =
    "INSERT INTO loyalty_replays (id, programme_id, since, batch_size, created_by, status, total, "
    "created_at) VALUES (?, ?, ?, ?, ?, 'running', ?, ?)";
constexpr std::string_view kSaveProgress =
    "UPDATE loyalty_replays SET done = ?, after_seq = ?, status = ?, finished_at = ? WHERE id = ?";

struct Replay {
  std::string id;
  std::string programme_id;
  std::optional<std::string> since;
  int64_t batch_size = kReplayBatch;
  std::string created_by;
  std::string status;
  int64_t total = 0, done = 0, after_seq = 0;
  std::string created_at;
  std::optional<std::string> finished_at;
};

Replay FromRow(const storage::Row& row) {
  return Replay{.id = row.Text(0),
                .programme_id = row.Text(1),
                .since = row.OptText(2),
                .batch_size = row.Int(3),
                .created_by = row.Text(4),
                .status = row.Text(5),
                .total = row.Int(6),
                .done = row.Int(7),
                .after_seq = row.Int(8),
                .created_at = row.Text(9),
                .finished_at = row.OptText(10)};
}

json::value Opt(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

json::object ToJson(const Replay& replay) {
  // The whole percent done, for progress bars: 100 once finished, at most 99 before (orders
  // placed while it runs join the pages after the total was counted).
  const int64_t progress = replay.status != "running" ? 100
                           : replay.total == 0
                               ? 0
                               : std::min<int64_t>(99, replay.done * 100 / replay.total);
  return json::object{{"id", replay.id},
                      {"programme_id", replay.programme_id},
                      {"since", Opt(replay.since)},
                      {"batch_size", replay.batch_size},
                      {"created_by", replay.created_by},
                      {"status", replay.status},
                      {"total", replay.total},
                      {"done", replay.done},
                      {"progress", progress},
                      {"created_at", replay.created_at},
                      {"finished_at", Opt(replay.finished_at)}};
}

Status CheckAccess(const access::Access& access, Action action) {
  if (!access.Allows(Object::kLoyaltyProgrammes, action, std::nullopt)) {
    return access::NotPermitted(Object::kLoyaltyProgrammes, action);
  }
  return OkStatus();
}

Status CheckProgramme(Tx& tx, const std::string& programme_id) {
  RAPPORT_ASSIGN_OR_RETURN(auto stored, LoadProgramme(tx, programme_id));
  if (!stored) return Error::NotFound("No loyalty programme has the id " + programme_id + ".");
  return OkStatus();
}

struct StartInput {
  std::optional<std::string> since;
  int64_t batch_size = kReplayBatch;
};

Result<StartInput> ParseStart(const json::object& input) {
  std::vector<FieldError> errors;
  StartInput out;
  for (const auto& [key, value] : input) {
    if (key == "since") {
      if (value.is_null()) continue;
      auto day = value.is_string() ? DayOf(std::string(value.as_string())) : std::nullopt;
      if (!day) {
        errors.push_back({"since", "must be a date (YYYY-MM-DD) or an RFC 3339 time"});
      } else {
        out.since = FormatInstant(*day * kMillisPerDay);
      }
    } else if (key == "batch_size") {
      if (!value.is_int64() || value.as_int64() < 1 || value.as_int64() > kMaxReplayBatch) {
        errors.push_back({"batch_size", "must be a whole number from 1 to 1000"});
      } else {
        out.batch_size = value.as_int64();
      }
    } else {
      errors.push_back({std::string(key), "is not a known field"});
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return out;
}

}  // namespace

Result<json::object> ReplayJobs::Start(const access::Access& access,
                                       const storage::WriteContext& context,
                                       const std::string& programme_id, const json::object& input) {
  RAPPORT_RETURN_IF_ERROR(CheckAccess(access, Action::kEdit));
  RAPPORT_ASSIGN_OR_RETURN(StartInput parsed, ParseStart(input));
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(CheckProgramme(tx, programme_id));
    RAPPORT_ASSIGN_OR_RETURN(Rows running, tx.Query(kSelectRunning, {programme_id}));
    if (!running.empty()) {
      return Error::Conflict("A replay of this programme is running (" + running[0].Text(0) +
                             "); wait for it to finish.");
    }
    RAPPORT_ASSIGN_OR_RETURN(int64_t total, commerce::CountPastOrders(tx, parsed.since));
    const int64_t now = clock_();
    Replay replay{.id = NewId("lrp"),
                  .programme_id = programme_id,
                  .since = parsed.since,
                  .batch_size = parsed.batch_size,
                  .created_by = access.user_id(),
                  .status = "running",
                  .total = total,
                  .created_at = FormatInstant(now)};
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kInsertReplay, {replay.id, replay.programme_id, storage::OptionalText(replay.since),
                        replay.batch_size, replay.created_by, replay.total, replay.created_at}));
    RAPPORT_RETURN_IF_ERROR(storage::ScheduleJob(tx, kReplayJobKind, replay.id, now));
    served = ToJson(replay);
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "create", "loyalty_replay", replay.id, {}, served));
    return context.Written(tx, served);
  }));
  return served;
}

Result<json::object> ReplayJobs::Get(const access::Access& access, const std::string& programme_id,
                                     const std::string& replay_id) {
  RAPPORT_RETURN_IF_ERROR(CheckAccess(access, Action::kRead));
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectReplay, {replay_id, programme_id}));
    if (rows.empty())
      return Error::NotFound("There is no replay " + replay_id + " of this programme.");
    served = ToJson(FromRow(rows.front()));
    return OkStatus();
  }));
  return served;
}

Result<json::array> ReplayJobs::List(const access::Access& access,
                                     const std::string& programme_id) {
  RAPPORT_RETURN_IF_ERROR(CheckAccess(access, Action::kRead));
  json::array out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(CheckProgramme(tx, programme_id));
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectReplays, {programme_id}));
    for (const auto& row : rows) out.push_back(ToJson(FromRow(row)));
    return OkStatus();
  }));
  return out;
}

storage::Scheduler::Handler ReplayJobs::JobHandler() {
  return [this](Tx& tx, const storage::ScheduledJob& job) { return RunPage(tx, job.key); };
}

Status ReplayJobs::RunPage(Tx& tx, const std::string& replay_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectReplayById, {replay_id}));
  if (rows.empty()) return OkStatus();  // its programme was deleted
  const Replay replay = FromRow(rows.front());
  if (replay.status != "running") return OkStatus();
  const ReplayOptions options{.programme_id = replay.programme_id,
                              .since = replay.since,
                              .page_size = static_cast<int>(replay.batch_size),
                              .clock = clock_};
  ReplayProgress progress{.total = replay.total, .done = replay.done, .last_seq = replay.after_seq};
  // An error rolls the page back; the scheduler retries it with backoff (the job's attempts and
  // last error are kept), and the replay still reads running at its last committed page.
  RAPPORT_RETURN_IF_ERROR(ReplayPageInTx(tx, options, progress));
  const bool finished = progress.done - replay.done < replay.batch_size;
  RAPPORT_RETURN_IF_ERROR(
      tx.Exec(kSaveProgress,
              {progress.done, progress.last_seq, finished ? "done" : "running",
               finished ? storage::Value(FormatInstant(clock_())) : storage::Value(storage::Null()),
               replay_id}));
  if (!finished)
    RAPPORT_RETURN_IF_ERROR(storage::ScheduleJob(tx, kReplayJobKind, replay_id, clock_()));
  return OkStatus();
}

}  // namespace rapport::loyalty
