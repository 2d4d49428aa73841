// CsvReader: RFC 4180 CSV from a stream, one record at a time, in bounded memory — the reading
// half of imports (docs/import.md, to come). Quoted fields may hold delimiters, doubled quotes
// and line breaks; CRLF and LF both end records; a UTF-8 byte-order mark is skipped; the
// delimiter (',', ';' or tab) is detected from the first record unless given. Every field must
// be valid UTF-8 and at most `max_field_bytes`, so a hostile file (a 100 MB field, binary data)
// fails with a clear error and the line it started on instead of exhausting memory.
//
// Errors are values; after one, the reader is done (a CSV's structure cannot be trusted past a
// broken quote). Not thread-safe: one reader per stream.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"

namespace rapport::transfer {

struct CsvOptions {
  char delimiter = 0;  // 0: detect from the first record
  size_t max_field_bytes = size_t{1} << 20;
  size_t max_fields = 1000;
};

class CsvReader {
 public:
  explicit CsvReader(std::istream& in, CsvOptions options = {});

  // The next record's fields; nullopt at the end. kInvalidArgument with the line on bad input.
  Result<std::optional<std::vector<std::string>>> Next();

  // The line (1-based) the last record started on, for error reports.
  int64_t line() const { return record_line_; }
  // Bytes consumed so far, for progress against the file size.
  int64_t bytes_read() const { return bytes_read_; }
  char delimiter() const { return delimiter_; }

 private:
  void Fill(size_t bytes);
  int Peek();
  int Get();
  Error Fail(const std::string& message) const;
  void DetectDelimiter();

  std::istream& in_;
  CsvOptions options_;
  std::string buffer_;
  size_t position_ = 0;
  char delimiter_ = 0;
  bool started_ = false;
  bool failed_ = false;
  int64_t line_ = 1;
  int64_t record_line_ = 0;
  int64_t bytes_read_ = 0;
};

// True when `text` is valid UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
bool IsValidUtf8(std::string_view text);

}  // namespace rapport::transfer
