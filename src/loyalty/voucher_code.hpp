// Voucher codes (docs/design/loyalty.md § Vouchers): generated from libsodium's CSPRNG over a
// readable alphabet without the characters people confuse (no 0/O, 1/I/L), 12 letters shown in
// groups of four (K7QM-X4RT-9HWC, about 59 bits); and the normal form every code is stored and
// looked up in, so "k7qm x4rt 9hwc" finds K7QM-X4RT-9HWC. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rapport::loyalty {

inline constexpr std::string_view kCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
inline constexpr size_t kGeneratedCodeLength = 12;

// A new code in normal form (12 letters of kCodeAlphabet).
std::string GenerateVoucherCode();

// Upper case, spaces and hyphens removed; nullopt unless 4..32 letters and digits remain. A
// shared code staff choose ("SUMMER10") may use any of A-Z and 0-9.
std::optional<std::string> NormalizeVoucherCode(std::string_view input);

// Groups of four joined by hyphens (a generated code's printed form); shorter codes unchanged.
std::string FormatVoucherCode(std::string_view normal);

// What logs, events and audit entries show of a code: its last four letters ("…9HWC").
std::string VoucherCodeHint(std::string_view normal);

}  // namespace rapport::loyalty
