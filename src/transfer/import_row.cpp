#include "transfer/import_row.hpp"

namespace rapport::transfer {

bool Feeds(const Mapping& mapping, std::string_view field) {
  for (const auto& column : mapping.columns) {
    if (column.field == field) return true;
  }
  for (const auto& value : mapping.templates) {
    if (value.field == field) return true;
  }
  return false;
}

std::string ColumnFor(const RowRecord& record, const std::string& field) {
  std::string best = field;
  size_t best_length = 0;
  for (const auto& [path, column] : record.sources) {
    const bool prefix =
        field.rfind(path, 0) == 0 &&
        (field.size() == path.size() || field[path.size()] == '.' || field[path.size()] == '[');
    if (prefix && path.size() > best_length) {
      best = column;
      best_length = path.size();
    }
  }
  return best;
}

}  // namespace rapport::transfer
