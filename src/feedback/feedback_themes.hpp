// FeedbackThemes: "you said, we did" (docs/design/surveys.md § Themes). Staff name the themes
// customers write about ("delivery", "price"), each with keyword rules, and record what the
// business did about it. A completed answer with a comment is tagged by every theme whose
// keywords occur in it (TagAnswerInTx, called in the answer's own transaction); staff tag and
// untag answers by hand; a theme created or given new keywords re-tags the last year's answers.
// The report counts each theme's answers per week, over the answers of customers the caller may
// read, beside its "we did".
//
// Access: the `surveys` object — read for the report, edit for themes and tagging. Themes are
// audited (`feedback_theme`). Holds a reference to the Database; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::feedback {

inline constexpr size_t kMaxThemes = 100;
inline constexpr size_t kMaxKeywords = 20;
inline constexpr size_t kMaxKeywordLength = 60;
inline constexpr size_t kMaxWeDid = 2000;
// How far back a theme's new keywords re-tag answers: bounds the write to a year of answers.
inline constexpr int64_t kRetagDays = 365;

// Whether one of `keywords` (folded) occurs in `folded_comment` at the start of a word:
// "deliver" matches "delivery was late" and not "undelivered".
bool MatchesKeywords(std::string_view folded_comment, const std::vector<std::string>& keywords);

// Tags answer `answer_id` with every theme whose keywords its comment holds; in the caller's
// transaction (the answer's completion).
Status TagAnswerInTx(storage::Tx& tx, const std::string& answer_id,
                     const std::optional<std::string>& customer_id, std::string_view comment,
                     const std::string& answered_at);

class FeedbackThemes {
 public:
  explicit FeedbackThemes(storage::Database& database) : database_(database) {}

  using Access = access::Access;

  // {name, keywords?: [..], we_did?}: the theme, with how many answers its keywords tagged.
  Result<json::object> Create(const Access& access, const storage::WriteContext& context,
                              const json::object& input);
  Result<json::object> Update(const Access& access, const storage::WriteContext& context,
                              const std::string& id, const json::object& patch,
                              std::optional<int64_t> if_version);
  Status Delete(const Access& access, const storage::WriteContext& context, const std::string& id);
  // {from?, to?} (RFC 3339): {themes: [{id, name, keywords, we_did, we_did_at, count,
  // weeks: [{week (the Monday), n}], version}]}, by count, most first.
  Result<json::object> Report(const Access& access, const std::optional<std::string>& from,
                              const std::optional<std::string>& to);
  // Staff tag (or untag) one completed answer whose customer the caller may read.
  Status Tag(const Access& access, const std::string& answer_id, const std::string& theme_id,
             bool on);

 private:
  storage::Database& database_;
};

}  // namespace rapport::feedback
