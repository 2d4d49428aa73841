#include "transfer/vcard.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "customers/customer.hpp"
#include "transfer/csv_reader.hpp"

namespace rapport::transfer {
namespace {

Result<std::vector<VcardCard>> ReadAll(const std::string& text) {
  std::istringstream in(text);
  VcardReader reader(in);
  std::vector<VcardCard> cards;
  while (true) {
    auto card = reader.Next();
    if (!card.ok()) return card.error();
    if (!card->has_value()) return cards;
    cards.push_back(std::move(**card));
  }
}

// Lines joined with CRLF, as exporters write them.
std::string Crlf(std::initializer_list<std::string_view> lines) {
  std::string out;
  for (std::string_view line : lines) out.append(line).append("\r\n");
  return out;
}

json::object Json(std::string_view text) {
  auto object = ParseJsonObject(text);
  EXPECT_TRUE(object.ok()) << text;
  return object.ok() ? *object : json::object();
}

// The rules every import goes through: what the reader produces must pass them unchanged.
customers::Customer MustApply(const json::object& input) {
  customers::Customer customer;
  std::vector<customers::ConsentEntry> consent;
  Status status = customers::ApplyCustomerInput(input, true, {}, customer, consent);
  EXPECT_TRUE(status.ok()) << (status.ok() ? "" : status.error().message) << " in "
                           << json::serialize(input);
  return customer;
}

bool Mentions(const std::vector<std::string>& warnings, std::string_view text) {
  for (const auto& warning : warnings) {
    if (warning.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(VcardReaderTest, ReadsAnAppleContactsExport) {
  const std::string file = Crlf({
      "BEGIN:VCARD",
      "VERSION:3.0",
      "PRODID:-//Apple Inc.//macOS 13.4.1//EN",
      "N:Appleseed;Johnny;Q.;;",
      "FN:Johnny Appleseed",
      "ORG:Example Orchards\\, Inc.;Sales;",
      "TITLE:Head of Sales",
      "EMAIL;type=INTERNET;type=WORK;type=pref:johnny@orchards.example",
      "EMAIL;type=INTERNET;type=HOME:johnny.a@mail.example",
      "EMAIL;type=INTERNET:JOHNNY@orchards.example",
      "TEL;type=CELL;type=VOICE;type=pref:+1 (408) 555-0101",
      "TEL;type=WORK;type=VOICE:+1 408-555-0102",
      "item1.TEL:+1 408 555 0199",
      "item1.X-ABLabel:Assistant",
      "item2.ADR;type=HOME;type=pref:;;1 Orchard Way\\nBuilding 2;Cupertino;CA;95014;United States",
      "item2.X-ABADR:us",
      "NOTE:Met at the spring fair.\\nLikes Granny Smith\\, not Fuji.",
      "BDAY;value=date:1985-04-15",
      "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsL",
      " DBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFA",
      " AQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==",
      "X-SOCIALPROFILE;type=twitter:https://twitter.com/johnny",
      "UID:6B29FC40-CA47-1067-B31D-00DD010662DA",
      "X-ABUID:6B29FC40-CA47-1067-B31D-00DD010662DA:ABPerson",
      "END:VCARD",
      "BEGIN:VCARD",
      "VERSION:3.0",
      "N:Ng;Mei;;;",
      "FN:Mei Ng",
      "EMAIL;type=INTERNET;type=HOME;type=pref:mei.ng@mail.example",
      "item1.EMAIL;type=INTERNET:mei@studio.example",
      "item1.X-ABLabel:_$!<Other>!$_",
      "BDAY;X-APPLE-OMIT-YEAR=1604:1604-06-01",
      "item2.ADR;type=WORK:;;Friedrichstraße 68;Berlin;;10117;Germany",
      "item2.X-ABADR:de",
      "END:VCARD",
  });
  auto cards = ReadAll(file);
  ASSERT_TRUE(cards.ok()) << cards.error().message;
  ASSERT_EQ(cards->size(), 2u);
  const VcardCard& johnny = cards->at(0);
  EXPECT_EQ(johnny.line, 1);
  EXPECT_EQ(johnny.customer, Json(R"({
      "last_name": "Appleseed", "first_name": "Johnny", "display_name": "Johnny Appleseed",
      "emails": [{"address": "johnny@orchards.example", "label": "work", "primary": true},
                 {"address": "johnny.a@mail.example", "label": "home"}],
      "phones": [{"number": "+1 (408) 555-0101", "label": "mobile", "primary": true},
                 {"number": "+1 408-555-0102", "label": "work"},
                 {"number": "+1 408 555 0199", "label": "Assistant"}],
      "addresses": [{"label": "home", "line1": "1 Orchard Way", "line2": "Building 2",
                     "city": "Cupertino", "region": "CA", "postal_code": "95014",
                     "country": "US"}],
      "birthday": "1985-04-15"})"));
  EXPECT_EQ(johnny.organization, "Example Orchards, Inc.");
  EXPECT_EQ(johnny.uid, "6B29FC40-CA47-1067-B31D-00DD010662DA");
  ASSERT_EQ(johnny.warnings.size(), 1u);
  EXPECT_EQ(johnny.warnings[0], "line 17: NOTE has no customer field to go to; left out");

  const VcardCard& mei = cards->at(1);
  EXPECT_EQ(mei.line, 26);
  EXPECT_EQ(mei.customer.at("emails"), Json(R"({"e": [
      {"address": "mei.ng@mail.example", "label": "home", "primary": true},
      {"address": "mei@studio.example", "label": "other"}]})")
                                           .at("e"));
  EXPECT_FALSE(mei.customer.contains("birthday"));
  EXPECT_TRUE(Mentions(mei.warnings, "line 33: birthday 1604-06-01 has no year"));
  EXPECT_EQ(mei.customer.at("addresses").at(0).at("line1"), "Friedrichstraße 68");
  EXPECT_EQ(mei.customer.at("addresses").at(0).at("country"), "DE");
  EXPECT_EQ(mei.customer.at("addresses").at(0).at("label"), "work");
  for (const auto& card : *cards) MustApply(card.customer);
}

TEST(VcardReaderTest, ReadsAnOldPhoneExportInQuotedPrintableLatin1) {
  const std::string file = Crlf({
      "BEGIN:VCARD",
      "VERSION:2.1",
      "N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen;;;",
      "FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:J=FCrgen M=FCller",
      "TEL;CELL;PREF:+49 151 23456789",
      "TEL;HOME;VOICE:0049 30 1234567",
      "TEL;WORK;FAX:+49 30 7654321",
      "EMAIL;INTERNET:juergen.mueller@example.de",
      "ADR;HOME;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:;;Hauptstra=DFe 5=0D=",
      "=0AHinterhaus;M=FCn=",
      "chen;Bayern;80331;DE",
      "NOTE;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Kunde seit 2009, ruft =",
      "vormittags an. Zuverl=E4=",
      "ssig.",
      "BDAY:19700312",
      "X-IRMC-LUID:000200000123",
      "END:VCARD",
      "",
      "BEGIN:VCARD",
      "VERSION:2.1",
      "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=85str=C3=B6m;Bj=C3=B6rn;;;",
      "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Bj=C3=B6rn =C3=85str=C3=B6m",
      "TEL;CELL:+46 70 123 45 67",
      "TEL;CELL;PREF:+46701234567",
      "EMAIL;HOME:bjorn@example.se",
      "BDAY:1990-01-01T00:00:00Z",
      "END:VCARD",
  });
  auto cards = ReadAll(file);
  ASSERT_TRUE(cards.ok()) << cards.error().message;
  ASSERT_EQ(cards->size(), 2u);
  EXPECT_EQ(cards->at(0).customer, Json(R"({
      "last_name": "Müller", "first_name": "Jürgen", "display_name": "Jürgen Müller",
      "phones": [{"number": "+49 151 23456789", "label": "mobile", "primary": true},
                 {"number": "0049 30 1234567", "label": "home"},
                 {"number": "+49 30 7654321", "label": "fax"}],
      "emails": [{"address": "juergen.mueller@example.de"}],
      "addresses": [{"label": "home", "line1": "Hauptstraße 5", "line2": "Hinterhaus",
                     "city": "München", "region": "Bayern", "postal_code": "80331",
                     "country": "DE"}],
      "birthday": "1970-03-12"})"));
  EXPECT_EQ(cards->at(0).warnings,
            std::vector<std::string>{"line 12: NOTE has no customer field to go to; left out"});
  const VcardCard& bjorn = cards->at(1);
  EXPECT_EQ(bjorn.line, 19);
  EXPECT_EQ(bjorn.customer.at("display_name"), "Björn Åström");
  EXPECT_EQ(bjorn.customer.at("phones").as_array().size(), 1u) << "one number written twice";
  EXPECT_EQ(bjorn.customer.at("birthday"), "1990-01-01");
  for (const auto& card : *cards) MustApply(card.customer);
}

TEST(VcardReaderTest, ReadsVersionFourWithTelUrisGroupsAndQuotedParameters) {
  const std::string file = Crlf({
      "BEGIN:VCARD",
      "VERSION:4.0",
      "PRODID:-//Example Corp.//CardDAV Server 2.3//EN",
      "UID:urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
      "FN:Dr. Ana María Ruiz",
      "N:Ruiz;Ana;María;Dr.;",
      "KIND:individual",
      "LANG;PREF=1:es",
      "Work.email;TYPE=work;PREF=2:ana.ruiz@ejemplo.es",
      "EMAIL;TYPE=\"home,internet\";PREF=1:ana@correo.example",
      "TEL;VALUE=uri;TYPE=\"voice,cell\";PREF=1:tel:+34-600-123-456",
      "tel;value=uri;type=work:tel:+34-91-555-0199;ext=102",
      "WORK.ADR;TYPE=work;LABEL=\"Calle Mayor 1;28013 Madrid: Spain\":;;Calle Ma",
      " yor 1;Madrid;;28013;es",
      "BDAY:--0415",
      "ANNIVERSARY:20090808T1430-0500",
      "ORG:Ejemplo S.L.;Ventas",
      "REV:20240301T101500Z",
      "END:VCARD",
  });
  auto cards = ReadAll(file);
  ASSERT_TRUE(cards.ok()) << cards.error().message;
  ASSERT_EQ(cards->size(), 1u);
  const VcardCard& ana = cards->at(0);
  EXPECT_EQ(ana.customer, Json(R"({
      "display_name": "Dr. Ana María Ruiz", "last_name": "Ruiz", "first_name": "Ana",
      "emails": [{"address": "ana.ruiz@ejemplo.es", "label": "work"},
                 {"address": "ana@correo.example", "label": "home", "primary": true}],
      "phones": [{"number": "+34-600-123-456", "label": "mobile", "primary": true},
                 {"number": "+34-91-555-0199", "label": "work"}],
      "addresses": [{"label": "work", "line1": "Calle Mayor 1", "city": "Madrid",
                     "postal_code": "28013", "country": "ES"}]})"));
  EXPECT_EQ(ana.organization, "Ejemplo S.L.");
  EXPECT_EQ(ana.uid, "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
  EXPECT_TRUE(Mentions(ana.warnings, "line 12: the extension of +34-91-555-0199"));
  EXPECT_TRUE(Mentions(ana.warnings, "line 15: birthday --0415 has no year"));
  MustApply(ana.customer);
}

TEST(VcardReaderTest, UnfoldsAndUnescapes) {
  // LF endings, blank lines between cards, a byte-order mark: all as some exporters write.
  auto cards = ReadAll(
      "\xEF\xBB\xBF"
      "BEGIN:VCARD\nVERSION:3.0\nFN:Margaret \n Thatcher-\n\tSmith\n"
      "N:O\\;Brien-Smith;Pat\\, \"Tricia\";;;\n"
      "EMAIL:marg\r\n aret@example.com\n"
      "ADR:;;12 Elm St\\, Apt 3\\n c/o Lee;Spring\\\\field;;;us\n"
      "END:VCARD\n\n\n"
      "begin:vcard\nversion:2.1\nFN:Tom\n Jones\nEND:VCARD\n");
  ASSERT_TRUE(cards.ok()) << cards.error().message;
  ASSERT_EQ(cards->size(), 2u);
  const json::object& margaret = cards->at(0).customer;
  EXPECT_EQ(margaret.at("display_name"), "Margaret Thatcher-Smith");
  EXPECT_EQ(margaret.at("last_name"), "O;Brien-Smith");
  EXPECT_EQ(margaret.at("first_name"), "Pat, \"Tricia\"");
  EXPECT_EQ(margaret.at("emails").at(0).at("address"), "margaret@example.com");
  EXPECT_EQ(margaret.at("addresses").at(0), Json(R"({"line1": "12 Elm St, Apt 3",
      "line2": "c/o Lee", "city": "Spring\\field", "country": "US"})"));
  EXPECT_EQ(cards->at(1).customer.at("display_name"), "Tom Jones") << "2.1 keeps the space";
  EXPECT_EQ(cards->at(1).line, 13);
}

TEST(VcardReaderTest, ConvertsWindows1252AndCountsBytes) {
  const std::string file =
      Crlf({"BEGIN:VCARD", "VERSION:2.1", "FN;CHARSET=ISO-8859-1:Zo\xEB \x93Zee\x94 Ortiz",
            "N;CHARSET=windows-1252:Ortiz;Zo\xEB", "END:VCARD"});
  std::istringstream in(file);
  VcardReader reader(in);
  auto card = reader.Next();
  ASSERT_TRUE(card.ok() && *card) << (card.ok() ? "" : card.error().message);
  EXPECT_EQ((*card)->customer.at("display_name"), "Zoë “Zee” Ortiz");
  EXPECT_EQ((*card)->customer.at("first_name"), "Zoë");
  EXPECT_EQ(reader.bytes_read(), static_cast<int64_t>(file.size()));
  auto end = reader.Next();
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(end->has_value());
}

TEST(VcardReaderTest, StructuralErrorsNameTheLineAndEndTheRead) {
  auto unterminated = ReadAll("BEGIN:VCARD\nVERSION:3.0\nFN:Ann\n");
  ASSERT_FALSE(unterminated.ok());
  EXPECT_EQ(unterminated.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(unterminated.error().message, "line 1: the card starting on line 1 has no END:VCARD");

  std::istringstream in(
      "BEGIN:VCARD\nFN:Ann\nEND:VCARD\nName,Email\nBEGIN:VCARD\nFN:B\nEND:VCARD\n");
  VcardReader reader(in);
  ASSERT_TRUE(reader.Next().ok());
  auto garbage = reader.Next();
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().message, "line 4: expected BEGIN:VCARD, found \"Name,Email\"");
  EXPECT_EQ(garbage.error().field_errors.at(0).field, "line 4");
  EXPECT_FALSE(reader.Next().ok()) << "nothing is read past a broken structure";
}

TEST(VcardReaderTest, OversizedLinesAndCardsFailInBoundedMemory) {
  std::string big_card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big\r\n";
  while (big_card.size() < size_t{2} << 20) big_card += "NOTE:" + std::string(70, 'x') + "\r\n";
  big_card += "END:VCARD\r\n";
  std::istringstream in(big_card);
  VcardReader reader(in);
  auto card = reader.Next();
  ASSERT_FALSE(card.ok());
  EXPECT_EQ(card.error().message, "line 1: the card starting on line 1 is larger than 1 MiB");
  EXPECT_LT(reader.bytes_read(), int64_t{(1 << 20) + 100}) << "stopped at the limit";

  auto line = ReadAll("BEGIN:VCARD\nPHOTO:" + std::string(size_t{3} << 20, 'A') + "\nEND:VCARD\n");
  ASSERT_FALSE(line.ok());
  EXPECT_EQ(line.error().message, "line 2: the line is longer than 1 MiB");
  auto folded = ReadAll("BEGIN:VCARD\nPHOTO:" + std::string(size_t{1} << 19, 'A') + "\n " +
                        std::string(size_t{1} << 19, 'A') + "\nEND:VCARD\n");
  ASSERT_FALSE(folded.ok());
  EXPECT_EQ(folded.error().message, "line 2: the line is longer than 1 MiB once unfolded");
}

TEST(VcardReaderTest, ContentErrorsFailOnlyTheirCard) {
  std::istringstream in(Crlf({"BEGIN:VCARD", "VERSION:3.0", "FN:M\xFCller", "END:VCARD",
                              "BEGIN:VCARD", "VERSION:3.0", "FN;CHARSET=KOI8-R:x", "END:VCARD",
                              "BEGIN:VCARD", "VERSION:3.0", "FN:Next One", "END:VCARD"}));
  VcardReader reader(in);
  auto latin1 = reader.Next();
  ASSERT_FALSE(latin1.ok());
  EXPECT_EQ(latin1.error().message,
            "line 3: FN is not valid UTF-8; export the contacts as UTF-8 or give the CHARSET");
  auto koi8 = reader.Next();
  ASSERT_FALSE(koi8.ok());
  EXPECT_NE(koi8.error().message.find("line 7: CHARSET=koi8-r is not supported"),
            std::string::npos);
  auto next = reader.Next();
  ASSERT_TRUE(next.ok() && *next);
  EXPECT_EQ((*next)->customer.at("display_name"), "Next One");
  // Quoted-printable that decodes to bytes that are not UTF-8 is refused the same way.
  auto decoded = ReadAll("BEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE:M=FCller\nEND:VCARD\n");
  ASSERT_FALSE(decoded.ok());
  EXPECT_NE(decoded.error().message.find("not valid UTF-8"), std::string::npos);
}

TEST(VcardReaderTest, StrayLinesInsideACardAndNestedAgentsAreSkipped) {
  auto cards = ReadAll(
      "BEGIN:VCARD\nVERSION:2.1\nFN:Boss\nthis line lost its fold\n"
      "AGENT:\nBEGIN:VCARD\nVERSION:2.1\nFN:Assistant\nEMAIL:assist@example.com\nEND:VCARD\n"
      "EMAIL:boss@example.com\nEND:VCARD\n");
  ASSERT_TRUE(cards.ok()) << cards.error().message;
  ASSERT_EQ(cards->size(), 1u);
  EXPECT_EQ(cards->at(0).customer,
            Json(R"({"display_name": "Boss", "emails": [{"address": "boss@example.com"}]})"));
  EXPECT_TRUE(Mentions(cards->at(0).warnings, "line 4: \"this line lost its fold\""));
}

json::object SampleCustomer() {
  customers::Customer customer = MustApply(Json(R"({
      "first_name": "Ada", "last_name": "Lovelace",
      "emails": [{"address": "ada@example.com", "label": "work", "primary": true}],
      "phones": [{"number": "+44 20 7946 0958", "label": "mobile"}],
      "addresses": [{"label": "home", "line1": "12 St James, Square", "line2": "Flat 2",
                     "city": "London", "postal_code": "SW1Y 4JH", "country": "GB"}],
      "birthday": "1815-12-10"})"));
  customer.id = "cus_01";
  customer.updated_at = "2026-11-25T14:35:43.123Z";
  return customers::CustomerToJson(customer, {});
}

TEST(FormatVcardTest, WritesVersionFour) {
  EXPECT_EQ(FormatVcard(SampleCustomer(), "Analytical Engines; Ltd."),
            Crlf({"BEGIN:VCARD", "VERSION:4.0", "FN:Ada Lovelace", "N:Lovelace;Ada;;;",
                  "EMAIL;TYPE=work;PREF=1:ada@example.com",
                  "TEL;TYPE=cell;VALUE=uri;PREF=1:tel:+442079460958",
                  "ADR;TYPE=home:;;12 St James\\, Square\\nFlat 2;London;;SW1Y 4JH;GB",
                  "BDAY:18151210", "ORG:Analytical Engines\\; Ltd.", "UID:urn:rapport:cus_01",
                  "REV:20261125T143543Z", "END:VCARD"}));
}

TEST(FormatVcardTest, RoundTripsThroughTheReaderAndTheCustomerRules) {
  const std::string long_name = "Ελευθερία Παπαδοπούλου-Καραγιαννοπούλου 東京都渋谷区 😀 ";
  customers::Customer original = MustApply(Json(R"({
      "first_name": "Eleftheria; \"Ria\"", "last_name": "Papadopoulou, Jr.\\",
      "display_name": ")" + long_name + long_name +
                                                R"(",
      "emails": [{"address": "ria@example.gr", "label": "home"},
                 {"address": "e.papadopoulou@work.example", "label": "Assistant", "primary": true},
                 {"address": "ria@other.example", "label": "other"},
                 {"address": "nolabel@example.gr"}],
      "phones": [{"number": "+30 21 0123 4567", "label": "work"},
                 {"number": "+30 69 1234 5678", "label": "mobile", "primary": true},
                 {"number": "+30 21 0765 4321", "label": "fax"},
                 {"number": "+30 21 0111 2222", "label": "Ferienhaus"}],
      "addresses": [{"label": "work", "line1": "Οδός Ερμού 10; 2ος όροφος, γραφείο 4",
                     "line2": "c/o Κ. Νικολάου, κτίριο Β", "city": "Αθήνα", "region": "Attica",
                     "postal_code": "105 63", "country": "GR"},
                    {"line1": "PO Box 7", "city": "Piraeus", "country": "GR"}],
      "birthday": "1990-02-28"})"));
  original.id = "cus_0123456789";
  original.updated_at = "2026-01-02T03:04:05.000Z";
  const std::string vcard = FormatVcard(customers::CustomerToJson(original, {}), "Ακρόπολη Α.Ε.");

  // Folding: every physical line at most 75 octets, CRLF-terminated, and whole characters only.
  size_t start = 0;
  int folds = 0;
  while (start < vcard.size()) {
    const size_t end = vcard.find("\r\n", start);
    ASSERT_NE(end, std::string::npos) << "every line ends with CRLF";
    const std::string_view line(vcard.data() + start, end - start);
    EXPECT_LE(line.size(), 75u) << line;
    EXPECT_TRUE(IsValidUtf8(line)) << "a character was split: " << line;
    folds += line.starts_with(' ') ? 1 : 0;
    start = end + 2;
  }
  EXPECT_GE(folds, 3);

  auto cards = ReadAll(vcard);
  ASSERT_TRUE(cards.ok()) << cards.error().message;
  ASSERT_EQ(cards->size(), 1u);
  const VcardCard& card = cards->at(0);
  EXPECT_TRUE(card.warnings.empty()) << card.warnings.at(0);
  EXPECT_EQ(card.organization, "Ακρόπολη Α.Ε.");
  EXPECT_EQ(card.uid, "urn:rapport:cus_0123456789");
  const customers::Customer copy = MustApply(card.customer);
  EXPECT_EQ(copy.first_name, original.first_name);
  EXPECT_EQ(copy.last_name, original.last_name);
  EXPECT_EQ(copy.display_name, original.display_name);
  EXPECT_EQ(copy.birthday, original.birthday);
  EXPECT_EQ(json::value_from(copy.addresses), json::value_from(original.addresses));
  ASSERT_EQ(copy.emails.size(), original.emails.size());
  for (size_t i = 0; i < copy.emails.size(); ++i) {
    EXPECT_EQ(copy.emails[i].address, original.emails[i].address);
    EXPECT_EQ(copy.emails[i].label, original.emails[i].label);
    EXPECT_EQ(copy.emails[i].primary, original.emails[i].primary);
  }
  ASSERT_EQ(copy.phones.size(), original.phones.size());
  for (size_t i = 0; i < copy.phones.size(); ++i) {
    EXPECT_EQ(copy.phones[i].number, original.phones[i].number);
    EXPECT_EQ(copy.phones[i].label, original.phones[i].label);
    EXPECT_EQ(copy.phones[i].primary, original.phones[i].primary);
  }
}

}  // namespace
}  // namespace rapport::transfer
