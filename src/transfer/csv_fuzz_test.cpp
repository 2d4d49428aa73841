// Bounded generative test of the CSV reader and writer: random bytes and mutated files never
// crash the reader, every record it returns keeps the named limits (fields per record, bytes per
// field, UTF-8), a hostile stream fails after reading about one field's limit, and generated
// records survive CsvWriter -> CsvReader unchanged. tests/testing/fuzz.hpp says how to run it
// longer.
#include <gtest/gtest.h>

#include <sstream>
#include <streambuf>

#include "testing/fuzz.hpp"
#include "transfer/csv_reader.hpp"
#include "transfer/csv_writer.hpp"

namespace rapport::transfer {
namespace {

using testing::FuzzRun;
using Records = std::vector<std::vector<std::string>>;

constexpr std::string_view kTokens[] = {"\"",   "\"\"", ",",
                                        ";",    "\t",   "\r\n",
                                        "\n",   "\r",   "\xEF\xBB\xBF",
                                        "\xff", "\xc3", "\xed\xa0\x80",
                                        "é",    "=cmd", std::string_view("\0", 1)};

// Small limits, so generated input reaches them quickly.
constexpr CsvOptions kSmall{.delimiter = 0, .max_field_bytes = 256, .max_fields = 16};

// Reads every record; stops at the first error (returned beside what was read before it).
struct ReadResult {
  Records records;
  std::optional<Error> error;
};

ReadResult ReadAll(std::string_view text, CsvOptions options) {
  std::istringstream in{std::string(text)};
  CsvReader reader(in, options);
  ReadResult result;
  while (true) {
    auto record = reader.Next();
    if (!record.ok()) {
      result.error = record.error();
      // After an error the reader stays done.
      EXPECT_FALSE(reader.Next().ok());
      return result;
    }
    if (!record->has_value()) return result;
    result.records.push_back(std::move(**record));
  }
}

void CheckLimits(const FuzzRun& run, std::string_view input, const ReadResult& result,
                 const CsvOptions& options) {
  for (const auto& record : result.records) {
    EXPECT_LE(record.size(), options.max_fields) << run.Reproduce(input);
    for (const auto& field : record) {
      EXPECT_LE(field.size(), options.max_field_bytes) << run.Reproduce(input);
      EXPECT_TRUE(testing::IsValidUtf8(field)) << run.Reproduce(input);
      // The reader's own check agrees with an independent one.
      EXPECT_EQ(IsValidUtf8(field), testing::IsValidUtf8(field)) << run.Reproduce(input);
    }
  }
  if (result.error) {
    EXPECT_EQ(result.error->code, ErrorCode::kInvalidArgument) << run.Reproduce(input);
    ASSERT_FALSE(result.error->field_errors.empty()) << run.Reproduce(input);
    EXPECT_TRUE(result.error->field_errors[0].field.starts_with("line "))
        << result.error->field_errors[0].field << "\n"
        << run.Reproduce(input);
  }
}

// A field: empty, plain, or full of what CSV must quote, non-ASCII and formula starts.
std::string Field(FuzzRun& run) {
  std::string field;
  const size_t length = run.Chance(0.2) ? 0 : run.Below(run.Chance(0.05) ? 300 : 12);
  for (size_t i = 0; i < length; ++i) {
    field += run.Chance(0.35) ? std::string(run.Pick({",", ";", "\t", "\"", "\r\n", "\n", "\r", " ",
                                                      "=", "+", "-", "@", "é", "😀", "'", "\uFEFF"}))
                              : std::string(1, static_cast<char>(run.Between('a', 'z')));
  }
  return field;
}

Records GenerateRecords(FuzzRun& run) {
  Records records;
  for (size_t r = 0, rows = 1 + run.Below(6); r < rows; ++r) {
    std::vector<std::string> record;
    for (size_t f = 0, fields = 1 + run.Below(8); f < fields; ++f) record.push_back(Field(run));
    records.push_back(std::move(record));
  }
  return records;
}

std::string Write(const Records& records, CsvWriteOptions options) {
  std::ostringstream out;
  CsvWriter writer(out, options);
  for (const auto& record : records) writer.Write(record);
  return out.str();
}

TEST(CsvFuzzTest, RandomBytesNeverBreakTheLimits) {
  FuzzRun run(3000, 2.0);
  while (run.Next()) {
    std::string input;
    for (size_t i = 0, n = run.Below(600); i < n; ++i) {
      input += run.Chance(0.3) ? std::string(run.Pick(kTokens))
                               : std::string(1, static_cast<char>(run.Below(256)));
    }
    CheckLimits(run, input, ReadAll(input, kSmall), kSmall);
    if (::testing::Test::HasFailure()) break;
  }
}

TEST(CsvFuzzTest, MutatedFilesNeverBreakTheLimits) {
  FuzzRun run(3000, 2.0);
  while (run.Next()) {
    const std::string valid = Write(GenerateRecords(run), {.neutralise_formulas = run.Chance(0.5)});
    const std::string input = run.Mutate(valid, kTokens);
    CheckLimits(run, input, ReadAll(input, kSmall), kSmall);
    if (::testing::Test::HasFailure()) break;
  }
}

// Whatever the writer writes (formulas left as they are), the reader reads back cell for cell.
TEST(CsvFuzzTest, WrittenRecordsReadBackUnchanged) {
  FuzzRun run(3000, 2.0);
  while (run.Next()) {
    const Records records = GenerateRecords(run);
    const char delimiter = run.Pick({',', ';', '\t'});
    const std::string text = Write(
        records,
        {.delimiter = delimiter, .neutralise_formulas = false, .byte_order_mark = run.Chance(0.3)});
    const ReadResult result = ReadAll(text, {.delimiter = delimiter});
    ASSERT_FALSE(result.error) << result.error->message << "\n" << run.Reproduce(text);
    EXPECT_EQ(result.records, records) << run.Reproduce(text);
    if (::testing::Test::HasFailure()) break;
  }
}

// An endless stream: a quoted field that never closes, or one that never ends a line. The reader
// fails after about one field's limit of bytes, not after reading the whole stream.
class EndlessStream : public std::streambuf {
 public:
  EndlessStream(std::string prefix, char fill) : prefix_(std::move(prefix)), fill_(fill) {
    chunk_.assign(64 * 1024, fill_);
  }
  int64_t served() const { return served_; }

 protected:
  int_type underflow() override {
    std::string& next = first_ ? prefix_ : chunk_;
    first_ = false;
    setg(next.data(), next.data(), next.data() + next.size());
    served_ += static_cast<int64_t>(next.size());
    return traits_type::to_int_type(next[0]);
  }

 private:
  std::string prefix_;
  char fill_;
  std::string chunk_;
  bool first_ = true;
  int64_t served_ = 0;
};

TEST(CsvFuzzTest, EndlessFieldsFailInBoundedMemory) {
  for (const auto& [prefix, fill] : std::vector<std::pair<std::string, char>>{
           {"a,b\n\"", 'x'}, {"a,b\n", 'y'}, {"a,b\n", ','}, {"\"", '"'}}) {
    EndlessStream stream(prefix, fill);
    std::istream in(&stream);
    CsvReader reader(in, {.delimiter = ',', .max_field_bytes = 1 << 20, .max_fields = 1000});
    Result<std::optional<std::vector<std::string>>> record =
        std::optional<std::vector<std::string>>();
    for (int i = 0; i < 10 && record.ok(); ++i) record = reader.Next();
    EXPECT_FALSE(record.ok()) << testing::Escape(prefix) << fill;
    // One field's limit (twice that in doubled quotes), plus what the reader buffers ahead.
    EXPECT_LE(stream.served(), (2 << 20) + 256 * 1024) << testing::Escape(prefix) << fill;
  }
}

}  // namespace
}  // namespace rapport::transfer
