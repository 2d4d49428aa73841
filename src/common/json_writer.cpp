#include "common/json_writer.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace rapport {

namespace {

constexpr uint64_t kEachByte = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x8080808080808080ULL;

// Whether any byte of `word` is zero / below `n` (n <= 128): the usual bit tricks, exact as to
// whether such a byte exists, which is all the caller asks.
constexpr bool HasZeroByte(uint64_t word) { return ((word - kEachByte) & ~word & kHighBits) != 0; }
constexpr bool HasByteBelow(uint64_t word, uint64_t n) {
  return ((word - kEachByte * n) & ~word & kHighBits) != 0;
}

// Whether one of these 8 bytes must be escaped: a control byte, '"' or '\\'. UTF-8's bytes
// (>= 0x80) never are, and most text has none of the three, so it is checked a word at a time.
constexpr bool MayNeedEscape(uint64_t word) {
  return HasByteBelow(word, 0x20) || HasZeroByte(word ^ (kEachByte * '"')) ||
         HasZeroByte(word ^ (kEachByte * '\\'));
}

// The longest key PlainKey puts together on the stack; every field name of a record is shorter.
constexpr size_t kMaxInlineKey = 60;

}  // namespace

void AppendJsonString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  size_t copied = 0;
  size_t i = 0;
  const size_t size = text.size();
  while (i < size) {
    // Skip clean words whole: this loop is most of the time spent writing a page of records.
    while (i + 8 <= size) {
      uint64_t word;
      std::memcpy(&word, text.data() + i, sizeof word);
      if (MayNeedEscape(word)) break;
      i += 8;
    }
    if (i >= size) break;
    if (size - i < sizeof(uint64_t)) {
      // The tail as one word too, padded with a byte that needs no escape: most values are a
      // word or two long, so their tail was a large part of the bytes checked one at a time.
      uint64_t word = kEachByte * 'a';
      std::memcpy(&word, text.data() + i, size - i);
      if (!MayNeedEscape(word)) break;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out.append(text.data() + copied, i - copied);
    copied = ++i;
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\b':
        out.append("\\b");
        break;
      case '\f':
        out.append("\\f");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      default:
        out.append("\\u00");
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
  }
  out.append(text.data() + copied, size - copied);
  out.push_back('"');
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
  } else if (need_comma_) {
    out_.push_back(',');
  }
}

void JsonWriter::Open(char bracket) {
  BeforeValue();
  out_.push_back(bracket);
  need_comma_ = false;
}

void JsonWriter::Close(char bracket) {
  out_.push_back(bracket);
  need_comma_ = true;
}

void JsonWriter::Key(std::string_view key) {
  if (need_comma_) out_.push_back(',');
  AppendJsonString(out_, key);
  out_.push_back(':');
  after_key_ = true;
  need_comma_ = false;
}

void JsonWriter::PlainKey(std::string_view key) {
  assert(std::none_of(key.begin(), key.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\';
  }));
  if (key.size() <= kMaxInlineKey) {
    // `,"key":` put together here and appended once: three appends were most of a key's cost.
    char text[kMaxInlineKey + 4];
    size_t size = 0;
    if (need_comma_) text[size++] = ',';
    text[size++] = '"';
    std::memcpy(text + size, key.data(), key.size());
    size += key.size();
    text[size++] = '"';
    text[size++] = ':';
    out_.append(text, size);
  } else {
    if (need_comma_) out_.push_back(',');
    out_.push_back('"');
    out_.append(key);
    out_.append("\":", 2);
  }
  after_key_ = true;
  need_comma_ = false;
}

void JsonWriter::String(std::string_view text) {
  BeforeValue();
  AppendJsonString(out_, text);
  need_comma_ = true;
}

void JsonWriter::Null() {
  BeforeValue();
  out_.append("null");
  need_comma_ = true;
}

void JsonWriter::Bool(bool value) {
  BeforeValue();
  out_.append(value ? "true" : "false");
  need_comma_ = true;
}

void JsonWriter::Int(int64_t value) {
  BeforeValue();
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out_.append(digits, end);
  need_comma_ = true;
}

void JsonWriter::Value(const json::value& value) {
  switch (value.kind()) {
    case json::kind::null:
      Null();
      return;
    case json::kind::bool_:
      Bool(value.get_bool());
      return;
    case json::kind::int64:
      Int(value.get_int64());
      return;
    case json::kind::string:
      String(value.get_string());
      return;
    case json::kind::array:
      Value(value.get_array());
      return;
    case json::kind::object:
      Value(value.get_object());
      return;
    case json::kind::uint64:
    case json::kind::double_:
      // Rare in a record (custom number fields): Boost.JSON's own text keeps them exact.
      BeforeValue();
      out_.append(json::serialize(value));
      need_comma_ = true;
      return;
  }
}

void JsonWriter::Value(const json::array& array) {
  BeginArray();
  for (const auto& item : array) Value(item);
  EndArray();
}

void JsonWriter::Value(const json::object& object) {
  BeginObject();
  for (const auto& [key, item] : object) {
    Key(key);
    Value(item);
  }
  EndObject();
}

json::value& JsonTreeBuilder::Put(json::value value) {
  if (stack_.empty()) {
    root_ = std::move(value);
    return root_;
  }
  json::value& top = *stack_.back();
  if (top.is_array()) {
    json::array& array = top.get_array();
    array.push_back(std::move(value));
    return array.back();
  }
  return top.get_object().emplace(key_, std::move(value)).first->value();
}

}  // namespace rapport
