// StatementLog: records the SQL statements the current thread runs through any SqliteConnection
// while the log lives. For tests that bound how many statements a path issues ("a page costs the
// same few queries whatever its size"), so a query per row cannot come back unnoticed.
//
// Database::Read and Write run their function on a connection the calling thread drives (Read on
// the caller's own thread), so a log on the test's thread sees every statement of a Read. Write
// functions run on the writer thread and are not seen. Statements of BEGIN/COMMIT
// (ExecScript) are not counted: they are the transaction, not the path's work.
//
// Thread-compatible: one log per thread at a time, created and destroyed on that thread. With no
// log alive, recording costs one thread-local load per statement.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rapport::storage {

class StatementLog {
 public:
  // REQUIRES: no other StatementLog alive on this thread.
  StatementLog();
  ~StatementLog();
  StatementLog(const StatementLog&) = delete;
  StatementLog& operator=(const StatementLog&) = delete;

  size_t count() const { return statements_.size(); }
  // Each statement's SQL text, in the order they ran (repeats included).
  const std::vector<std::string>& statements() const { return statements_; }
  void Clear() { statements_.clear(); }

  // Called by SqliteConnection for each statement it runs.
  static void Record(std::string_view sql);

 private:
  std::vector<std::string> statements_;
};

}  // namespace rapport::storage
