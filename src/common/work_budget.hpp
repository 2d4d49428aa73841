// WorkBudget: how long the work of one request may run, and whether its caller is still there.
//
// The HTTP edge opens a ScopedWorkBudget on the worker thread that runs a request; code below it
// (the SQLite read connections' progress handler, long in-memory loops) asks Exhausted() and
// stops with kDeadlineExceeded when the deadline passed or the client disconnected. It is a
// thread-local, so storage needs no new parameter on every call, and work that runs elsewhere
// (the single writer thread, the job runner, the CLI) has no budget and is never cut short:
// writes must not be abandoned half-way through a group commit.
// Thread-safety: the budget belongs to the thread that opened it; `cancelled` is an atomic that
// another thread (the connection's strand) may set at any time.
#pragma once

#include <atomic>
#include <chrono>

namespace rapport {

struct WorkBudget {
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  const std::atomic<bool>* cancelled = nullptr;  // set when the caller went away
  // A hang-up stops work only from this time on. A client that half-closes its side after
  // sending (shutdown(SHUT_WR), `printf … | nc`) looks exactly like one that left, so short work
  // always finishes and is answered; only work still running past this is abandoned.
  std::chrono::steady_clock::time_point cancel_not_before =
      std::chrono::steady_clock::time_point::min();

  bool Exhausted() const {
    const auto now = std::chrono::steady_clock::now();
    return now >= deadline || (cancelled != nullptr && cancelled->load(std::memory_order_relaxed) &&
                               now >= cancel_not_before);
  }
};

// The budget of the work running on this thread; null when it has none.
const WorkBudget* CurrentWorkBudget();

// True when this thread's work has a budget and it is spent.
inline bool WorkBudgetExhausted() {
  const WorkBudget* budget = CurrentWorkBudget();
  return budget != nullptr && budget->Exhausted();
}

// Installs `budget` for this thread until the scope ends (restoring the previous one).
class ScopedWorkBudget {
 public:
  explicit ScopedWorkBudget(const WorkBudget& budget);
  ~ScopedWorkBudget();
  ScopedWorkBudget(const ScopedWorkBudget&) = delete;
  ScopedWorkBudget& operator=(const ScopedWorkBudget&) = delete;

 private:
  const WorkBudget* previous_;
};

}  // namespace rapport
