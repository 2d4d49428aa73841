#include "feedback/review_requests.hpp"

#include "common/ids.hpp"
#include "common/time.hpp"
#include "customers/customer_service.hpp"
#include "feedback/ask_recipient.hpp"
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

constexpr std::string_view kOrderCustomer = "SELECT customer_id FROM orders WHERE id = ?";
constexpr std::string_view kOrderHasProduct =
    "SELECT 1 FROM order_lines WHERE order_id = ? AND product_id = ? LIMIT 1";
constexpr std::string_view kProductName = "SELECT name FROM products WHERE id = ?";
constexpr std::string_view kInsertRequest =
    "INSERT INTO review_requests (id, customer_id, order_id, product_id, token_hash, language, "
    "status, expires_at, created_at, delivery, made_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
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
        key != "expires_in_days" && key != "delivery") {
      errors.push_back({std::string(key), "is not a known field"});
    }
  }
  ReviewRequestOptions options;
  const size_t before = errors.size();
  auto customer_id = ReadId(input, "customer_id", errors);
  // Absent or null: required (a malformed one was named by ReadId).
  if (!customer_id && errors.size() == before) errors.push_back({"customer_id", "is required"});
  options.order_id = ReadId(input, "order_id", errors);
  options.product_id = ReadId(input, "product_id", errors);
  if (const json::value* given = input.if_contains("language"); given != nullptr) {
    if (!given->is_string() || !IsSupportedLanguage(given->as_string())) {
      errors.push_back({"language", "must be en or de"});
    } else {
      options.language = std::string(given->as_string());
    }
  }
  if (const json::value* given = input.if_contains("delivery"); given != nullptr) {
    if (!given->is_string() || (given->as_string() != "link" && given->as_string() != "email")) {
      errors.push_back({"delivery", "must be link or email"});
    } else if (given->as_string() == "email" && (!mailer_.queue || !mailer_.token_for)) {
      errors.push_back({"delivery", "sending by e-mail is not set up on this server"});
    } else {
      options.delivery = std::string(given->as_string());
    }
  }
  if (const json::value* given = input.if_contains("expires_in_days"); given != nullptr) {
    if (!given->is_int64() || given->as_int64() < 1 || given->as_int64() > kMaxLinkDays) {
      errors.push_back({"expires_in_days", "must be a whole number from 1 to 365"});
    } else {
      options.days = given->as_int64();
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  options.customer_id = *customer_id;
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(customers::ReadableCustomerOwner(tx, access, options.customer_id));
    if (options.order_id) {
      RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kOrderCustomer, {*options.order_id}));
      if (rows.empty() || rows[0].Text(0) != options.customer_id) {
        return Error::Invalid("order_id", "must be an order of this customer");
      }
    }
    if (options.product_id) {
      RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kProductName, {*options.product_id}));
      if (rows.empty()) return Error::Invalid("product_id", "no product has this id");
      if (options.order_id) {
        RAPPORT_ASSIGN_OR_RETURN(
            Rows lines, tx.Query(kOrderHasProduct, {*options.order_id, *options.product_id}));
        if (lines.empty()) return Error::Invalid("product_id", "is not on this order");
      }
    }
    RAPPORT_ASSIGN_OR_RETURN(served, RequestInTx(tx, context, options, NowMillis()));
    return context.Written(tx, served);
  }));
  return served;
}

Result<json::object> ReviewRequests::RequestInTx(Tx& tx, const storage::WriteContext& context,
                                                 const ReviewRequestOptions& options, int64_t now) {
  const bool by_mail = options.delivery == "email";
  if (by_mail && (!mailer_.queue || !mailer_.token_for)) {
    return Error::Invalid("delivery", "sending by e-mail is not set up on this server");
  }
  const std::string& customer_id = options.customer_id;
  const std::string language = options.language.value_or(AskLanguageFor(tx, customer_id));
  const std::string id = NewId("rrq");
  std::string status = "sent";
  std::optional<std::string> address;
  if (by_mail) {
    // A mail asking for a review is advertising (in the EU as any other): marketing consent.
    RAPPORT_ASSIGN_OR_RETURN(bool consented, HasMarketingEmailConsent(tx, customer_id));
    if (!consented) status = "no_consent";
    if (status == "sent") {
      RAPPORT_ASSIGN_OR_RETURN(address, MailAddressOf(tx, customer_id));
      if (!address) status = "no_email";
    }
  }
  // The budget is spent only on an ask that can reach the customer.
  if (status == "sent") {
    RAPPORT_ASSIGN_OR_RETURN(AskOutcome asked,
                             TryAsk(tx, customer_id, kAskReviewRequest, budget_, now));
    if (asked == AskOutcome::kThrottled) status = "throttled";
  }
  std::optional<std::string> token;
  std::optional<std::string> expires_at;
  if (status == "sent") {
    token = by_mail ? mailer_.token_for(id) : RandomToken(16);
    expires_at = FormatInstant(now + options.days * kMillisPerDay);
  }
  RAPPORT_RETURN_IF_ERROR(
      tx.Exec(kInsertRequest,
              {id, customer_id, OptionalText(options.order_id), OptionalText(options.product_id),
               token ? storage::Value(HashLinkToken(*token)) : storage::Null(), language, status,
               OptionalText(expires_at), FormatInstant(now), options.delivery,
               OptionalText(options.made_by)}));
  if (by_mail && status == "sent") {
    RAPPORT_RETURN_IF_ERROR(mailer_.queue(tx, id, customer_id, *address));
  }
  json::object request{{"id", id},
                       {"customer_id", customer_id},
                       {"order_id", Opt(options.order_id)},
                       {"product_id", Opt(options.product_id)},
                       {"language", language},
                       {"delivery", options.delivery},
                       {"status", status},
                       {"made_by", Opt(options.made_by)},
                       {"expires_at", Opt(expires_at)},
                       {"created_at", FormatInstant(now)}};
  RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, "review.requested", "customer",
                                               customer_id, {{"request", request}}));
  // A mailed link is never shown: it is for the customer's inbox only.
  request["link"] =
      token && !by_mail ? json::value(public_base_ + "/r/" + *token) : json::value(nullptr);
  return request;
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
