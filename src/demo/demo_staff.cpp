#include "demo/demo_staff.hpp"

#include "demo/demo_random.hpp"

namespace rapport::demo {
namespace {

constexpr DemoTeam kTeams[] = {{"sales", "Sales"}, {"support", "Support"}};

constexpr DemoStaffMember kStaff[] = {
    {"mara", "mara.manager@rapport.example", "Mara Lindqvist", "manager", "sales"},
    {"jonas", "jonas.sales@rapport.example", "Jonas Weber", "sales", "sales"},
    {"aiko", "aiko.sales@rapport.example", "Aiko Tanaka", "sales", "sales"},
    {"diego", "diego.sales@rapport.example", "Diego Ramos", "sales", "sales"},
    {"priya", "priya.support@rapport.example", "Priya Nair", "support", "support"},
    {"tom", "tom.support@rapport.example", "Tom Becker", "support", "support"},
    {"lea", "lea.marketing@rapport.example", "Léa Martin", "marketing", std::nullopt},
    {"sam", "sam.viewer@rapport.example", "Sam Okafor", "viewer", std::nullopt},
};

// Owner keys with weights in percent; "" is no owner (reached only by roles that read all).
constexpr WeightedValue kOwners[] = {{"jonas", 25}, {"aiko", 25}, {"diego", 20}, {"mara", 5},
                                     {"priya", 7},  {"tom", 6},   {"", 12}};

}  // namespace

std::span<const DemoTeam> DemoTeams() { return kTeams; }
std::span<const DemoStaffMember> DemoStaff() { return kStaff; }

std::optional<std::string_view> DemoOwnerKey(uint64_t seed, uint64_t index) {
  DemoRandom random = DemoRandom::ForEntity(seed, Stream::kOwners, index);
  const std::string_view owner = random.PickValue(kOwners);
  if (owner.empty()) return std::nullopt;
  return owner;
}

}  // namespace rapport::demo
