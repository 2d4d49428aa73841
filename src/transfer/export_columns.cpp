#include "transfer/export_columns.hpp"

#include <array>
#include <utility>

namespace rapport::transfer {

std::string Cell(const json::value* value) {
  if (value == nullptr || value->is_null()) return {};
  if (value->is_string()) return std::string(value->as_string());
  if (value->is_array()) {
    std::string joined;
    for (const auto& item : value->as_array()) {
      if (!joined.empty()) joined += "; ";
      joined += Cell(&item);
    }
    return joined;
  }
  return json::serialize(*value);
}

std::string Cell(const json::object& record, std::string_view key) {
  return Cell(record.if_contains(key));
}

std::optional<std::string> StringAt(const json::object& record, std::string_view key) {
  const json::value* v = record.if_contains(key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

const json::object* Primary(const json::object& record, std::string_view list) {
  const json::value* v = record.if_contains(list);
  if (v == nullptr || !v->is_array() || v->as_array().empty()) return nullptr;
  for (const auto& item : v->as_array()) {
    const json::value* primary = item.as_object().if_contains("primary");
    if (primary && primary->is_bool() && primary->as_bool()) return &item.as_object();
  }
  return &v->as_array().front().as_object();
}

std::string Joined(const json::object& record, std::string_view list, std::string_view key) {
  const json::value* v = record.if_contains(list);
  if (v == nullptr || !v->is_array()) return {};
  std::string joined;
  for (const auto& item : v->as_array()) {
    if (!joined.empty()) joined += "; ";
    joined += Cell(item.as_object(), key);
  }
  return joined;
}

ExportColumn PlainColumn(std::string header, const std::string& field) {
  std::string key = field.empty() ? header : field;
  return ExportColumn{std::move(header), key,
                      [key](const ExportRow& row) { return Cell(row.record, key); }};
}

ExportColumn ExtraColumn(std::string header, std::string extra_key, std::string key) {
  return ExportColumn{std::move(header), "", [extra_key, key](const ExportRow& row) {
                        const json::value* v = row.extra.if_contains(extra_key);
                        return v && v->is_object() ? Cell(v->as_object(), key) : std::string();
                      }};
}

void AddAddressColumns(std::vector<ExportColumn>& columns, const std::string& field) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kParts = {
      {{"address_line_1", "line1"},
       {"address_line_2", "line2"},
       {"city", "city"},
       {"region", "region"},
       {"postal_code", "postal_code"},
       {"country", "country"}}};
  for (const auto& [header, key] : kParts) {
    columns.push_back(
        {std::string(header), field, [field, key = std::string(key)](const ExportRow& row) {
           const json::value* v = row.record.if_contains(field);
           if (v && v->is_array() && !v->as_array().empty()) v = &v->as_array()[0];
           return v && v->is_object() ? Cell(v->as_object(), key) : std::string();
         }});
  }
}

void AddCustomFieldColumns(std::vector<ExportColumn>& columns,
                           const std::vector<std::string>& keys) {
  for (const auto& key : keys) {
    columns.push_back({"custom." + key, "custom_fields." + key, [key](const ExportRow& row) {
                         const json::value* custom = row.record.if_contains("custom_fields");
                         return custom && custom->is_object() ? Cell(custom->as_object(), key)
                                                              : std::string();
                       }});
  }
}

void DropHiddenColumns(std::vector<ExportColumn>& columns, const access::Access& access,
                       access::Object object) {
  std::erase_if(columns, [&](const ExportColumn& column) {
    return !column.field.empty() && access.IsHidden(object, column.field);
  });
}

Result<int64_t> CountRows(storage::Database& database, const std::string& sql,
                          const std::vector<storage::Value>& params) {
  int64_t count = 0;
  RAPPORT_RETURN_IF_ERROR(database.Read([&](storage::Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(sql, params));
    count = rows.at(0).Int(0);
    return OkStatus();
  }));
  return count;
}

void SqlWhere::And(access::ScopeCondition condition) {
  sql += " AND (" + condition.sql + ")";
  params.insert(params.end(), std::make_move_iterator(condition.params.begin()),
                std::make_move_iterator(condition.params.end()));
}

void SqlWhere::And(std::string condition, std::vector<storage::Value> values) {
  And(access::ScopeCondition{std::move(condition), std::move(values)});
}

}  // namespace rapport::transfer
