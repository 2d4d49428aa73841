#include "storage/audit_codec.hpp"

#include <zstd.h>

#include <memory>
#include <new>

#include "storage/audit_dictionary.hpp"

namespace rapport::storage {
namespace {

constexpr char kVersion1 = 1;
// Level 3 is zstd's default: the writer thread packs every audited change inside the group
// commit, and higher levels cost more time there than the few bytes they save on entries this
// small.
constexpr int kLevel = 3;

struct Dictionaries {
  ZSTD_CDict* compress;
  ZSTD_DDict* decompress;
};

// Built once; the dictionaries are read-only after creation and zstd allows sharing them.
const Dictionaries& Version1() {
  static const Dictionaries dictionaries = [] {
    const std::string_view content = AuditDictionaryV1();
    return Dictionaries{ZSTD_createCDict(content.data(), content.size(), kLevel),
                        ZSTD_createDDict(content.data(), content.size())};
  }();
  return dictionaries;
}

struct CctxFree {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};
struct DctxFree {
  void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
};

// This thread's compression context, set up once: the dictionary referenced, the content size
// written (a reader bounds its allocation before unpacking) and the dictionary's id left out (4
// bytes an entry: the version byte already names the dictionary).
ZSTD_CCtx* PackingContext() {
  thread_local std::unique_ptr<ZSTD_CCtx, CctxFree> context = [] {
    std::unique_ptr<ZSTD_CCtx, CctxFree> created(ZSTD_createCCtx());
    if (!created || ZSTD_isError(ZSTD_CCtx_refCDict(created.get(), Version1().compress)) ||
        ZSTD_isError(ZSTD_CCtx_setParameter(created.get(), ZSTD_c_contentSizeFlag, 1)) ||
        ZSTD_isError(ZSTD_CCtx_setParameter(created.get(), ZSTD_c_dictIDFlag, 0))) {
      throw std::bad_alloc();
    }
    return created;
  }();
  return context.get();
}

}  // namespace

std::string PackChanges(std::string_view json) {
  std::string packed(1 + ZSTD_compressBound(json.size()), '\0');
  packed[0] = kVersion1;
  const size_t size = ZSTD_compress2(PackingContext(), packed.data() + 1, packed.size() - 1,
                                     json.data(), json.size());
  // Compression into a buffer of ZSTD_compressBound cannot fail but for lack of memory.
  if (ZSTD_isError(size)) throw std::bad_alloc();
  packed.resize(1 + size);
  return packed;
}

Result<std::string> UnpackChanges(std::string_view packed) {
  if (packed.empty() || packed[0] != kVersion1) {
    return Error::Internal("an audit entry's changes are in an unknown packed form");
  }
  const std::string_view frame = packed.substr(1);
  const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
      size > kMaxUnpackedChanges) {
    return Error::Internal("an audit entry's packed changes are damaged");
  }
  thread_local std::unique_ptr<ZSTD_DCtx, DctxFree> context(ZSTD_createDCtx());
  std::string json(static_cast<size_t>(size), '\0');
  const size_t written = ZSTD_decompress_usingDDict(
      context.get(), json.data(), json.size(), frame.data(), frame.size(), Version1().decompress);
  if (ZSTD_isError(written) || written != json.size()) {
    return Error::Internal("an audit entry's packed changes are damaged");
  }
  return json;
}

}  // namespace rapport::storage
