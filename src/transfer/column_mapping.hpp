// ColumnMapping: how the columns of an import file become API records (docs/import.md).
//
// A mapping is built once per import from the file's header and an optional mapping document:
// columns named in the document go where it says, with its transforms and its rule for values a
// matched record already has; other columns are matched by header name against the object's
// field catalogue and its aliases ("E-mail Address" → email; the catalogue is the adapter's);
// what is still unmapped is ignored, refused, or sent to custom fields. Constants and templates
// ("{customer_id}", "{row}") fill fields no column provides. BuildRow then turns each row into
// the same JSON body the API takes, placing each value by its field's type, and remembers which
// column fed which field so a refusal can name the column in the error report.
//
// Pure functions over values; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "common/result.hpp"
#include "transfer/adapter.hpp"
#include "transfer/import_row.hpp"

namespace rapport::transfer {

// `spec` is the mapping document (null for automatic mapping only). kInvalidArgument naming the
// mapping key at fault: an unknown field, a column the file does not have, a bad transform.
Result<Mapping> BuildMapping(const ObjectAdapter& adapter, const std::vector<std::string>& header,
                             const json::value& spec);

// The catalogue field a header means, by name or alias; nullopt when none.
std::optional<std::string> FieldForHeader(const ObjectAdapter& adapter, std::string_view header);

RowRecord BuildRow(const Mapping& mapping, const std::vector<std::string>& cells, int64_t row,
                   int64_t line);

}  // namespace rapport::transfer
