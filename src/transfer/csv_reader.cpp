#include "transfer/csv_reader.hpp"

#include <array>

namespace rapport::transfer {
namespace {

constexpr size_t kChunk = size_t{64} * 1024;
// Enough of the start of the file to see the first record's separators.
constexpr size_t kDetectBytes = size_t{64} * 1024;

}  // namespace

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t length = 0;
    uint32_t code = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      length = 2;
      code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3;
      code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4;
      code = c & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    static constexpr std::array<uint32_t, 5> kMinimum = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kMinimum[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

CsvReader::CsvReader(std::istream& in, CsvOptions options)
    : in_(in), options_(options), delimiter_(options.delimiter) {}

void CsvReader::Fill(size_t bytes) {
  while (buffer_.size() - position_ < bytes && in_) {
    std::string more(kChunk, '\0');
    in_.read(more.data(), static_cast<std::streamsize>(kChunk));
    more.resize(static_cast<size_t>(in_.gcount()));
    if (more.empty()) break;
    buffer_.append(more);
  }
}

int CsvReader::Peek() {
  if (position_ == buffer_.size()) {
    buffer_.resize(kChunk);
    in_.read(buffer_.data(), static_cast<std::streamsize>(kChunk));
    buffer_.resize(static_cast<size_t>(in_.gcount()));
    position_ = 0;
    if (buffer_.empty()) return -1;
  }
  return static_cast<unsigned char>(buffer_[position_]);
}

int CsvReader::Get() {
  const int c = Peek();
  if (c >= 0) {
    ++position_;
    ++bytes_read_;
    if (c == '\n') ++line_;
  }
  return c;
}

Error CsvReader::Fail(const std::string& message) const {
  return Error::Invalid(
      "line " + std::to_string(record_line_),
      message + " (record starting on line " + std::to_string(record_line_) + ")");
}

void CsvReader::DetectDelimiter() {
  // Count separators outside quotes on the first line (from the start of the file already in the
  // buffer); the most frequent of , ; and tab wins (ties: comma).
  std::array<int, 3> counts{0, 0, 0};
  bool quoted = false;
  for (size_t i = position_; i < buffer_.size(); ++i) {
    const char c = buffer_[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    if (c == ',') ++counts[0];
    if (c == ';') ++counts[1];
    if (c == '\t') ++counts[2];
  }
  delimiter_ = ',';
  if (counts[1] > counts[0] && counts[1] >= counts[2]) delimiter_ = ';';
  if (counts[2] > counts[0] && counts[2] > counts[1]) delimiter_ = '\t';
}

Result<std::optional<std::vector<std::string>>> CsvReader::Next() {
  if (failed_) return Error::Invalid("file", "the file could not be read past an earlier error");
  if (!started_) {
    started_ = true;
    Fill(kDetectBytes);
    if (buffer_.compare(position_, 3, "\xEF\xBB\xBF") == 0) {  // a UTF-8 BOM, as spreadsheets write
      position_ += 3;
      bytes_read_ += 3;
    }
    if (delimiter_ == 0) DetectDelimiter();
  }
  // Blank lines between records carry nothing.
  while (Peek() == '\n' || Peek() == '\r') Get();
  if (Peek() < 0) return std::optional<std::vector<std::string>>();
  record_line_ = line_;
  std::vector<std::string> fields;
  std::string field;
  auto finish_field = [&]() -> Status {
    if (!IsValidUtf8(field)) {
      failed_ = true;
      return Fail("field " + std::to_string(fields.size() + 1) +
                  " is not valid UTF-8; save the file as UTF-8");
    }
    if (fields.size() >= options_.max_fields) {
      failed_ = true;
      return Fail("more than " + std::to_string(options_.max_fields) + " fields");
    }
    fields.push_back(std::move(field));
    field.clear();
    return OkStatus();
  };
  auto too_large = [&]() -> Error {
    failed_ = true;
    return Fail("field " + std::to_string(fields.size() + 1) + " is larger than " +
                std::to_string(options_.max_field_bytes) + " bytes");
  };
  while (true) {
    int c = Get();
    if (c == '"' && field.empty()) {
      // Quoted field: anything up to the closing quote; "" is one quote.
      while (true) {
        c = Get();
        if (c < 0) {
          failed_ = true;
          return Fail("a quoted field is never closed");
        }
        if (c == '"') {
          if (Peek() != '"') break;
          Get();  // "" is one quote, and counts against the limit like any other byte
        }
        field.push_back(static_cast<char>(c));
        if (field.size() > options_.max_field_bytes) return too_large();
      }
      c = Get();
      if (c != delimiter_ && c != '\n' && c != '\r' && c >= 0) {
        failed_ = true;
        return Fail("text follows a closing quote in field " + std::to_string(fields.size() + 1));
      }
    }
    if (c == delimiter_) {
      RAPPORT_RETURN_IF_ERROR(finish_field());
      continue;
    }
    if (c == '\r' || c == '\n' || c < 0) {
      if (c == '\r' && Peek() == '\n') Get();
      RAPPORT_RETURN_IF_ERROR(finish_field());
      return std::optional<std::vector<std::string>>(std::move(fields));
    }
    if (c == '"') {
      failed_ = true;
      return Fail("a quote inside an unquoted field " + std::to_string(fields.size() + 1) +
                  " (quote the whole field and double the quote)");
    }
    field.push_back(static_cast<char>(c));
    if (field.size() > options_.max_field_bytes) return too_large();
  }
}

}  // namespace rapport::transfer
