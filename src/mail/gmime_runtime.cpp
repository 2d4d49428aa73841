#include "mail/gmime_runtime.hpp"

#include <gmime/gmime.h>

#include <mutex>

namespace rapport::mail::internal {

void EnsureGmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

}  // namespace rapport::mail::internal
