// ExportRequest in and out of JSON, and what each format is served as (exporter.hpp).
#include <algorithm>
#include <array>

#include "transfer/exporter.hpp"

namespace rapport::transfer {
namespace {

constexpr std::array<std::string_view, 6> kRequestKeys = {
    "object", "format", "filter", "q", "customer_id", "neutralise_formulas"};

}  // namespace

Result<ExportRequest> ExportRequestFromJson(const AdapterRegistry& adapters,
                                            const json::object& input) {
  ExportRequest request;
  std::vector<FieldError> errors;
  for (const auto& [key, unused] : input) {
    if (std::find(kRequestKeys.begin(), kRequestKeys.end(), key) == kRequestKeys.end()) {
      errors.push_back({std::string(key),
                        "is not an export option (object, format, filter, q, customer_id, "
                        "neutralise_formulas)"});
    }
  }
  const json::value* object = input.if_contains("object");
  if (object && object->is_string() && adapters.Find(object->as_string()) != nullptr) {
    request.object = std::string(object->as_string());
  } else {
    errors.push_back({"object", "must be " + adapters.Names("or")});
  }
  if (const json::value* format = input.if_contains("format"); format && !format->is_null()) {
    std::optional<TransferFormat> parsed;
    if (format->is_string()) parsed = ParseTransferFormat(format->as_string());
    if (parsed)
      request.format = *parsed;
    else
      errors.push_back({"format", "must be csv, ndjson or vcard"});
  }
  if (const json::value* filter = input.if_contains("filter")) {
    if (filter->is_string()) {
      // The query-string form: the filter tree as JSON text, as GET /customers?filter= takes it.
      auto tree = ParseJson(filter->as_string());
      if (tree.ok())
        request.query.filter = std::move(tree).value();
      else
        errors.push_back({"filter", "is not valid JSON"});
    } else {
      request.query.filter = *filter;
    }
  }
  using TextOption = std::pair<std::string_view, std::optional<std::string>*>;
  for (auto [key, target] :
       {TextOption{"q", &request.query.q}, TextOption{"customer_id", &request.query.customer_id}}) {
    auto text = OptionalString(input, key, key);
    if (!text.ok())
      errors.push_back({std::string(key), "must be a string"});
    else if (*text && !(*text)->empty())
      *target = **text;
  }
  if (const json::value* flag = input.if_contains("neutralise_formulas");
      flag && !flag->is_null()) {
    if (flag->is_bool())
      request.neutralise_formulas = flag->as_bool();
    else
      errors.push_back({"neutralise_formulas", "must be true or false"});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return request;
}

json::object ExportRequestToJson(const ExportRequest& request) {
  json::object out{{"object", request.object},
                   {"format", TransferFormatName(request.format)},
                   {"neutralise_formulas", request.neutralise_formulas}};
  if (!request.query.filter.is_null()) out["filter"] = request.query.filter;
  if (request.query.q) out["q"] = *request.query.q;
  if (request.query.customer_id) out["customer_id"] = *request.query.customer_id;
  return out;
}

std::string_view ExportExtension(TransferFormat format) {
  switch (format) {
    case TransferFormat::kNdjson:
      return ".ndjson";
    case TransferFormat::kVcard:
      return ".vcf";
    case TransferFormat::kCsv:
      return ".csv";
  }
  return ".csv";
}

std::string_view ExportContentType(TransferFormat format) {
  switch (format) {
    case TransferFormat::kNdjson:
      return "application/x-ndjson";
    case TransferFormat::kVcard:
      return "text/vcard; charset=utf-8";
    case TransferFormat::kCsv:
      return "text/csv; charset=utf-8";
  }
  return "text/csv; charset=utf-8";
}

std::string ExportDownloadName(std::string_view object, const std::string& id,
                               TransferFormat format) {
  return std::string(object) + "-" + id + std::string(ExportExtension(format));
}

}  // namespace rapport::transfer
