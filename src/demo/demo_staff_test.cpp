#include "demo/demo_staff.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "demo/demo_data.hpp"

namespace rapport::demo {
namespace {

TEST(DemoStaffTest, EveryRoleButAdminHasSomeoneAndTeamsExist) {
  std::set<std::string_view> roles, emails, teams;
  for (const auto& team : DemoTeams()) teams.insert(team.key);
  for (const auto& member : DemoStaff()) {
    roles.insert(member.role);
    EXPECT_TRUE(emails.insert(member.email).second) << member.email;
    EXPECT_TRUE(member.email.ends_with("@rapport.example")) << member.email;
    if (member.team) {
      EXPECT_TRUE(teams.contains(*member.team)) << member.key;
    }
  }
  EXPECT_EQ(roles,
            (std::set<std::string_view>{"manager", "sales", "support", "marketing", "viewer"}));
  EXPECT_EQ(teams, (std::set<std::string_view>{"sales", "support"}));
}

TEST(DemoStaffTest, OwnersFollowTheSeedAndAreSpreadOverTheSalesTeam) {
  std::map<std::string, int> per_team;
  const DemoData data = GenerateDemoData({.customers = 2000, .seed = 7, .now_millis = 1});
  for (size_t i = 0; i < data.customers.size(); ++i) {
    const auto& owner = data.customers[i].owner_key;
    EXPECT_EQ(owner, DemoOwnerKey(7, i));  // the generator uses exactly this draw
    std::string team = "none";
    for (const auto& member : DemoStaff()) {
      if (owner && member.key == *owner) team = std::string(member.team.value_or("none"));
    }
    ++per_team[team];
  }
  // About 75 % sales, 13 % support, 12 % unassigned; every sales member owns some.
  EXPECT_GT(per_team["sales"], 1300);
  EXPECT_GT(per_team["support"], 150);
  EXPECT_GT(per_team["none"], 150);
  for (std::string_view key : {"mara", "jonas", "aiko", "diego"}) {
    int owned = 0;
    for (const auto& customer : data.customers) owned += customer.owner_key == key;
    EXPECT_GT(owned, 50) << key;
  }
  // Another seed, other owners.
  int same = 0;
  for (uint64_t i = 0; i < 200; ++i) same += DemoOwnerKey(7, i) == DemoOwnerKey(8, i);
  EXPECT_LT(same, 150);
}

}  // namespace
}  // namespace rapport::demo
