// Log-safe text: what may be written to a log line from a request.
//
// Logs are read by people and parsed by tools line by line, so anything a client controls (a
// path, a header) must not be able to start a new line, hide text behind control characters or
// smuggle terminal escapes. EscapeForLog writes control bytes, DEL, backslash, quotes and bytes
// that are not valid UTF-8 as \xNN escapes, and cuts long text (a path may be 16 KiB) to a bound
// with a marker. Card numbers are masked separately, where the caller knows the text is free-form.
// Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace rapport {

// Longest text kept from one client-controlled value in a log line.
inline constexpr size_t kMaxLoggedValueBytes = 256;

std::string EscapeForLog(std::string_view text, size_t max_bytes = kMaxLoggedValueBytes);

}  // namespace rapport
