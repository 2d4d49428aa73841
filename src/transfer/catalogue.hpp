// Field catalogue: the fields an object's import takes, each with its type (which says where a
// cell's value goes in the API body) and the header spellings that map to it automatically.
// Each area declares its objects' catalogues in its transfer adapter; the engine maps headers
// and places values by them, knowing no object.
//
// Plain values and pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rapport::transfer {

enum class FieldType {
  kText,               // input[field] = cell
  kInteger,            // input[field] = whole number
  kBoolean,            // input[field] = yes/no
  kInstant,            // RFC 3339 time; a plain date means midnight UTC
  kTags,               // a list split on ';' or ','
  kEmail,              // one more entry of input.emails {address}
  kPhone,              // one more entry of input.phones {number}
  kMobile,             // one more entry of input.phones {number, label: "mobile"}
  kEmailList,          // several e-mail addresses split on ';'
  kPhoneList,          // several phone numbers split on ';'
  kAddressPart,        // "address.<part>": input.addresses[0].<part> (records with a list)
  kSingleAddressPart,  // "address.<part>": input.address.<part> (records with one address)
  kLinePart,           // "line.<key>": input.lines[0].<key> (one row per line item)
  kLineInteger,        // "line.<key>" holding a whole number
  kLink,               // a record to link by name (RowRecord::link)
  kCustomerRef,        // the customer a row belongs to: an id, external id or e-mail
  kCustomerPart,       // "customer.<key>": RowRecord::customer[key]
};

struct CatalogueField {
  std::string_view field;
  FieldType type = FieldType::kText;
  std::vector<std::string_view> aliases;  // normalised header spellings
};

using Catalogue = std::vector<CatalogueField>;

// Appends the postal-address fields (address.line1 … address.country) with their header
// spellings, typed kAddressPart or kSingleAddressPart: customers and companies share them.
void AppendAddressFields(Catalogue& catalogue, FieldType type);

// "E-mail Address" → "e_mail_address".
std::string NormaliseHeader(std::string_view header);

const CatalogueField* FindField(const Catalogue& catalogue, std::string_view field);
// The field a normalised header names, by name or alias; nullptr when none.
const CatalogueField* FieldForNormalisedHeader(const Catalogue& catalogue,
                                               std::string_view normalised);
// "sku, name, ..." for error messages.
std::string FieldList(const Catalogue& catalogue);
// Whether rows of this catalogue carry line items, or link a customer.
bool HasLineItems(const Catalogue& catalogue);
bool LinksCustomers(const Catalogue& catalogue);

}  // namespace rapport::transfer
