// Caller: the authenticated identity behind a request, what it may do (its Access), and the write
// context derived from it. Plain value; thread-compatible (the Access it shares is immutable).
#pragma once

#include <memory>
#include <string>

#include "access/access.hpp"
#include "storage/write_context.hpp"

namespace rapport::http {

struct Caller {
  std::string principal;  // "token:<id>" or "user:<id>"; empty on public routes
  std::string request_id;
  // Set for signed-in staff (cookie sessions); empty for API tokens.
  std::string user_id;
  std::string session_id;
  std::string csrf_token;
  // Set on every authenticated route; null only on public ones (health, sign-in).
  std::shared_ptr<const access::Access> access;

  const access::Access& Access() const { return *access; }

  storage::WriteContext Context() const {
    return storage::WriteContext{.actor = principal, .request_id = request_id, .on_written = {}};
  }
};

}  // namespace rapport::http
