// CsvWriter: RFC 4180 CSV out, the writing half of exports. Fields are quoted when they hold the
// delimiter, a quote, a line break or edge spaces, or start with U+FEFF; quotes are doubled;
// records end with CRLF, and a record of one empty field is written as "" (not an empty line).
// By default a field a spreadsheet would run as a formula (starting with = + - @, tab or CR) is
// prefixed with a single quote, and so is every such start after a delimiter a spreadsheet may
// split on (, ; tab |) — with such a delimiter the field is also quoted — so an exported
// customer note cannot execute in the reader's spreadsheet (CSV injection). Writes as it goes
// (bounded memory). Not thread-safe.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace rapport::transfer {

struct CsvWriteOptions {
  char delimiter = ',';
  bool neutralise_formulas = true;
  bool byte_order_mark = false;  // for spreadsheet programs that guess the encoding otherwise
};

// One field as it appears in the file.
std::string CsvField(std::string_view value, const CsvWriteOptions& options = {});

class CsvWriter {
 public:
  explicit CsvWriter(std::ostream& out, CsvWriteOptions options = {});
  void Write(const std::vector<std::string>& fields);
  int64_t rows() const { return rows_; }

 private:
  std::ostream& out_;
  CsvWriteOptions options_;
  int64_t rows_ = 0;
};

}  // namespace rapport::transfer
