#include "interactions/interaction_service.hpp"

#include <algorithm>
#include <array>

#include "common/card_numbers.hpp"
#include "common/ids.hpp"
#include "common/json_writer.hpp"
#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "customers/customer_service.hpp"
#include "interactions/interaction_sentiment.hpp"
#include "storage/audit.hpp"
#include "storage/event_payload.hpp"
#include "storage/outbox.hpp"
#include "storage/row_reader.hpp"

namespace rapport::interactions {
namespace {

using storage::Rows;
using storage::Tx;

#define RAPPORT_INTERACTION_COLUMNS                                                           \
  "id, customer_id, channel, direction, kind, subject, body, occurred_at, duration_seconds, " \
  "staff_id, sentiment, external_ref, metadata, created_at"

constexpr access::Object kInteractions = access::Object::kInteractions;
constexpr std::string_view kInsertInteraction =
    "INSERT INTO interactions (" RAPPORT_INTERACTION_COLUMNS
    ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
// The timeline's order is (occurred_at, seq): `seq` is the rowid every index entry ends with, so
// `interactions_timeline (customer_id, occurred_at)` serves it without a key of its own
// (migration 0047; docs/design/storage.md § Index plan).
constexpr std::string_view kLatest =
    "SELECT " RAPPORT_INTERACTION_COLUMNS
    " FROM interactions WHERE customer_id = ? ORDER BY occurred_at DESC, seq DESC LIMIT ?";
// A page's cursor names its last entry by id, as before 0047 ordered by it; the entry's seq is
// looked up. An entry deleted since stands after every entry of its millisecond, so the next page
// may repeat such a tie but never skips one.
constexpr std::string_view kBeforeCursor =
    " AND (occurred_at, seq) < (?, coalesce((SELECT seq FROM interactions WHERE id = ?), "
    "9223372036854775807))";
constexpr std::string_view kFindInteraction =
    "SELECT " RAPPORT_INTERACTION_COLUMNS " FROM interactions WHERE id = ? AND customer_id = ?";

constexpr std::string_view kFindAnyInteraction =
    "SELECT " RAPPORT_INTERACTION_COLUMNS " FROM interactions WHERE id = ?";
constexpr std::string_view kDeleteInteraction = "DELETE FROM interactions WHERE id = ?";
// The metadata path is bound too ('$."order_id"'): only the kinds and the record id vary.
constexpr std::string_view kRecordInteractions =
    "SELECT " RAPPORT_INTERACTION_COLUMNS
    " FROM interactions WHERE customer_id = ? AND kind IN (SELECT value FROM json_each(?)) "
    "AND json_extract(metadata, ?) = ? ORDER BY occurred_at, seq";

constexpr std::array<std::string_view, 8> kChannels = {"email",     "phone", "chat", "social",
                                                       "in_person", "web",   "sms",  "other"};
constexpr std::array<std::string_view, 3> kDirections = {"inbound", "outbound", "internal"};
constexpr std::array<std::string_view, 4> kSentiments = {"positive", "neutral", "negative",
                                                         "unknown"};
constexpr size_t kMaxSubjectLength = 1000;
constexpr size_t kMaxBodyLength = 100000;  // a long email thread, not an attachment
constexpr size_t kMaxKindLength = 40;
constexpr int64_t kMaxDurationSeconds = int64_t{7} * 24 * 3600;

template <size_t N>
bool OneOf(const std::array<std::string_view, N>& allowed, std::string_view value) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

// One timeline entry as the API serves it, from a row of RAPPORT_INTERACTION_COLUMNS, written to
// `sink` (a JsonWriter straight into a response, or a JsonTreeBuilder): one list of the fields for
// both. With `access`, the fields hidden from the caller are left out, as Access::Redact would.
// Metadata "{}" (nearly every entry) is written without a parse; any other is parsed so that a
// damaged value is served as {} rather than breaking the document.
template <typename Sink, typename RowType>
void WriteInteraction(Sink& sink, const RowType& row, const access::Access* access) {
  auto key = [&](std::string_view name) {
    if (access != nullptr && access->IsHidden(kInteractions, name)) return false;
    sink.PlainKey(name);
    return true;
  };
  auto text = [&](std::string_view name, size_t i) {
    if (!key(name)) return;
    if (row.IsNull(i)) {
      sink.Null();
    } else {
      sink.String(row.View(i));
    }
  };
  sink.BeginObject();
  text("id", 0);
  text("customer_id", 1);
  text("channel", 2);
  text("direction", 3);
  text("kind", 4);
  text("subject", 5);
  text("body", 6);
  text("occurred_at", 7);
  if (key("duration_seconds")) {
    if (row.IsNull(8)) {
      sink.Null();
    } else {
      sink.Int(row.Int(8));
    }
  }
  text("staff_id", 9);
  text("sentiment", 10);
  text("external_ref", 11);
  if (key("metadata")) {
    if (row.View(12) == "{}") {
      sink.BeginObject();
      sink.EndObject();
    } else {
      auto metadata = ParseJson(row.View(12));
      sink.Value(metadata.ok() ? *metadata : json::value(json::object()));
    }
  }
  text("created_at", 13);
  sink.EndObject();
}

// The entry as stored (`access` null) or as served to `access`, hidden fields left out.
json::object FromRow(const storage::Row& row, const access::Access* access = nullptr) {
  JsonTreeBuilder builder;
  WriteInteraction(builder, row, access);
  return std::move(builder.Release().as_object());
}

// Validates a new interaction and returns it in served shape (without id/customer/created_at).
Result<json::object> ParseInteraction(const json::object& input) {
  std::vector<FieldError> errors;
  json::object out{{"subject", nullptr},          {"body", nullptr},
                   {"duration_seconds", nullptr}, {"staff_id", nullptr},
                   {"sentiment", "unknown"},      {"external_ref", nullptr},
                   {"metadata", json::object()}};
  auto required_enum = [&](std::string_view key, auto allowed, std::string message) {
    const json::value* v = input.if_contains(key);
    if (v == nullptr || !v->is_string() || !OneOf(allowed, v->as_string())) {
      errors.push_back({std::string(key), std::move(message)});
    } else {
      out[key] = *v;
    }
  };
  required_enum("channel", kChannels,
                "must be one of email, phone, chat, social, in_person, web, sms, other");
  required_enum("direction", kDirections, "must be one of inbound, outbound, internal");
  for (const auto& [key, value] : input) {
    if (key == "channel" || key == "direction") continue;
    const std::string field(key);
    if (key == "kind") {
      const bool ok = value.is_string() && !value.as_string().empty() &&
                      value.as_string().size() <= kMaxKindLength &&
                      std::all_of(value.as_string().begin(), value.as_string().end(),
                                  [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
      if (!ok)
        errors.push_back({field, "must be a lower-case word such as message, call, note"});
      else
        out[key] = value;
    } else if (key == "subject" || key == "body" || key == "staff_id" || key == "external_ref") {
      // The body is free text (line breaks and tabs kept); the others are one line. Lengths
      // count characters, not bytes; NUL and other control characters are refused.
      const size_t limit = key == "body" ? kMaxBodyLength : kMaxSubjectLength;
      const TextKind kind = key == "body" ? TextKind::kMultiLine : TextKind::kSingleLine;
      if (value.is_null()) {
        out[key] = value;
      } else if (!value.is_string()) {
        errors.push_back(
            {field, "must be a string of at most " + std::to_string(limit) + " characters"});
      } else if (CleanedText cleaned = CleanText(value.as_string(), limit, kind);
                 !cleaned.problem.empty()) {
        errors.push_back({field, std::move(cleaned.problem)});
      } else {
        out[key] = cleaned.text;  // json::value copies a string whatever its kind
      }
    } else if (key == "occurred_at") {
      auto instant = value.is_string() ? NormalizeInstant(value.as_string()) : std::nullopt;
      if (!instant)
        errors.push_back({field, "must be an RFC 3339 time"});
      else
        out[key] = *instant;
    } else if (key == "duration_seconds") {
      if (!value.is_null() &&
          (!value.is_int64() || value.as_int64() < 0 || value.as_int64() > kMaxDurationSeconds)) {
        errors.push_back({field, "must be a whole number of seconds, at most 7 days"});
      } else {
        out[key] = value;
      }
    } else if (key == "sentiment") {
      if (!value.is_string() || !OneOf(kSentiments, value.as_string())) {
        errors.push_back({field, "must be one of positive, neutral, negative, unknown"});
      } else {
        out[key] = value;
      }
    } else if (key == "metadata") {
      if (!value.is_object())
        errors.push_back({field, "must be an object"});
      else
        out[key] = value;
    } else {
      errors.push_back({field, "is not a known field"});
    }
  }
  if (!out.contains("kind")) {
    if (!input.contains("kind")) errors.push_back({"kind", "is required"});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  if (!out.contains("occurred_at")) out["occurred_at"] = NowInstant();
  return out;
}

std::string Text(const json::object& o, std::string_view key) {
  const json::value& v = o.at(key);
  return v.is_string() ? std::string(v.as_string()) : std::string();
}

storage::Value OptionalText(const json::object& o, std::string_view key) {
  const json::value& v = o.at(key);
  return v.is_string() ? storage::Value(std::string(v.as_string())) : storage::Null();
}

// The default sentiment of a new entry (interaction_sentiment.hpp): only an inbound entry whose
// writer stated none is read, from its subject and the start of its body.
void DefaultSentiment(const json::object& given, json::object& interaction) {
  if (given.contains("sentiment") || Text(interaction, "direction") != "inbound") return;
  auto text = [&](std::string_view key) {
    const json::value& v = interaction.at(key);
    return v.is_string() ? std::string_view(v.as_string()) : std::string_view();
  };
  interaction["sentiment"] = SentimentLabel(text("subject"), text("body"));
}

// Removes one loaded entry with its event and audit entry (the whole entry as the old values).
Status DeleteLoaded(Tx& tx, const storage::WriteContext& context, const json::object& entry) {
  const std::string id(entry.at("id").as_string());
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kDeleteInteraction, {id}));
  json::object summary{{"id", entry.at("id")},
                       {"customer_id", entry.at("customer_id")},
                       {"channel", entry.at("channel")},
                       {"kind", entry.at("kind")},
                       {"occurred_at", entry.at("occurred_at")}};
  RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, "interaction.deleted", "customer",
                                               Text(entry, "customer_id"),
                                               json::object{{"interaction", std::move(summary)}}));
  return storage::AppendAudit(tx, context, "delete", "interaction", id, entry, {});
}

// The entry an interaction.logged event carries: what a projection counts and routes by, not the
// text. Subject, body and metadata are most of an entry's bytes; a consumer that needs them reads
// the entry by id (docs/design/events.md § Payloads).
json::object LoggedEventEntry(const json::object& served) {
  return storage::LeanRecord(served, {"subject", "body", "metadata", "created_at"});
}

}  // namespace

Result<json::object> LogInTx(Tx& tx, const access::Access& access,
                             const storage::WriteContext& context, const std::string& customer_id,
                             const json::object& input) {
  RAPPORT_ASSIGN_OR_RETURN(std::optional<std::string> owner,
                           customers::ReadableCustomerOwner(tx, access, customer_id));
  if (!access.Allows(kInteractions, access::Action::kCreate, owner)) {
    return access::NotPermitted(kInteractions, access::Action::kCreate);
  }
  std::vector<FieldError> hidden;
  RAPPORT_ASSIGN_OR_RETURN(json::object allowed,
                           access.PrepareInput(kInteractions, input, {}, hidden));
  // Subject, body, metadata (keys too: a "cvv" key is refused) on every path: API, import and the
  // entries other areas write (payments).
  RAPPORT_RETURN_IF_ERROR(RefuseCardData(allowed));
  Result<json::object> parsed = ParseInteraction(allowed);
  if (!hidden.empty()) {
    Status status = parsed.ok() ? OkStatus() : Status(parsed.error());
    RAPPORT_RETURN_IF_ERROR(access::WithHiddenFields(std::move(status), std::move(hidden)));
  }
  RAPPORT_ASSIGN_OR_RETURN(json::object interaction, std::move(parsed));
  DefaultSentiment(allowed, interaction);
  interaction["id"] = NewId("int");
  interaction["customer_id"] = customer_id;
  interaction["created_at"] = NowInstant();
  const json::value& duration = interaction.at("duration_seconds");
  RAPPORT_RETURN_IF_ERROR(
      tx.Exec(kInsertInteraction,
              {Text(interaction, "id"), customer_id, Text(interaction, "channel"),
               Text(interaction, "direction"), Text(interaction, "kind"),
               OptionalText(interaction, "subject"), OptionalText(interaction, "body"),
               Text(interaction, "occurred_at"),
               duration.is_int64() ? storage::Value(duration.as_int64()) : storage::Null(),
               OptionalText(interaction, "staff_id"), Text(interaction, "sentiment"),
               OptionalText(interaction, "external_ref"), ToJsonString(interaction.at("metadata")),
               Text(interaction, "created_at")}));
  // Serve the same field order as reads do.
  json::object served{{"id", interaction["id"]},
                      {"customer_id", customer_id},
                      {"channel", interaction["channel"]},
                      {"direction", interaction["direction"]},
                      {"kind", interaction["kind"]},
                      {"subject", interaction["subject"]},
                      {"body", interaction["body"]},
                      {"occurred_at", interaction["occurred_at"]},
                      {"duration_seconds", interaction["duration_seconds"]},
                      {"staff_id", interaction["staff_id"]},
                      {"sentiment", interaction["sentiment"]},
                      {"external_ref", interaction["external_ref"]},
                      {"metadata", interaction["metadata"]},
                      {"created_at", interaction["created_at"]}};
  RAPPORT_RETURN_IF_ERROR(
      storage::AppendEvent(tx, context, "interaction.logged", "customer", customer_id,
                           json::object{{"interaction", LoggedEventEntry(served)}}));
  RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "create", "interaction",
                                               served.at("id").as_string(), {}, served));
  return served;
}

Status DeleteInteractionInTx(Tx& tx, const access::Access& access,
                             const storage::WriteContext& context, const std::string& id) {
  const Error missing = Error::NotFound("No interaction has the id " + id + ".");
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kFindAnyInteraction, {id}));
  if (rows.empty()) return missing;
  json::object entry = FromRow(rows[0]);
  auto owner = customers::ReadableCustomerOwner(tx, access, Text(entry, "customer_id"));
  if (!owner.ok()) return owner.error().code == ErrorCode::kNotFound ? missing : owner.error();
  if (!access.Allows(kInteractions, access::Action::kRead, *owner)) return missing;
  if (!access.Allows(kInteractions, access::Action::kDelete, *owner)) {
    return access::NotPermitted(kInteractions, access::Action::kDelete);
  }
  return DeleteLoaded(tx, context, entry);
}

Result<int64_t> DeleteRecordInteractionsInTx(Tx& tx, const storage::WriteContext& context,
                                             const std::string& customer_id,
                                             const std::vector<std::string>& kinds,
                                             std::string_view metadata_key,
                                             const std::string& record_id) {
  json::array kind_list(kinds.begin(), kinds.end());
  const std::string path = "$.\"" + std::string(metadata_key) + "\"";
  RAPPORT_ASSIGN_OR_RETURN(
      Rows rows,
      tx.Query(kRecordInteractions, {customer_id, ToJsonString(kind_list), path, record_id}));
  for (const auto& row : rows) RAPPORT_RETURN_IF_ERROR(DeleteLoaded(tx, context, FromRow(row)));
  return static_cast<int64_t>(rows.size());
}

Result<json::object> InteractionService::Log(const Access& access,
                                             const storage::WriteContext& context,
                                             const std::string& customer_id,
                                             const json::object& input) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(served, LogInTx(tx, access, context, customer_id, input));
    access.Redact(kInteractions, served);
    return context.Written(tx, served);
  }));
  return served;
}

Status InteractionService::Delete(const Access& access, const storage::WriteContext& context,
                                  const std::string& customer_id,
                                  const std::string& interaction_id) {
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kFindInteraction, {interaction_id, customer_id}));
    if (rows.empty()) return Error::NotFound("No interaction has the id " + interaction_id + ".");
    RAPPORT_RETURN_IF_ERROR(DeleteInteractionInTx(tx, access, context, interaction_id));
    return context.Written(tx, json::object{{"id", interaction_id}});
  });
}

Result<json::object> InteractionService::Get(const Access& access, const std::string& customer_id,
                                             const std::string& interaction_id) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    const Error missing = Error::NotFound("No interaction has the id " + interaction_id + ".");
    auto owner = customers::ReadableCustomerOwner(tx, access, customer_id);
    if (!owner.ok()) return owner.error().code == ErrorCode::kNotFound ? missing : owner.error();
    if (!access.Allows(kInteractions, access::Action::kRead, *owner)) return missing;
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kFindInteraction, {interaction_id, customer_id}));
    if (rows.empty()) return missing;
    served = FromRow(rows[0], &access);
    return OkStatus();
  }));
  return served;
}

Result<Page> InteractionService::Timeline(const Access& access, const std::string& customer_id,
                                          const TimelineQuery& query) {
  if (query.channel && !OneOf(kChannels, *query.channel)) {
    return Error::Invalid("channel",
                          "must be one of email, phone, chat, social, in_person, web, sms, other");
  }
  const std::string sort = "-occurred_at";
  std::optional<CursorPosition> after;
  if (query.cursor) {
    RAPPORT_ASSIGN_OR_RETURN(after, DecodeCursor(*query.cursor, sort));
    if (!after->value.is_string()) return Error::Malformed("The cursor is not valid.");
  }
  Page page;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(std::optional<std::string> owner,
                             customers::ReadableCustomerOwner(tx, access, customer_id));
    if (!access.Allows(kInteractions, access::Action::kRead, owner)) {
      return access::NotPermitted(kInteractions, access::Action::kRead);
    }
    std::string sql =
        "SELECT " RAPPORT_INTERACTION_COLUMNS " FROM interactions WHERE customer_id = ?";
    std::vector<storage::Value> params{customer_id};
    if (query.channel) {
      sql += " AND channel = ?";
      params.emplace_back(*query.channel);
    }
    if (query.kind) {
      sql += " AND kind = ?";
      params.emplace_back(*query.kind);
    }
    if (after) {
      sql += kBeforeCursor;
      params.emplace_back(std::string(after->value.as_string()));
      params.emplace_back(after->id);
    }
    sql += " ORDER BY occurred_at DESC, seq DESC LIMIT ?";
    params.emplace_back(static_cast<int64_t>(query.limit + 1));
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, params));
    for (size_t i = 0; i < rows.size() && i < static_cast<size_t>(query.limit); ++i) {
      page.data.push_back(FromRow(rows[i], &access));
    }
    // From the row, not the served entry: the cursor's time and id are there whatever the
    // caller's role hides.
    if (rows.size() > static_cast<size_t>(query.limit)) {
      const storage::Row& last = rows[static_cast<size_t>(query.limit) - 1];
      page.next_cursor = EncodeCursor({sort, json::value(last.Text(7)), last.Text(0)});
    }
    return OkStatus();
  }));
  return page;
}

Status AppendLatestInteractionsJson(Tx& tx, const access::Access& access,
                                    const std::string& customer_id,
                                    const std::optional<std::string>& owner, int limit,
                                    std::string& out) {
  JsonWriter writer(out);
  writer.BeginArray();
  if (access.Allows(kInteractions, access::Action::kRead, owner)) {
    RAPPORT_RETURN_IF_ERROR(storage::ForEachRow(tx, kLatest, {customer_id, int64_t{limit}},
                                                [&](const storage::RowView& row) -> Status {
                                                  WriteInteraction(writer, row, &access);
                                                  return OkStatus();
                                                }));
  }
  writer.EndArray();
  return OkStatus();
}

std::string_view InteractionColumns() { return RAPPORT_INTERACTION_COLUMNS; }

json::object InteractionFromRow(const storage::Row& row, const access::Access& access) {
  return FromRow(row, &access);
}

}  // namespace rapport::interactions
