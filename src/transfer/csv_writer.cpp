#include "transfer/csv_writer.hpp"

namespace rapport::transfer {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

}  // namespace

std::string CsvField(std::string_view value, const CsvWriteOptions& options) {
  std::string text;
  if (options.neutralise_formulas && !value.empty() &&
      (value.front() == '=' || value.front() == '+' || value.front() == '-' ||
       value.front() == '@' || value.front() == '\t' || value.front() == '\r')) {
    text.push_back('\'');
  }
  text.append(value);
  // A field starting with U+FEFF is quoted: unquoted at the start of a file, readers take it for
  // the byte-order mark and drop it.
  const bool quote =
      text.find_first_of(std::string{options.delimiter, '"', '\n', '\r'}) != std::string::npos ||
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
