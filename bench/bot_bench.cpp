// bot_bench: the chatbot against its evaluation set (bench/bot_eval/questions.tsv, README there).
// The demo shop's help center is loaded into a fresh database, then every question is one first
// turn of a new conversation through bot::DecideTurn with the help-center search, as the chat
// service runs it. Prints, for the answerable questions, how often the bot answered with the
// article of the right topic (top-1), with a wrong one, or not at all; for the unanswerable ones
// (topic "-"), how often it answered anyway; and how often it handed off. Then the same figures
// for a sweep of thresholds, which is how kAnswerThreshold was chosen. No network, no timing.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "demo/demo_help_articles.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "support/bot/bot_turn.hpp"
#include "support/bot/help_answer.hpp"
#include "support/bot/language_guess.hpp"
#include "support/helpcenter/article_files.hpp"

namespace rapport::bench {
namespace {

struct Question {
  std::string language;
  std::string topic;  // "-": the help center cannot answer it
  std::string text;
};

std::vector<Question> ReadQuestions(const std::string& path) {
  std::vector<Question> questions;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const size_t a = line.find('\t');
    const size_t b = line.find('\t', a + 1);
    if (a == std::string::npos || b == std::string::npos) continue;
    questions.push_back({line.substr(0, a), line.substr(a + 1, b - a - 1), line.substr(b + 1)});
  }
  return questions;
}

struct Tally {
  int answerable = 0, right = 0, wrong = 0, unanswered = 0;
  int unanswerable = 0, false_answers = 0;
  int handed_off = 0, total = 0;
};

// One question's candidate, searched once; the decision is re-made per threshold.
struct Searched {
  const Question* question;
  std::optional<bot::HelpCandidate> candidate;
};

Tally Score(const std::vector<Searched>& searched, const bot::AnswerThreshold& threshold) {
  Tally t;
  const bot::BotContext context{.agents_available = true, .languages = {"en", "de"}};
  for (const auto& [question, candidate] : searched) {
    const bot::BotDecision decision =
        bot::DecideTurn({}, context, question->text, [&](std::string_view) {
          std::optional<bot::BotMatch> match;
          if (candidate) {
            match = bot::BotMatch{.article_id = candidate->best.article_id,
                                  .topic = candidate->best.topic.value_or(""),
                                  .confident = bot::IsConfident(*candidate, threshold)};
          }
          return match;
        });
    ++t.total;
    const bool answered = decision.action == bot::BotAction::kAnswer;
    if (decision.action == bot::BotAction::kHandOff ||
        decision.action == bot::BotAction::kOfflineTicket) {
      ++t.handed_off;
    }
    if (question->topic == "-") {
      ++t.unanswerable;
      if (answered) ++t.false_answers;
    } else {
      ++t.answerable;
      if (!answered) {
        ++t.unanswered;
      } else if (decision.match->topic == question->topic) {
        ++t.right;
      } else {
        ++t.wrong;
      }
    }
  }
  return t;
}

double Percent(int part, int whole) { return whole == 0 ? 0 : 100.0 * part / whole; }

}  // namespace
}  // namespace rapport::bench

int main(int argc, char** argv) {
  using namespace rapport;
  const std::string questions_path =
      argc > 1 ? argv[1] : std::string(RAPPORT_SOURCE_DIR) + "/bench/bot_eval/questions.tsv";
  const std::vector<bench::Question> questions = bench::ReadQuestions(questions_path);
  if (questions.empty()) {
    std::fprintf(stderr, "bot_bench: no questions in %s\n", questions_path.c_str());
    return 1;
  }
  const auto dir =
      std::filesystem::temp_directory_path() / ("rapport-bot-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  int status = 0;
  {
    auto db = storage::SqliteDatabase::Open({.path = (dir / "rapport.db").string()});
    if (!db.ok()) {
      std::fprintf(stderr, "bot_bench: %s\n", db.error().message.c_str());
      return 1;
    }
    std::vector<helpcenter::ArticleFileText> files;
    for (const auto& file : demo::DemoHelpArticles()) {
      files.push_back({std::string(file.name), std::string(file.text)});
    }
    const storage::WriteContext context{.actor = "cli:bench", .via = "cli"};
    auto loaded = helpcenter::LoadArticleFiles(**db, context, files);
    if (!loaded.ok() || !helpcenter::AddSynonyms(**db, context, helpcenter::DemoSynonyms()).ok()) {
      std::fprintf(stderr, "bot_bench: the demo help center did not load\n");
      return 1;
    }
    std::vector<bench::Searched> searched;
    for (const auto& question : questions) {
      std::string language = bot::GuessLanguage(question.text);
      if (language.empty()) language = "en";
      auto candidate = bot::FindHelpCandidate(**db, question.text, language);
      if (!candidate.ok()) {
        std::fprintf(stderr, "bot_bench: search failed for \"%s\": %s\n", question.text.c_str(),
                     candidate.error().message.c_str());
        status = 1;
        continue;
      }
      searched.push_back({&question, *candidate});
    }
    std::printf("bot: %d articles, %zu questions (%s)\n", *loaded, questions.size(),
                questions_path.c_str());
    std::printf("%-22s %8s %8s %10s %14s %9s\n", "threshold score/margin", "top-1", "wrong",
                "no answer", "false answers", "hand-off");
    for (const double score : {0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0}) {
      for (const double margin : {0.0, 0.1, 0.2}) {
        const bench::Tally t = bench::Score(searched, {score, margin});
        std::printf("%10.1f / %-9.2f %7.1f%% %7.1f%% %9.1f%% %13.1f%% %8.1f%%\n", score, margin,
                    bench::Percent(t.right, t.answerable), bench::Percent(t.wrong, t.answerable),
                    bench::Percent(t.unanswered, t.answerable),
                    bench::Percent(t.false_answers, t.unanswerable),
                    bench::Percent(t.handed_off, t.total));
      }
    }
    // BOT_BENCH_MISSES=1: every answerable question whose best article is another topic, to
    // tune synonyms and articles by (never by the set's own words alone: see bot_eval/README.md).
    if (std::getenv("BOT_BENCH_MISSES") != nullptr) {
      for (const auto& s : searched) {
        if (s.question->topic == "-") continue;
        const std::string found =
            s.candidate ? s.candidate->best.topic.value_or("?") : std::string("(nothing)");
        if (found == s.question->topic) continue;
        std::printf("miss  %-22s -> %-22s %6.1f  %s\n", s.question->topic.c_str(), found.c_str(),
                    s.candidate ? s.candidate->score : 0.0, s.question->text.c_str());
      }
    }
    const bench::Tally t = bench::Score(searched, bot::kAnswerThreshold);
    std::printf(
        "bot with kAnswerThreshold (%.1f / %.2f): top-1 %.1f%% of %d answerable (wrong %.1f%%, "
        "no answer %.1f%%); answered %.1f%% of %d unanswerable; handed off %.1f%% of %d\n",
        bot::kAnswerThreshold.min_score, bot::kAnswerThreshold.min_margin,
        bench::Percent(t.right, t.answerable), t.answerable, bench::Percent(t.wrong, t.answerable),
        bench::Percent(t.unanswered, t.answerable), bench::Percent(t.false_answers, t.unanswerable),
        t.unanswerable, bench::Percent(t.handed_off, t.total), t.total);
  }
  std::filesystem::remove_all(dir);
  return status;
}
