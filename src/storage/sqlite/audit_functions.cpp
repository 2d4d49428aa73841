#include "storage/sqlite/audit_functions.hpp"

#include <sqlite3.h>

#include <string>
#include <string_view>

#include "storage/audit_codec.hpp"

namespace rapport::storage {
namespace {

std::string_view ArgumentBytes(sqlite3_value* value) {
  const void* bytes = sqlite3_value_blob(value);
  return {static_cast<const char*>(bytes), static_cast<size_t>(sqlite3_value_bytes(value))};
}

void AuditPack(sqlite3_context* context, int /*argc*/, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_null(context);
    return;
  }
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  const std::string packed =
      PackChanges(std::string_view(text, static_cast<size_t>(sqlite3_value_bytes(argv[0]))));
  sqlite3_result_blob64(context, packed.data(), packed.size(), SQLITE_TRANSIENT);
}

void AuditUnpack(sqlite3_context* context, int /*argc*/, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_null(context);
    return;
  }
  const Result<std::string> text = UnpackChanges(ArgumentBytes(argv[0]));
  // NULL rather than an error, so one damaged entry cannot fail a query over the whole trail
  // (`rapport check` reports it).
  if (!text.ok()) {
    sqlite3_result_null(context);
    return;
  }
  sqlite3_result_text64(context, text->data(), text->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

}  // namespace

int RegisterAuditFunctions(sqlite3* db) {
  constexpr int kFlags = SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  int rc = sqlite3_create_function_v2(db, "audit_pack", 1, SQLITE_UTF8 | kFlags, nullptr,
                                      &AuditPack, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return rc;
  return sqlite3_create_function_v2(db, "audit_unpack", 1, SQLITE_UTF8 | kFlags, nullptr,
                                    &AuditUnpack, nullptr, nullptr, nullptr);
}

}  // namespace rapport::storage
