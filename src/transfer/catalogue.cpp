#include "transfer/catalogue.hpp"

#include <algorithm>
#include <cctype>

namespace rapport::transfer {

std::string NormaliseHeader(std::string_view header) {
  std::string out;
  for (char c : header) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      out.push_back(static_cast<char>(std::tolower(u)));
    } else if (!out.empty() && out.back() != '_') {
      out.push_back('_');
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

const CatalogueField* FindField(const Catalogue& catalogue, std::string_view field) {
  for (const auto& entry : catalogue) {
    if (entry.field == field) return &entry;
  }
  return nullptr;
}

const CatalogueField* FieldForNormalisedHeader(const Catalogue& catalogue,
                                               std::string_view normalised) {
  if (normalised.empty()) return nullptr;
  for (const auto& entry : catalogue) {
    if (entry.field == normalised) return &entry;
    for (auto alias : entry.aliases) {
      if (alias == normalised) return &entry;
    }
  }
  return nullptr;
}

std::string FieldList(const Catalogue& catalogue) {
  std::string list;
  for (const auto& entry : catalogue) {
    list += (list.empty() ? "" : ", ") + std::string(entry.field);
  }
  return list;
}

bool HasLineItems(const Catalogue& catalogue) {
  return std::any_of(catalogue.begin(), catalogue.end(), [](const CatalogueField& f) {
    return f.type == FieldType::kLinePart || f.type == FieldType::kLineInteger;
  });
}

bool LinksCustomers(const Catalogue& catalogue) {
  return std::any_of(catalogue.begin(), catalogue.end(),
                     [](const CatalogueField& f) { return f.type == FieldType::kCustomerRef; });
}

void AppendAddressFields(Catalogue& catalogue, FieldType type) {
  catalogue.push_back({"address.line1",
                       type,
                       {"address", "street", "address_line_1", "address1", "street_address",
                        "line1", "address_line1"}});
  catalogue.push_back(
      {"address.line2", type, {"address_line_2", "address2", "line2", "address_line2"}});
  catalogue.push_back({"address.city", type, {"city", "town", "locality"}});
  catalogue.push_back({"address.region", type, {"region", "state", "province", "county"}});
  catalogue.push_back(
      {"address.postal_code", type, {"postal_code", "zip", "zip_code", "postcode", "post_code"}});
  catalogue.push_back({"address.country", type, {"country", "country_code"}});
}

}  // namespace rapport::transfer
