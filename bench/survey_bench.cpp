// survey_bench: recording survey answers, durable, against logging interactions
// (docs/design/surveys.md). 100,000 CSAT invitations are made untimed, then answered through
// SurveyInvitations::Submit from 16 threads the way the public page does: the score, then the
// comment, each page a durable write (group commit); the last one writes the answer, the
// invitation's state, `survey.answered`, the themes and a timeline entry. The baseline logs 100,000
// interactions (POST /customers/{id}/interactions' service) from 16 threads on the same customers.
// Prints answers/s against interactions/s.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "common/time.hpp"
#include "customers/customer_service.hpp"
#include "feedback/survey_invitations.hpp"
#include "feedback/survey_service.hpp"
#include "interactions/interaction_service.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kCustomers = 2'000;
constexpr int kWriterThreads = 16;
constexpr int kInviteBatch = 1'000;

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Runs `work(i)` for i in [0, total) from kWriterThreads threads; how many failed.
template <typename Work>
int Parallel(int total, Work work) {
  std::atomic<int> next = 0;
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kWriterThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = next++; i < total; i = next++) {
        if (!work(i)) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  return failures.load();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace rapport;
  const int answers = argc > 1 ? std::atoi(argv[1]) : 100'000;
  const std::string dir = std::filesystem::temp_directory_path() / "rapport-survey-bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto opened = storage::SqliteDatabase::Open({.path = dir + "/rapport.db"});
  if (!opened.ok()) {
    std::fprintf(stderr, "open failed: %s\n", opened.error().message.c_str());
    return 1;
  }
  storage::Database& db = **opened;
  const storage::WriteContext context{.actor = "bench"};
  const access::Access& all = access::Access::Unrestricted();
  customers::CustomerService customers(db);
  std::vector<std::string> ids;
  for (int i = 0; i < kCustomers; ++i) {
    auto created = customers.Create(
        all, context, json::object{{"first_name", "Bench"}, {"last_name", std::to_string(i)}});
    if (!created.ok()) return 1;
    ids.emplace_back(created->at("id").as_string());
  }
  feedback::SurveyService surveys(db);
  auto survey = surveys.Create(all, context, json::object{{"name", "CSAT"}, {"kind", "csat"}});
  if (!survey.ok()) return 1;
  const std::string survey_id(survey->at("id").as_string());
  // No contact budget here: the benchmark asks each customer many times.
  feedback::SurveyInvitations invitations(
      db, "", feedback::ContactBudgetPolicy{.max_asks = 1'000'000, .per_days = 1});
  std::vector<std::string> tokens;
  tokens.reserve(answers);
  for (int done = 0; done < answers;) {
    const int batch = std::min(kInviteBatch, answers - done);
    Status made = db.Write([&](storage::Tx& tx) -> Status {
      RAPPORT_ASSIGN_OR_RETURN(feedback::SurveyVersion version,
                               feedback::LoadSurveyVersion(tx, survey_id));
      for (int i = 0; i < batch; ++i) {
        RAPPORT_ASSIGN_OR_RETURN(
            json::object invited,
            invitations.InviteInTx(tx, context, version, ids[(done + i) % kCustomers], {},
                                   NowMillis()));
        const std::string link(invited.at("link").as_string());
        tokens.push_back(link.substr(link.rfind('/') + 1));
      }
      return OkStatus();
    });
    if (!made.ok()) {
      std::fprintf(stderr, "invite failed: %s\n", made.error().message.c_str());
      return 1;
    }
    done += batch;
  }

  const storage::WriteContext page{.actor = "public", .via = "web"};
  auto start = Clock::now();
  // The score, then the built-in "why?" with a short comment (its sentiment is scored too).
  const int answer_failures = Parallel(answers, [&](int i) {
    auto step = invitations.Submit(page, tokens[i], "score", json::value(1 + i % 5));
    while (step.ok() && !step->completed && step->question) {
      step = invitations.Submit(page, tokens[i], step->question->id,
                                json::value("Quick delivery, friendly help"));
    }
    return step.ok() && step->completed;
  });
  const double answer_seconds = Seconds(start);

  interactions::InteractionService timeline(db);
  start = Clock::now();
  std::atomic<bool> reported = false;
  const int log_failures = Parallel(answers, [&](int i) {
    auto logged = timeline.Log(all, context, ids[i % kCustomers],
                               json::object{{"channel", "phone"},
                                            {"kind", "call"},
                                            {"direction", "inbound"},
                                            {"subject", "Called about the order"}});
    if (!logged.ok() && !reported.exchange(true)) {
      std::fprintf(stderr, "survey_bench: logging failed: %s\n", logged.error().message.c_str());
    }
    return logged.ok();
  });
  const double log_seconds = Seconds(start);
  if (answer_failures > 0 || log_failures > 0) {
    std::fprintf(stderr, "survey_bench: %d answers and %d interactions failed\n", answer_failures,
                 log_failures);
    return 1;
  }
  std::printf("survey_bench: %d answers and %d interactions by %d writers on %d customers\n",
              answers, answers, kWriterThreads, kCustomers);
  std::printf(
      "ratio   survey answer  %8.0f answers/s  baseline (logging an interaction, durable) "
      "%8.0f interactions/s  ratio %.2f\n",
      answers / answer_seconds, answers / log_seconds, log_seconds / answer_seconds);
  std::filesystem::remove_all(dir);
  return 0;
}
