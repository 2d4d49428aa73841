// Caller: the authenticated identity behind a request, and the write context derived from it.
// Plain value; thread-compatible.
#pragma once

#include <string>

#include "storage/write_context.hpp"

namespace rapport::http {

struct Caller {
  std::string principal;  // "token:<id>" or "user:<id>"; empty on public routes
  std::string request_id;
  // Set for signed-in staff (cookie sessions); empty for API tokens.
  std::string user_id;
  std::string session_id;
  std::string csrf_token;

  storage::WriteContext Context() const {
    return storage::WriteContext{.actor = principal, .request_id = request_id, .on_written = {}};
  }
};

}  // namespace rapport::http
