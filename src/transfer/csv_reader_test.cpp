#include "transfer/csv_reader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <streambuf>

#include "common/money.hpp"

namespace rapport::transfer {
namespace {

using Records = std::vector<std::vector<std::string>>;

Result<Records> ReadAll(const std::string& text, CsvOptions options = {}) {
  std::istringstream in(text);
  CsvReader reader(in, options);
  Records records;
  while (true) {
    auto record = reader.Next();
    if (!record.ok()) return record.error();
    if (!record->has_value()) return records;
    records.push_back(std::move(**record));
  }
}

TEST(CsvReaderTest, ReadsRfc4180QuotingAndLineBreaks) {
  auto records = ReadAll(
      "id,name,note\r\n1,\"Smith, Jo\",\"said \"\"hi\"\"\"\r\n2,Lee,\"two\nlines\"\n\n3,,\n");
  ASSERT_TRUE(records.ok()) << records.error().message;
  EXPECT_EQ(*records, (Records{{"id", "name", "note"},
                               {"1", "Smith, Jo", "said \"hi\""},
                               {"2", "Lee", "two\nlines"},
                               {"3", "", ""}}));
}

TEST(CsvReaderTest, SkipsTheBomAndDetectsTheDelimiter) {
  auto semicolons = ReadAll("\xEF\xBB\xBFkunde;betrag\n00001;11,77\n");
  ASSERT_TRUE(semicolons.ok());
  EXPECT_EQ(*semicolons, (Records{{"kunde", "betrag"}, {"00001", "11,77"}}));
  auto tabs = ReadAll("a\tb\tc\n1\t2\t3");
  ASSERT_TRUE(tabs.ok());
  EXPECT_EQ(tabs->at(1), (std::vector<std::string>{"1", "2", "3"}));
  auto given = ReadAll("a;b,c\n", {.delimiter = ','});
  EXPECT_EQ(given->at(0), (std::vector<std::string>{"a;b", "c"}));
}

TEST(CsvReaderTest, RaggedRowsAreReturnedForTheCallerToJudge) {
  auto records = ReadAll("a,b,c\n1,2\n1,2,3,4\n");
  ASSERT_TRUE(records.ok());
  EXPECT_EQ(records->at(1).size(), 2u);
  EXPECT_EQ(records->at(2).size(), 4u);
}

// Found by csv_fuzz_test.cpp: doubled quotes grew a quoted field past the limit without end.
TEST(CsvReaderTest, DoubledQuotesCountAgainstTheFieldLimit) {
  auto quotes = ReadAll("a\n\"" + std::string(4000, '"') + "\"\n", {.max_field_bytes = 1000});
  ASSERT_FALSE(quotes.ok());
  EXPECT_NE(quotes.error().message.find("larger than 1000 bytes"), std::string::npos)
      << quotes.error().message;
  auto fits = ReadAll("\"" + std::string(2000, '"') + "\"\n", {.max_field_bytes = 1000});
  ASSERT_TRUE(fits.ok()) << fits.error().message;
  EXPECT_EQ(fits->at(0).at(0), std::string(1000, '"'));
}

TEST(CsvReaderTest, BrokenQuotingNamesTheLine) {
  auto unterminated = ReadAll("a,b\n1,\"open\n2,3\n");
  ASSERT_FALSE(unterminated.ok());
  EXPECT_NE(unterminated.error().message.find("never closed"), std::string::npos);
  EXPECT_NE(unterminated.error().message.find("line 2"), std::string::npos);
  auto stray = ReadAll("a,b\n1,ab\"c\n");
  ASSERT_FALSE(stray.ok());
  EXPECT_NE(stray.error().message.find("quote inside an unquoted field 2"), std::string::npos);
  auto trailing = ReadAll("a,b\n\"x\"y,1\n");
  ASSERT_FALSE(trailing.ok());
  EXPECT_NE(trailing.error().message.find("text follows a closing quote"), std::string::npos);
}

TEST(CsvReaderTest, RefusesInvalidUtf8) {
  auto latin1 = ReadAll("name\nM\xFCller\n");
  ASSERT_FALSE(latin1.ok());
  EXPECT_NE(latin1.error().message.find("not valid UTF-8"), std::string::npos);
  EXPECT_TRUE(IsValidUtf8("Müller 東京 😀"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
}

// An endless stream of one character, so a huge field never exists in memory at once.
class Endless : public std::streambuf {
 public:
  explicit Endless(size_t bytes) : left_(bytes) {}

 protected:
  int_type underflow() override {
    if (left_ == 0) return traits_type::eof();
    const size_t n = std::min(left_, sizeof chunk_);
    std::fill(chunk_, chunk_ + n, 'a');
    left_ -= n;
    setg(chunk_, chunk_, chunk_ + n);
    return traits_type::to_int_type(chunk_[0]);
  }

 private:
  size_t left_;
  char chunk_[4096];
};

TEST(CsvReaderTest, AHundredMegabyteFieldFailsEarlyInBoundedMemory) {
  Endless source(size_t{100} * 1024 * 1024);
  std::istream in(&source);
  CsvReader reader(in);
  auto record = reader.Next();
  ASSERT_FALSE(record.ok());
  EXPECT_NE(record.error().message.find("larger than 1048576 bytes"), std::string::npos);
  EXPECT_LT(reader.bytes_read(), int64_t{2} * 1024 * 1024) << "stopped at the limit, not the end";
}

// The real CDNOW transactions (../shared/data/README.md): the reader and money parsing together
// reproduce the published facts exactly.
TEST(CsvReaderTest, ReadsTheCdnowTransactionsToTheCent) {
  const std::string path = std::string(RAPPORT_SHARED_DATA) + "/cdnow/cdnow_transactions.csv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no shared data at " << path;
  std::ifstream in(path, std::ios::binary);
  CsvReader reader(in);
  auto header = reader.Next();
  ASSERT_TRUE(header.ok() && *header);
  EXPECT_EQ(**header, (std::vector<std::string>{"customer_id", "date", "quantity", "amount"}));
  int64_t rows = 0, quantity = 0, cents = 0, zero = 0;
  std::set<std::string> customers;
  while (true) {
    auto record = reader.Next();
    ASSERT_TRUE(record.ok()) << record.error().message;
    if (!*record) break;
    ASSERT_EQ((*record)->size(), 4u) << "line " << reader.line();
    ++rows;
    customers.insert((**record)[0]);
    quantity += std::stoll((**record)[2]);
    auto amount = ParseCents((**record)[3]);
    ASSERT_TRUE(amount.has_value()) << (**record)[3];
    cents += *amount;
    if (*amount == 0) ++zero;
  }
  EXPECT_EQ(rows, 69659);
  EXPECT_EQ(customers.size(), 23570u);
  EXPECT_EQ(quantity, 167881);
  EXPECT_EQ(FormatCents(cents), "2500315.63");
  EXPECT_EQ(zero, 80);
  EXPECT_TRUE(customers.contains("00001")) << "ids keep their leading zeros";
}

}  // namespace
}  // namespace rapport::transfer
