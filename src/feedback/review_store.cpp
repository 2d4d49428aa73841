#include "feedback/review_store.hpp"

#include "common/time.hpp"

namespace rapport::feedback::review_store {
namespace {

using storage::OptionalText;
using storage::Rows;
using storage::Value;

#define RAPPORT_REVIEW_COLUMNS                                                             \
  "r.id, r.customer_id, r.product_id, r.rating, r.title, r.body, r.source, r.source_url, " \
  "r.verified, r.language, r.sentiment, r.status, r.moderated_by, r.moderated_at, "        \
  "r.moderation_reason, r.reply, r.replied_by, r.replied_at, r.request_id, r.created_at, " \
  "r.published_at, r.updated_at, r.version"

constexpr std::string_view kSelectOne =
    "SELECT " RAPPORT_REVIEW_COLUMNS " FROM reviews r WHERE r.id = ?";
constexpr std::string_view kInsert =
    "INSERT INTO reviews (id, customer_id, product_id, rating, title, body, source, source_url, "
    "verified, language, sentiment, status, moderated_by, moderated_at, moderation_reason, reply, "
    "replied_by, replied_at, request_id, created_at, published_at, updated_at, version) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
// Moderation and the reply: the review's own words never change after it is written.
constexpr std::string_view kSave =
    "UPDATE reviews SET status = ?, moderated_by = ?, moderated_at = ?, moderation_reason = ?, "
    "reply = ?, replied_by = ?, replied_at = ?, published_at = ?, updated_at = ?, version = ? "
    "WHERE id = ?";
constexpr std::string_view kCountPublished =
    "INSERT INTO review_stats (product_id, count, rating_sum, stars_1, stars_2, stars_3, stars_4, "
    "stars_5, updated_at) VALUES (?1, ?2, ?2 * ?3, ?2 * (?3 = 1), ?2 * (?3 = 2), ?2 * (?3 = 3), "
    "?2 * (?3 = 4), ?2 * (?3 = 5), ?4) ON CONFLICT (product_id) DO UPDATE SET "
    "count = count + ?2, rating_sum = rating_sum + ?2 * ?3, stars_1 = stars_1 + ?2 * (?3 = 1), "
    "stars_2 = stars_2 + ?2 * (?3 = 2), stars_3 = stars_3 + ?2 * (?3 = 3), "
    "stars_4 = stars_4 + ?2 * (?3 = 4), stars_5 = stars_5 + ?2 * (?3 = 5), updated_at = ?4";
constexpr std::string_view kSelectStats =
    "SELECT count, rating_sum, stars_1, stars_2, stars_3, stars_4, stars_5 FROM review_stats "
    "WHERE product_id = ?";

Review FromRow(const storage::Row& row) {
  return Review{.id = row.Text(0),
                .customer_id = row.Text(1),
                .product_id = row.OptText(2),
                .rating = row.Int(3),
                .title = row.Text(4),
                .text = row.Text(5),
                .source = row.Text(6),
                .source_url = row.OptText(7),
                .verified = row.Int(8) != 0,
                .language = row.Text(9),
                .sentiment = row.IsNull(10) ? std::nullopt : std::optional(row.Real(10)),
                .status = row.Text(11),
                .moderated_by = row.OptText(12),
                .moderated_at = row.OptText(13),
                .moderation_reason = row.OptText(14),
                .reply = row.OptText(15),
                .replied_by = row.OptText(16),
                .replied_at = row.OptText(17),
                .request_id = row.OptText(18),
                .created_at = row.Text(19),
                .published_at = row.OptText(20),
                .updated_at = row.Text(21),
                .version = row.Int(22)};
}

}  // namespace

Result<std::optional<Review>> Load(storage::Tx& tx, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectOne, {id}));
  if (rows.empty()) return std::optional<Review>();
  return std::optional<Review>(FromRow(rows.front()));
}

Status Insert(storage::Tx& tx, const Review& r) {
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsert, {r.id,
                                            r.customer_id,
                                            OptionalText(r.product_id),
                                            r.rating,
                                            r.title,
                                            r.text,
                                            r.source,
                                            OptionalText(r.source_url),
                                            int64_t{r.verified ? 1 : 0},
                                            r.language,
                                            r.sentiment ? Value(*r.sentiment) : storage::Null(),
                                            r.status,
                                            OptionalText(r.moderated_by),
                                            OptionalText(r.moderated_at),
                                            OptionalText(r.moderation_reason),
                                            OptionalText(r.reply),
                                            OptionalText(r.replied_by),
                                            OptionalText(r.replied_at),
                                            OptionalText(r.request_id),
                                            r.created_at,
                                            OptionalText(r.published_at),
                                            r.updated_at,
                                            r.version}));
  return OkStatus();
}

Status Save(storage::Tx& tx, const Review& r) {
  RAPPORT_RETURN_IF_ERROR(tx.Exec(
      kSave,
      {r.status, OptionalText(r.moderated_by), OptionalText(r.moderated_at),
       OptionalText(r.moderation_reason), OptionalText(r.reply), OptionalText(r.replied_by),
       OptionalText(r.replied_at), OptionalText(r.published_at), r.updated_at, r.version, r.id}));
  return OkStatus();
}

Result<std::vector<Review>> Select(storage::Tx& tx, std::string_view joins,
                                   const std::string& where,
                                   const std::vector<storage::Value>& params,
                                   std::string_view order, int limit) {
  const std::string sql = "SELECT " RAPPORT_REVIEW_COLUMNS " FROM reviews r " + std::string(joins) +
                          (where.empty() ? "" : " WHERE " + where) + " ORDER BY " +
                          std::string(order) + " LIMIT " + std::to_string(limit);
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, params));
  std::vector<Review> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(FromRow(row));
  return out;
}

Status CountPublished(storage::Tx& tx, const std::optional<std::string>& product_id, int64_t rating,
                      int64_t delta) {
  RAPPORT_RETURN_IF_ERROR(
      tx.Exec(kCountPublished, {product_id.value_or(""), delta, rating, NowInstant()}));
  return OkStatus();
}

Result<ReviewStats> LoadStats(storage::Tx& tx, const std::string& product_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectStats, {product_id}));
  ReviewStats stats;
  if (rows.empty()) return stats;
  stats.count = rows[0].Int(0);
  stats.rating_sum = rows[0].Int(1);
  for (size_t i = 0; i < 5; ++i) stats.stars[i] = rows[0].Int(2 + i);
  return stats;
}

}  // namespace rapport::feedback::review_store
