#include "storage/sqlite/statement_log.hpp"

#include <cassert>

namespace rapport::storage {
namespace {

thread_local StatementLog* current_log = nullptr;

}  // namespace

StatementLog::StatementLog() {
  assert(current_log == nullptr);
  current_log = this;
}

StatementLog::~StatementLog() { current_log = nullptr; }

void StatementLog::Record(std::string_view sql) {
  if (current_log != nullptr) current_log->statements_.emplace_back(sql);
}

}  // namespace rapport::storage
