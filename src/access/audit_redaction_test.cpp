#include "access/audit_redaction.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "access/grants.hpp"

namespace rapport::access {
namespace {

// The support role's view: the sensitive group (birthday, payment methods, sensitive custom
// fields) hidden on customers and companies, reading the audit trail.
Access SensitiveHidden() {
  FieldTable fields;
  for (auto object : {Object::kCustomers, Object::kCompanies}) {
    auto& rules = fields[static_cast<size_t>(object)];
    rules["birthday"] = FieldRule::kHidden;
    rules["payment_methods"] = FieldRule::kHidden;
    rules["custom_fields.vip_code"] = FieldRule::kHidden;
  }
  fields[static_cast<size_t>(Object::kInteractions)]["body"] = FieldRule::kHidden;
  LevelTable levels;
  for (auto& row : levels) row.fill(Level::kAll);
  return Access("usr_reader", {}, levels, fields, false);
}

json::object Entry(std::string_view type, std::string_view id, std::string_view changes) {
  return json::object{
      {"object_type", type}, {"object_id", id}, {"changes", ParseJson(changes).value()}};
}

std::vector<std::string> ChangedFields(const json::object& entry) {
  std::vector<std::string> fields;
  for (const auto& change : entry.at("changes").as_array()) {
    fields.emplace_back(change.as_object().at("field").as_string());
  }
  return fields;
}

// One case per audited type: what a reader with the sensitive fields hidden may see of it.
TEST(AuditRedactionTest, EveryTypeHidesWhatTheRoleHides) {
  const Access reader = SensitiveHidden();
  std::set<std::string> covered;
  auto check = [&](json::object entry, bool shown, const std::string& must_not_contain) {
    const std::string type(entry.at("object_type").as_string());
    covered.insert(type);
    EXPECT_EQ(RedactAuditEntry(reader, entry), shown) << type;
    if (shown && !must_not_contain.empty()) {
      EXPECT_EQ(json::serialize(entry).find(must_not_contain), std::string::npos) << type;
    }
  };
  check(Entry("customer", "cus_1",
              R"([{"field":"birthday","old":null,"new":"1990-01-02"},
                  {"field":"custom_fields","old":null,"new":{"vip_code":"X9","plan":"gold"}},
                  {"field":"display_name","old":null,"new":"Ada"}])"),
        true, "X9");
  check(Entry("company", "cmp_1",
              R"([{"field":"custom_fields","old":{"vip_code":"Y1"},"new":null}])"),
        true, "Y1");
  check(Entry("interaction", "int_1", R"([{"field":"body","old":null,"new":"secret words"}])"),
        true, "secret words");
  check(Entry("custom_field", "customer.vip_code",
              R"([{"field":"key","old":null,"new":"vip_code"}])"),
        false, "");
  check(Entry("payment_method", "pm_1",
              R"([{"field":"last4","old":null,"new":"4242"},
                  {"field":"billing_address","old":null,"new":{"city":"Oslo"}}])"),
        false, "");
  check(Entry("saved_view", "viw_1",
              R"([{"field":"definition","old":null,"new":{"sort":"-birthday","conditions":[
                   {"field":"birthday","op":"eq","value":"1990-01-02"},
                   {"field":"tags","op":"eq","value":"vip"}],"columns":["email","birthday"]}}])"),
        true, "1990");
  for (const char* type : {"user",
                           "team",
                           "role",
                           "api_token",
                           "route",
                           "product",
                           "order",
                           "refund",
                           "payment",
                           "ticket",
                           "ticket_message",
                           "ticket_rating",
                           "ticket_attachment",
                           "queue",
                           "canned_reply",
                           "agent_availability",
                           "calendar",
                           "sla_policy",
                           "routing_rule",
                           "kb_article",
                           "kb_category",
                           "kb_settings",
                           "kb_synonyms",
                           "chat_conversation",
                           "chat_settings",
                           "chat_bot_settings",
                           "bad_experience",
                           "health_settings",
                           "task",
                           "loyalty_transaction",
                           "loyalty_programme",
                           "loyalty_voucher",
                           "loyalty_voucher_batch",
                           "loyalty_reward",
                           "loyalty_tiers",
                           "loyalty_stamp_card",
                           "loyalty_stamps",
                           "loyalty_referral",
                           "loyalty_replay",
                           "survey",
                           "feedback_theme",
                           "review",
                           "review_settings"}) {
    check(Entry(type, "x_1", R"([{"field":"name","old":null,"new":"n"}])"), true, "");
  }
  std::set<std::string> registered;
  for (const auto& type : AuditedTypes()) registered.insert(std::string(type.object_type));
  EXPECT_EQ(covered, registered) << "every audited type needs a case in this test";
}

// A chat's entries hold the visitor's own words (claimed name and email, the rating comment): only
// a reader of every ticket sees them, as with a ticket's messages.
TEST(AuditRedactionTest, ChatEntriesNeedEveryTicketRead) {
  LevelTable levels;
  for (auto& row : levels) row.fill(Level::kAll);
  levels[static_cast<size_t>(Object::kTickets)].fill(Level::kTeam);
  const Access team_agent("usr_agent", {}, levels, {}, false);
  json::object entry = Entry("chat_conversation", "cht_1",
                             R"([{"field":"claimed_email","old":null,"new":"a@b.c"}])");
  EXPECT_FALSE(RedactAuditEntry(team_agent, entry));
  EXPECT_TRUE(RedactAuditEntry(SensitiveHidden(), entry));
}

TEST(AuditRedactionTest, KeepsWhatIsVisibleAndWithholdsUnknownTypes) {
  const Access reader = SensitiveHidden();
  json::object customer = Entry("customer", "cus_1",
                                R"([{"field":"birthday","old":null,"new":"1990-01-02"},
                                    {"field":"display_name","old":null,"new":"Ada"}])");
  ASSERT_TRUE(RedactAuditEntry(reader, customer));
  EXPECT_EQ(ChangedFields(customer), std::vector<std::string>{"display_name"});
  json::object other_field = Entry("custom_field", "customer.plan", "[]");
  EXPECT_TRUE(RedactAuditEntry(reader, other_field));
  json::object product_field = Entry("custom_field", "product.vip_code", "[]");
  EXPECT_TRUE(RedactAuditEntry(reader, product_field));
  json::object unknown = Entry("mystery", "m_1", "[]");
  EXPECT_FALSE(RedactAuditEntry(reader, unknown));
  json::object method = Entry("payment_method", "pm_1", "[]");
  EXPECT_TRUE(RedactAuditEntry(Access::Unrestricted(), method));
}

TEST(AuditRedactionTest, ViewDefinitionsLoseConditionsColumnsAndSortsOnHiddenFields) {
  const Access reader = SensitiveHidden();
  json::value definition = ParseJson(R"({"q":"","sort":"-birthday","match":"and",
      "conditions":[{"field":"tags","op":"eq","value":"vip"},
                    {"match":"or","conditions":[{"field":"custom_fields.vip_code","op":"eq",
                                                 "value":"X9"},
                                                {"field":"city","op":"eq","value":"Oslo"}]},
                    {"field":"birthday","op":"gte","value":"1990-01-01"}],
      "columns":["email","birthday","custom_fields.vip_code"]})")
                               .value();
  EXPECT_TRUE(RedactViewDefinition(reader, Object::kCustomers, definition));
  EXPECT_EQ(definition, ParseJson(R"({"q":"","match":"and",
      "conditions":[{"field":"tags","op":"eq","value":"vip"},
                    {"match":"or","conditions":[{"field":"city","op":"eq","value":"Oslo"}]}],
      "columns":["email"]})")
                            .value());
  json::value clean = ParseJson(R"({"conditions":[{"field":"tags","value":"vip"}]})").value();
  const json::value before = clean;
  EXPECT_FALSE(RedactViewDefinition(reader, Object::kCustomers, clean));
  EXPECT_EQ(clean, before);
  EXPECT_FALSE(RedactViewDefinition(Access::Unrestricted(), Object::kCustomers, definition));
}

// The object_type argument of every storage::AppendAudit call in the sources: the call's fourth
// argument, which must be a string literal so that this scan sees it.
std::vector<std::pair<std::string, std::string>> AuditedTypesInSources() {
  std::vector<std::pair<std::string, std::string>> found;  // {file, argument}
  namespace fs = std::filesystem;
  for (const auto& file : fs::recursive_directory_iterator(RAPPORT_SOURCE_DIR)) {
    const std::string path = file.path().string();
    if (file.path().extension() != ".cpp" || path.ends_with("_test.cpp") ||
        path.ends_with("storage/audit.cpp")) {
      continue;
    }
    std::ifstream in(file.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string source = text.str();
    for (size_t at = source.find("AppendAudit("); at != std::string::npos;
         at = source.find("AppendAudit(", at + 1)) {
      // Split the arguments at top-level commas, skipping string literals.
      std::vector<std::string> arguments(1);
      int depth = 0;
      bool in_string = false;
      for (size_t i = at + std::string_view("AppendAudit(").size(); i < source.size(); ++i) {
        const char c = source[i];
        if (in_string) {
          arguments.back() += c;
          if (c == '\\') arguments.back() += source[++i];
          if (c == '"') in_string = false;
          continue;
        }
        if (c == '"') in_string = true;
        if (c == '(' || c == '{' || c == '[') ++depth;
        if ((c == ')' || c == '}' || c == ']') && depth-- == 0) break;
        if (c == ',' && depth == 0) {
          arguments.emplace_back();
          continue;
        }
        if (c != '\n' && c != ' ') arguments.back() += c;
      }
      found.emplace_back(path, arguments.size() > 3 ? arguments[3] : "(missing)");
    }
  }
  return found;
}

TEST(AuditRedactionTest, EveryObjectTypeTheCodeAuditsHasARule) {
  const auto calls = AuditedTypesInSources();
  ASSERT_GT(calls.size(), 20u) << "the scan of " << RAPPORT_SOURCE_DIR << " found too little";
  for (const auto& [file, argument] : calls) {
    ASSERT_TRUE(argument.size() > 2 && argument.front() == '"' && argument.back() == '"')
        << file << ": pass AppendAudit's object type as a string literal, not " << argument;
    const std::string type = argument.substr(1, argument.size() - 2);
    EXPECT_NE(FindAuditedType(type), nullptr)
        << file << " audits object type \"" << type
        << "\" without a redaction rule: add it to kAuditedTypes in audit_redaction.cpp";
  }
}

}  // namespace
}  // namespace rapport::access
