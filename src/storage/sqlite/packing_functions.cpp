#include "storage/sqlite/packing_functions.hpp"

#include <sqlite3.h>

#include <string>
#include <string_view>

#include "storage/packed_json.hpp"

namespace rapport::storage {
namespace {

std::string_view ArgumentBytes(sqlite3_value* value) {
  const void* bytes = sqlite3_value_blob(value);
  return {static_cast<const char*>(bytes), static_cast<size_t>(sqlite3_value_bytes(value))};
}

template <Packing kPacking>
void Pack(sqlite3_context* context, int /*argc*/, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_null(context);
    return;
  }
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  const std::string packed =
      PackJson(kPacking, std::string_view(text, static_cast<size_t>(sqlite3_value_bytes(argv[0]))));
  sqlite3_result_blob64(context, packed.data(), packed.size(), SQLITE_TRANSIENT);
}

void Unpack(sqlite3_context* context, int /*argc*/, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_null(context);
    return;
  }
  const Result<std::string> text = UnpackJson(ArgumentBytes(argv[0]));
  // NULL rather than an error, so one damaged value cannot fail a query over the whole table
  // (`rapport check` reports it).
  if (!text.ok()) {
    sqlite3_result_null(context);
    return;
  }
  sqlite3_result_text64(context, text->data(), text->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

}  // namespace

int RegisterPackingFunctions(sqlite3* db) {
  constexpr int kFlags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  struct Function {
    const char* name;
    void (*run)(sqlite3_context*, int, sqlite3_value**);
  };
  for (const Function& f :
       {Function{"audit_pack", &Pack<Packing::kAuditV1>},
        Function{"event_pack", &Pack<Packing::kEventV1>}, Function{"unpack_json", &Unpack}}) {
    const int rc = sqlite3_create_function_v2(db, f.name, 1, kFlags, nullptr, f.run, nullptr,
                                              nullptr, nullptr);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

}  // namespace rapport::storage
