#include "feedback/review_requests.hpp"

#include "common/ids.hpp"
#include "common/text.hpp"
#include "common/time.hpp"
#include "customers/customer_service.hpp"
#include "feedback/review_service.hpp"
#include "feedback/survey_definition.hpp"
#include "feedback/survey_invitations.hpp"
#include "storage/outbox.hpp"

namespace rapport::feedback {
namespace {

using storage::OptionalText;
using storage::Rows;
using storage::Tx;

constexpr int64_t kMillisPerDay = int64_t{24} * 60 * 60 * 1000;
constexpr size_t kMaxRecordId = 64;

constexpr std::string_view kCustomerLanguage = "SELECT language FROM customers WHERE id = ?";
constexpr std::string_view kOrderCustomer = "SELECT customer_id FROM orders WHERE id = ?";
constexpr std::string_view kOrderHasProduct =
    "SELECT 1 FROM order_lines WHERE order_id = ? AND product_id = ? LIMIT 1";
constexpr std::string_view kProductName = "SELECT name FROM products WHERE id = ?";
constexpr std::string_view kInsertRequest =
    "INSERT INTO review_requests (id, customer_id, order_id, product_id, token_hash, language, "
    "status, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectByHash =
    "SELECT id, customer_id, product_id, language, status, expires_at FROM review_requests "
    "WHERE token_hash = ?";
constexpr std::string_view kComplete =
    "UPDATE review_requests SET status = 'completed', completed_at = ? WHERE id = ? AND "
    "status = 'sent'";

struct Request {
  std::string id;
  std::string customer_id;
  std::optional<std::string> product_id;
  std::string language;
  std::string status;
  std::optional<std::string> expires_at;
};

json::value Opt(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

Error NoLink() {
  return Error::NotFound("This review link is not valid. Please use the link from your e-mail.");
}

Result<Request> LoadByToken(Tx& tx, const std::string& token) {
  if (!IsTokenShape(token)) return NoLink();
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectByHash, {HashLinkToken(token)}));
  if (rows.empty()) return NoLink();
  const auto& row = rows.front();
  Request request{.id = row.Text(0),
                  .customer_id = row.Text(1),
                  .product_id = row.OptText(2),
                  .language = row.Text(3),
                  .status = row.Text(4),
                  .expires_at = row.OptText(5)};
  if (request.status == "completed") return request;
  if (request.status != "sent") return NoLink();
  if (request.expires_at && *request.expires_at <= NowInstant()) {
    return Error::Conflict("This review link has expired.");
  }
  return request;
}

Result<ReviewRequestPage> PageFor(Tx& tx, const Request& request) {
  ReviewRequestPage page{.language = request.language, .completed = request.status == "completed"};
  if (request.product_id) {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kProductName, {*request.product_id}));
    if (!rows.empty()) page.about = rows[0].Text(0);
  }
  return page;
}

std::optional<std::string> ReadId(const json::object& input, std::string_view field,
                                  std::vector<FieldError>& errors) {
  const json::value* value = input.if_contains(field);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (!value->is_string() || value->as_string().empty() ||
      value->as_string().size() > kMaxRecordId) {
    errors.push_back({std::string(field), "must be an id"});
    return std::nullopt;
  }
  return std::string(value->as_string());
}

}  // namespace

Result<json::object> ReviewRequests::Send(const access::Access& access,
                                          const storage::WriteContext& context,
                                          const json::object& input) {
  if (access.LevelFor(access::Object::kReviews, access::Action::kCreate) != access::Level::kAll) {
    return access::NotPermitted(access::Object::kReviews, access::Action::kCreate);
  }
  std::vector<FieldError> errors;
  for (const auto& [key, unused] : input) {
    if (key != "customer_id" && key != "order_id" && key != "product_id" && key != "language" &&
        key != "expires_in_days") {
      errors.push_back({std::string(key), "is not a known field"});
    }
  }
  auto customer_id = ReadId(input, "customer_id", errors);
  if (!customer_id && !input.contains("customer_id")) {
    errors.push_back({"customer_id", "is required"});
  }
  auto order_id = ReadId(input, "order_id", errors);
  auto product_id = ReadId(input, "product_id", errors);
  std::optional<std::string> language;
  if (const json::value* given = input.if_contains("language"); given != nullptr) {
    if (!given->is_string() || !IsSupportedLanguage(given->as_string())) {
      errors.push_back({"language", "must be en or de"});
    } else {
      language = std::string(given->as_string());
    }
  }
  int64_t days = kDefaultLinkDays;
  if (const json::value* given = input.if_contains("expires_in_days"); given != nullptr) {
    if (!given->is_int64() || given->as_int64() < 1 || given->as_int64() > kMaxLinkDays) {
      errors.push_back({"expires_in_days", "must be a whole number from 1 to 365"});
    } else {
      days = given->as_int64();
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(customers::ReadableCustomerOwner(tx, access, *customer_id));
    if (order_id) {
      RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kOrderCustomer, {*order_id}));
      if (rows.empty() || rows[0].Text(0) != *customer_id) {
        return Error::Invalid("order_id", "must be an order of this customer");
      }
    }
    if (product_id) {
      RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kProductName, {*product_id}));
      if (rows.empty()) return Error::Invalid("product_id", "no product has this id");
      if (order_id) {
        RAPPORT_ASSIGN_OR_RETURN(Rows lines, tx.Query(kOrderHasProduct, {*order_id, *product_id}));
        if (lines.empty()) return Error::Invalid("product_id", "is not on this order");
      }
    }
    if (!language) {
      RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kCustomerLanguage, {*customer_id}));
      const std::string theirs =
          rows.empty() ? "" : ToLowerAscii(rows.front().Text(0)).substr(0, 2);
      language = IsSupportedLanguage(theirs) ? theirs : "en";
    }
    const int64_t now = NowMillis();
    const std::string id = NewId("rrq");
    RAPPORT_ASSIGN_OR_RETURN(AskOutcome asked,
                             TryAsk(tx, *customer_id, kAskReviewRequest, budget_, now));
    const std::string status = asked == AskOutcome::kAllowed ? "sent" : "throttled";
    std::optional<std::string> token;
    std::optional<std::string> expires_at;
    if (status == "sent") {
      token = RandomToken(16);
      expires_at = FormatInstant(now + days * kMillisPerDay);
    }
    RAPPORT_RETURN_IF_ERROR(
        tx.Exec(kInsertRequest, {id, *customer_id, OptionalText(order_id), OptionalText(product_id),
                                 token ? storage::Value(HashLinkToken(*token)) : storage::Null(),
                                 *language, status, OptionalText(expires_at), FormatInstant(now)}));
    json::object request{{"id", id},
                         {"customer_id", *customer_id},
                         {"order_id", Opt(order_id)},
                         {"product_id", Opt(product_id)},
                         {"language", *language},
                         {"status", status},
                         {"expires_at", Opt(expires_at)},
                         {"created_at", FormatInstant(now)}};
    RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, "review.requested", "customer",
                                                 *customer_id, {{"request", request}}));
    request["link"] = token ? json::value(public_base_ + "/r/" + *token) : json::value(nullptr);
    RAPPORT_RETURN_IF_ERROR(context.Written(tx, request));
    served = std::move(request);
    return OkStatus();
  }));
  return served;
}

Result<ReviewRequestPage> ReviewRequests::Current(const std::string& token) {
  ReviewRequestPage page;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Request request, LoadByToken(tx, token));
    RAPPORT_ASSIGN_OR_RETURN(page, PageFor(tx, request));
    return OkStatus();
  }));
  return page;
}

Result<ReviewRequestPage> ReviewRequests::Submit(const storage::WriteContext& context,
                                                 const std::string& token,
                                                 const ReviewWords& words) {
  ReviewRequestPage page;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Request request, LoadByToken(tx, token));
    if (request.status == "completed") {
      return Error::Conflict("This link was used already; the first review counts.");
    }
    ReviewInput input{.customer_id = request.customer_id,
                      .product_id = request.product_id,
                      .rating = words.rating,
                      .title = words.title,
                      .text = words.text,
                      .source = "invited",
                      .language = request.language};
    // The link authorised this review of its customer; it stays pending until moderated.
    RAPPORT_RETURN_IF_ERROR(
        CreateReviewInTx(tx, access::Access::Unrestricted(), context, input, request.id));
    RAPPORT_ASSIGN_OR_RETURN(int64_t changed, tx.Exec(kComplete, {NowInstant(), request.id}));
    if (changed != 1)
      return Error::Conflict("This link was used already; the first review counts.");
    request.status = "completed";
    RAPPORT_ASSIGN_OR_RETURN(page, PageFor(tx, request));
    return OkStatus();
  }));
  return page;
}

}  // namespace rapport::feedback
