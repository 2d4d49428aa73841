#include "storage/audit_dictionary.hpp"

namespace rapport::storage {
namespace {

// audit_dictionary_v1.zdict, embedded at build time (embed_bytes.cmake).
#include "audit_dictionary_v1.inc"

}  // namespace

std::string_view AuditDictionaryV1() {
  return {reinterpret_cast<const char*>(kAuditDictionaryV1), sizeof kAuditDictionaryV1};
}

}  // namespace rapport::storage
