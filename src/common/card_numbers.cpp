#include "common/card_numbers.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <optional>
#include <vector>

namespace rapport {
namespace {

constexpr size_t kMinDigits = 13;  // the shortest card numbers issued (old Visa)
constexpr size_t kMaxDigits = 19;  // ISO/IEC 7812's longest
// A card written in groups has at most five of them (4-4-4-4-3), its first group at least four
// digits and every group at least three. Windows of shorter groups are not tried: a list of
// two- and three-digit figures would otherwise pass Luhn by chance about once in ten windows.
constexpr size_t kMaxGroups = 5;
constexpr size_t kMinFirstGroup = 4;
constexpr size_t kMinGroup = 3;
// "4111 - 1111", "\r\n" and double spaces join groups; a longer gap separates two numbers.
constexpr size_t kMaxSeparatorRun = 3;
// ISO/IEC 7812's major industry identifier (the first digit) of payment cards: 2 (Mastercard's
// 2-series), 3 (Amex, JCB, Diners), 4 (Visa), 5 (Mastercard, Maestro), 6 (Discover, UnionPay,
// Maestro). Numbers starting otherwise — epoch milliseconds, 1…, 7… to 9… and 0… identifiers —
// are not card numbers PCI DSS covers, and would be refused one time in ten by Luhn alone.
constexpr int kFirstCardDigit = 2;
constexpr int kLastCardDigit = 6;

// The zero of every decimal digit set (Unicode category Nd, ten consecutive code points) that a
// person could type a card number in: the digit is (code point - zero).
constexpr std::array<char32_t, 38> kDigitZeros = {
    0x0030, 0x0660, 0x06F0, 0x07C0,  0x0966,  0x09E6,  0x0A66,  0x0AE6, 0x0B66, 0x0BE6,
    0x0C66, 0x0CE6, 0x0D66, 0x0DE6,  0x0E50,  0x0ED0,  0x0F20,  0x1040, 0x1090, 0x17E0,
    0x1810, 0x1946, 0x19D0, 0x1A80,  0x1A90,  0x1B50,  0x1BB0,  0x1C40, 0x1C50, 0xA620,
    0xA8D0, 0xA900, 0xFF10, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6};

// Characters people (or copy and paste) put between digit groups.
bool IsSeparator(char32_t c) {
  switch (c) {
    case U' ':
    case U'\t':
    case U'\n':
    case U'\r':
    case U'\v':
    case U'\f':
    case U'-':
    case U'.':
    case U'/':
    case U'_':
    case 0x00A0:  // no-break space
    case 0x00AD:  // soft hyphen
    case 0x00B7:  // middle dot
    case 0x2010:  // hyphen … horizontal bar
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2022:  // bullet
    case 0x2024:  // one dot leader
    case 0x2027:  // hyphenation point
    case 0x202F:  // narrow no-break space
    case 0x205F:  // medium mathematical space
    case 0x2060:  // word joiner
    case 0x2212:  // minus sign
    case 0x2215:  // division slash
    case 0x3000:  // ideographic space
    case 0xFEFF:  // zero-width no-break space
    case 0xFF0D:  // full-width hyphen-minus, full stop, solidus, low line
    case 0xFF0E:
    case 0xFF0F:
    case 0xFF3F:
      return true;
    default:
      // En quad … zero-width joiner: the typographic spaces and the zero-width characters.
      return c >= 0x2000 && c <= 0x200D;
  }
}

std::optional<int> DigitValue(char32_t c) {
  for (char32_t zero : kDigitZeros) {
    if (c >= zero && c < zero + 10) return static_cast<int>(c - zero);
  }
  return std::nullopt;
}

// Decodes one UTF-8 code point at `text[i]`, advancing `i`; a malformed byte decodes as U+FFFD
// (which is neither digit nor separator, so it ends a number).
char32_t NextCodePoint(std::string_view text, size_t& i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  size_t length = 1;
  char32_t c = lead;
  if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    c = lead & 0x07;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    c = lead & 0x0F;
  } else if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    c = lead & 0x1F;
  } else if (lead >= 0x80) {
    ++i;
    return 0xFFFD;
  }
  if (i + length > text.size()) {
    ++i;
    return 0xFFFD;
  }
  for (size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    c = (c << 6) | (next & 0x3F);
  }
  i += length;
  return c;
}

// One group of digits: their values and the bytes they span in the text.
struct Group {
  std::vector<int> digits;
  size_t begin = 0;  // byte offset of the first digit
  size_t end = 0;    // byte offset just past the last digit
  // Right after a "+": a phone number in international form ("+4915123456789" is 13 digits and
  // starts with 4), never how a card number is written.
  bool after_plus = false;
};

// The text cut into runs: groups joined only by short separator clusters.
std::vector<std::vector<Group>> Runs(std::string_view text) {
  std::vector<std::vector<Group>> runs;
  std::vector<Group> run;
  std::optional<Group> group;
  size_t separators = 0;
  auto close_group = [&] {
    if (group) run.push_back(std::move(*group));
    group.reset();
  };
  auto close_run = [&] {
    close_group();
    if (!run.empty()) runs.push_back(std::move(run));
    run.clear();
    separators = 0;
  };
  size_t i = 0;
  char32_t previous = 0;
  while (i < text.size()) {
    const size_t at = i;
    const char32_t c = NextCodePoint(text, i);
    const bool after_plus = previous == U'+' || previous == 0xFF0B;  // "+" or full-width "＋"
    previous = c;
    if (auto digit = DigitValue(c)) {
      if (!group) group = Group{{}, at, at, after_plus};
      group->digits.push_back(*digit);
      group->end = i;
      separators = 0;
    } else if (IsSeparator(c) && (group || !run.empty())) {
      close_group();
      if (++separators > kMaxSeparatorRun) close_run();
    } else {
      close_run();
    }
  }
  close_run();
  return runs;
}

// A cheap first look for Runs: false only when no card number can be in `text`, i.e. it is ASCII
// and none of its runs (digits joined by at most kMaxSeparatorRun separators, as Runs cuts them)
// holds kMinDigits digits. Text beyond ASCII (other scripts' digits and separators) always gets
// the full scan. Request paths and most field values end here: the full scan decodes each code
// point and tries 38 digit sets on it, 5 % of a request's instructions for its log line.
bool MayHoldCardNumber(std::string_view text) {
  size_t digits = 0;  // in the current run
  size_t separators = 0;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) return true;
    if (byte >= '0' && byte <= '9') {
      if (++digits >= kMinDigits) return true;
      separators = 0;
    } else if (digits > 0 && IsSeparator(byte)) {
      if (++separators > kMaxSeparatorRun) digits = separators = 0;
    } else {
      digits = separators = 0;
    }
  }
  return false;
}

bool Luhn(const std::vector<int>& digits) {
  int sum = 0;
  for (size_t i = 0; i < digits.size(); ++i) {
    int d = digits[digits.size() - 1 - i];
    if (i % 2 == 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 == 0;
}

// Whether groups [first, last] of `run` read as one card number.
bool IsCard(const std::vector<Group>& run, size_t first, size_t last) {
  if (run[first].after_plus) return false;
  std::vector<int> digits;
  for (size_t g = first; g <= last; ++g) {
    const size_t size = run[g].digits.size();
    if (first != last &&
        (size < kMinGroup || (g == first && size < kMinFirstGroup) || size > kMaxDigits)) {
      return false;
    }
    digits.insert(digits.end(), run[g].digits.begin(), run[g].digits.end());
    if (digits.size() > kMaxDigits) return false;
  }
  return digits.size() >= kMinDigits && digits.front() >= kFirstCardDigit &&
         digits.front() <= kLastCardDigit && Luhn(digits);
}

// For each run, which groups belong to some card-like window.
std::vector<std::vector<bool>> CardGroups(const std::vector<std::vector<Group>>& runs) {
  std::vector<std::vector<bool>> covered;
  for (const auto& run : runs) {
    std::vector<bool> in_card(run.size(), false);
    for (size_t first = 0; first < run.size(); ++first) {
      for (size_t last = first; last < run.size() && last < first + kMaxGroups; ++last) {
        if (IsCard(run, first, last)) {
          std::fill(in_card.begin() + static_cast<std::ptrdiff_t>(first),
                    in_card.begin() + static_cast<std::ptrdiff_t>(last) + 1, true);
        }
      }
    }
    covered.push_back(std::move(in_card));
  }
  return covered;
}

bool IsSecurityCodeKey(std::string_view key) {
  std::string folded;
  for (const char c : key) {
    if (c == '-' || c == '_' || c == ' ') continue;
    folded.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  // Folded: lower case, without "-", "_" and spaces ("Card-Security_Code" is "cardsecuritycode").
  static constexpr std::array<std::string_view, 12> kKeys = {"cvv",
                                                             "cvc",
                                                             "cvv2",
                                                             "cvc2",
                                                             "csc",
                                                             "cvn",
                                                             "cav2",
                                                             "securitycode",
                                                             "cardcode",
                                                             "cardsecuritycode",
                                                             "cardverificationvalue",
                                                             "cardverificationcode"};
  return std::find(kKeys.begin(), kKeys.end(), folded) != kKeys.end();
}

std::optional<std::string> FindCardData(const json::value& value, const std::string& path) {
  if (value.is_string()) {
    if (ContainsCardNumber(value.as_string())) return path;
  } else if (value.is_int64() || value.is_uint64() || value.is_double()) {
    if (ContainsCardNumber(json::serialize(value))) return path;
  } else if (value.is_array()) {
    const auto& array = value.as_array();
    for (size_t i = 0; i < array.size(); ++i) {
      if (auto found = FindCardData(array[i], path + "[" + std::to_string(i) + "]")) return found;
    }
  } else if (value.is_object()) {
    for (const auto& [key, child] : value.as_object()) {
      const std::string child_path =
          path.empty() ? std::string(key) : path + "." + std::string(key);
      if (IsSecurityCodeKey(key) && !child.is_null()) return child_path;
      if (ContainsCardNumber(key))
        return path.empty() ? std::string("body") : path;  // never the key itself
      if (auto found = FindCardData(child, child_path)) return found;
    }
  }
  return std::nullopt;
}

}  // namespace

Status RefuseCardData(const json::value& body) {
  if (auto field = FindCardData(body, "")) {
    return Error::Invalid(*field,
                          "looks like a card number or security code; Rapport never stores "
                          "them — send the payment processor's token instead");
  }
  return OkStatus();
}

bool ContainsCardNumber(std::string_view text) {
  if (!MayHoldCardNumber(text)) return false;
  for (const auto& in_card : CardGroups(Runs(text))) {
    if (std::find(in_card.begin(), in_card.end(), true) != in_card.end()) return true;
  }
  return false;
}

std::string MaskCardNumbers(std::string_view text) {
  if (!MayHoldCardNumber(text)) return std::string(text);
  const auto runs = Runs(text);
  const auto covered = CardGroups(runs);
  std::string masked;
  size_t copied = 0;  // bytes of `text` already handled
  for (size_t r = 0; r < runs.size(); ++r) {
    const auto& run = runs[r];
    for (size_t g = 0; g < run.size();) {
      if (!covered[r][g]) {
        ++g;
        continue;
      }
      size_t last = g;
      while (last + 1 < run.size() && covered[r][last + 1]) ++last;
      masked.append(text.substr(copied, run[g].begin - copied));
      masked.append(kCardNumberMask);
      copied = run[last].end;
      g = last + 1;
    }
  }
  masked.append(text.substr(copied));
  return masked;
}

}  // namespace rapport
