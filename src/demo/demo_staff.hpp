// Demo staff: the teams and staff accounts `rapport demo` creates beside the customers, and who
// owns which customer, so that record access (docs/design/access.md) can be seen in the demo:
// a sales agent sees the Sales team's customers, support sees every customer, and so on.
//
// The staff are a fixed list (one per built-in role but admin, whom `make run` adds; three sales
// agents), with the role in each sign-in name. Owners are drawn per customer from a stream of
// their own (Stream::kOwners), so they follow the seed without reshuffling anything else the
// generator draws. Passwords are not chosen here: `rapport demo` generates one shared password
// per run, prints it once and stores only its hashes. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace rapport::demo {

struct DemoTeam {
  std::string_view key;  // referred to by DemoStaffMember::team
  std::string_view name;
};

struct DemoStaffMember {
  std::string_view key;  // referred to by DemoCustomer::owner_key
  std::string_view email;
  std::string_view name;
  std::string_view role;  // a built-in role (access/grants.cpp)
  std::optional<std::string_view> team;
};

std::span<const DemoTeam> DemoTeams();
std::span<const DemoStaffMember> DemoStaff();

// The key of the staff member who owns customer `index`, or nullopt for an unassigned one: about
// three in four belong to the Sales team, one in eight to a support agent, the rest to no one.
std::optional<std::string_view> DemoOwnerKey(uint64_t seed, uint64_t index);

}  // namespace rapport::demo
