#include "analytics/health_tracker.hpp"

#include <algorithm>

#include "analytics/bad_experiences.hpp"
#include "analytics/follow_ups.hpp"
#include "analytics/health_inputs.hpp"
#include "analytics/health_settings.hpp"
#include "common/money.hpp"
#include "common/sentiment.hpp"
#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "storage/outbox.hpp"

namespace rapport::analytics {
namespace {

using storage::Rows;
using storage::Tx;

constexpr std::string_view kSelectStored =
    "SELECT inputs, risk FROM customer_health WHERE customer_id = ?";
// The EXISTS guard skips customers deleted after the event (their row went with them).
constexpr std::string_view kUpsert =
    "INSERT INTO customer_health (customer_id, score, risk, nps_last, bad_open, reasons, inputs, "
    "next_review_on, updated_at) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 "
    "WHERE EXISTS (SELECT 1 FROM customers WHERE id = ?1) "
    "ON CONFLICT (customer_id) DO UPDATE SET score = ?2, risk = ?3, nps_last = ?4, "
    "bad_open = ?5, reasons = ?6, inputs = ?7, next_review_on = ?8, updated_at = ?9";
constexpr std::string_view kDue =
    "SELECT customer_id FROM customer_health WHERE next_review_on <= ? "
    "ORDER BY next_review_on LIMIT ?";
constexpr std::string_view kDistribution =
    "SELECT risk, count(*), avg(score) FROM customer_health GROUP BY risk";
constexpr std::string_view kSnapshot =
    "INSERT INTO health_daily (day, low, medium, high, average_score) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT (day) DO UPDATE SET low = ?2, medium = ?3, high = ?4, average_score = ?5";

int64_t Today() { return NowMillis() / 86'400'000; }

// The rules record bad experiences that happened in the last 90 days only.
constexpr int64_t kRecentDays = 90;

const json::object* ObjectAt(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value != nullptr && value->is_object() ? &value->as_object() : nullptr;
}

std::string TextAt(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

std::optional<int64_t> IntAt(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr) return std::nullopt;
  if (value->is_int64()) return value->as_int64();
  if (value->is_double()) return static_cast<int64_t>(value->as_double());
  return std::nullopt;
}

// The customer an event is about: customer events carry it as their aggregate; ticket events in
// their ticket reference; others (a review) in their record.
std::string CustomerOf(const storage::Event& event) {
  if (event.aggregate_type == "customer") return event.aggregate_id;
  for (std::string_view key : {"ticket", "review", "answer", "task"}) {
    if (const json::object* record = ObjectAt(event.payload, key)) {
      std::string id = TextAt(*record, "customer_id");
      if (!id.empty()) return id;
    }
  }
  return TextAt(event.payload, "customer_id");
}

// The customer's stored inputs; empty for a customer not scored yet (or a row a later version
// cannot read: InputsFromJson is lenient).
// With the risk band last stored, read in the same statement: a re-score announces a change of
// band (health.risk_changed). A customer not scored yet is "low", where a new customer starts.
struct StoredHealth {
  HealthInputs inputs;
  std::string risk = "low";
};

Result<StoredHealth> LoadStored(Tx& tx, const std::string& customer_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectStored, {customer_id}));
  StoredHealth stored;
  if (rows.empty()) return stored;
  auto parsed = ParseJsonObject(rows.front().Text(0));
  if (parsed.ok()) stored.inputs = InputsFromJson(parsed.value());
  stored.risk = rows.front().Text(1);
  return stored;
}

class Change {
 public:
  Change(Tx& tx, const storage::Event& event, const HealthSettings& settings,
         std::string customer_id)
      : tx_(tx), event_(event), settings_(settings), customer_id_(std::move(customer_id)) {}

  Status Load() {
    RAPPORT_ASSIGN_OR_RETURN(stored_, LoadStored(tx_, customer_id_));
    return OkStatus();
  }

  HealthInputs& inputs() { return stored_.inputs; }
  Tx& tx() { return tx_; }

  // A rule's bad experience, if the rule is on, with its follow-up when its cause calls for one.
  // `about`: the ticket or order it concerns, for the follow-up's context.
  Status Bad(std::string_view cause, std::string source, std::string summary,
             std::string occurred_at, std::optional<std::string> ticket_id = std::nullopt,
             std::optional<std::string> order_id = std::nullopt) {
    if (!settings_.RuleOn(cause)) return OkStatus();
    // History is not news: an import or a replay of old refunds and contacts would otherwise open
    // experiences (and follow-ups) about things long settled.
    if (const std::optional<int64_t> day =
            DayOf(occurred_at.empty() ? event_.occurred_at : occurred_at);
        day && NowMillis() / 86'400'000 - *day > kRecentDays) {
      return OkStatus();
    }
    const storage::WriteContext context{.actor = "system:customer_health", .via = "system"};
    const BadExperienceFact fact{
        .customer_id = customer_id_,
        .cause = std::string(cause),
        .source = std::move(source),
        .summary = std::move(summary),
        .occurred_at = occurred_at.empty() ? event_.occurred_at : std::move(occurred_at),
        .ticket_id = std::move(ticket_id),
        .order_id = std::move(order_id)};
    // Recorded before (a replay) or the customer gone: nothing new, no second follow-up.
    RAPPORT_ASSIGN_OR_RETURN(std::optional<std::string> id,
                             RecordBadExperienceInTx(tx_, context, fact));
    if (!id) return OkStatus();
    return OpenFollowUpInTx(tx_, context, settings_, *id, fact, NowMillis());
  }

  Status Save(int64_t today) { return Store(tx_, customer_id_, stored_, today, settings_.weights); }

  // `weights` come from the settings the caller loaded once (per event, or per sweep batch).
  static Status Store(Tx& tx, const std::string& customer_id, StoredHealth stored, int64_t today,
                      const HealthWeights& weights) {
    HealthInputs& inputs = stored.inputs;
    const std::string& previous = stored.risk;
    RAPPORT_ASSIGN_OR_RETURN(inputs.open_bad_experiences, CountOpenBadExperiences(tx, customer_id));
    const Health health = ScoreHealth(inputs, today, weights);
    json::array reasons;
    for (const Reason& reason : health.reasons) {
      reasons.push_back(
          json::object{{"code", reason.code}, {"text", reason.text}, {"points", reason.points}});
    }
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kUpsert,
        {customer_id, health.score, std::string(health.risk),
         inputs.nps ? storage::Value(inputs.nps->score) : storage::Null(),
         inputs.open_bad_experiences, ToJsonString(reasons), ToJsonString(InputsToJson(inputs)),
         health.next_review_day ? storage::Value(*health.next_review_day) : storage::Null(),
         NowInstant()}));
    // Screens that list customers by risk (Home's "My customers at risk", the Health page) follow
    // this instead of every event that may move a score. Only a change of band is announced — a
    // new customer starts low, so scoring one is silent — which keeps the event rare: a score
    // that moves within its band changes no list's members.
    if (previous == health.risk) return OkStatus();
    const storage::WriteContext context{.actor = "system:customer_health", .via = "system"};
    return storage::AppendEvent(tx, context, "health.risk_changed", "customer", customer_id,
                                json::object{{"score", health.score},
                                             {"risk", std::string(health.risk)},
                                             {"previous_risk", previous}});
  }

 private:
  Tx& tx_;
  const storage::Event& event_;
  const HealthSettings& settings_;
  std::string customer_id_;
  StoredHealth stored_;
};

std::string DayText(const std::string& instant) {
  auto day = DayOf(instant);
  return day ? DateOfDay(*day) : instant;
}

// Whether an event's text reads clearly negative: its "sentiment" (the lexicon score the writing
// area stored, common/sentiment.hpp) at or under kClearlyNegative. No text, no sentiment.
bool ClearlyNegative(const json::object& object) {
  const json::value* sentiment = object.if_contains("sentiment");
  if (sentiment == nullptr || !sentiment->is_number()) return false;
  return sentiment->to_number<double>() <= kClearlyNegative;
}

std::string UpperAscii(std::string text) {
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return text;
}

// The start of a comment for a summary, which titles the follow-up task or ticket: on one line
// (a comment may hold line breaks; a title and a ticket subject may not, and a refused subject
// would stop the tracker on this event), cut at a UTF-8 character boundary so it stays valid.
constexpr size_t kQuotedCommentBytes = 80;
std::string Quoted(std::string_view comment) {
  std::string line;
  for (size_t i = 0; i < comment.size(); ++i) {
    const auto byte = static_cast<unsigned char>(comment[i]);
    // C0 controls and DEL; NEL (C2 85); LINE and PARAGRAPH SEPARATOR (E2 80 A8/A9).
    if (byte < 0x20 || byte == 0x7F) {
      line += ' ';
    } else if (byte == 0xC2 && i + 1 < comment.size() &&
               static_cast<unsigned char>(comment[i + 1]) == 0x85) {
      line += ' ';
      i += 1;
    } else if (byte == 0xE2 && i + 2 < comment.size() &&
               static_cast<unsigned char>(comment[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(comment[i + 2]) & 0xFE) == 0xA8) {
      line += ' ';
      i += 2;
    } else {
      line += comment[i];
    }
  }
  if (line.size() <= kQuotedCommentBytes) return line;
  return std::string(Utf8Prefix(line, kQuotedCommentBytes)) + "...";
}

// Applies one event to the change; false when the event does not concern health.
Result<bool> Update(Change& change, const storage::Event& event, const HealthSettings& settings,
                    int64_t today) {
  HealthInputs& in = change.inputs();
  const std::string& type = event.type;
  if (type == "customer.created" || type == "bad_experience.recorded" ||
      type == "bad_experience.resolved") {
    return true;
  }
  if (type == "order.placed") {
    const json::object* order = ObjectAt(event.payload, "order");
    if (order == nullptr) return false;
    auto day = DayOf(TextAt(*order, "placed_at"));
    const json::value* total = order->if_contains("total");
    auto cents = total ? CentsFromJson(*total) : std::nullopt;
    if (!day || !cents) return false;
    if (TextAt(*order, "status") == "cancelled") return false;
    AddPurchase(in, TextAt(*order, "id"), *day, *cents);
    return true;
  }
  if (type == "order.updated") {
    const json::object* order = ObjectAt(event.payload, "order");
    if (order == nullptr || TextAt(*order, "status") != "cancelled") return false;
    const std::string id = TextAt(*order, "id");
    RemovePurchase(in, id);
    RAPPORT_RETURN_IF_ERROR(
        change.Bad("order_cancelled", "order:" + id, "an order was cancelled", event.occurred_at));
    return true;
  }
  if (type == "order.refunded") {
    const json::object* refund = ObjectAt(event.payload, "refund");
    if (refund == nullptr) return false;
    // The order it was about goes with the follow-up's context.
    const std::string order_id = TextAt(*refund, "order_id");
    RAPPORT_RETURN_IF_ERROR(change.Bad(
        "refund", "refund:" + TextAt(*refund, "id"), "a refund of " + TextAt(*refund, "amount"),
        TextAt(*refund, "created_at"), std::nullopt,
        order_id.empty() ? std::nullopt : std::optional<std::string>(order_id)));
    return true;
  }
  if (type.starts_with("ticket.")) {
    const json::object* ticket = ObjectAt(event.payload, "ticket");
    if (ticket == nullptr) return false;
    const std::string id = TextAt(*ticket, "id");
    const std::string number = std::to_string(IntAt(*ticket, "number").value_or(0));
    if (type == "ticket.opened") {
      OpenTicket(in, id);
    } else if (type == "ticket.solved" || type == "ticket.closed" || type == "ticket.deleted" ||
               type == "ticket.merged") {
      CloseTicket(in, id);
    } else if (type == "ticket.reopened") {
      OpenTicket(in, id);
      RAPPORT_RETURN_IF_ERROR(change.Bad(
          "ticket_reopened",
          "ticket:" + id + "/reopened/" + std::to_string(IntAt(*ticket, "version").value_or(0)),
          "ticket #" + number + " was reopened", event.occurred_at));
    } else if (type == "ticket.sla_breached") {
      const std::string key = id + "/" + TextAt(event.payload, "target") + "/" +
                              std::to_string(IntAt(event.payload, "cycle").value_or(0));
      auto day = DayOf(event.occurred_at);
      AddBreach(in, key, day.value_or(today), today, settings.weights.breach_window_days);
      std::string words = TextAt(event.payload, "target");
      std::replace(words.begin(), words.end(), '_', ' ');
      RAPPORT_RETURN_IF_ERROR(change.Bad("sla_breach", "ticket:" + key,
                                         "ticket #" + number + " missed its " + words + " target",
                                         event.occurred_at));
    } else if (type == "ticket.rated") {
      const json::object* rating = ObjectAt(event.payload, "rating");
      if (rating == nullptr) return false;
      const bool bad = TextAt(*rating, "score") == "bad";
      // A ticket rating is the desk's CSAT: good reads as 5, bad as 1.
      NoteAnswer(in.csat, bad ? 1 : 5, DayOf(event.occurred_at).value_or(today));
      if (bad) {
        RAPPORT_RETURN_IF_ERROR(change.Bad("low_rating", "ticket:" + id + "/rating",
                                           "ticket #" + number + " was rated bad",
                                           event.occurred_at));
      }
    } else {
      return false;
    }
    return true;
  }
  if (type == "survey.answered") {
    const std::string kind = TextAt(event.payload, "kind");
    auto score = IntAt(event.payload, "score");
    const bool scored = score && (kind == "nps" || kind == "csat");
    const bool negative = ClearlyNegative(event.payload);
    if (!scored && !negative) return kind == "ces";
    const std::string at = TextAt(event.payload, "answered_at");
    const int64_t day = DayOf(at.empty() ? event.occurred_at : at).value_or(today);
    const std::string source = "answer:" + TextAt(event.payload, "invitation_id") + "/" +
                               TextAt(event.payload, "survey_id");
    std::optional<std::string> ticket_id;
    std::optional<std::string> order_id;
    if (const json::object* about = ObjectAt(event.payload, "about")) {
      if (std::string id = TextAt(*about, "ticket_id"); !id.empty()) ticket_id = id;
      if (std::string id = TextAt(*about, "order_id"); !id.empty()) order_id = id;
    }
    bool bad_score = false;
    if (scored && kind == "nps") {
      NoteAnswer(in.nps, *score, day);
      bad_score = *score <= settings.detractor_max;
      if (bad_score) {
        RAPPORT_RETURN_IF_ERROR(change.Bad(
            "detractor", source, "NPS " + std::to_string(*score) + " on " + DateOfDay(day), at,
            ticket_id, order_id));
      }
    } else if (scored) {
      NoteAnswer(in.csat, *score, day);
      bad_score = *score <= settings.csat_low_max;
      if (bad_score) {
        RAPPORT_RETURN_IF_ERROR(change.Bad(
            "low_csat", source, "CSAT " + std::to_string(*score) + " on " + DateOfDay(day), at,
            ticket_id, order_id));
      }
    }
    // A fair score with angry words ("4 — but the courier was rude, never again") is still a bad
    // experience; a bad score already is one, with its own follow-up, so it is not counted twice.
    if (negative && !bad_score) {
      std::string what = "a negative comment";
      if (scored) what += " with " + UpperAscii(kind) + " " + std::to_string(*score);
      RAPPORT_RETURN_IF_ERROR(change.Bad(
          "negative_comment", source,
          what + " on " + DateOfDay(day) + ": \"" + Quoted(TextAt(event.payload, "comment")) + "\"",
          at, ticket_id, order_id));
    }
    return true;
  }
  if (type == "task.completed") {
    const json::object* task = ObjectAt(event.payload, "task");
    if (task == nullptr) return false;
    const storage::WriteContext context{.actor = "system:customer_health", .via = "system"};
    return CloseFollowUpInTx(change.tx(), context, TextAt(*task, "id"));
  }
  if (type == "review.published") {
    const json::object* review = ObjectAt(event.payload, "review");
    if (review == nullptr) return false;
    auto rating = IntAt(*review, "rating");
    if (!rating) return false;
    const std::string stars = "a " + std::to_string(*rating) + "-star review";
    if (*rating <= settings.review_low_max) {
      RAPPORT_RETURN_IF_ERROR(change.Bad("negative_review", "review:" + TextAt(*review, "id"),
                                         stars, event.occurred_at));
      return true;
    }
    // Three stars or more, but words that read clearly negative: acted on like a low rating.
    if (!ClearlyNegative(*review)) return false;
    RAPPORT_RETURN_IF_ERROR(change.Bad("negative_comment", "review:" + TextAt(*review, "id"),
                                       stars + " with negative text", event.occurred_at));
    return true;
  }
  if (type == "interaction.logged") {
    const json::object* entry = ObjectAt(event.payload, "interaction");
    if (entry == nullptr) return false;
    const std::string direction = TextAt(*entry, "direction");
    if (direction == "internal") return false;  // the desk's and this area's own entries
    const std::string at = TextAt(*entry, "occurred_at");
    if (auto day = DayOf(at)) NoteContact(in, *day);
    if (direction == "inbound" && TextAt(*entry, "sentiment") == "negative") {
      RAPPORT_RETURN_IF_ERROR(
          change.Bad("negative_contact", "interaction:" + TextAt(*entry, "id"),
                     "a negative " + TextAt(*entry, "channel") + " contact on " + DayText(at), at));
    }
    return true;
  }
  return false;
}

bool Concerns(std::string_view type) {
  return type == "customer.created" || type.starts_with("order.") || type.starts_with("ticket.") ||
         type == "survey.answered" || type == "review.published" || type == "interaction.logged" ||
         type.starts_with("bad_experience.") || type == "task.completed";
}

}  // namespace

bool HealthTracker::Wants(std::string_view type) const { return Concerns(type); }

Status HealthTracker::Apply(Tx& tx, const storage::Event& event) {
  if (!Concerns(event.type)) return OkStatus();
  const std::string customer_id = CustomerOf(event);
  if (customer_id.empty()) return OkStatus();
  RAPPORT_ASSIGN_OR_RETURN(HealthSettings settings, LoadHealthSettings(tx));
  const int64_t today = Today();
  Change change(tx, event, settings, customer_id);
  RAPPORT_RETURN_IF_ERROR(change.Load());
  RAPPORT_ASSIGN_OR_RETURN(bool changed, Update(change, event, settings, today));
  if (!changed) return OkStatus();
  return change.Save(today);
}

Status RescoreCustomer(Tx& tx, const std::string& customer_id, int64_t today) {
  RAPPORT_ASSIGN_OR_RETURN(HealthSettings settings, LoadHealthSettings(tx));
  RAPPORT_ASSIGN_OR_RETURN(StoredHealth stored, LoadStored(tx, customer_id));
  return Change::Store(tx, customer_id, std::move(stored), today, settings.weights);
}

Result<int64_t> ReviewDueHealth(storage::Database& database, int64_t today, int64_t batch) {
  int64_t done = 0;
  RAPPORT_RETURN_IF_ERROR(database.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(HealthSettings settings, LoadHealthSettings(tx));
    RAPPORT_ASSIGN_OR_RETURN(Rows due, tx.Query(kDue, {today, batch}));
    for (const auto& row : due) {
      const std::string id = row.Text(0);
      RAPPORT_ASSIGN_OR_RETURN(StoredHealth stored, LoadStored(tx, id));
      RAPPORT_RETURN_IF_ERROR(Change::Store(tx, id, std::move(stored), today, settings.weights));
    }
    done = static_cast<int64_t>(due.size());
    return OkStatus();
  }));
  return done;
}

Status SnapshotHealthDistribution(storage::Database& database, int64_t today) {
  return database.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kDistribution));
    int64_t low = 0, medium = 0, high = 0;
    double weighted = 0;
    for (const auto& row : rows) {
      const std::string risk = row.Text(0);
      const int64_t count = row.Int(1);
      (risk == "low" ? low : risk == "medium" ? medium : high) = count;
      weighted += row.Real(2) * static_cast<double>(count);
    }
    const int64_t total = low + medium + high;
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kSnapshot,
        {DateOfDay(today), low, medium, high,
         total > 0 ? storage::Value(weighted / static_cast<double>(total)) : storage::Null()}));
    return OkStatus();
  });
}

Status RegisterHealthTraits(customers::CustomerTraits& traits) {
  using customers::TraitType;
  auto column = [](std::string_view name) {
    return "(SELECT h." + std::string(name) + " FROM customer_health h WHERE h.customer_id = c.id)";
  };
  // The set form for filters that select few customers: each column leads an index
  // (customer_health_risk, _score, _nps_last, _bad_open; migrations 0032 and 0038).
  auto lookup = [](std::string_view name, std::optional<int64_t> absent = std::nullopt) {
    return customers::TraitLookup{.from = "customer_health h",
                                  .customer = "h.customer_id",
                                  .column = "h." + std::string(name),
                                  .absent = absent};
  };
  RAPPORT_RETURN_IF_ERROR(
      traits.Register({.name = "health_score",
                       .type = TraitType::kNumber,
                       .expression = column("score"),
                       .sort_key = "printf('%04d', COALESCE(" + column("score") + ", -1) + 1)",
                       .lookup = lookup("score")}));
  // Ordered high, medium, low: the riskiest first when sorted ascending.
  RAPPORT_RETURN_IF_ERROR(traits.Register(
      {.name = "churn_risk",
       .type = TraitType::kText,
       .expression = column("risk"),
       .sort_key = "CASE " + column("risk") +
                   " WHEN 'high' THEN '1' WHEN 'medium' THEN '2' WHEN 'low' THEN '3' ELSE '4' "
                   "END",
       .lookup = lookup("risk")}));
  RAPPORT_RETURN_IF_ERROR(
      traits.Register({.name = "nps_last",
                       .type = TraitType::kNumber,
                       .expression = column("nps_last"),
                       .sort_key = "printf('%03d', COALESCE(" + column("nps_last") + ", -1) + 1)",
                       .lookup = lookup("nps_last")}));
  return traits.Register({.name = "bad_experiences_open",
                          .type = TraitType::kNumber,
                          .expression = "COALESCE(" + column("bad_open") + ", 0)",
                          .sort_key = "printf('%06d', COALESCE(" + column("bad_open") + ", 0))",
                          .lookup = lookup("bad_open", 0)});
}

}  // namespace rapport::analytics
