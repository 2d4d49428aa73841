#include "feedback/survey_sends.hpp"

#include "common/ids.hpp"
#include "common/time.hpp"
#include "customers/customer_service.hpp"
#include "feedback/invitation_rows.hpp"
#include "feedback/survey_service.hpp"

namespace rapport::feedback {
namespace {

using storage::Rows;
using storage::Tx;

#define RAPPORT_SEND_COLUMNS                                                                  \
  "id, survey_id, filter, delivery, language, expires_in_days, created_by, status, total, "   \
  "processed, sent, throttled, no_consent, no_email, skipped, after_seq, error, created_at, " \
  "finished_at"
constexpr std::string_view kSelectSend =
    "SELECT " RAPPORT_SEND_COLUMNS " FROM survey_sends WHERE id = ? AND survey_id = ?";
constexpr std::string_view kSelectSendById =
    "SELECT " RAPPORT_SEND_COLUMNS " FROM survey_sends WHERE id = ?";
constexpr std::string_view kSelectSends =
    "SELECT " RAPPORT_SEND_COLUMNS
    " FROM survey_sends WHERE survey_id = ? ORDER BY created_at DESC, seq DESC LIMIT 100";
constexpr std::string_view kInsertSend =
    "INSERT INTO survey_sends (id, survey_id, filter, delivery, language, expires_in_days, "
    "created_by, scopes, status, total, created_at) "
    "VALUES (?, ?, ?, 'email', ?, ?, ?, '[]', 'running', ?, ?)";
constexpr std::string_view kCountCustomers = "SELECT COUNT(*) FROM customers c WHERE ";
constexpr std::string_view kBatchCustomers = "SELECT c.seq, c.id FROM customers c WHERE ";
constexpr std::string_view kSaveProgress =
    "UPDATE survey_sends SET processed = processed + ?, sent = sent + ?, "
    "throttled = throttled + ?, no_consent = no_consent + ?, no_email = no_email + ?, "
    "skipped = skipped + ?, after_seq = ?, status = ?, finished_at = ? WHERE id = ?";
constexpr std::string_view kFinish =
    "UPDATE survey_sends SET status = ?, error = ?, finished_at = ? WHERE id = ?";
constexpr std::string_view kCancel =
    "UPDATE survey_sends SET status = 'cancelled', finished_at = ? "
    "WHERE id = ? AND status = 'running'";

struct Send {
  std::string id;
  std::string survey_id;
  std::string filter;
  std::string delivery;
  std::optional<std::string> language;
  int64_t expires_in_days = 0;
  std::string created_by;
  std::string status;
  int64_t total = 0, processed = 0, sent = 0, throttled = 0, no_consent = 0, no_email = 0,
          skipped = 0, after_seq = 0;
  std::optional<std::string> error;
  std::string created_at;
  std::optional<std::string> finished_at;
};

Send FromRow(const storage::Row& row) {
  return Send{.id = row.Text(0),
              .survey_id = row.Text(1),
              .filter = row.Text(2),
              .delivery = row.Text(3),
              .language = row.OptText(4),
              .expires_in_days = row.Int(5),
              .created_by = row.Text(6),
              .status = row.Text(7),
              .total = row.Int(8),
              .processed = row.Int(9),
              .sent = row.Int(10),
              .throttled = row.Int(11),
              .no_consent = row.Int(12),
              .no_email = row.Int(13),
              .skipped = row.Int(14),
              .after_seq = row.Int(15),
              .error = row.OptText(16),
              .created_at = row.Text(17),
              .finished_at = row.OptText(18)};
}

json::value Opt(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

json::object ToJson(const Send& send) {
  auto filter = ParseJson(send.filter);
  // The whole percent done, for progress bars: 100 once finished, whatever the counts say
  // (customers created or deleted while it ran move the total).
  const int64_t progress = send.status != "running" ? 100
                           : send.total == 0
                               ? 0
                               : std::min<int64_t>(99, send.processed * 100 / send.total);
  return json::object{{"id", send.id},
                      {"survey_id", send.survey_id},
                      {"filter", filter.ok() ? *filter : json::value(nullptr)},
                      {"delivery", send.delivery},
                      {"language", Opt(send.language)},
                      {"expires_in_days", send.expires_in_days},
                      {"created_by", send.created_by},
                      {"status", send.status},
                      {"total", send.total},
                      {"processed", send.processed},
                      {"progress", progress},
                      {"sent", send.sent},
                      {"throttled", send.throttled},
                      {"no_consent", send.no_consent},
                      {"no_email", send.no_email},
                      {"skipped", send.skipped},
                      {"error", Opt(send.error)},
                      {"created_at", send.created_at},
                      {"finished_at", Opt(send.finished_at)}};
}

Result<Send> LoadSend(Tx& tx, const std::string& survey_id, const std::string& send_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectSend, {send_id, survey_id}));
  if (rows.empty()) return Error::NotFound("There is no send " + send_id + " of this survey.");
  return FromRow(rows.front());
}

// The customers `access` may read that `filter` selects, as SQL after "FROM customers c WHERE ".
Result<customers::CompiledFilter> Selection(Tx& tx, const access::Access& access,
                                            const customers::CustomerTraits& traits,
                                            const json::value& filter) {
  access::ScopeCondition scope =
      access.Scope(access::Object::kCustomers, access::Action::kRead, "c.owner_id");
  RAPPORT_ASSIGN_OR_RETURN(customers::CompiledFilter compiled,
                           customers::CompileListFilter(tx, access, traits, filter));
  customers::CompiledFilter out{.sql = scope.sql + " AND (" + compiled.sql + ")",
                                .params = std::move(scope.params)};
  out.params.insert(out.params.end(), std::make_move_iterator(compiled.params.begin()),
                    std::make_move_iterator(compiled.params.end()));
  return out;
}

Status Fail(Tx& tx, const std::string& send_id, const std::string& why) {
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kFinish, {"failed", why, NowInstant(), send_id}));
  return OkStatus();
}

}  // namespace

Result<json::object> SurveySends::Start(const access::Access& access,
                                        const storage::WriteContext& context,
                                        const std::string& survey_id, const json::object& input) {
  RAPPORT_RETURN_IF_ERROR(CheckSurveyAccess(access, access::Action::kCreate));
  if (access.is_scoped()) {
    return Error::PermissionDenied(
        "A send runs later with its starter's access; start it signed in or with an unscoped "
        "token.");
  }
  for (const auto& [key, unused] : input) {
    if (key != "filter" && key != "delivery" && key != "language" && key != "expires_in_days") {
      return Error::Invalid(std::string(key), "is not a known field");
    }
  }
  const json::value* filter = input.if_contains("filter");
  if (filter == nullptr || !filter->is_object()) {
    return Error::Invalid("filter", "is required: the customers to ask, as a filter");
  }
  if (const json::value* delivery = input.if_contains("delivery");
      delivery != nullptr && !(delivery->is_string() && delivery->as_string() == "email")) {
    return Error::Invalid("delivery", "a send to a filter goes by e-mail");
  }
  InviteOptions options;
  json::object rest = input;
  rest.erase("delivery");
  RAPPORT_RETURN_IF_ERROR(invitations_.ReadInviteOptions(rest, options));
  if (!invitations_.mailer().queue) {
    return Error::Invalid("delivery", "sending by e-mail is not set up on this server");
  }
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(SurveyVersion survey, LoadSurveyVersion(tx, survey_id));
    if (survey.status != "active") {
      return Error::Conflict("This survey is archived; make it active to send it.", "status");
    }
    RAPPORT_ASSIGN_OR_RETURN(customers::CompiledFilter selection,
                             Selection(tx, access, traits_, *filter));
    RAPPORT_ASSIGN_OR_RETURN(
        Rows count, tx.Query(std::string(kCountCustomers) + selection.sql, selection.params));
    const int64_t now = NowMillis();
    Send send{.id = NewId("ssd"),
              .survey_id = survey_id,
              .filter = ToJsonString(*filter),
              .delivery = "email",
              .language = options.language,
              .expires_in_days = options.days,
              .created_by = access.user_id(),
              .status = "running",
              .total = count.front().Int(0),
              .created_at = FormatInstant(now)};
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kInsertSend, {send.id, send.survey_id, send.filter, storage::OptionalText(send.language),
                      send.expires_in_days, send.created_by, send.total, send.created_at}));
    RAPPORT_RETURN_IF_ERROR(storage::ScheduleJob(tx, kSendJobKind, send.id, now));
    served = ToJson(send);
    return context.Written(tx, served);
  }));
  return served;
}

Result<json::object> SurveySends::Get(const access::Access& access, const std::string& survey_id,
                                      const std::string& send_id) {
  RAPPORT_RETURN_IF_ERROR(CheckSurveyAccess(access, access::Action::kRead));
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Send send, LoadSend(tx, survey_id, send_id));
    served = ToJson(send);
    return OkStatus();
  }));
  return served;
}

Result<json::array> SurveySends::List(const access::Access& access, const std::string& survey_id) {
  RAPPORT_RETURN_IF_ERROR(CheckSurveyAccess(access, access::Action::kRead));
  json::array out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(LoadSurveyVersion(tx, survey_id));
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectSends, {survey_id}));
    for (const auto& row : rows) out.push_back(ToJson(FromRow(row)));
    return OkStatus();
  }));
  return out;
}

Result<json::object> SurveySends::Cancel(const access::Access& access, const std::string& survey_id,
                                         const std::string& send_id) {
  RAPPORT_RETURN_IF_ERROR(CheckSurveyAccess(access, access::Action::kCreate));
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Send send, LoadSend(tx, survey_id, send_id));
    if (send.status != "running") {
      return Error::Conflict("This send has finished (" + send.status + ").", "status");
    }
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kCancel, {NowInstant(), send_id}));
    RAPPORT_RETURN_IF_ERROR(storage::CancelJob(tx, kSendJobKind, send_id));
    RAPPORT_ASSIGN_OR_RETURN(send, LoadSend(tx, survey_id, send_id));
    served = ToJson(send);
    return OkStatus();
  }));
  return served;
}

storage::Scheduler::Handler SurveySends::JobHandler() {
  return [this](Tx& tx, const storage::ScheduledJob& job) { return RunBatch(tx, job.key); };
}

Status SurveySends::RunBatch(Tx& tx, const std::string& send_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectSendById, {send_id}));
  if (rows.empty()) return OkStatus();  // its survey was deleted
  const Send send = FromRow(rows.front());
  if (send.status != "running") return OkStatus();
  auto access = directory_.For(send.created_by, {});
  if (!access.ok()) {
    return Fail(tx, send_id, "The user who started this send can no longer sign in.");
  }
  auto survey = LoadSurveyVersion(tx, send.survey_id);
  if (!survey.ok()) return Fail(tx, send_id, survey.error().message);
  if (survey->status != "active") return Fail(tx, send_id, "The survey was archived.");
  RAPPORT_ASSIGN_OR_RETURN(json::value filter, ParseJson(send.filter));
  // A custom field the filter names may have been deleted since: the send stops and says why.
  auto selection = Selection(tx, **access, traits_, filter);
  if (!selection.ok()) return Fail(tx, send_id, selection.error().message);
  selection->params.emplace_back(send.after_seq);
  selection->params.emplace_back(kSendBatch);
  RAPPORT_ASSIGN_OR_RETURN(Rows batch, tx.Query(std::string(kBatchCustomers) + selection->sql +
                                                    " AND c.seq > ? ORDER BY c.seq LIMIT ?",
                                                selection->params));
  const int64_t now = NowMillis();
  const std::string now_text = FormatInstant(now);
  const storage::WriteContext context{.actor = "system:survey.send", .via = "system"};
  InviteOptions options{.delivery = "email",
                        .language = send.language,
                        .days = send.expires_in_days,
                        .send_id = send.id};
  int64_t sent = 0, throttled = 0, no_consent = 0, no_email = 0, skipped = 0;
  int64_t after_seq = send.after_seq;
  for (const auto& row : batch) {
    after_seq = row.Int(0);
    const std::string customer_id = row.Text(1);
    RAPPORT_ASSIGN_OR_RETURN(bool open,
                             HasOpenInvitation(tx, customer_id, send.survey_id, now_text));
    if (open) {
      ++skipped;
      continue;
    }
    RAPPORT_ASSIGN_OR_RETURN(
        json::object invited,
        invitations_.InviteInTx(tx, context, *survey, customer_id, options, now));
    const std::string_view status = invited.at("status").as_string();
    ++(status == "sent"         ? sent
       : status == "throttled"  ? throttled
       : status == "no_consent" ? no_consent
                                : no_email);
  }
  const bool done = static_cast<int64_t>(batch.size()) < kSendBatch;
  RAPPORT_RETURN_IF_ERROR(tx.Exec(
      kSaveProgress, {static_cast<int64_t>(batch.size()), sent, throttled, no_consent, no_email,
                      skipped, after_seq, done ? "done" : "running",
                      done ? storage::Value(now_text) : storage::Value(storage::Null()), send_id}));
  if (!done) RAPPORT_RETURN_IF_ERROR(storage::ScheduleJob(tx, kSendJobKind, send_id, now));
  return OkStatus();
}

}  // namespace rapport::feedback
