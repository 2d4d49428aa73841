// `rapport demo`: fills an empty data directory with realistic, deterministic demo data through
// the same write paths (and so the same validation, search index, customer value, events and
// audit) as the API, streaming: memory stays flat whatever --customers is. Demo staff in teams
// own the customers (demo/demo_staff.hpp); their one shared password is generated per run and
// printed once on stdout, never logged; only its argon2id hashes are stored.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <iostream>
#include <unordered_map>
#include <vector>

#include "analytics/customer_metrics.hpp"
#include "analytics/health_tracker.hpp"
#include "cli/commands.hpp"
#include "cli/demo_help_center.hpp"
#include "cli/progress_bar.hpp"
#include "cli/writable_database.hpp"
#include "commerce/order_service.hpp"
#include "commerce/product_service.hpp"
#include "common/time.hpp"
#include "customers/company_service.hpp"
#include "customers/customer_writes.hpp"
#include "demo/demo_data.hpp"
#include "demo/demo_orders.hpp"
#include "demo/demo_staff.hpp"
#include "identity/team_service.hpp"
#include "identity/user_service.hpp"
#include "interactions/interaction_service.hpp"
#include "storage/data_dir.hpp"
#include "storage/event_dispatcher.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace rapport::cli {
namespace {

// Customers (each with its timeline and orders, ~11 records) per write transaction: enough to
// amortise the commit's fsync over thousands of records, while the batch's bodies stay a few MB.
constexpr size_t kCustomersPerCommit = 500;
// Events per delivery round when the metrics catch up at the end: a tenth of the commits of the
// server's 500-event rounds, while a round's parsed events stay ~10 MB.
constexpr int64_t kEventsPerRound = 5000;

struct DemoFlags {
  std::string data_dir = "data";
  int customers = 1000;
  uint64_t seed = 42;
};

Result<int64_t> CountCustomers(storage::Database& db) {
  int64_t count = 0;
  RAPPORT_RETURN_IF_ERROR(db.Read([&](storage::Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT COUNT(*) FROM customers"));
    count = rows[0].Int(0);
    return OkStatus();
  }));
  return count;
}

// The demo's teams and staff, all with `password`; answers each staff key's user id.
Result<std::unordered_map<std::string, std::string>> AddStaff(storage::Database& db,
                                                              const storage::WriteContext& context,
                                                              const std::string& password) {
  identity::TeamService teams(db);
  std::unordered_map<std::string_view, std::string> team_ids;
  for (const auto& team : demo::DemoTeams()) {
    RAPPORT_ASSIGN_OR_RETURN(json::object created,
                             teams.Create(context, json::object{{"name", team.name}}));
    team_ids[team.key] = std::string(created.at("id").as_string());
  }
  identity::PasswordHasher hasher;
  identity::UserService users(db, hasher);
  std::unordered_map<std::string, std::string> user_ids;
  for (const auto& member : demo::DemoStaff()) {
    RAPPORT_ASSIGN_OR_RETURN(json::object user,
                             users.Create(context, {.email = std::string(member.email),
                                                    .name = std::string(member.name),
                                                    .roles = {std::string(member.role)},
                                                    .password = password}));
    const std::string id(user.at("id").as_string());
    if (member.team) {
      RAPPORT_RETURN_IF_ERROR(
          users.Update(context, id, json::object{{"teams", json::array{team_ids.at(*member.team)}}},
                       std::nullopt));
    }
    user_ids[std::string(member.key)] = id;
  }
  return user_ids;
}

// The sign-in names, and the password once, on stdout (scripts/run-demo.sh shows them again).
void PrintStaff(const std::string& password) {
  std::cout << "Demo staff (one shared password, shown once; only its hash is stored):\n"
            << "  password: " << password << "\n";
  for (const auto& member : demo::DemoStaff()) {
    std::string line = "  " + std::string(member.email);
    line.resize(std::max<size_t>(line.size() + 2, 36), ' ');
    line += member.role;
    for (const auto& team : demo::DemoTeams()) {
      if (member.team != team.key) continue;
      line.resize(std::max<size_t>(line.size() + 2, 48), ' ');
      line += "team " + std::string(team.name);
    }
    std::cout << line << "\n";
  }
}

Status Fill(storage::SqliteDatabase& db, const DemoFlags& flags) {
  RAPPORT_ASSIGN_OR_RETURN(int64_t existing, CountCustomers(db));
  if (existing > 0) {
    return Error::Conflict("the data directory already holds " + std::to_string(existing) +
                           " customers; demo data goes into an empty one");
  }
  const storage::WriteContext context{.actor = "cli:demo", .via = "cli"};
  // The operator at the console owns the data directory: no record access applies.
  const access::Access& everything = access::Access::Unrestricted();
  const demo::DemoOptions options{
      .customers = flags.customers, .seed = flags.seed, .now_millis = NowMillis()};
  // Customers are generated as they are written, a batch at a time, so memory does not grow with
  // --customers. Every record goes through the same *InTx write path as the API (validation,
  // search index, customer value, event, audit); each batch is one transaction of its own
  // (WriteAlone: no per-write savepoint, whose undo journal would pile up over the batch), and a
  // failure stops the command with the batch undone.
  demo::DemoGenerator generator(options);
  const std::string staff_password = identity::GeneratePassword();
  RAPPORT_ASSIGN_OR_RETURN(auto staff_ids, AddStaff(db, context, staff_password));

  std::unordered_map<std::string, std::string> company_ids;
  RAPPORT_RETURN_IF_ERROR(db.WriteAlone([&](storage::Tx& tx) -> Status {
    company_ids.clear();
    for (const auto& company : generator.companies()) {
      RAPPORT_ASSIGN_OR_RETURN(json::object created,
                               customers::CreateCompanyInTx(tx, everything, context, company.body));
      company_ids[company.key] = std::string(created.at("id").as_string());
    }
    return OkStatus();
  }));
  // The catalogue first: orders name its SKUs.
  commerce::ProductService products(db);
  for (const auto& product : demo::DemoCatalogue()) {
    RAPPORT_RETURN_IF_ERROR(products.Create(context, product));
  }

  const size_t customer_count = generator.customer_count();
  ProgressBar bar("customers", static_cast<int64_t>(customer_count));
  size_t interaction_count = 0, order_count = 0;
  std::vector<demo::DemoCustomer> batch;
  batch.reserve(kCustomersPerCommit);
  while (generator.customers_taken() < customer_count) {
    const size_t first = generator.customers_taken();
    batch.clear();
    while (batch.size() < kCustomersPerCommit && generator.customers_taken() < customer_count) {
      batch.push_back(generator.NextCustomer());
    }
    size_t interactions = 0, orders = 0;
    RAPPORT_RETURN_IF_ERROR(db.WriteAlone([&](storage::Tx& tx) -> Status {
      interactions = orders = 0;
      for (size_t i = 0; i < batch.size(); ++i) {
        demo::DemoCustomer& customer = batch[i];
        if (customer.company_key)
          customer.body["company_id"] = company_ids.at(*customer.company_key);
        if (customer.owner_key) customer.body["owner_id"] = staff_ids.at(*customer.owner_key);
        RAPPORT_ASSIGN_OR_RETURN(json::object created,
                                 customers::CreateInTx(tx, everything, context, customer.body));
        const std::string id(created.at("id").as_string());
        for (const auto& interaction : customer.interactions) {
          RAPPORT_ASSIGN_OR_RETURN(auto logged,
                                   interactions::LogInTx(tx, everything, context, id, interaction));
          ++interactions;
        }
        // Purchase history through the same order rules as the API (totals, customer value,
        // timeline entries).
        const json::value* stage = customer.body.if_contains("lifecycle_stage");
        const std::string lifecycle(stage && stage->is_string() ? stage->as_string() : "lead");
        for (const auto& order : demo::DemoOrders(options, first + i, lifecycle)) {
          RAPPORT_RETURN_IF_ERROR(commerce::PlaceInTx(tx, everything, context, id, order));
          ++orders;
        }
      }
      return OkStatus();
    }));
    interaction_count += interactions;
    order_count += orders;
    bar.Update(static_cast<int64_t>(generator.customers_taken()));
  }
  bar.Finish();
  // The demo shop's help center: published articles, their categories, synonyms.
  RAPPORT_ASSIGN_OR_RETURN(int help_articles, AddDemoHelpCenter(db, context));

  // Bring the derived metrics up to date now, so the first page view is complete.
  analytics::CustomerMetrics metrics;
  analytics::HealthTracker health;
  storage::EventDispatcher dispatcher(db);
  dispatcher.Subscribe(metrics);
  dispatcher.Subscribe(health);
  RAPPORT_RETURN_IF_ERROR(dispatcher.DrainAll(kEventsPerRound));
  RAPPORT_RETURN_IF_ERROR(analytics::SnapshotHealthDistribution(db, NowMillis() / 86'400'000));
  std::cerr << "Demo data: " << generator.companies().size() << " companies, " << customer_count
            << " customers, " << interaction_count << " interactions, " << order_count
            << " orders, " << help_articles << " help center articles.\n";
  PrintStaff(staff_password);
  return OkStatus();
}

}  // namespace

void AddDemoCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<DemoFlags>();
  CLI::App* command =
      app.add_subcommand("demo", "Fill an empty data directory with realistic demo data");
  AddDataDirOption(*command, flags->data_dir);
  command->add_option("--customers", flags->customers, "How many customers")
      ->check(CLI::Range(1, 10'000'000))
      ->capture_default_str();
  command->add_option("--seed", flags->seed, "Same seed, same data")->capture_default_str();
  command->callback([flags, &exit_code] {
    auto opened = OpenWritable(flags->data_dir);
    if (!opened.ok()) {
      PrintError(opened.error());
      exit_code = 1;
      return;
    }
    Status status = Fill(*opened->database, *flags);
    if (!status.ok()) {
      PrintError(status.error());
      exit_code = 1;
    }
  });
}

}  // namespace rapport::cli
