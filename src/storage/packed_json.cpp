#include "storage/packed_json.hpp"

#include <zstd.h>

#include <memory>
#include <new>

#include "storage/pack_dictionaries.hpp"

namespace rapport::storage {
namespace {

// Level 3 is zstd's default: the writer thread packs every audited change and every event
// inside the group commit, and higher levels cost more time there than the few bytes they save
// on values this small.
constexpr int kLevel = 3;

struct Dictionaries {
  ZSTD_CDict* compress;
  ZSTD_DDict* decompress;
};

Dictionaries Load(std::string_view content) {
  return Dictionaries{ZSTD_createCDict(content.data(), content.size(), kLevel),
                      ZSTD_createDDict(content.data(), content.size())};
}

// Built once each; the dictionaries are read-only after creation and zstd allows sharing them.
// nullptr for a version byte that names none.
const Dictionaries* DictionariesOf(char version) {
  switch (static_cast<Packing>(version)) {
    case Packing::kAuditV1: {
      static const Dictionaries kAudit = Load(AuditDictionaryV1());
      return &kAudit;
    }
    case Packing::kEventV1: {
      static const Dictionaries kEvent = Load(EventDictionaryV1());
      return &kEvent;
    }
  }
  return nullptr;
}

struct CctxFree {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};
struct DctxFree {
  void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
};

// This thread's compression context, set up once: the content size written (a reader bounds its
// allocation before unpacking) and the dictionary's id left out (4 bytes a value: the version
// byte already names the dictionary). The dictionary is referenced per call.
ZSTD_CCtx* PackingContext() {
  thread_local std::unique_ptr<ZSTD_CCtx, CctxFree> context = [] {
    std::unique_ptr<ZSTD_CCtx, CctxFree> created(ZSTD_createCCtx());
    if (!created ||
        ZSTD_isError(ZSTD_CCtx_setParameter(created.get(), ZSTD_c_contentSizeFlag, 1)) ||
        ZSTD_isError(ZSTD_CCtx_setParameter(created.get(), ZSTD_c_dictIDFlag, 0))) {
      throw std::bad_alloc();
    }
    return created;
  }();
  return context.get();
}

}  // namespace

std::string PackJson(Packing packing, std::string_view json) {
  ZSTD_CCtx* context = PackingContext();
  if (ZSTD_isError(
          ZSTD_CCtx_refCDict(context, DictionariesOf(static_cast<char>(packing))->compress))) {
    throw std::bad_alloc();
  }
  std::string packed(1 + ZSTD_compressBound(json.size()), '\0');
  packed[0] = static_cast<char>(packing);
  const size_t size =
      ZSTD_compress2(context, packed.data() + 1, packed.size() - 1, json.data(), json.size());
  // Compression into a buffer of ZSTD_compressBound cannot fail but for lack of memory.
  if (ZSTD_isError(size)) throw std::bad_alloc();
  packed.resize(1 + size);
  return packed;
}

Result<std::string> UnpackJson(std::string_view packed) {
  const Dictionaries* dictionaries = packed.empty() ? nullptr : DictionariesOf(packed[0]);
  if (dictionaries == nullptr) return Error::Internal("a packed value is in an unknown form");
  const std::string_view frame = packed.substr(1);
  const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
      size > kMaxUnpackedJson) {
    return Error::Internal("a packed value is damaged");
  }
  thread_local std::unique_ptr<ZSTD_DCtx, DctxFree> context(ZSTD_createDCtx());
  std::string json(static_cast<size_t>(size), '\0');
  const size_t written =
      ZSTD_decompress_usingDDict(context.get(), json.data(), json.size(), frame.data(),
                                 frame.size(), dictionaries->decompress);
  if (ZSTD_isError(written) || written != json.size()) {
    return Error::Internal("a packed value is damaged");
  }
  return json;
}

}  // namespace rapport::storage
