#include "support/helpcenter/front_matter.hpp"

#include <vector>

namespace rapport::helpcenter {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

bool ValidKey(std::string_view key) {
  if (key.empty() || key.size() > 40) return false;
  for (char c : key) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

Error Bad(std::string message) { return Error::Invalid("front_matter", std::move(message)); }

}  // namespace

Result<ArticleFile> ParseArticleFile(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a byte-order mark
  auto next_line = [&text]() {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    return Trim(line);
  };
  if (text.empty() || next_line() != "---") return Bad("must start with a line of ---");
  ArticleFile file;
  for (size_t lines = 0;; ++lines) {
    if (text.empty()) return Bad("has no closing line of ---");
    if (lines >= kMaxFrontMatterLines) {
      return Bad("has more than " + std::to_string(kMaxFrontMatterLines) + " lines");
    }
    const std::string_view line = next_line();
    if (line == "---") break;
    if (line.empty() || line.front() == '#') continue;
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos)
      return Bad("line \"" + std::string(line) + "\" has no colon");
    const std::string_view key = Trim(line.substr(0, colon));
    if (!ValidKey(key)) return Bad("has an invalid key \"" + std::string(key) + "\"");
    std::string_view value = Trim(line.substr(colon + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    if (!file.fields.emplace(std::string(key), std::string(value)).second) {
      return Bad("names \"" + std::string(key) + "\" twice");
    }
  }
  file.body = std::string(text);
  return file;
}

std::vector<std::string> SplitList(std::string_view list) {
  std::vector<std::string> items;
  while (!list.empty()) {
    const size_t comma = list.find(',');
    const std::string_view item = Trim(list.substr(0, comma));
    if (!item.empty()) items.emplace_back(item);
    list.remove_prefix(comma == std::string_view::npos ? list.size() : comma + 1);
  }
  return items;
}

}  // namespace rapport::helpcenter
