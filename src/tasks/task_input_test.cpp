#include "tasks/task_input.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace rapport::tasks {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }

std::string FirstField(const Error& error) {
  return error.field_errors.empty() ? "(none)" : error.field_errors.front().field;
}

TEST(TaskInputTest, ReadsAWholeTaskAndNormalisesItsTimes) {
  auto in = ParseTaskInput(Obj(R"({"title":"  Call Ann back ","notes":"line one\nline two",
      "due_at":"2026-12-24T10:00:00+01:00","remind_at":"2026-12-24T08:30:00Z",
      "assignee_id":"usr_1","customer_id":"cus_1","priority":"high","company_id":null})"));
  ASSERT_TRUE(in.ok()) << in.error().message;
  EXPECT_EQ(in->title, "Call Ann back");
  EXPECT_EQ(in->notes, "line one\nline two");
  EXPECT_EQ(in->due_at, "2026-12-24T09:00:00.000Z");
  EXPECT_EQ(in->remind_at, "2026-12-24T08:30:00.000Z");
  EXPECT_EQ(in->priority, "high");
  EXPECT_EQ(in->customer_id, "cus_1");
  EXPECT_FALSE(in->company_id.has_value());
}

TEST(TaskInputTest, EveryBadFieldIsNamed) {
  const std::string long_title(201, 'x');
  const std::string long_id(65, 'x');
  struct Case {
    std::string body;
    std::string field;
  } cases[] = {
      {R"({"due_at":"2026-12-24T10:00:00Z"})", "title"},
      {R"({"title":"x"})", "due_at"},
      {R"({"title":"   ","due_at":"2026-12-24T10:00:00Z"})", "title"},
      {R"({"title":")" + long_title + R"(","due_at":"2026-12-24T10:00:00Z"})", "title"},
      {R"({"title":"a\nb","due_at":"2026-12-24T10:00:00Z"})", "title"},
      {R"({"title":7,"due_at":"2026-12-24T10:00:00Z"})", "title"},
      {R"({"title":"x","due_at":"tomorrow"})", "due_at"},
      {R"({"title":"x","due_at":"2026-12-24T10:00:00Z","remind_at":"soon"})", "remind_at"},
      {R"({"title":"x","due_at":"2026-12-24T10:00:00Z","priority":"asap"})", "priority"},
      {R"({"title":"x","due_at":"2026-12-24T10:00:00Z","status":"done"})", "status"},
      {R"({"title":"x","due_at":"2026-12-24T10:00:00Z","customer_id":")" + long_id + R"("})",
       "customer_id"},
      {R"({"title":"x","due_at":"2026-12-24T10:00:00Z","ticket_id":5})", "ticket_id"},
      {R"({"title":"x","due_at":"2026-12-24T10:00:00Z","colour":"red"})", "colour"},
  };
  for (const auto& c : cases) {
    auto in = ParseTaskInput(Obj(c.body));
    ASSERT_FALSE(in.ok()) << c.body;
    EXPECT_EQ(in.error().code, ErrorCode::kInvalidArgument) << c.body;
    EXPECT_EQ(FirstField(in.error()), c.field) << c.body;
  }
}

TEST(TaskInputTest, APatchTellsClearingFromLeavingAlone) {
  auto patch = ParseTaskPatch(Obj(R"({"status":"done","outcome":"called, refunded shipping",
      "notes":null,"remind_at":null})"));
  ASSERT_TRUE(patch.ok()) << patch.error().message;
  EXPECT_EQ(patch->status, "done");
  ASSERT_TRUE(patch->outcome.has_value());
  EXPECT_EQ(**patch->outcome, "called, refunded shipping");
  ASSERT_TRUE(patch->notes.has_value());
  EXPECT_FALSE(patch->notes->has_value());
  ASSERT_TRUE(patch->remind_at.has_value());
  EXPECT_FALSE(patch->remind_at->has_value());
  EXPECT_FALSE(patch->title.has_value());
  EXPECT_FALSE(patch->customer_id.has_value());
}

TEST(TaskInputTest, APatchNamesEveryBadField) {
  const std::string long_outcome(2001, 'x');
  auto patch = ParseTaskPatch(Obj(R"({"status":"finished","outcome":")" + long_outcome +
                                  R"(","assignee_id":null,"title":null,"id":"tsk_1"})"));
  ASSERT_FALSE(patch.ok());
  std::set<std::string> fields;
  for (const auto& error : patch.error().field_errors) fields.insert(error.field);
  EXPECT_EQ(fields, (std::set<std::string>{"status", "outcome", "assignee_id", "title", "id"}));
}

}  // namespace
}  // namespace rapport::tasks
