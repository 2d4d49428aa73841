// Record identifiers: a short type prefix and 26 Crockford base32 characters (48-bit millisecond
// time + 80 random bits, the ULID layout). Ids therefore sort roughly by creation time, which keeps
// B-tree inserts append-mostly, and the prefix tells a human what an id names ("cus_", "cmp_").
// Thread-safe: randomness comes from libsodium's thread-safe generator.
#pragma once

#include <string>
#include <string_view>

namespace rapport {

std::string NewId(std::string_view prefix);

// A random secret of `bytes` bytes, URL-safe base64 without padding.
std::string RandomToken(size_t bytes);

}  // namespace rapport
