// FormatVcard (vcard.hpp): one customer out as vCard 4.0.
#include <algorithm>

#include "common/time.hpp"
#include "transfer/vcard.hpp"

namespace rapport::transfer {
namespace {

// RFC 6350 §3.2: lines SHOULD NOT be longer than 75 octets, not counting the line break.
constexpr size_t kFoldOctets = 75;

std::string_view Text(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string_view(value->as_string())
                                                : std::string_view();
}

const json::array& Array(const json::object& object, std::string_view key) {
  static const json::array kEmpty;
  const json::value* value = object.if_contains(key);
  return value != nullptr && value->is_array() ? value->as_array() : kEmpty;
}

std::string EscapeText(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' || text[i] == ',' || text[i] == ';') {
      out += '\\';
      out += text[i];
    } else if (text[i] == '\r' || text[i] == '\n') {
      out += "\\n";
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

// `line` with CRLF, folded (RFC 6350 §3.2) so no physical line passes 75 octets; a continuation
// starts with a space, which counts.
std::string Folded(std::string_view line) {
  std::string out;
  size_t limit = kFoldOctets;
  while (line.size() > limit) {
    size_t cut = limit;
    // Never inside a UTF-8 character: 10xxxxxx bytes continue one.
    while ((static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out.append(line.substr(0, cut)).append("\r\n ");
    line.remove_prefix(cut);
    limit = kFoldOctets - 1;
  }
  return out.append(line).append("\r\n");
}

// The TYPE word for a customer label, when vCard has one.
std::optional<std::string_view> TypeForLabel(std::string_view label, bool phone) {
  if (label == "home" || label == "work") return label;
  if (phone && label == "mobile") return "cell";
  if (phone && (label == "fax" || label == "pager")) return label;
  return std::nullopt;
}

// Writes labelled properties; a label with no TYPE word travels as Apple's X-ABLabel in a group,
// which Apple and Google Contacts and VcardReader read.
class LabelledWriter {
 public:
  std::string Property(std::string_view name, std::string params, std::string_view label,
                       bool phone, std::string_view value) {
    std::string head(name);
    std::string label_line;
    if (auto type = TypeForLabel(label, phone)) {
      params = ";TYPE=" + std::string(*type) + params;
    } else if (!label.empty()) {
      const std::string group = "item" + std::to_string(++groups_);
      head = group + "." + head;
      label_line = Folded(group + ".X-ABLabel:" + EscapeText(label));
    }
    return Folded(head + params + ":" + std::string(value)) + label_line;
  }

 private:
  int groups_ = 0;
};

bool IsPrimary(const json::object& point) {
  const json::value* primary = point.if_contains("primary");
  return primary != nullptr && primary->is_bool() && primary->as_bool();
}

}  // namespace

std::string FormatVcard(const json::object& customer,
                        const std::optional<std::string>& organization) {
  std::string out = Folded("BEGIN:VCARD") + Folded("VERSION:4.0");
  out += Folded("FN:" + EscapeText(Text(customer, "display_name")));
  const std::string_view first = Text(customer, "first_name");
  const std::string_view last = Text(customer, "last_name");
  if (!first.empty() || !last.empty()) {
    out += Folded("N:" + EscapeText(last) + ";" + EscapeText(first) + ";;;");
  }
  LabelledWriter writer;
  for (const json::value& item : Array(customer, "emails")) {
    if (!item.is_object() || Text(item.as_object(), "address").empty()) continue;
    const json::object& email = item.as_object();
    out += writer.Property("EMAIL", IsPrimary(email) ? ";PREF=1" : "", Text(email, "label"), false,
                           EscapeText(Text(email, "address")));
  }
  for (const json::value& item : Array(customer, "phones")) {
    if (!item.is_object() || Text(item.as_object(), "number").empty()) continue;
    const json::object& phone = item.as_object();
    out += writer.Property("TEL", IsPrimary(phone) ? ";VALUE=uri;PREF=1" : ";VALUE=uri",
                           Text(phone, "label"), true, "tel:" + std::string(Text(phone, "number")));
  }
  for (const json::value& item : Array(customer, "addresses")) {
    if (!item.is_object()) continue;
    const json::object& address = item.as_object();
    // Post office box and extended address stay empty (RFC 6350 §6.3.1); line2 is a second
    // street line.
    std::string street = EscapeText(Text(address, "line1"));
    if (!Text(address, "line2").empty()) street += "\\n" + EscapeText(Text(address, "line2"));
    out += writer.Property("ADR", "", Text(address, "label"), false,
                           ";;" + street + ";" + EscapeText(Text(address, "city")) + ";" +
                               EscapeText(Text(address, "region")) + ";" +
                               EscapeText(Text(address, "postal_code")) + ";" +
                               EscapeText(Text(address, "country")));
  }
  if (const std::string_view birthday = Text(customer, "birthday"); IsValidDate(birthday)) {
    std::string basic(birthday);
    std::erase(basic, '-');
    out += Folded("BDAY:" + basic);
  }
  if (organization && !organization->empty()) out += Folded("ORG:" + EscapeText(*organization));
  if (const std::string_view id = Text(customer, "id"); !id.empty()) {
    out += Folded("UID:urn:rapport:" + EscapeText(id));
  }
  // REV in the basic format, to the second: 2026-11-25T14:35:43.123Z -> 20261125T143543Z.
  if (std::optional<std::string> rev = NormalizeInstant(Text(customer, "updated_at"))) {
    rev->erase(rev->find('.'), 4);
    std::erase(*rev, '-');
    std::erase(*rev, ':');
    out += Folded("REV:" + *rev);
  }
  return out + Folded("END:VCARD");
}

}  // namespace rapport::transfer
