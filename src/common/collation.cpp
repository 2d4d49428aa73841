#include "common/collation.hpp"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

namespace rapport {
namespace {

struct SharedCollator {
  std::mutex mutex;
  std::string locale = std::string(kRootCollationLocale);
  std::unique_ptr<icu::Collator> prototype;  // GUARDED_BY(mutex); cloned per thread
  std::atomic<uint64_t> generation{1};       // bumped on every change of locale
};

SharedCollator& Shared() {
  static SharedCollator shared;
  return shared;
}

std::unique_ptr<icu::Collator> MakeCollator(std::string_view locale) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale parsed =
      icu::Locale::forLanguageTag(icu::StringPiece(locale.data(), locale.size()), status);
  if (U_FAILURE(status) || parsed.isBogus()) return nullptr;
  std::unique_ptr<icu::Collator> collator(icu::Collator::createInstance(parsed, status));
  if (U_FAILURE(status)) return nullptr;
  return collator;
}

// This thread's collator for the current locale.
icu::Collator* ThreadCollator() {
  thread_local uint64_t generation = 0;
  thread_local std::unique_ptr<icu::Collator> collator;
  SharedCollator& shared = Shared();
  if (generation != shared.generation.load(std::memory_order_acquire) || !collator) {
    std::lock_guard lock(shared.mutex);
    if (!shared.prototype) shared.prototype = MakeCollator(shared.locale);
    collator.reset(shared.prototype ? shared.prototype->clone() : nullptr);
    generation = shared.generation.load(std::memory_order_relaxed);
  }
  return collator.get();
}

bool IsAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

Status SetCollationLocale(std::string_view locale) {
  auto collator = MakeCollator(locale);
  if (!collator) {
    return Error::Invalid("collation_locale",
                          "must be a BCP 47 locale ICU can collate in, e.g. \"und\" or \"de\"");
  }
  SharedCollator& shared = Shared();
  std::lock_guard lock(shared.mutex);
  shared.locale = std::string(locale);
  shared.prototype = std::move(collator);
  shared.generation.fetch_add(1, std::memory_order_release);
  return OkStatus();
}

std::string CollationLocale() {
  SharedCollator& shared = Shared();
  std::lock_guard lock(shared.mutex);
  return shared.locale;
}

std::string CollationKey(std::string_view text) {
  icu::Collator* collator = ThreadCollator();
  if (collator == nullptr || text.empty()) return {};
  const icu::UnicodeString unicode =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), text.size()));
  if (unicode.isBogus()) return {};
  std::vector<uint8_t> key(text.size() * 4 + 16);
  int32_t length = collator->getSortKey(unicode, key.data(), static_cast<int32_t>(key.size()));
  if (length > static_cast<int32_t>(key.size())) {
    key.resize(static_cast<size_t>(length));
    length = collator->getSortKey(unicode, key.data(), length);
  }
  // The key ends in a 0 byte that only C strings need.
  if (length > 0 && key[static_cast<size_t>(length) - 1] == 0) --length;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(static_cast<size_t>(length) * 2);
  for (int32_t i = 0; i < length; ++i) {
    hex.push_back(kHex[key[static_cast<size_t>(i)] >> 4]);
    hex.push_back(kHex[key[static_cast<size_t>(i)] & 0x0f]);
  }
  return hex;
}

std::string SearchFold(std::string_view text) {
  if (IsAscii(text)) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
      return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return lower;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(text);
  icu::UnicodeString decomposed = nfd->normalize(
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), text.size())), status);
  if (U_FAILURE(status)) return std::string(text);
  icu::UnicodeString bare;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) bare.append(c);
    i += U16_LENGTH(c);
  }
  // Folding can produce new composable sequences (and ß → ss); NFC last keeps one form.
  bare.foldCase(U_FOLD_CASE_DEFAULT);
  const icu::UnicodeString composed = nfc->normalize(bare, status);
  if (U_FAILURE(status)) return std::string(text);
  std::string out;
  composed.toUTF8String(out);
  return out;
}

}  // namespace rapport
