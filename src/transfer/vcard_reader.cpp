// VcardReader (vcard.hpp): vCard 2.1, 3.0 and 4.0 in, one card at a time.
#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <map>
#include <set>
#include <utility>

#include "common/text.hpp"
#include "common/time.hpp"
#include "transfer/vcard.hpp"
#include "transfer/vcard_property.hpp"

namespace rapport::transfer {
namespace {

using namespace vcard_detail;  // NOLINT: the reader is written in these terms
using Traits = std::char_traits<char>;

// Collects one card's properties into a customer input; see the header for what goes where.
class CardBuilder {
 public:
  CardBuilder(int64_t line, std::vector<std::string> warnings) {
    card_.line = line;
    card_.warnings = std::move(warnings);
  }

  // Apple's X-ABLabel and X-ABADR describe the other properties of their group, which may come
  // before them, so they are read in a first pass.
  Status AddGroupInfo(const Property& property) {
    if (property.group.empty() || (property.name != "X-ABLABEL" && property.name != "X-ABADR")) {
      return OkStatus();
    }
    RAPPORT_ASSIGN_OR_RETURN(std::string text, DecodeText(property));
    if (property.name == "X-ABLABEL") {
      group_labels_[property.group] = LabelFromApple(Unescape(text));
    }
    if (property.name == "X-ABADR") group_countries_[property.group] = Upper(Trim(text));
    return OkStatus();
  }

  Status Add(const Property& property) {
    static const std::set<std::string> kUsed = {"FN",   "N",   "EMAIL", "TEL", "ADR",
                                                "BDAY", "ORG", "UID",   "NOTE"};
    if (!kUsed.contains(property.name)) return OkStatus();
    RAPPORT_ASSIGN_OR_RETURN(std::string text, DecodeText(property));
    const std::string& name = property.name;
    if (name == "FN") SetOnce("display_name", Trim(Unescape(text)));
    if (name == "N") Name(text);
    if (name == "EMAIL") Email(property, Trim(Unescape(text)));
    if (name == "TEL") Phone(property, Trim(text));
    if (name == "ADR") Address(property, text);
    if (name == "BDAY") Birthday(property, Trim(text));
    if (name == "ORG" && !card_.organization) {
      if (std::string org = Trim(Unescape(SplitUnescaped(text, ';')[0])); !org.empty()) {
        card_.organization = std::move(org);
      }
    }
    if (name == "UID" && !card_.uid && !Trim(text).empty()) card_.uid = Trim(Unescape(text));
    if (name == "NOTE" && !Trim(text).empty()) {
      Warn(property.line, "NOTE has no customer field to go to; left out");
    }
    return OkStatus();
  }

  VcardCard Finish() && {
    MarkPrimary(emails_, email_preferences_);
    MarkPrimary(phones_, phone_preferences_);
    if (!emails_.empty()) card_.customer["emails"] = std::move(emails_);
    if (!phones_.empty()) card_.customer["phones"] = std::move(phones_);
    if (!addresses_.empty()) card_.customer["addresses"] = std::move(addresses_);
    return std::move(card_);
  }

 private:
  void Warn(int64_t line, const std::string& message) {
    card_.warnings.push_back("line " + std::to_string(line) + ": " + message);
  }

  void SetOnce(std::string_view key, const std::string& value) {
    if (!value.empty() && !card_.customer.contains(key)) card_.customer[key] = value;
  }

  std::optional<std::string> LabelOf(const Property& property) const {
    if (auto it = group_labels_.find(property.group);
        !property.group.empty() && it != group_labels_.end() && !it->second.empty()) {
      return it->second;
    }
    for (const auto& [type, label] : kTypeLabels) {
      if (property.Has("TYPE", type)) return std::string(label);
    }
    return std::nullopt;
  }

  void Name(std::string_view text) {
    if (std::exchange(name_seen_, true)) return;  // a second N would mix two people's names
    const std::vector<std::string_view> parts = SplitUnescaped(text, ';');
    SetOnce("last_name", Trim(Unescape(parts[0])));
    if (parts.size() > 1) SetOnce("first_name", Trim(Unescape(parts[1])));
  }

  void Email(const Property& property, std::string address) {
    if (address.empty() || !email_keys_.insert(ToLowerAscii(address)).second) return;
    json::object email{{"address", std::move(address)}};
    if (auto label = LabelOf(property)) email["label"] = *label;
    emails_.push_back(std::move(email));
    email_preferences_.push_back(PreferenceOf(property));
  }

  void Phone(const Property& property, std::string_view text) {
    std::string number;
    if (property.Has("VALUE", "uri") || StartsWithNoCase(text, "tel:")) {
      if (!StartsWithNoCase(text, "tel:")) {
        return Warn(property.line, "TEL " + Excerpt(text) + " is not a tel: URI; left out");
      }
      std::string_view uri = text.substr(4);
      if (const size_t semicolon = uri.find(';'); semicolon != std::string_view::npos) {
        if (uri.find("ext=", semicolon) != std::string_view::npos) {
          Warn(property.line, "the extension of " + std::string(uri.substr(0, semicolon)) +
                                  " has no place in a customer; left out");
        }
        uri = uri.substr(0, semicolon);
      }
      number = Trim(uri);
    } else {
      number = Trim(Unescape(text));
    }
    if (number.empty() || !phone_keys_.insert(PhoneKey(number)).second) return;
    json::object phone{{"number", std::move(number)}};
    if (auto label = LabelOf(property)) phone["label"] = *label;
    phones_.push_back(std::move(phone));
    phone_preferences_.push_back(PreferenceOf(property));
  }

  // ADR is post office box; extended address; street; locality; region; postal code; country.
  void Address(const Property& property, std::string_view text) {
    std::vector<std::string_view> parts = SplitUnescaped(text, ';');
    parts.resize(7);
    // Street lines: a 4.0 list (unescaped ',') or lines within the component (Apple's "\n").
    std::vector<std::string> lines;
    for (std::string_view piece : SplitUnescaped(parts[2], ',')) {
      const std::string street = Unescape(piece);
      for (std::string_view line : Split(street, '\n')) {
        if (!TrimWhitespace(line).empty()) lines.push_back(Trim(line));
      }
    }
    if (std::string extended = Trim(Unescape(parts[1])); !extended.empty()) {
      lines.push_back(extended);
    }
    if (std::string box = Trim(Unescape(parts[0])); !box.empty()) lines.push_back("PO Box " + box);
    json::object address;
    if (!lines.empty()) address["line1"] = lines[0];
    std::string line2;
    for (size_t i = 1; i < lines.size(); ++i) line2 += (i > 1 ? ", " : "") + lines[i];
    if (!line2.empty()) address["line2"] = line2;
    for (const auto& [key, index] : kAddressFields) {
      if (std::string value = Trim(Unescape(parts[index])); !value.empty()) address[key] = value;
    }
    std::string country = Trim(Unescape(parts[6]));
    if (auto it = group_countries_.find(property.group);
        !property.group.empty() && it != group_countries_.end() && it->second.size() == 2) {
      country = it->second;  // Apple's ISO code beside the country name
    }
    const bool iso = country.size() == 2 && std::isalpha(static_cast<unsigned char>(country[0])) &&
                     std::isalpha(static_cast<unsigned char>(country[1]));
    if (iso) {
      address["country"] = Upper(country);
    } else if (!country.empty()) {
      Warn(property.line, "country \"" + country +
                              "\" is not a two-letter ISO 3166 code; left out of the address");
    }
    if (address.empty()) return;
    if (auto label = LabelOf(property)) address["label"] = *label;
    addresses_.push_back(std::move(address));
  }

  // 19900101, 1990-01-01, 1990-01-01T00:00:00Z; a year is required (customers keep full dates).
  void Birthday(const Property& property, const std::string& value) {
    std::string date = value.substr(0, value.find('T'));
    if (date.size() == 8 &&
        std::all_of(date.begin(), date.end(), [](unsigned char c) { return std::isdigit(c); })) {
      date = date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6, 2);
    }
    // Apple writes a birthday without a year in the year it names here (1604).
    const std::string omitted_year = property.First("X-APPLE-OMIT-YEAR");
    if (value.starts_with("--") || (!omitted_year.empty() && date.starts_with(omitted_year))) {
      return Warn(property.line, "birthday " + Excerpt(value) + " has no year; left out");
    }
    if (!IsValidDate(date)) {
      return Warn(property.line, "birthday " + Excerpt(value) + " is not a date; left out");
    }
    SetOnce("birthday", date);
  }

  static void MarkPrimary(json::array& items, const std::vector<std::optional<int>>& ranks) {
    auto best = ranks.end();
    for (auto it = ranks.begin(); it != ranks.end(); ++it) {
      if (*it && (best == ranks.end() || **it < **best)) best = it;
    }
    if (best != ranks.end())
      items[static_cast<size_t>(best - ranks.begin())].as_object()["primary"] = true;
  }

  VcardCard card_;
  std::map<std::string, std::string> group_labels_;
  std::map<std::string, std::string> group_countries_;
  bool name_seen_ = false;
  json::array emails_, phones_, addresses_;
  std::vector<std::optional<int>> email_preferences_, phone_preferences_;
  std::set<std::string> email_keys_, phone_keys_;
};

}  // namespace

VcardReader::VcardReader(std::istream& in) : in_(in) {}

Error VcardReader::Fail(int64_t line, const std::string& message) {
  failed_ = true;
  return LineError(line, message);
}

Result<std::optional<std::string>> VcardReader::ReadPhysicalLine() {
  std::streambuf& buffer = *in_.rdbuf();
  if (Traits::eq_int_type(buffer.sgetc(), Traits::eof())) return std::optional<std::string>();
  ++line_;
  std::string text;
  while (true) {
    const Traits::int_type c = buffer.sbumpc();
    if (Traits::eq_int_type(c, Traits::eof())) break;
    ++bytes_read_;
    if (c == '\n') break;
    if (c == '\r') {
      if (buffer.sgetc() == '\n') {
        buffer.sbumpc();
        ++bytes_read_;
      }
      break;
    }
    text.push_back(Traits::to_char_type(c));
    if (text.size() > kMaxLineBytes) return Fail(line_, "the line is longer than 1 MiB");
  }
  return std::optional<std::string>(std::move(text));
}

Result<std::optional<std::string>> VcardReader::ReadLogicalLine() {
  RAPPORT_ASSIGN_OR_RETURN(std::optional<std::string> line, ReadPhysicalLine());
  if (!line) return line;
  logical_line_ = line_;
  while (true) {
    const Traits::int_type next = in_.rdbuf()->sgetc();
    if (line->ends_with('=') && IsQuotedPrintable(*line)) {
      line->pop_back();  // a soft line break: the value goes on, whatever the next line starts with
    } else if (next == ' ' || next == '\t') {
      // 3.0 and 4.0 fold by inserting CRLF and one white-space character; 2.1 only the CRLF.
      if (version_ != "2.1") {
        in_.rdbuf()->sbumpc();
        ++bytes_read_;
      }
    } else {
      break;
    }
    RAPPORT_ASSIGN_OR_RETURN(std::optional<std::string> more, ReadPhysicalLine());
    if (!more) break;
    line->append(*more);
    if (line->size() > kMaxLineBytes) {
      return Fail(logical_line_, "the line is longer than 1 MiB once unfolded");
    }
  }
  return line;
}

Result<std::optional<VcardCard>> VcardReader::Next() {
  if (failed_) return Error::Invalid("file", "the file could not be read past an earlier error");
  std::optional<std::string> line;
  do {
    RAPPORT_ASSIGN_OR_RETURN(line, ReadLogicalLine());
    if (!line) return std::optional<VcardCard>();
    if (!std::exchange(started_, true) && line->starts_with(kByteOrderMark)) line->erase(0, 3);
  } while (TrimWhitespace(*line).empty());
  const int64_t begin = logical_line_;
  const std::optional<Property> first = ParseProperty(*line, begin);
  if (!first || !IsVcardMarker(*first, "BEGIN")) {
    return Fail(begin, "expected BEGIN:VCARD, found \"" + Excerpt(*line) + "\"");
  }
  const std::string card = "the card starting on line " + std::to_string(begin);
  version_.clear();
  std::vector<Property> properties;
  std::vector<std::string> warnings;
  // The card's bytes as in the file, line breaks and folds included.
  const int64_t card_start = bytes_read_ - static_cast<int64_t>(line->size());
  int depth = 1;  // a 2.1 AGENT may hold a whole card, whose lines are not this customer's
  while (depth > 0) {
    RAPPORT_ASSIGN_OR_RETURN(line, ReadLogicalLine());
    if (!line) return Fail(begin, card + " has no END:VCARD");
    if (static_cast<size_t>(bytes_read_ - card_start) > kMaxCardBytes) {
      return Fail(begin, card + " is larger than 1 MiB");
    }
    if (TrimWhitespace(*line).empty()) continue;
    std::optional<Property> property = ParseProperty(*line, logical_line_);
    if (!property) {
      warnings.push_back("line " + std::to_string(logical_line_) + ": \"" + Excerpt(*line) +
                         "\" is not a vCard property; left out");
      continue;
    }
    if (IsVcardMarker(*property, "BEGIN")) ++depth;
    if (IsVcardMarker(*property, "END")) --depth;
    if (depth != 1 || property->name == "BEGIN" || property->name == "END") continue;
    if (property->name == "VERSION") {
      version_ = Trim(property->value);
      if (version_ != "2.1" && version_ != "3.0" && version_ != "4.0") {
        warnings.push_back("line " + std::to_string(logical_line_) + ": VERSION " +
                           Excerpt(version_) + " is unknown; read as 4.0");
      }
    }
    properties.push_back(std::move(*property));
  }
  // The card is complete, so an error in its content fails this card alone.
  CardBuilder builder(begin, std::move(warnings));
  for (const Property& property : properties) {
    RAPPORT_RETURN_IF_ERROR(builder.AddGroupInfo(property));
  }
  for (const Property& property : properties) {
    RAPPORT_RETURN_IF_ERROR(builder.Add(property));
  }
  return std::optional<VcardCard>(std::move(builder).Finish());
}

}  // namespace rapport::transfer
