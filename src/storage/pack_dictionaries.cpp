#include "storage/pack_dictionaries.hpp"

namespace rapport::storage {
namespace {

// The .zdict files, embedded at build time (embed_bytes.cmake).
#include "audit_dictionary_v1.inc"
#include "event_dictionary_v1.inc"

}  // namespace

std::string_view AuditDictionaryV1() {
  return {reinterpret_cast<const char*>(kAuditDictionaryV1), sizeof kAuditDictionaryV1};
}

std::string_view EventDictionaryV1() {
  return {reinterpret_cast<const char*>(kEventDictionaryV1), sizeof kEventDictionaryV1};
}

}  // namespace rapport::storage
