// vCard in and out for customer import and export: VcardReader turns vCard 2.1, 3.0 and 4.0
// (the 2.1 spec, RFC 2426, RFC 6350) into customer create inputs, one card at a time in bounded
// memory; FormatVcard writes one customer as vCard 4.0.
//
// Reading. A card is the lines from BEGIN:VCARD to END:VCARD. Lines end in CRLF, LF or CR and are
// unfolded (a line starting with a space or tab continues the previous one; 3.0 and 4.0 drop that
// one character, 2.1 keeps it). Property names and groups ("item1.EMAIL") are case-insensitive;
// parameters may be bare 2.1 words ("TEL;HOME;VOICE"), TYPE lists, quoted or not, or PREF=n.
// 2.1 QUOTED-PRINTABLE (with '=' soft line breaks) and CHARSET=UTF-8, ISO-8859-1 or Windows-1252
// are decoded; 3.0/4.0 backslash escapes are undone; N and ADR split on unescaped ';'.
//
// What a card becomes (`VcardCard::customer`, the JSON of POST /customers, see
// customers/customer_input.cpp): FN -> display_name; N -> last_name, first_name; EMAIL -> emails
// and TEL -> phones, each {address|number, label?, primary?}; ADR -> addresses {label?, line1,
// line2, city, region, postal_code, country}; BDAY -> birthday (YYYY-MM-DD). The most preferred
// email and phone (lowest PREF, or TYPE=pref) are marked primary; duplicates are dropped. Labels
// come from TYPE (cell -> "mobile"; fax, pager, work, home) or from Apple's X-ABLabel in the same
// group, whose X-ABADR also gives an address its ISO country. ORG's first component and UID are
// returned beside the customer. Data with no place in a customer (NOTE, a birthday without a year,
// a country name that is not an ISO code, a phone extension) is left out with a warning; other
// properties are ignored. Business rules (valid email addresses, country codes on phone numbers,
// limits) are left to customers::ApplyCustomerInput, which the importer runs on each card.
//
// Errors are values naming the line. A structural error (a line that is not BEGIN:VCARD outside a
// card, a card without END:VCARD, a line or card over 1 MiB) ends the read. A content error inside
// a complete card (invalid UTF-8 after charset conversion, an unknown CHARSET) fails only that
// card: the next call reads the next one. Not thread-safe: one reader per stream.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "common/result.hpp"

namespace rapport::transfer {

struct VcardCard {
  int64_t line = 0;  // the line BEGIN:VCARD was on
  json::object customer;
  std::optional<std::string> organization;
  std::optional<std::string> uid;
  std::vector<std::string> warnings;  // "line 12: ...", one per thing left out
};

class VcardReader {
 public:
  explicit VcardReader(std::istream& in);

  // The next card; nullopt at the end of the input. kInvalidArgument with the line on bad input.
  Result<std::optional<VcardCard>> Next();

  // Bytes consumed so far, for progress against the file size.
  int64_t bytes_read() const { return bytes_read_; }

 private:
  Result<std::optional<std::string>> ReadPhysicalLine();
  Result<std::optional<std::string>> ReadLogicalLine();
  Error Fail(int64_t line, const std::string& message);

  std::istream& in_;
  bool started_ = false;
  bool failed_ = false;
  std::string version_;       // of the card being read; decides how folded lines join
  int64_t line_ = 0;          // physical lines begun so far
  int64_t logical_line_ = 0;  // where the last logical line began
  int64_t bytes_read_ = 0;
};

// `customer` as the API serves it (customers::CustomerToJson) as one vCard 4.0, CRLF line ends,
// lines folded at 75 octets without splitting a UTF-8 sequence. Labels that vCard has no TYPE for
// are written as Apple-style X-ABLabel in a group, which VcardReader reads back.
std::string FormatVcard(const json::object& customer,
                        const std::optional<std::string>& organization = std::nullopt);

}  // namespace rapport::transfer
