// /api/v1/products, orders and refunds, and a customer's value. Every body that could carry
// payment data passes the card guard first: a card number or security code is refused, naming
// the field, and never reaches a service, the database or the log.
#include <functional>

#include "commerce/card_guard.hpp"
#include "commerce/customer_value.hpp"
#include "commerce/order_service.hpp"
#include "commerce/payment_service.hpp"
#include "commerce/product_service.hpp"
#include "customers/customer_service.hpp"
#include "http/api.hpp"
#include "http/handler_support.hpp"

namespace rapport::http {
namespace {

// The body, parsed and checked for card data.
Result<json::object> GuardedBody(const Request& request) {
  RAPPORT_ASSIGN_OR_RETURN(json::object body, ParseBody(request));
  RAPPORT_RETURN_IF_ERROR(commerce::RefuseCardData(body));
  return body;
}

using Create =
    std::function<Result<json::object>(const storage::WriteContext&, const json::object&)>;

// The create routes' one shape: guard the body, then create under the Idempotency-Key.
// `location` names the created resource (empty: no Location header); `read_back` re-reads it for
// a replay with the caller's current access.
Response GuardedCreate(ApiServices& s, const Request& request, const Caller& caller,
                       const Create& create,
                       const std::function<std::string(const json::object&)>& location,
                       const ReadBack& read_back) {
  auto body = GuardedBody(request);
  if (!body.ok()) return ErrorResponse(request, body.error());
  return IdempotentCreate(
      s.database, request, caller,
      [&](const storage::WriteContext& context) { return create(context, *body); }, location,
      read_back);
}

// The refund named by a first response, if its order is still readable to the caller.
Result<json::object> CurrentRefund(ApiServices& s, const Caller& caller,
                                   const json::object& first) {
  RAPPORT_ASSIGN_OR_RETURN(json::object order,
                           s.orders.Get(caller.Access(), StoredId(first, "order_id")));
  for (const auto& refund : order.at("refunds").as_array()) {
    if (refund.as_object().at("id") == first.at("id")) return first;  // nothing in it is hidden
  }
  return Error::NotFound("No refund has the id " + StoredId(first) + ".");
}

// The payment named by a first response, as the customer's payments list now shows it.
Result<json::object> CurrentPayment(ApiServices& s, const Caller& caller,
                                    const std::string& customer_id, const json::object& first) {
  RAPPORT_ASSIGN_OR_RETURN(json::array payments, s.payments.Payments(caller.Access(), customer_id));
  for (auto& payment : payments) {
    if (payment.as_object().at("id") == first.at("id")) return std::move(payment.as_object());
  }
  return Error::NotFound("No payment has the id " + StoredId(first) + ".");
}

std::string NoLocation(const json::object&) { return {}; }

std::string OrderUrl(const json::object& order) {
  return "/api/v1/orders/" + std::string(order.at("id").as_string());
}

Response PlaceOrder(ApiServices& s, const Request& request, const Caller& caller,
                    const std::string& customer_id, const json::object& body) {
  return IdempotentCreate(
      s.database, request, caller,
      [&](const storage::WriteContext& context) {
        return s.orders.Place(caller.Access(), context, customer_id, body);
      },
      OrderUrl,
      [&](const json::object& first) { return s.orders.Get(caller.Access(), StoredId(first)); });
}

}  // namespace

void AddCommerceRoutes(Router& router, ApiServices& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/products",
              .summary = "The catalogue by name; q matches name or SKU; include_inactive=true",
              .tag = "commerce",
              .response_schema = "ProductPage",
              .handler = [&s](const Request& request, const PathParams&, const Caller&) {
                auto limit = ParseLimit(request.Query("limit"));
                if (!limit.ok()) return ErrorResponse(request, limit.error());
                return PageResponse(
                    request,
                    s.products.List(request.Query("q"), request.Query("include_inactive") == "true",
                                    *limit, request.Query("cursor")));
              }});
  router.Add({.method = "POST",
              .pattern = "/api/v1/products",
              .summary = "Add a product: {sku, name, category?, price, currency, active?} "
                         "(administrators only)",
              .tag = "commerce",
              .success_status = 201,
              .request_schema = "ProductInput",
              .response_schema = "Product",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                if (auto denied = RequireAdmin(request, caller)) return *denied;
                return GuardedCreate(
                    s, request, caller,
                    [&](const auto& context, const auto& body) {
                      return s.products.Create(context, body);
                    },
                    [](const json::object& product) {
                      return "/api/v1/products/" + std::string(product.at("id").as_string());
                    },
                    [&](const json::object& first) { return s.products.Get(StoredId(first)); });
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/products/{id}",
              .summary = "One product (ETag)",
              .tag = "commerce",
              .response_schema = "Product",
              .handler = [&s](const Request& request, const PathParams& params, const Caller&) {
                return RecordResponse(request, s.products.Get(params.at("id")));
              }});
  router.Add(
      {.method = "PATCH",
       .pattern = "/api/v1/products/{id}",
       .summary = "Change a product's name, category, price, currency or active flag "
                  "(administrators only; If-Match honoured)",
       .tag = "commerce",
       .request_schema = "ProductInput",
       .response_schema = "Product",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         if (auto denied = RequireAdmin(request, caller)) return *denied;
         if (auto body = GuardedBody(request); !body.ok())
           return ErrorResponse(request, body.error());
         return VersionedPatch(request, caller,
                               [&](const auto& context, const auto& patch, auto v) {
                                 return s.products.Update(context, params.at("id"), patch, v);
                               });
       }});
  router.Add(VersionedDeleteRoute(
      "/api/v1/products/{id}",
      "Delete a product; order lines that sold it keep its SKU and description (administrators "
      "only; If-Match honoured)",
      "commerce", [&s](const Caller& caller, const auto& context, const std::string& id, auto v) {
        return s.products.Delete(caller.Access(), context, id, v);
      }));
  router.Add(
      {.method = "POST",
       .pattern = "/api/v1/customers/{id}/orders",
       .summary = "Place an order for the customer; totals are computed from the lines "
                  "(Idempotency-Key honoured: a retried order is counted once)",
       .tag = "commerce",
       .success_status = 201,
       .request_schema = "OrderInput",
       .response_schema = "Order",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         return GuardedCreate(
             s, request, caller,
             [&](const auto& context, const auto& body) {
               return s.orders.Place(caller.Access(), context, params.at("id"), body);
             },
             OrderUrl,
             [&](const json::object& first) {
               return s.orders.Get(caller.Access(), StoredId(first));
             });
       }});
  router.Add({.method = "POST",
              .pattern = "/api/v1/orders",
              .summary = "Place an order: the same as /customers/{id}/orders with customer_id in "
                         "the body",
              .tag = "commerce",
              .success_status = 201,
              .request_schema = "OrderInput",
              .response_schema = "Order",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                auto body = GuardedBody(request);
                if (!body.ok()) return ErrorResponse(request, body.error());
                auto customer_id = OptionalString(*body, "customer_id", "customer_id");
                if (!customer_id.ok()) return ErrorResponse(request, customer_id.error());
                if (!*customer_id) {
                  return ErrorResponse(request, Error::Invalid("customer_id", "is required"));
                }
                body->erase("customer_id");
                return PlaceOrder(s, request, caller, **customer_id, *body);
              }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/customers/{id}/orders",
       .summary = "The customer's orders, newest first",
       .tag = "commerce",
       .response_schema = "OrderPage",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         auto limit = ParseLimit(request.Query("limit"));
         if (!limit.ok()) return ErrorResponse(request, limit.error());
         return PageResponse(request, s.orders.ListForCustomer(caller.Access(), params.at("id"),
                                                               *limit, request.Query("cursor")));
       }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/orders/{id}",
       .summary = "One order with its lines and refunds (ETag)",
       .tag = "commerce",
       .response_schema = "Order",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         return RecordResponse(request, s.orders.Get(caller.Access(), params.at("id")));
       }});
  router.Add(
      {.method = "PATCH",
       .pattern = "/api/v1/orders/{id}",
       .summary = "Move an order to paid, fulfilled or cancelled, or change its notes (If-Match)",
       .tag = "commerce",
       .request_schema = "OrderPatch",
       .response_schema = "Order",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         if (auto body = GuardedBody(request); !body.ok())
           return ErrorResponse(request, body.error());
         return VersionedPatch(
             request, caller, [&](const auto& context, const auto& patch, auto v) {
               return s.orders.Update(caller.Access(), context, params.at("id"), patch, v);
             });
       }});
  router.Add(VersionedDeleteRoute(
      "/api/v1/orders/{id}",
      "Remove an order entered by mistake, with its timeline entries and its share of the "
      "customer's value (customers delete level; If-Match honoured)",
      "commerce", [&s](const Caller& caller, const auto& context, const std::string& id, auto v) {
        return s.orders.Delete(caller.Access(), context, id, v);
      }));
  router.Add(
      {.method = "POST",
       .pattern = "/api/v1/orders/{id}/refunds",
       .summary = "Refund part or all of an order: {amount, reason?} (Idempotency-Key honoured)",
       .tag = "commerce",
       .success_status = 201,
       .request_schema = "RefundInput",
       .response_schema = "Refund",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         return GuardedCreate(
             s, request, caller,
             [&](const auto& context, const auto& body) {
               return s.orders.Refund(caller.Access(), context, params.at("id"), body);
             },
             NoLocation,
             [&](const json::object& first) { return CurrentRefund(s, caller, first); });
       }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/customers/{id}/value",
       .summary = "What the customer is worth: orders, total spent, average order, first "
                  "and last purchase, favourite category, lifetime value",
       .tag = "commerce",
       .response_schema = "CustomerValue",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         json::object value;
         Status status = s.database.Read([&](storage::Tx& tx) -> Status {
           RAPPORT_RETURN_IF_ERROR(
               customers::ReadableCustomerOwner(tx, caller.Access(), params.at("id")));
           RAPPORT_ASSIGN_OR_RETURN(value, commerce::LoadCustomerValue(tx, params.at("id")));
           return OkStatus();
         });
         if (!status.ok()) return ErrorResponse(request, status.error());
         return Response::Json(200, value);
       }});
  router.Add(
      {.method = "POST",
       .pattern = "/api/v1/customers/{id}/payments",
       .summary = "Record a payment: {amount, currency, method, status, processor_reference?, "
                  "occurred_at?, order_id?} (Idempotency-Key honoured)",
       .tag = "commerce",
       .success_status = 201,
       .request_schema = "PaymentInput",
       .response_schema = "Payment",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         return GuardedCreate(
             s, request, caller,
             [&](const auto& context, const auto& body) {
               return s.payments.Record(caller.Access(), context, params.at("id"), body);
             },
             NoLocation,
             [&](const json::object& first) {
               return CurrentPayment(s, caller, params.at("id"), first);
             });
       }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/customers/{id}/payments",
       .summary = "The customer's payments, newest first",
       .tag = "commerce",
       .response_schema = "PaymentList",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         auto payments = s.payments.Payments(caller.Access(), params.at("id"));
         if (!payments.ok()) return ErrorResponse(request, payments.error());
         return Response::Json(200, json::object{{"data", std::move(payments).value()}});
       }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/customers/{id}/payment-methods",
       .summary = "The customer's saved payment methods (sensitive: hidden from some roles)",
       .tag = "commerce",
       .response_schema = "PaymentMethodList",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         auto methods = s.payments.Methods(caller.Access(), params.at("id"));
         if (!methods.ok()) return ErrorResponse(request, methods.error());
         return Response::Json(200, json::object{{"data", std::move(methods).value()}});
       }});
  router.Add(
      {.method = "POST",
       .pattern = "/api/v1/customers/{id}/payment-methods",
       .summary = "Save a payment method: {type, processor_token, brand?, last4?, "
                  "exp_month?, exp_year?, billing_address?, is_default?} — never a card "
                  "number",
       .tag = "commerce",
       .success_status = 201,
       .request_schema = "PaymentMethodInput",
       .response_schema = "PaymentMethod",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         auto body = GuardedBody(request);
         if (!body.ok()) return ErrorResponse(request, body.error());
         return RecordResponse(
             request,
             s.payments.AddMethod(caller.Access(), caller.Context(), params.at("id"), *body), 201);
       }});
  router.Add(
      {.method = "PATCH",
       .pattern = "/api/v1/customers/{id}/payment-methods/{method}",
       .summary = "Replace a payment method's token, expiry, billing address or default flag "
                  "(If-Match honoured)",
       .tag = "commerce",
       .request_schema = "PaymentMethodInput",
       .response_schema = "PaymentMethod",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         if (auto body = GuardedBody(request); !body.ok())
           return ErrorResponse(request, body.error());
         return VersionedPatch(
             request, caller, [&](const auto& context, const auto& patch, auto v) {
               return s.payments.UpdateMethod(caller.Access(), context, params.at("id"),
                                              params.at("method"), patch, v);
             });
       }});
  router.Add(
      {.method = "DELETE",
       .pattern = "/api/v1/customers/{id}/payment-methods/{method}",
       .summary = "Remove a payment method (the oldest remaining one becomes the default)",
       .tag = "commerce",
       .success_status = 204,
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         Status removed = s.payments.RemoveMethod(caller.Access(), caller.Context(),
                                                  params.at("id"), params.at("method"));
         if (!removed.ok()) return ErrorResponse(request, removed.error());
         return Response::NoContent();
       }});
}

}  // namespace rapport::http
