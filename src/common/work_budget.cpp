#include "common/work_budget.hpp"

namespace rapport {
namespace {

thread_local const WorkBudget* current_budget = nullptr;

}  // namespace

const WorkBudget* CurrentWorkBudget() { return current_budget; }

ScopedWorkBudget::ScopedWorkBudget(const WorkBudget& budget) : previous_(current_budget) {
  current_budget = &budget;
}

ScopedWorkBudget::~ScopedWorkBudget() { current_budget = previous_; }

}  // namespace rapport
