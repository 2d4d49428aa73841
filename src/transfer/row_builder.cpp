// BuildRow (column_mapping.hpp): places each cell of a row in the API body by its catalogue
// field's type, so the engine needs no knowledge of any object.
#include <algorithm>
#include <cctype>

#include "common/text.hpp"
#include "transfer/column_mapping.hpp"

namespace rapport::transfer {
namespace {

// Where SetField records a value's column and its rule for existing values.
struct Placed {
  RowRecord& record;
  const std::string& source;
  ExistingRule rule;

  void Note(const std::string& path, const std::string& key) const {
    record.sources.emplace(path, source);
    if (rule != ExistingRule::kOverwrite) record.existing[key] = rule;
  }
};

// Calls `each` with every non-empty trimmed part of `value` split on `separator`.
template <typename Each>
void ForEachPart(const std::string& value, char separator, Each each) {
  size_t start = 0;
  while (start <= value.size()) {
    size_t end = value.find(separator, start);
    if (end == std::string::npos) end = value.size();
    const std::string_view part =
        TrimWhitespace(std::string_view(value).substr(start, end - start));
    if (!part.empty()) each(part);
    start = end + 1;
  }
}

std::optional<int64_t> WholeNumber(const std::string& value) {
  bool ok = !value.empty() && value.size() < 12;
  for (char c : value) ok = ok && std::isdigit(static_cast<unsigned char>(c));
  if (!ok) return std::nullopt;
  return std::stoll(value);
}

// One more e-mail address or phone number; the same one from two columns (a primary and an
// "all addresses" column) is one.
void AddContactPoint(const Placed& at, FieldType type, const std::string& value) {
  const bool email = type == FieldType::kEmail;
  const char* key = email ? "address" : "number";
  json::value& list = at.record.input[email ? "emails" : "phones"];
  if (!list.is_array()) list = json::array();
  for (const auto& known : list.as_array()) {
    const json::value* text = known.as_object().if_contains(key);
    if (text && text->is_string() && ToLowerAscii(text->as_string()) == ToLowerAscii(value)) {
      return;
    }
  }
  const std::string path =
      std::string(email ? "emails[" : "phones[") + std::to_string(list.as_array().size()) + "]";
  json::object point{{key, value}};
  if (type == FieldType::kMobile) point["label"] = "mobile";
  list.as_array().push_back(std::move(point));
  at.Note(path, email ? "emails" : "phones");
}

void SetField(const Placed& at, const Catalogue& catalogue, const std::string& field,
              const std::string& value) {
  RowRecord& record = at.record;
  json::object& input = record.input;
  if (field.rfind("custom.", 0) == 0) {
    const std::string key = field.substr(7);
    json::value& custom = input["custom_fields"];
    if (!custom.is_object()) custom = json::object();
    custom.as_object()[key] = value;
    at.Note("custom_fields." + key, "custom_fields." + key);
    return;
  }
  const CatalogueField* entry = FindField(catalogue, field);
  const FieldType type = entry ? entry->type : FieldType::kText;
  switch (type) {
    case FieldType::kInteger:
    case FieldType::kLineInteger: {
      auto number = WholeNumber(value);
      if (!number) {
        record.errors.push_back({at.source, value, "must be a whole number"});
      } else if (type == FieldType::kLineInteger) {
        input["lines"].as_array()[0].as_object()[field.substr(5)] = *number;
        record.sources.emplace("lines[0]." + field.substr(5), at.source);
      } else {
        input[field] = *number;
        at.Note(field, field);
      }
      return;
    }
    case FieldType::kLinePart:
      input["lines"].as_array()[0].as_object()[field.substr(5)] = value;
      record.sources.emplace("lines[0]." + field.substr(5), at.source);
      return;
    case FieldType::kCustomerPart:
      record.customer[field.substr(9)] = value;
      return;
    case FieldType::kCustomerRef:
      record.customer["ref"] = value;
      return;
    case FieldType::kLink:
      record.link = value;
      record.sources.emplace(field + "_id", at.source);
      return;
    case FieldType::kEmailList:
    case FieldType::kPhoneList: {
      // A list column (as exports write it): each `;`-separated part is one address or number.
      const std::string single = type == FieldType::kEmailList ? "email" : "phone";
      const FieldType part_type =
          type == FieldType::kEmailList ? FieldType::kEmail : FieldType::kPhone;
      ForEachPart(value, ';', [&](std::string_view part) {
        AddContactPoint(at, part_type, std::string(part));
      });
      return;
    }
    case FieldType::kEmail:
    case FieldType::kPhone:
    case FieldType::kMobile:
      AddContactPoint(at, type, value);
      return;
    case FieldType::kAddressPart: {
      json::value& list = input["addresses"];
      if (!list.is_array()) list = json::array({json::object()});
      list.as_array()[0].as_object()[field.substr(8)] = value;
      at.Note("addresses[0]." + field.substr(8), "addresses");
      return;
    }
    case FieldType::kSingleAddressPart: {
      json::value& address = input["address"];
      if (!address.is_object()) address = json::object();
      address.as_object()[field.substr(8)] = value;
      at.Note(std::string(field), "address");
      return;
    }
    case FieldType::kTags: {
      json::value& list = input["tags"];
      if (!list.is_array()) list = json::array();
      // Parts split by a transform arrive joined by \x1f; otherwise ; and , separate tags.
      const char separator = value.find('\x1f') != std::string::npos ? '\x1f'
                             : value.find(';') != std::string::npos  ? ';'
                                                                     : ',';
      ForEachPart(value, separator,
                  [&](std::string_view tag) { list.as_array().emplace_back(tag); });
      at.Note("tags", "tags");
      return;
    }
    case FieldType::kBoolean: {
      auto flag = ApplyTransform({TransformKind::kBool, {}}, value);
      if (!flag.ok()) {
        record.errors.push_back({at.source, value, "must be yes or no"});
        return;
      }
      input[field] = *flag == "true";
      at.Note(field, field);
      return;
    }
    case FieldType::kInstant:
      // A plain date means midnight UTC.
      input[field] = value.size() == 10 ? value + "T00:00:00Z" : value;
      at.Note(field, field);
      return;
    case FieldType::kText:
      input[field] = value;
      at.Note(field, field);
      return;
  }
}

std::string ExpandTemplate(const std::string& text, const Mapping& mapping,
                           const std::vector<std::string>& cells, int64_t row) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const size_t open = text.find('{', i);
    if (open == std::string::npos) break;
    const size_t close = text.find('}', open);
    if (close == std::string::npos) break;
    out.append(text, i, open - i);
    const std::string name = text.substr(open + 1, close - open - 1);
    if (name == "row") {
      out += std::to_string(row);
    } else {
      for (size_t c = 0; c < mapping.header.size() && c < cells.size(); ++c) {
        if (mapping.header[c] == name) out += TrimWhitespace(cells[c]);
      }
    }
    i = close + 1;
  }
  out.append(text, std::min(i, text.size()));
  return out;
}

}  // namespace

RowRecord BuildRow(const Mapping& mapping, const std::vector<std::string>& cells, int64_t row,
                   int64_t line) {
  const Catalogue& catalogue = mapping.adapter->catalogue();
  RowRecord record;
  record.row = row;
  record.line = line;
  if (HasLineItems(catalogue)) record.input["lines"] = json::array({json::object()});
  if (cells.size() != mapping.header.size()) {
    record.errors.push_back({"", "",
                             "has " + std::to_string(cells.size()) + " fields; the header has " +
                                 std::to_string(mapping.header.size())});
    return record;
  }
  for (const auto& constant : mapping.constants) {
    SetField({record, constant.field, ExistingRule::kOverwrite}, catalogue, constant.field,
             constant.value);
  }
  for (const auto& rule : mapping.columns) {
    std::string value(TrimWhitespace(cells[rule.column]));
    if (value.empty()) continue;  // an empty cell sets nothing: it never erases a value
    // Exports put a ' before values a spreadsheet would run as a formula ('+49…, '=…); read
    // back, the value is the one without it.
    if (value.size() > 1 && value[0] == '\'' &&
        std::string_view("=+-@").find(value[1]) != std::string_view::npos) {
      value.erase(0, 1);
    }
    bool ok = true;
    for (const auto& transform : rule.transforms) {
      auto transformed = ApplyTransform(transform, value);
      if (!transformed.ok()) {
        record.errors.push_back({rule.header, value,
                                 transformed.error().field_errors.empty()
                                     ? transformed.error().message
                                     : transformed.error().field_errors[0].message});
        ok = false;
        break;
      }
      value = std::move(transformed).value();
    }
    if (ok) SetField({record, rule.header, rule.existing}, catalogue, rule.field, value);
  }
  for (const auto& entry : mapping.templates) {
    const std::string value = ExpandTemplate(entry.value, mapping, cells, row);
    if (!value.empty()) {
      SetField({record, entry.field, ExistingRule::kOverwrite}, catalogue, entry.field, value);
    }
  }
  return record;
}

}  // namespace rapport::transfer
