// Generates the OpenAPI 3.1 document from the route table, so the document cannot drift from
// the routes that actually dispatch. Schemas of the bodies are written out below.
#include <algorithm>

#include "http/api.hpp"
#include "http/loyalty_card_routes.hpp"
#include "http/review_routes.hpp"
#include "http/survey_routes.hpp"
#include "http/upcoming_dates_routes.hpp"
#include "http/voucher_routes.hpp"

namespace rapport::http {
namespace {

// JSON Schema (2020-12, as OpenAPI 3.1 uses) of the request and response bodies.
constexpr std::string_view kSchemas = R"json({
  "Problem": {"type": "object", "required": ["type", "title", "status"], "properties": {
    "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
    "detail": {"type": "string"}, "instance": {"type": "string"},
    "errors": {"type": "array", "items": {"type": "object", "properties": {
      "field": {"type": "string"}, "message": {"type": "string"}}}}}},
  "Email": {"type": "object", "required": ["address"], "properties": {
    "address": {"type": "string", "format": "email"}, "label": {"type": ["string", "null"]},
    "primary": {"type": "boolean"}}},
  "Phone": {"type": "object", "required": ["number"], "properties": {
    "number": {"type": "string", "description": "E.164 once stored; input may be national (read in the address country or default_phone_region), with spaces, dashes, 00"},
    "display": {"type": "string", "readOnly": true, "description": "the number in international format for reading, e.g. +49 1523 4944775"},
    "label": {"type": ["string", "null"]}, "primary": {"type": "boolean"}}},
  "Address": {"type": "object", "properties": {"label": {"type": "string"},
    "line1": {"type": "string"}, "line2": {"type": "string"}, "city": {"type": "string"},
    "region": {"type": "string"}, "postal_code": {"type": "string"},
    "country": {"type": "string", "pattern": "^[A-Z]{2}$"}}},
  "ConsentState": {"type": "object", "properties": {
    "status": {"enum": ["granted", "denied", "unknown"]},
    "recorded_at": {"type": ["string", "null"], "format": "date-time"},
    "source": {"type": ["string", "null"]}, "wording_version": {"type": ["string", "null"]}}},
  "Consent": {"type": "object", "description": "channel (email, sms, phone) -> purpose (marketing, service) -> state",
    "additionalProperties": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/ConsentState"}}},
  "CustomerInput": {"type": "object", "additionalProperties": false, "properties": {
    "first_name": {"type": ["string", "null"]}, "last_name": {"type": ["string", "null"]},
    "display_name": {"type": ["string", "null"]},
    "emails": {"type": "array", "items": {"$ref": "#/components/schemas/Email"}},
    "phones": {"type": "array", "items": {"$ref": "#/components/schemas/Phone"}},
    "addresses": {"type": "array", "items": {"$ref": "#/components/schemas/Address"}},
    "birthday": {"type": ["string", "null"], "format": "date"},
    "language": {"type": ["string", "null"]}, "time_zone": {"type": ["string", "null"]},
    "company_id": {"type": ["string", "null"]}, "owner_id": {"type": ["string", "null"]},
    "lifecycle_stage": {"enum": ["lead", "prospect", "customer", "churned"]},
    "relationship_type": {"enum": ["transactional", "long_term", "self_service", "personal_assistance",
      "dedicated_assistance", "automated", "community", "co_creation", null]},
    "preferred_channel": {"enum": ["email", "phone", "chat", "social", "in_person", "web", "sms", "other", null]},
    "tags": {"type": "array", "items": {"type": "string"}},
    "consent": {"$ref": "#/components/schemas/Consent"},
    "custom_fields": {"type": "object", "additionalProperties": true}, "external_id": {"type": ["string", "null"]}}},
  "Customer": {"type": "object", "required": ["id", "first_name", "last_name", "display_name", "company_id",
      "owner_id", "lifecycle_stage", "emails", "phones", "tags", "custom_fields", "consent", "created_at",
      "updated_at", "version"],
    "allOf": [{"$ref": "#/components/schemas/CustomerInput"}, {"type": "object", "properties": {
    "id": {"type": "string"}, "display_name": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"},
    "updated_at": {"type": "string", "format": "date-time"}, "version": {"type": "integer"}}}]},
  "CustomerPage": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Customer"}},
    "next_cursor": {"type": ["string", "null"]}}},
  "Filter": {"description": "and/or/not tree of {field, op, value} conditions; see docs/design/filters.md",
    "oneOf": [
      {"type": "object", "required": ["and"], "properties": {"and": {"type": "array", "items": {"$ref": "#/components/schemas/Filter"}}}},
      {"type": "object", "required": ["or"], "properties": {"or": {"type": "array", "items": {"$ref": "#/components/schemas/Filter"}}}},
      {"type": "object", "required": ["not"], "properties": {"not": {"$ref": "#/components/schemas/Filter"}}},
      {"type": "object", "required": ["field", "op", "value"], "properties": {
        "field": {"type": "string"},
        "op": {"enum": ["eq", "neq", "lt", "lte", "gt", "gte", "in", "contains", "starts_with", "exists"]},
        "value": {}}}]},
  "CustomerSearch": {"type": "object", "properties": {"filter": {"$ref": "#/components/schemas/Filter"},
    "q": {"type": "string"}, "sort": {"type": "string"}, "limit": {"type": "integer", "minimum": 1, "maximum": 200},
    "cursor": {"type": ["string", "null"]}}},
  "CustomerBatch": {"type": "object", "required": ["records"], "properties": {
    "upsert_on": {"enum": ["email", "external_id"]},
    "records": {"type": "array", "maxItems": 1000, "items": {"$ref": "#/components/schemas/CustomerInput"}}}},
  "BatchResult": {"type": "object", "properties": {
    "results": {"type": "array", "items": {"type": "object", "properties": {
      "index": {"type": "integer"}, "status": {"enum": ["created", "updated", "error"]},
      "id": {"type": "string"}, "errors": {"type": "array"}}}},
    "created": {"type": "integer"}, "updated": {"type": "integer"}, "failed": {"type": "integer"}}},
  "ConsentHistory": {"type": "object", "required": ["current", "history"], "properties": {
    "current": {"$ref": "#/components/schemas/Consent"},
    "history": {"type": "array", "items": {"type": "object", "required": ["channel", "purpose", "status",
      "recorded_at", "source", "wording_version"], "properties": {"channel": {"type": "string"},
      "purpose": {"type": "string"}, "status": {"enum": ["granted", "denied", "unknown"]},
      "recorded_at": {"type": "string", "format": "date-time"}, "source": {"type": ["string", "null"]},
      "wording_version": {"type": ["string", "null"]}}}}}},
  "InteractionInput": {"type": "object", "required": ["channel", "direction", "kind"], "properties": {
    "channel": {"enum": ["email", "phone", "chat", "social", "in_person", "web", "sms", "other"]},
    "direction": {"enum": ["inbound", "outbound", "internal"]},
    "kind": {"type": "string", "pattern": "^[a-z_]{1,40}$"},
    "subject": {"type": ["string", "null"]}, "body": {"type": ["string", "null"]},
    "occurred_at": {"type": "string", "format": "date-time"},
    "duration_seconds": {"type": ["integer", "null"]}, "staff_id": {"type": ["string", "null"]},
    "sentiment": {"enum": ["positive", "neutral", "negative", "unknown"]},
    "external_ref": {"type": ["string", "null"]}, "metadata": {"type": "object"}}},
  "Interaction": {"type": "object", "required": ["id", "customer_id", "channel", "direction", "kind", "subject",
      "occurred_at", "duration_seconds", "staff_id", "sentiment"], "allOf": [{"$ref": "#/components/schemas/InteractionInput"}, {"type": "object", "properties": {
    "id": {"type": "string"}, "customer_id": {"type": "string"},
    "created_at": {"type": "string", "format": "date-time"}}}]},
  "InteractionPage": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Interaction"}},
    "next_cursor": {"type": ["string", "null"]}}},
  "CustomerOverview": {"type": "object", "required": ["customer", "company", "consent", "interaction_counts",
      "interaction_total", "last_contact_at", "timeline"], "properties": {
    "customer": {"$ref": "#/components/schemas/Customer"},
    "company": {"oneOf": [{"$ref": "#/components/schemas/Company"}, {"type": "null"}]},
    "consent": {"$ref": "#/components/schemas/Consent"},
    "interaction_counts": {"type": ["object", "null"], "additionalProperties": {"type": "integer"},
      "description": "null when the caller may not read interactions"},
    "interaction_total": {"type": ["integer", "null"]},
    "last_contact_at": {"type": ["string", "null"], "format": "date-time"},
    "timeline": {"type": "array", "items": {"$ref": "#/components/schemas/Interaction"}},
    "value": {"$ref": "#/components/schemas/CustomerValue", "description": "when the caller may read orders"}}},
  "CompanyInput": {"type": "object", "additionalProperties": false, "required": ["name"], "properties": {
    "name": {"type": "string"}, "domain": {"type": ["string", "null"]},
    "industry": {"type": ["string", "null"]}, "size": {"type": ["string", "null"]},
    "address": {"oneOf": [{"$ref": "#/components/schemas/Address"}, {"type": "null"}]},
    "owner_id": {"type": ["string", "null"]}, "tags": {"type": "array", "items": {"type": "string"}},
    "custom_fields": {"type": "object", "additionalProperties": true}}},
  "Company": {"type": "object", "required": ["id", "name", "domain", "owner_id", "tags", "custom_fields",
      "created_at", "updated_at", "version"], "allOf": [{"$ref": "#/components/schemas/CompanyInput"}, {"type": "object", "properties": {
    "id": {"type": "string"}, "created_at": {"type": "string"}, "updated_at": {"type": "string"},
    "version": {"type": "integer"}}}]},
  "CompanyPage": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Company"}},
    "next_cursor": {"type": ["string", "null"]}}},
  "CustomField": {"type": "object", "required": ["object_type", "key", "label", "type", "options", "required",
      "sensitive"], "properties": {
    "object_type": {"enum": ["customer", "company", "product"]}, "key": {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,63}$"},
    "label": {"type": "string"}, "type": {"enum": ["text", "number", "date", "boolean", "select"]},
    "options": {"type": "array", "items": {"type": "string"}}, "required": {"type": "boolean"},
    "sensitive": {"type": "boolean"}, "created_at": {"type": "string", "readOnly": true},
    "version": {"type": "integer", "readOnly": true}}},
  "CustomFieldPatch": {"type": "object", "properties": {
    "label": {"type": "string", "minLength": 1}, "options": {"type": "array", "items": {"type": "string"}},
    "required": {"type": "boolean"}, "sensitive": {"type": "boolean"}}},
  "CustomFieldList": {"type": "object", "required": ["data"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/CustomField"}}}},
  "AuditPage": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/AuditEntry"}},
    "next_cursor": {"type": ["string", "null"]}}},
  "AuditEntry": {"type": "object", "required": ["seq", "occurred_at", "actor", "via", "action", "object_type",
      "object_id", "changes"], "properties": {
      "seq": {"type": "integer"}, "occurred_at": {"type": "string", "format": "date-time"},
      "actor": {"type": "string"}, "via": {"enum": ["api", "cli", "import", "system"]},
      "action": {"enum": ["create", "update", "delete"]}, "object_type": {"type": "string"},
      "object_id": {"type": "string"}, "request_id": {"type": ["string", "null"]},
      "changes": {"type": "array", "items": {"type": "object", "required": ["field", "old", "new"], "properties": {
        "field": {"type": "string"}, "old": {}, "new": {}}}}}},
  "Login": {"type": "object", "required": ["email", "password"], "properties": {
    "email": {"type": "string"}, "password": {"type": "string"}}},
  "SignedIn": {"type": "object", "properties": {"user": {"type": "object"},
    "session_id": {"type": "string"}, "csrf_token": {"type": "string"},
    "expires_at": {"type": "string", "format": "date-time"}}},
  "Me": {"type": "object", "required": ["actor", "access"], "properties": {"actor": {"type": "string"},
    "user": {"$ref": "#/components/schemas/User"}, "session_id": {"type": "string"}, "csrf_token": {"type": "string"},
    "access": {"$ref": "#/components/schemas/Access"}}},
  "AccessLevel": {"enum": ["all", "team", "own", "none"]},
  "Access": {"type": "object", "required": ["admin", "grants", "fields"], "properties": {"admin": {"type": "boolean"},
    "grants": {"type": "object", "description": "object -> action -> level", "additionalProperties": {
      "type": "object", "additionalProperties": {"$ref": "#/components/schemas/AccessLevel"}}},
    "fields": {"type": "object", "description": "object -> field -> rule (fields not named are visible)",
      "additionalProperties": {"type": "object", "additionalProperties": {"enum": ["hidden", "read_only"]}}}}},
  "SessionList": {"type": "object", "required": ["data"], "properties": {"data": {"type": "array", "items": {
    "type": "object", "required": ["id", "created_at", "last_seen_at", "expires_at", "address", "user_agent",
      "current"], "properties": {"id": {"type": "string"}, "created_at": {"type": "string"},
      "last_seen_at": {"type": ["string", "null"]}, "expires_at": {"type": "string"},
      "address": {"type": ["string", "null"]}, "user_agent": {"type": ["string", "null"]},
      "current": {"type": "boolean"}}}}}},
  "User": {"type": "object", "required": ["id", "email", "name", "status", "roles", "teams", "created_at",
      "last_sign_in_at", "version"], "properties": {"id": {"type": "string"}, "email": {"type": "string"},
    "name": {"type": "string"}, "status": {"enum": ["active", "disabled"]},
    "roles": {"type": "array", "items": {"type": "string"}}, "teams": {"type": "array", "items": {"type": "string"}},
    "created_at": {"type": "string"}, "updated_at": {"type": "string"},
    "last_sign_in_at": {"type": ["string", "null"]}, "version": {"type": "integer"},
    "initial_password": {"type": "string", "description": "only in the 201 of a create without a password"}}},
  "UserInput": {"type": "object", "required": ["email", "name", "roles"], "properties": {
    "email": {"type": "string"}, "name": {"type": "string"},
    "roles": {"type": "array", "items": {"type": "string", "description": "built-in (admin, manager, sales, support, marketing, viewer) or defined under /api/v1/roles"}},
    "password": {"type": "string", "minLength": 12}}},
  "UserPatch": {"type": "object", "properties": {"name": {"type": "string"},
    "teams": {"type": "array", "items": {"type": "string"}},
    "roles": {"type": "array", "items": {"type": "string"}}, "status": {"enum": ["active", "disabled"]}}},
  "UserList": {"type": "object", "required": ["data"], "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/User"}}}},
  "Team": {"type": "object", "required": ["id", "name", "member_count", "version"], "properties": {"id": {"type": "string"}, "name": {"type": "string"},
    "member_count": {"type": "integer"}, "created_at": {"type": "string"},
    "updated_at": {"type": "string"}, "version": {"type": "integer"}}},
  "TeamInput": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}},
  "Role": {"type": "object", "required": ["name", "description", "built_in", "grants", "fields"], "properties": {
    "name": {"type": "string"}, "description": {"type": ["string", "null"]}, "built_in": {"type": "boolean"},
    "grants": {"type": "object", "description": "{object: {action: all | team | own | none}}"},
    "fields": {"type": "object", "description": "{object: {field: hidden | read_only}}"},
    "version": {"type": "integer"}}},
  "RoleInput": {"type": "object", "properties": {"name": {"type": "string"},
    "description": {"type": "string"}, "grants": {"type": "object"}, "fields": {"type": "object"}}},
  "Token": {"type": "object", "required": ["id", "name", "prefix", "user_id", "created_at", "expires_at",
      "revoked_at", "last_used_at", "scopes"], "properties": {"id": {"type": "string"}, "name": {"type": "string"},
    "prefix": {"type": "string"}, "user_id": {"type": ["string", "null"]},
    "created_at": {"type": "string"}, "expires_at": {"type": ["string", "null"]},
    "revoked_at": {"type": ["string", "null"]}, "last_used_at": {"type": ["string", "null"]},
    "scopes": {"type": ["array", "null"], "items": {"type": "string"}}}},
  "NewToken": {"type": "object", "required": ["token"], "allOf": [{"$ref": "#/components/schemas/Token"}, {"type": "object", "properties": {
    "token": {"type": "string", "description": "the secret; shown in this response only"}}}]},
  "TokenInput": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"},
    "expires_at": {"type": "string"}, "scopes": {"type": "array", "items": {"type": "string"}}}},
  "TokenList": {"type": "object", "required": ["data"], "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/Token"}}}},
  "StaffList": {"type": "object", "required": ["data"], "properties": {"data": {"type": "array", "items": {"type": "object", "properties": {
    "id": {"type": "string"}, "name": {"type": "string"}, "teams": {"type": "array", "items": {"type": "string"}},
    "status": {"enum": ["active", "disabled"]}}, "required": ["id", "name", "teams", "status"]}}}},
  "View": {"type": "object", "required": ["id", "object_type", "owner_id", "name", "shared", "definition",
      "version"], "properties": {"id": {"type": "string"}, "object_type": {"enum": ["customers", "companies"]},
    "owner_id": {"type": "string"}, "name": {"type": "string"}, "shared": {"type": "boolean"},
    "definition": {"type": "object"}, "created_at": {"type": "string"}, "updated_at": {"type": "string"},
    "version": {"type": "integer"},
    "redacted": {"type": "boolean", "description": "present (true) when conditions, columns or the sort on fields your role hides were taken out of the definition"}}},
  "ViewInput": {"type": "object", "properties": {"object_type": {"enum": ["customers", "companies"]},
    "name": {"type": "string"}, "shared": {"type": "boolean"}, "definition": {"type": "object"}}},
  "ViewList": {"type": "object", "required": ["data"], "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/View"}}}},
  "Money": {"type": "string", "pattern": "^-?[0-9]+\\.[0-9]{2}$", "description": "decimal amount with two places; input may also be a number"},
  "Product": {"type": "object", "properties": {"id": {"type": "string"}, "sku": {"type": "string"},
    "name": {"type": "string"}, "category": {"type": ["string", "null"]}, "price": {"$ref": "#/components/schemas/Money"},
    "currency": {"type": "string"}, "active": {"type": "boolean"}, "version": {"type": "integer"}}},
  "ProductInput": {"type": "object", "properties": {"sku": {"type": "string"}, "name": {"type": "string"},
    "category": {"type": "string"}, "price": {"$ref": "#/components/schemas/Money"}, "currency": {"type": "string"},
    "active": {"type": "boolean"}}},
  "ProductPage": {"type": "object", "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/Product"}},
    "next_cursor": {"type": ["string", "null"]}}},
  "OrderLine": {"type": "object", "properties": {
    "product_id": {"type": ["string", "null"]}, "sku": {"type": ["string", "null"]},
    "description": {"type": "string"}, "category": {"type": ["string", "null"]}, "quantity": {"type": "integer"}, "unit_price": {"$ref": "#/components/schemas/Money"},
    "line_total": {"$ref": "#/components/schemas/Money"}, "discount": {"$ref": "#/components/schemas/Money"}}},
  "OrderInput": {"type": "object", "required": ["currency", "channel", "lines"], "properties": {
    "customer_id": {"type": "string", "description": "POST /orders only"}, "external_id": {"type": "string"},
    "placed_at": {"type": "string"}, "status": {"enum": ["placed", "paid", "fulfilled"]}, "currency": {"type": "string"},
    "channel": {"enum": ["web", "store", "phone", "marketplace"]}, "notes": {"type": "string"},
    "lines": {"type": "array", "items": {"$ref": "#/components/schemas/OrderLine"}},
    "voucher_codes": {"type": "array", "maxItems": 5, "items": {"type": "string"}, "description": "checked and spent in the order's transaction; each adds a discount line; problems name voucher_codes[i]"},
    "referral_code": {"type": "string", "description": "on the customer's first order: links them to the referrer (docs/design/loyalty.md § Referrals)"},
    "referral_network": {"type": "string", "description": "the visitor's IP address as the shop saw it"},
    "placed_by": {"type": "string", "description": "the id of the customer whose account placed the order, when not its customer (a gift); a referee's first order placed by their referrer refuses the referral"}}},
  "OrderPatch": {"type": "object", "properties": {"status": {"enum": ["placed", "paid", "fulfilled", "cancelled"]},
    "notes": {"type": ["string", "null"]}}},
  "Order": {"type": "object", "required": ["id", "number", "customer_id", "external_id", "placed_at", "status",
      "currency", "channel", "subtotal", "discount", "total", "refunded", "lines", "version"], "properties": {
    "id": {"type": "string"},
    "number": {"type": "integer", "description": "short sequential number people quote (#1042); unique, never reused"},
    "customer_id": {"type": "string"},
    "external_id": {"type": ["string", "null"]}, "placed_at": {"type": "string"},
    "status": {"enum": ["placed", "paid", "fulfilled", "cancelled", "refunded", "partially_refunded"]},
    "currency": {"type": "string"}, "channel": {"type": "string"}, "subtotal": {"$ref": "#/components/schemas/Money"},
    "discount": {"$ref": "#/components/schemas/Money"}, "total": {"$ref": "#/components/schemas/Money"},
    "refunded": {"$ref": "#/components/schemas/Money"}, "lines": {"type": "array", "items": {"type": "object",
      "required": ["product_id", "sku", "description", "category", "quantity", "unit_price", "discount", "line_total"],
      "allOf": [{"$ref": "#/components/schemas/OrderLine"}]}},
    "notes": {"type": ["string", "null"]}, "refunds": {"type": "array"}, "version": {"type": "integer"},
    "placed_by": {"type": ["string", "null"], "description": "the customer who placed it, when not its customer; null once that customer is erased"}}},
  "OrderPage": {"type": "object", "required": ["data", "next_cursor"], "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/Order"}},
    "next_cursor": {"type": ["string", "null"]}}},
  "RefundInput": {"type": "object", "required": ["amount"], "properties": {"amount": {"$ref": "#/components/schemas/Money"},
    "reason": {"type": "string"}}},
  "Refund": {"type": "object", "properties": {"id": {"type": "string"}, "order_id": {"type": "string"},
    "amount": {"$ref": "#/components/schemas/Money"}, "reason": {"type": ["string", "null"]},
    "order_status": {"type": "string"}}},
  "CustomerValue": {"type": "object", "required": ["order_count", "currency", "total_spent", "average_order_value",
      "first_purchase_at", "last_purchase_at", "days_since_last_purchase", "favourite_category", "lifetime_value"],
    "properties": {"order_count": {"type": "integer"},
    "currency": {"type": ["string", "null"], "description": "ISO 4217 code of the customer's orders; null when none or several"},
    "total_spent": {"$ref": "#/components/schemas/Money"}, "average_order_value": {"$ref": "#/components/schemas/Money"},
    "first_purchase_at": {"type": ["string", "null"]}, "last_purchase_at": {"type": ["string", "null"]},
    "days_since_last_purchase": {"type": ["integer", "null"]}, "favourite_category": {"type": ["string", "null"]},
    "lifetime_value": {"$ref": "#/components/schemas/Money"}}},
  "PaymentInput": {"type": "object", "required": ["amount", "currency", "method", "status"], "properties": {
    "amount": {"$ref": "#/components/schemas/Money"}, "currency": {"type": "string"},
    "method": {"enum": ["card", "paypal", "apple_pay", "google_pay", "bank_transfer", "cash", "other"]},
    "status": {"enum": ["authorised", "captured", "failed", "refunded"]}, "processor_reference": {"type": "string"},
    "occurred_at": {"type": "string"}, "order_id": {"type": "string"}}},
  "Payment": {"type": "object", "properties": {"id": {"type": "string"}, "order_id": {"type": ["string", "null"]},
    "amount": {"$ref": "#/components/schemas/Money"}, "currency": {"type": "string"}, "method": {"type": "string"},
    "status": {"type": "string"}, "processor_reference": {"type": ["string", "null"]}, "occurred_at": {"type": "string"}}},
  "PaymentList": {"type": "object", "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/Payment"}}}},
  "PaymentMethodInput": {"type": "object", "properties": {"type": {"enum": ["card", "paypal", "apple_pay", "google_pay", "bank_transfer", "other"]},
    "processor_token": {"type": "string"}, "brand": {"type": "string"}, "last4": {"type": "string", "pattern": "^[0-9]{4}$"},
    "exp_month": {"type": "integer"}, "exp_year": {"type": "integer"}, "billing_address": {"type": "object"},
    "is_default": {"type": "boolean"}}},
  "PaymentMethod": {"type": "object", "properties": {"id": {"type": "string"}, "type": {"type": "string"},
    "processor_token": {"type": "string"}, "brand": {"type": ["string", "null"]}, "last4": {"type": ["string", "null"]},
    "exp_month": {"type": ["integer", "null"]}, "exp_year": {"type": ["integer", "null"]},
    "billing_address": {"type": ["object", "null"]}, "is_default": {"type": "boolean"}, "version": {"type": "integer"}}},
  "PaymentMethodList": {"type": "object", "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/PaymentMethod"}}}},
  "RoleList": {"type": "object", "required": ["data"], "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/Role"}}}},
  "TeamList": {"type": "object", "required": ["data"], "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/Team"}}}},
  "EventPage": {"type": "object", "properties": {
    "data": {"type": "array", "items": {"type": "object", "properties": {
      "seq": {"type": "integer"}, "id": {"type": "string"}, "type": {"type": "string"},
      "aggregate_type": {"type": "string"}, "aggregate_id": {"type": "string"},
      "occurred_at": {"type": "string"}, "payload": {"type": "object"}}}},
    "next_after": {"type": "integer"}}}
})json";

json::object SchemaRef(const std::string& name) {
  return json::object{{"$ref", "#/components/schemas/" + name}};
}

json::array Parameters(const Route& route) {
  json::array parameters;
  for (size_t open = route.pattern.find('{'); open != std::string::npos;
       open = route.pattern.find('{', open + 1)) {
    const size_t close = route.pattern.find('}', open);
    parameters.push_back(json::object{{"name", route.pattern.substr(open + 1, close - open - 1)},
                                      {"in", "path"},
                                      {"required", true},
                                      {"schema", json::object{{"type", "string"}}}});
  }
  if (route.method == "GET" && route.response_schema.find("Page") != std::string::npos) {
    for (const char* name : {"limit", "cursor"}) {
      parameters.push_back(json::object{
          {"name", name}, {"in", "query"}, {"schema", json::object{{"type", "string"}}}});
    }
  }
  if (route.pattern == "/api/v1/customers" || route.pattern == "/api/v1/companies") {
    for (const char* name : {"q", "sort"}) {
      parameters.push_back(json::object{
          {"name", name}, {"in", "query"}, {"schema", json::object{{"type", "string"}}}});
    }
  }
  // The task list's filters (handlers/task_handlers.cpp).
  if (route.method == "GET" && route.pattern == "/api/v1/tasks") {
    for (const char* name : {"assignee", "due", "day_end", "customer_id", "status"}) {
      parameters.push_back(json::object{
          {"name", name}, {"in", "query"}, {"schema", json::object{{"type", "string"}}}});
    }
  }
  return parameters;
}

}  // namespace

json::object BuildOpenApi(const Router& router) {
  json::object paths;
  for (const Route& route : router.routes()) {
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    json::object success{{"description", route.summary}};
    if (!route.response_schema.empty()) {
      success["content"] = json::object{
          {"application/json", json::object{{"schema", SchemaRef(route.response_schema)}}}};
    }
    json::object operation{
        {"summary", route.summary},
        {"operationId", method + route.pattern},
        {"tags", json::array{route.tag}},
        {"parameters", Parameters(route)},
        {"responses",
         json::object{
             {std::to_string(route.success_status), std::move(success)},
             {"default",
              json::object{
                  {"description", "A problem (RFC 9457)"},
                  {"content", json::object{{"application/problem+json",
                                            json::object{{"schema", SchemaRef("Problem")}}}}}}}}}};
    if (!route.request_schema.empty()) {
      operation["requestBody"] = json::object{
          {"required", true},
          {"content", json::object{{"application/json",
                                    json::object{{"schema", SchemaRef(route.request_schema)}}}}}};
    }
    if (!route.requires_auth) operation["security"] = json::array();
    json::value& path = paths[route.pattern];
    if (!path.is_object()) path = json::object();
    path.as_object()[method] = std::move(operation);
  }
  json::object schemas = json::parse(kSchemas).as_object();
  for (auto& [name, schema] : TicketSchemas()) schemas[name] = std::move(schema);
  for (auto& [name, schema] : DeskSchemas()) schemas[name] = std::move(schema);
  for (auto& [name, schema] : HelpCenterSchemas()) schemas[name] = std::move(schema);
  for (auto& [name, schema] : ChatSchemas()) schemas[name] = std::move(schema);
  for (auto& [name, schema] : HealthSchemas()) schemas[name] = std::move(schema);
  for (auto& [name, schema] : TaskSchemas()) schemas[name] = std::move(schema);
  for (auto& [name, schema] : LoyaltySchemas()) schemas[name] = std::move(schema);
  for (auto& [name, schema] : SurveySchemas()) schemas[name] = std::move(schema);
  for (auto& [name, schema] : FeedbackThemeSchemas()) schemas[name] = std::move(schema);
  for (auto& [name, schema] : VoucherSchemas()) schemas[name] = std::move(schema);
  for (auto& [name, schema] : ReviewSchemas()) schemas[name] = std::move(schema);
  for (auto& [name, schema] : LoyaltyCardSchemas()) schemas[name] = std::move(schema);
  for (auto& [name, schema] : UpcomingDatesSchemas()) schemas[name] = std::move(schema);
  return json::object{
      {"openapi", "3.1.0"},
      {"info", json::object{{"title", "Rapport API"},
                            {"version", "1"},
                            {"description",
                             "Customers, companies and their timeline. Errors are "
                             "RFC 9457 problems; lists page by cursor."}}},
      {"servers", json::array{json::object{{"url", "/"}}}},
      {"security", json::array{json::object{{"bearer", json::array()}}}},
      {"paths", std::move(paths)},
      {"components",
       json::object{
           {"securitySchemes",
            json::object{{"bearer", json::object{{"type", "http"}, {"scheme", "bearer"}}}}},
           {"schemas", std::move(schemas)}}}};
}

}  // namespace rapport::http
