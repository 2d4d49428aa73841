// Column mapping: headers people really use map themselves; a mapping document overrides them,
// and every mistake in it is named before a row is read.
#include "transfer/column_mapping.hpp"

#include <gtest/gtest.h>

#include "cli/transfer_adapters.hpp"

namespace rapport::transfer {
namespace {

json::value Doc(std::string_view text) { return ParseJson(text).value(); }

const ObjectAdapter& Adapter(std::string_view name) {
  static const AdapterRegistry kAdapters = cli::MakeTransferAdapters();
  return *kAdapters.Find(name);
}

TEST(ColumnMappingTest, HeadersMapByNameAndAlias) {
  EXPECT_EQ(FieldForHeader(Adapter("customers"), "E-mail Address"), "email");
  EXPECT_EQ(FieldForHeader(Adapter("customers"), "Surname"), "last_name");
  EXPECT_EQ(FieldForHeader(Adapter("customers"), "ZIP Code"), "address.postal_code");
  EXPECT_EQ(FieldForHeader(Adapter("orders"), "customer_id"), "customer");
  EXPECT_EQ(FieldForHeader(Adapter("orders"), "amount"), "line.line_total");
  EXPECT_EQ(FieldForHeader(Adapter("products"), "SKU"), "sku");
  EXPECT_EQ(FieldForHeader(Adapter("customers"), "Favourite colour"), std::nullopt);
}

TEST(ColumnMappingTest, RowsBecomeApiBodiesAndRememberTheirColumns) {
  auto mapping =
      BuildMapping(Adapter("customers"),
                   {"First", "Surname", "E-mail", "Work e-mail", "Phone", "City", "Tags", "Colour"},
                   Doc(R"({"columns": {"Work e-mail": {"field": "email", "existing": "fill"},
                           "Colour": {"field": "custom.colour"}},
              "constants": {"lifecycle_stage": "customer"}})"));
  ASSERT_TRUE(mapping.ok()) << mapping.error().message;
  RowRecord row = BuildRow(*mapping,
                           {" Ada ", "Lovelace", "ADA@Example.com", "ada@work.example",
                            "+44 20 7946 0000", "London", "vip; jazz", ""},
                           7, 8);
  EXPECT_TRUE(row.errors.empty());
  EXPECT_EQ(row.input.at("first_name"), "Ada");
  EXPECT_EQ(row.input.at("lifecycle_stage"), "customer");
  // An automatically mapped e-mail is lower-cased; the explicit one is taken as written.
  const auto& emails = row.input.at("emails").as_array();
  ASSERT_EQ(emails.size(), 2u);
  EXPECT_EQ(emails[0].as_object().at("address"), "ada@work.example");
  EXPECT_EQ(emails[1].as_object().at("address"), "ada@example.com");
  EXPECT_EQ(row.input.at("addresses").as_array()[0].as_object().at("city"), "London");
  EXPECT_EQ(row.input.at("tags"), json::array({"vip", "jazz"}));
  // An empty cell sets nothing: it never erases what a record has.
  EXPECT_FALSE(row.input.contains("custom_fields"));
  EXPECT_EQ(row.existing.at("emails"), ExistingRule::kFillEmpty);
  EXPECT_EQ(ColumnFor(row, "emails[1].address"), "E-mail");
  EXPECT_EQ(ColumnFor(row, "emails[0].address"), "Work e-mail");
  EXPECT_EQ(ColumnFor(row, "addresses[0].city"), "City");
  EXPECT_EQ(ColumnFor(row, "birthday"), "birthday");
}

TEST(ColumnMappingTest, MistakesInTheMappingAreAllNamed) {
  auto mapping = BuildMapping(Adapter("customers"), {"Name", "Mail"},
                              Doc(R"({"columns": {"Mail": {"field": "e_mail"}, "Phone": "phone",
                           "Name": {"field": "first_name", "transforms": ["titlecase"]}},
              "existing": "sometimes", "colums": {}})"));
  ASSERT_FALSE(mapping.ok());
  std::vector<std::string> fields;
  for (const auto& error : mapping.error().field_errors) fields.push_back(error.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"mapping.colums", "mapping.existing", "mapping.columns.Mail",
                                      "mapping.columns.Phone", "mapping.columns.Name.transforms"}));
}

TEST(ColumnMappingTest, UnmappedColumnsAreIgnoredRefusedOrKeptAsCustomFields) {
  const std::vector<std::string> header{"email", "Shoe size", "Loyalty #"};
  auto ignored = BuildMapping(Adapter("customers"), header, nullptr);
  ASSERT_TRUE(ignored.ok());
  EXPECT_EQ(ignored->ignored, (std::vector<std::string>{"Shoe size", "Loyalty #"}));

  auto refused = BuildMapping(Adapter("customers"), header, Doc(R"({"unmapped": "error"})"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field_errors.size(), 2u);

  auto custom = BuildMapping(Adapter("customers"), header, Doc(R"({"unmapped": "custom_fields"})"));
  ASSERT_TRUE(custom.ok());
  EXPECT_EQ(custom->new_custom_fields, (std::vector<std::string>{"shoe_size", "loyalty"}));
  RowRecord row = BuildRow(*custom, {"a@b.example", "42", "L-7"}, 1, 2);
  EXPECT_EQ(row.input.at("custom_fields"), (json::object{{"shoe_size", "42"}, {"loyalty", "L-7"}}));

  auto orders = BuildMapping(Adapter("orders"), {"sku"}, Doc(R"({"unmapped": "custom_fields"})"));
  EXPECT_FALSE(orders.ok());
}

TEST(ColumnMappingTest, OrderRowsCarryTheirCustomerAndOneLine) {
  auto mapping = BuildMapping(
      Adapter("orders"), {"customer_id", "date", "quantity", "amount"},
      Doc(R"({"columns": {"amount": {"field": "line.line_total", "transforms": "money"}},
              "constants": {"currency": "USD", "channel": "web"},
              "templates": {"external_id": "cdnow-{row}",
                            "customer.display_name": "CDNOW customer {customer_id}"},
              "create_missing_customers": true})"));
  ASSERT_TRUE(mapping.ok()) << mapping.error().message;
  EXPECT_TRUE(mapping->create_missing_customers);
  RowRecord row = BuildRow(*mapping, {"00002", "1997-01-12", "5", "$77.00"}, 3, 4);
  ASSERT_TRUE(row.errors.empty());
  EXPECT_EQ(row.input.at("external_id"), "cdnow-3");
  EXPECT_EQ(row.input.at("placed_at"), "1997-01-12T00:00:00Z");
  EXPECT_EQ(row.input.at("lines"),
            json::array({json::object{{"quantity", 5}, {"line_total", "77.00"}}}));
  EXPECT_EQ(row.customer.at("ref"), "00002");
  EXPECT_EQ(row.customer.at("display_name"), "CDNOW customer 00002");
  EXPECT_EQ(ColumnFor(row, "lines[0].line_total"), "amount");

  RowRecord bad = BuildRow(*mapping, {"00002", "1997-01-12", "five", "77"}, 4, 5);
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_EQ(bad.errors[0].column, "quantity");
  EXPECT_EQ(bad.errors[0].value, "five");
}

TEST(ColumnMappingTest, ExportsReadBackAsTheyWereWritten) {
  // An export's columns: the primary address and all of them, a neutralised phone number, and
  // custom fields by their key.
  auto mapping = BuildMapping(Adapter("customers"),
                              {"rapport_id", "email", "emails", "phone", "custom.tier"}, nullptr);
  ASSERT_TRUE(mapping.ok());
  EXPECT_EQ(mapping->ignored, (std::vector<std::string>{"rapport_id"}));
  EXPECT_EQ(mapping->new_custom_fields, (std::vector<std::string>{"tier"}));
  RowRecord row = BuildRow(*mapping,
                           {"cus_1", "ada@example.com", "ada@example.com; Countess@Example.com",
                            "'+442079460000", "gold"},
                           1, 2);
  ASSERT_TRUE(row.errors.empty());
  EXPECT_EQ(row.input.at("emails"),
            json::array({json::object{{"address", "ada@example.com"}},
                         json::object{{"address", "countess@example.com"}}}));
  EXPECT_EQ(row.input.at("phones"), json::array({json::object{{"number", "+442079460000"}}}));
  EXPECT_EQ(row.input.at("custom_fields"), (json::object{{"tier", "gold"}}));
}

TEST(ColumnMappingTest, ARaggedRowIsOneErrorNotAShiftedRecord) {
  auto mapping = BuildMapping(Adapter("customers"), {"first_name", "email"}, nullptr);
  ASSERT_TRUE(mapping.ok());
  RowRecord row = BuildRow(*mapping, {"Ada", "ada@example.com", "extra"}, 2, 3);
  ASSERT_EQ(row.errors.size(), 1u);
  EXPECT_EQ(row.errors[0].reason, "has 3 fields; the header has 2");
  EXPECT_TRUE(row.input.empty());
}

}  // namespace
}  // namespace rapport::transfer
