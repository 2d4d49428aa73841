#include "storage/event_payload.hpp"

#include <gtest/gtest.h>

namespace rapport::storage {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }

TEST(EventPayloadTest, LeanRecordDropsNullEmptyAndLeftOutFields) {
  EXPECT_EQ(LeanRecord(Obj(R"({"id":"int_1","subject":null,"tags":[],"metadata":{},)"
                           R"("body":"long text","channel":"web","lines":[{"a":null}]})"),
                       {"body"}),
            Obj(R"({"id":"int_1","channel":"web","lines":[{"a":null}]})"));
}

TEST(EventPayloadTest, ChangedFieldsLeaveOutBookkeeping) {
  EXPECT_EQ(ChangedFields(Obj(R"({"id":"c","name":"A","gone":1,"version":1,"updated_at":"x"})"),
                          Obj(R"({"id":"c","name":"B","new":2,"version":2,"updated_at":"y"})")),
            ParseJson(R"(["name","new","gone"])").value());
}

TEST(EventPayloadTest, ChangedPartCarriesIdentityAndNewValuesOnly) {
  const json::object record = Obj(R"({"id":"cus_1","first_name":"Ann","company_id":null,)"
                                  R"("notes":"long","version":3,"updated_at":"t"})");
  EXPECT_EQ(ChangedPart(record, json::array{"first_name", "company_id", "removed"}),
            Obj(R"({"id":"cus_1","version":3,"updated_at":"t","first_name":"Ann",)"
                R"("company_id":null,"removed":null})"));
}

}  // namespace
}  // namespace rapport::storage
