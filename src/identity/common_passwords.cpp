// The common-password refusal list (CheckPasswordPolicy). Passwords under 12 characters are
// refused by length already, so the list holds the long ones that top public breach-frequency
// reports, and a set of base words that people pad with digits and symbols ("Password2024!").
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>

#include "identity/password.hpp"

namespace rapport::identity {
namespace {

constexpr std::array<std::string_view, 96> kCommonLongPasswords = {
    "123456789012",     "1234567890123",    "12345678901234",   "123456789123",
    "123123123123",     "111111111111",     "000000000000",     "121212121212",
    "987654321098",     "098765432109",     "123412341234",     "112233445566",
    "qwertyuiop12",     "qwertyuiopasdf",   "qwertyuiopasdfgh", "qwertyuiopasdfghjkl",
    "1q2w3e4r5t6y",     "1q2w3e4r5t6y7u",   "1qaz2wsx3edc",     "1qaz2wsx3edc4rfv",
    "zaq12wsxcde3",     "zaq1zaq1zaq1",     "q1w2e3r4t5y6",     "qazwsxedcrfv",
    "qwerty123456",     "123456qwerty",     "qwer1234asdf",     "1234qwerasdf",
    "asdfghjkl123",     "asdfasdfasdf",     "zxcvbnm12345",     "qweasdzxc123",
    "abcdefghijkl",     "abcdefghijklm",    "abc123abc123",     "abcd1234abcd",
    "passwordpassword", "password1234",     "password12345",    "password123456",
    "password123!",     "password1234!",    "p@ssw0rd1234",     "p@ssword1234",
    "passw0rd1234",     "mypassword123",    "newpassword1",     "changeme1234",
    "iloveyou1234",     "iloveyouiloveyou", "iloveyou123456",   "trustno1trustno1",
    "letmein12345",     "letmeinletmein",   "welcome12345",     "welcome123456",
    "welcome@1234",     "administrator",    "administrator1",   "admin1234567",
    "adminadminadmin",  "rootroot1234",     "football1234",     "baseball1234",
    "basketball12",     "superman1234",     "batman123456",     "starwars1234",
    "princess1234",     "sunshine1234",     "monkey123456",     "dragon123456",
    "master123456",     "shadow123456",     "michael12345",     "jennifer1234",
    "computer1234",     "internet1234",     "whatever1234",     "qwerty12345678",
    "1234567890qwerty", "qwerty1234567890", "thisismypassword", "correcthorsebatterystaple",
    "123456abcdef",     "abcdef123456",     "aa123456789012",   "blink182blink182",
    "liverpool1234",    "chelsea12345",     "arsenal12345",     "manchester12",
    "secretpassword",   "supersecret123",   "nopassword123",    "changemenow!",
};

// Words that padded with digits or symbols make most "strong-looking" breached passwords.
constexpr std::array<std::string_view, 24> kPaddedBaseWords = {
    "password", "passw0rd", "p@ssw0rd", "p@ssword", "welcome", "qwerty", "admin",  "letmein",
    "iloveyou", "monkey",   "dragon",   "football", "summer",  "winter", "spring", "autumn",
    "changeme", "secret",   "rapport",  "company",  "login",   "master", "hello",  "test",
};

}  // namespace

bool IsCommonPassword(std::string_view password) {
  std::string lower(password);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (std::find(kCommonLongPasswords.begin(), kCommonLongPasswords.end(), lower) !=
      kCommonLongPasswords.end()) {
    return true;
  }
  // Strip the padding people add at the end ("Summer2024!!" -> "summer").
  size_t end = lower.size();
  while (end > 0 && !std::isalpha(static_cast<unsigned char>(lower[end - 1]))) --end;
  const std::string_view base = std::string_view(lower).substr(0, end);
  return std::find(kPaddedBaseWords.begin(), kPaddedBaseWords.end(), base) !=
         kPaddedBaseWords.end();
}

}  // namespace rapport::identity
