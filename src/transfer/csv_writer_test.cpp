#include "transfer/csv_writer.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "transfer/csv_reader.hpp"

namespace rapport::transfer {
namespace {

TEST(CsvWriterTest, QuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("Smith, Jo"), "\"Smith, Jo\"");
  EXPECT_EQ(CsvField("said \"hi\""), "\"said \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField(" padded "), "\" padded \"");
  EXPECT_EQ(CsvField("a;b", {.delimiter = ';'}), "\"a;b\"");
  EXPECT_EQ(CsvField("a;b", {.neutralise_formulas = false}), "a;b");
}

TEST(CsvWriterTest, NeutralisesFormulasUnlessAskedNotTo) {
  EXPECT_EQ(CsvField("=HYPERLINK(\"http://evil\")"), "\"'=HYPERLINK(\"\"http://evil\"\")\"");
  EXPECT_EQ(CsvField("+49 151 2345678"), "'+49 151 2345678");
  EXPECT_EQ(CsvField("-3"), "'-3");
  EXPECT_EQ(CsvField("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvField("=1+1", {.neutralise_formulas = false}), "=1+1");
}

// A spreadsheet may split on ';', tab or '|' whatever the file's delimiter is: a formula start
// after any of them begins a cell there, so it is neutralised, and the field is quoted.
TEST(CsvWriterTest, NeutralisesFormulasAfterEveryDelimiterASpreadsheetMayUse) {
  EXPECT_EQ(CsvField("x;=1+1;"), "\"x;'=1+1;\"");
  EXPECT_EQ(CsvField("x,=1+1"), "\"x,'=1+1\"");
  EXPECT_EQ(CsvField("x|@SUM(A1)"), "\"x|'@SUM(A1)\"");
  EXPECT_EQ(CsvField("x\t+1"), "\"x\t'+1\"");
  EXPECT_EQ(CsvField("x; =1+1"), "\"x; '=1+1\"");
  EXPECT_EQ(CsvField("x;=1+1", {.delimiter = ';'}), "\"x;'=1+1\"");
  EXPECT_EQ(CsvField("a;b"), "\"a;b\"");      // quoted: one cell under ';' too
  EXPECT_EQ(CsvField("1-2;3"), "\"1-2;3\"");  // a '-' inside a cell is no formula start
  EXPECT_EQ(CsvField("x;=1", {.neutralise_formulas = false}), "x;=1");
}

TEST(CsvWriterTest, WhatItWritesReadsBackTheSame) {
  const std::vector<std::vector<std::string>> rows = {
      {"id", "name", "note"},
      {"00001", "Müller, Jo", "line one\r\nline \"two\""},
      {"2", "", " x "}};
  std::ostringstream out;
  CsvWriter writer(out, {.neutralise_formulas = false, .byte_order_mark = true});
  for (const auto& row : rows) writer.Write(row);
  EXPECT_EQ(writer.rows(), 3);
  std::istringstream in(out.str());
  CsvReader reader(in);
  for (const auto& expected : rows) {
    auto record = reader.Next();
    ASSERT_TRUE(record.ok() && record->has_value());
    EXPECT_EQ(**record, expected);
  }
  EXPECT_FALSE(reader.Next()->has_value());
}

// Found by csv_fuzz_test.cpp: both used to vanish on the way back.
TEST(CsvWriterTest, AnEmptyOneFieldRecordAndALeadingZeroWidthNoBreakSpaceReadBack) {
  const std::vector<std::vector<std::string>> rows = {{"\xEF\xBB\xBFid", "name"}, {""}, {"x", ""}};
  std::ostringstream out;
  CsvWriter writer(out);
  for (const auto& row : rows) writer.Write(row);
  std::istringstream in(out.str());
  CsvReader reader(in, {.delimiter = ','});
  for (const auto& expected : rows) {
    auto record = reader.Next();
    ASSERT_TRUE(record.ok() && record->has_value());
    EXPECT_EQ(**record, expected);
  }
  EXPECT_FALSE(reader.Next()->has_value());
}

}  // namespace
}  // namespace rapport::transfer
