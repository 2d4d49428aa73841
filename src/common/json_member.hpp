// A top-level member of a JSON object's text, found without parsing the document: for texts this
// process wrote and stored (a served customer record) when a reader needs one member of it as
// written. Pure function over the caller's text; thread-safe.
#pragma once

#include <optional>
#include <string_view>

namespace rapport {

// The text of `key`'s value among the top-level members of the JSON object `object` (a view into
// it, surrounding whitespace trimmed); nullopt when the text is not an object, has no such
// member, or ends before that member's value does. Keys are compared as written (a key spelled
// with escapes does not match), the first member of that name wins, and the value is not checked
// beyond its strings and nesting: the text is trusted to be JSON, as a stored document is.
std::optional<std::string_view> TopLevelMember(std::string_view object, std::string_view key);

}  // namespace rapport
