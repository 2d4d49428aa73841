#include "support/ticket_filter.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "common/time.hpp"

namespace rapport::support {
namespace {

constexpr int kMaxDepth = 8;
constexpr int kMaxConditions = 200;
constexpr size_t kMaxInValues = 1000;
constexpr size_t kMaxValueLength = 1000;

enum class FieldType { kText, kInteger, kInstant, kTags };

struct Field {
  std::string_view name;
  std::string_view column;
  FieldType type;
};

constexpr std::array<Field, 19> kFields{{
    {"id", "t.id", FieldType::kText},
    {"subject", "t.subject", FieldType::kText},
    {"requester", "t.requester", FieldType::kText},
    {"status", "t.status", FieldType::kText},
    {"priority", "t.priority", FieldType::kText},
    {"type", "t.type", FieldType::kText},
    {"channel", "t.channel", FieldType::kText},
    {"queue_id", "t.queue_id", FieldType::kText},
    {"assignee_id", "t.assignee_id", FieldType::kText},
    {"customer_id", "t.customer_id", FieldType::kText},
    {"merged_into", "t.merged_into", FieldType::kText},
    {"linked_ticket_id", "t.linked_ticket_id", FieldType::kText},
    {"number", "t.number", FieldType::kInteger},
    {"created_at", "t.created_at", FieldType::kInstant},
    {"updated_at", "t.updated_at", FieldType::kInstant},
    {"first_response_at", "t.first_response_at", FieldType::kInstant},
    {"solved_at", "t.solved_at", FieldType::kInstant},
    {"closed_at", "t.closed_at", FieldType::kInstant},
    {"tags", "", FieldType::kTags},
}};

constexpr std::string_view kHasTag =
    "EXISTS (SELECT 1 FROM ticket_tags g WHERE g.ticket_id = t.id AND g.tag = ?)";
constexpr std::string_view kHasAnyTag =
    "EXISTS (SELECT 1 FROM ticket_tags g WHERE g.ticket_id = t.id AND g.tag IN "
    "(SELECT value FROM json_each(?)))";
constexpr std::string_view kHasTags =
    "EXISTS (SELECT 1 FROM ticket_tags g WHERE g.ticket_id = t.id)";

class Compiler {
 public:
  Result<std::string> Node(const json::value& node, const std::string& path, int depth) {
    if (depth > kMaxDepth) return Error::Invalid(path, "nests deeper than 8 levels");
    if (!node.is_object()) return Error::Invalid(path, "must be an object");
    const json::object& o = node.as_object();
    for (std::string_view junction : {"and", "or"}) {
      if (const json::value* children = o.if_contains(junction)) {
        const std::string here = path + "." + std::string(junction);
        if (o.size() != 1)
          return Error::Invalid(path, "must hold only \"" + std::string(junction) + "\"");
        if (!children->is_array() || children->as_array().empty()) {
          return Error::Invalid(here, "must be a non-empty array of filters");
        }
        std::string sql = "(";
        for (size_t i = 0; i < children->as_array().size(); ++i) {
          RAPPORT_ASSIGN_OR_RETURN(
              std::string child,
              Node(children->as_array()[i], here + "[" + std::to_string(i) + "]", depth + 1));
          if (i > 0) sql += junction == "and" ? " AND " : " OR ";
          sql += child;
        }
        return sql + ")";
      }
    }
    if (const json::value* inner = o.if_contains("not")) {
      if (o.size() != 1) return Error::Invalid(path, "must hold only \"not\"");
      RAPPORT_ASSIGN_OR_RETURN(std::string child, Node(*inner, path + ".not", depth + 1));
      return "NOT " + child;
    }
    return Condition(o, path);
  }

  std::vector<storage::Value> params;

 private:
  Result<std::string> Condition(const json::object& o, const std::string& path) {
    if (++conditions_ > kMaxConditions) return Error::Invalid(path, "has more than 200 conditions");
    for (const auto& [key, unused] : o) {
      if (key != "field" && key != "op" && key != "value") {
        return Error::Invalid(path + "." + std::string(key), "is not a known key");
      }
    }
    const json::value* name = o.if_contains("field");
    const Field* field = nullptr;
    if (name != nullptr && name->is_string()) {
      auto it = std::find_if(kFields.begin(), kFields.end(),
                             [&](const Field& f) { return f.name == name->as_string(); });
      if (it != kFields.end()) field = &*it;
    }
    if (field == nullptr) return Error::Invalid(path + ".field", "is not a ticket field");
    const json::value* op_value = o.if_contains("op");
    const std::string op =
        op_value && op_value->is_string() ? std::string(op_value->as_string()) : "";
    const json::value* value = o.if_contains("value");
    const std::string value_path = path + ".value";
    if (op == "exists") {
      if (value == nullptr || !value->is_bool())
        return Error::Invalid(value_path, "must be true or false");
      const std::string test = field->type == FieldType::kTags
                                   ? std::string(kHasTags)
                                   : std::string(field->column) + " IS NOT NULL";
      return value->as_bool() ? test : "NOT " + test;
    }
    if (field->type == FieldType::kTags) return Tags(op, value, path);
    const std::string column(field->column);
    if (op == "in") {
      if (value == nullptr || !value->is_array() || value->as_array().empty() ||
          value->as_array().size() > kMaxInValues) {
        return Error::Invalid(value_path, "must be an array of 1 to 1000 values");
      }
      json::array values;
      for (const auto& item : value->as_array()) {
        RAPPORT_ASSIGN_OR_RETURN(json::value checked, Scalar(*field, &item, value_path));
        values.push_back(std::move(checked));
      }
      params.emplace_back(ToJsonString(values));
      return column + " IN (SELECT value FROM json_each(?))";
    }
    if (op == "contains" || op == "starts_with") {
      if (field->type != FieldType::kText || value == nullptr || !value->is_string() ||
          value->as_string().empty() || value->as_string().size() > kMaxValueLength) {
        return Error::Invalid(value_path, "must be a non-empty string, on a text field");
      }
      params.emplace_back(std::string(value->as_string()));
      return "instr(search_fold(" + column + "), search_fold(?)) " +
             (op == "contains" ? "> 0" : "= 1");
    }
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kCompare{
        {{"eq", " = ?"},
         {"neq", " <> ?"},
         {"lt", " < ?"},
         {"lte", " <= ?"},
         {"gt", " > ?"},
         {"gte", " >= ?"}}};
    auto it = std::find_if(kCompare.begin(), kCompare.end(),
                           [&](const auto& c) { return c.first == op; });
    if (it == kCompare.end()) {
      return Error::Invalid(path + ".op",
                            "must be one of eq, neq, lt, lte, gt, gte, in, contains, starts_with, "
                            "exists");
    }
    RAPPORT_ASSIGN_OR_RETURN(json::value checked, Scalar(*field, value, value_path));
    params.push_back(Bound(checked));
    // neq matches a missing value too, as for customers.
    if (op == "neq") return "(" + column + " IS NULL OR " + column + " <> ?)";
    return column + std::string(it->second);
  }

  Result<std::string> Tags(const std::string& op, const json::value* value,
                           const std::string& path) {
    const std::string value_path = path + ".value";
    if (op == "in") {
      if (value == nullptr || !value->is_array() || value->as_array().empty() ||
          value->as_array().size() > kMaxInValues ||
          !std::all_of(value->as_array().begin(), value->as_array().end(),
                       [](const json::value& v) { return v.is_string(); })) {
        return Error::Invalid(value_path, "must be an array of 1 to 1000 tags");
      }
      params.emplace_back(ToJsonString(*value));
      return std::string(kHasAnyTag);
    }
    if (op != "eq" && op != "neq" && op != "contains") {
      return Error::Invalid(path + ".op", "must be eq, neq, in, contains or exists for tags");
    }
    if (value == nullptr || !value->is_string() || value->as_string().empty()) {
      return Error::Invalid(value_path, "must be a tag");
    }
    params.emplace_back(std::string(value->as_string()));
    return op == "neq" ? "NOT " + std::string(kHasTag) : std::string(kHasTag);
  }

  // The value as it compares in SQL (an instant normalised to the stored form), as JSON: a
  // JSON value, not a storage::Value, so it also fills an `in` list.
  static Result<json::value> Scalar(const Field& field, const json::value* value,
                                    const std::string& path) {
    switch (field.type) {
      case FieldType::kInteger:
        if (value == nullptr || !value->is_int64())
          return Error::Invalid(path, "must be a whole number");
        return *value;
      case FieldType::kInstant: {
        auto instant =
            value && value->is_string() ? NormalizeInstant(value->as_string()) : std::nullopt;
        if (!instant) return Error::Invalid(path, "must be an RFC 3339 time");
        return json::value(*instant);
      }
      default:
        if (value == nullptr || !value->is_string() ||
            value->as_string().size() > kMaxValueLength) {
          return Error::Invalid(path, "must be a string");
        }
        return *value;
    }
  }

  static storage::Value Bound(const json::value& value) {
    if (value.is_int64()) return value.as_int64();
    return std::string(value.as_string());
  }

  int conditions_ = 0;
};

}  // namespace

Result<TicketFilter> CompileTicketFilter(const json::value& filter, const std::string& path) {
  if (filter.is_null() || (filter.is_object() && filter.as_object().empty())) {
    return TicketFilter{.sql = "1", .params = {}};
  }
  Compiler compiler;
  RAPPORT_ASSIGN_OR_RETURN(std::string sql, compiler.Node(filter, path, 1));
  return TicketFilter{.sql = std::move(sql), .params = std::move(compiler.params)};
}

}  // namespace rapport::support
