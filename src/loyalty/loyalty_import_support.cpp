#include "loyalty/loyalty_import_support.hpp"

namespace rapport::loyalty {
namespace {

constexpr std::string_view kRunningImport =
    "SELECT id FROM transfer_jobs WHERE kind = 'import' AND object_type = ? "
    "AND status IN ('queued', 'running') ORDER BY seq LIMIT 1";

}  // namespace

Result<std::string> RunningImportId(storage::Tx& tx, std::string_view object) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kRunningImport, {std::string(object)}));
  if (rows.empty()) return Error::Internal("no import of " + std::string(object) + " is running");
  return rows[0].Text(0);
}

Error RenameFields(Error error, const std::function<std::string(const std::string&)>& rename) {
  for (FieldError& field_error : error.field_errors) field_error.field = rename(field_error.field);
  return error;
}

}  // namespace rapport::loyalty
