#include "transfer/csv_writer.hpp"

namespace rapport::transfer {
namespace {

// The delimiters a spreadsheet may split on when it opens a CSV file, whatever this file uses:
// Excel follows the system's list separator (',' or ';'), LibreOffice asks and offers tab and
// '|' too. A cell is a formula in any of them if it starts with one of kFormulaStarts.
constexpr std::string_view kSpreadsheetDelimiters = ",;\t|";
constexpr std::string_view kFormulaStarts = "=+-@\t\r";

// `value` with a single quote before every formula start that begins a cell under some
// spreadsheet's splitting: at the start and after each delimiter (spaces in between ignored).
std::string Neutralised(std::string_view value) {
  std::string out;
  out.reserve(value.size() + 1);
  bool cell_start = true;
  for (char c : value) {
    if (cell_start && kFormulaStarts.find(c) != std::string_view::npos) out.push_back('\'');
    out.push_back(c);
    cell_start =
        kSpreadsheetDelimiters.find(c) != std::string_view::npos || (cell_start && c == ' ');
  }
  return out;
}

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

}  // namespace

std::string CsvField(std::string_view value, const CsvWriteOptions& options) {
  const std::string text = options.neutralise_formulas ? Neutralised(value) : std::string(value);
  // Quoted also when it holds a delimiter this file does not use, so a spreadsheet splitting on
  // that one still reads one cell ("x;=1+1" stays one cell when split on ';'). A field starting
  // with U+FEFF is quoted: unquoted at the start of a file, readers take it for the byte-order
  // mark and drop it.
  const bool quote =
      text.find_first_of(std::string{options.delimiter, '"', '\n', '\r'}) != std::string::npos ||
      (options.neutralise_formulas &&
       text.find_first_of(kSpreadsheetDelimiters) != std::string::npos) ||
      (!text.empty() && (text.front() == ' ' || text.back() == ' ')) ||
      text.starts_with(kByteOrderMark);
  if (!quote) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

CsvWriter::CsvWriter(std::ostream& out, CsvWriteOptions options) : out_(out), options_(options) {
  if (options_.byte_order_mark) out_ << kByteOrderMark;
}

void CsvWriter::Write(const std::vector<std::string>& fields) {
  // A record of one empty field would be an empty line, which readers skip as no record at all.
  if (fields.size() == 1 && fields[0].empty()) {
    out_ << "\"\"\r\n";
    ++rows_;
    return;
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out_.put(options_.delimiter);
    out_ << CsvField(fields[i], options_);
  }
  out_ << "\r\n";
  ++rows_;
}

}  // namespace rapport::transfer
