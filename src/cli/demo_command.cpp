// `rapport demo`: fills an empty data directory with realistic, deterministic demo data through
// the same services (and so the same validation and events) as the API.
#include <spdlog/spdlog.h>

#include <iostream>
#include <map>

#include "analytics/customer_metrics.hpp"
#include "cli/commands.hpp"
#include "cli/progress_bar.hpp"
#include "cli/writable_database.hpp"
#include "commerce/order_service.hpp"
#include "commerce/product_service.hpp"
#include "common/time.hpp"
#include "customers/company_service.hpp"
#include "customers/customer_service.hpp"
#include "demo/demo_data.hpp"
#include "demo/demo_orders.hpp"
#include "interactions/interaction_service.hpp"
#include "storage/data_dir.hpp"
#include "storage/event_dispatcher.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace rapport::cli {
namespace {

// Interactions per write transaction: large enough to amortise the commit's fsync.
constexpr size_t kInteractionsPerCommit = 2000;
// Customers whose orders are placed per write transaction (each order is a dozen statements).
constexpr size_t kCustomersPerOrderCommit = 250;

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
  demo::DemoData data = demo::GenerateDemoData(options);

  customers::CompanyService companies(db);
  std::map<std::string, std::string> company_ids;
  for (const auto& company : data.companies) {
    RAPPORT_ASSIGN_OR_RETURN(json::object created,
                             companies.Create(everything, context, company.body));
    company_ids[company.key] = std::string(created.at("id").as_string());
  }

  customers::CustomerService customer_service(db);
  std::vector<std::string> customer_ids;
  ProgressBar customers_bar("customers   ", static_cast<int64_t>(data.customers.size()));
  for (size_t start = 0; start < data.customers.size(); start += customers::kMaxBatchRecords) {
    json::array records;
    const size_t end = std::min(data.customers.size(), start + customers::kMaxBatchRecords);
    for (size_t i = start; i < end; ++i) {
      json::object body = data.customers[i].body;
      if (data.customers[i].company_key)
        body["company_id"] = company_ids[*data.customers[i].company_key];
      records.push_back(std::move(body));
    }
    RAPPORT_ASSIGN_OR_RETURN(
        json::object result,
        customer_service.Batch(everything, context, json::object{{"records", records}}));
    for (const auto& outcome : result.at("results").as_array()) {
      if (outcome.at("status") == "error") {
        return Error::Internal("demo record rejected: " + json::serialize(outcome));
      }
      customer_ids.emplace_back(outcome.at("id").as_string());
    }
    customers_bar.Update(static_cast<int64_t>(end));
  }
  customers_bar.Finish();

  std::vector<std::pair<size_t, const json::object*>> pending;
  size_t total = 0;
  for (const auto& customer : data.customers) total += customer.interactions.size();
  ProgressBar timeline_bar("interactions", static_cast<int64_t>(total));
  size_t done = 0;
  auto flush = [&]() -> Status {
    RAPPORT_RETURN_IF_ERROR(db.Write([&](storage::Tx& tx) -> Status {
      for (const auto& [index, body] : pending) {
        RAPPORT_ASSIGN_OR_RETURN(auto logged, interactions::LogInTx(tx, everything, context,
                                                                    customer_ids[index], *body));
      }
      return OkStatus();
    }));
    done += pending.size();
    pending.clear();
    timeline_bar.Update(static_cast<int64_t>(done));
    return OkStatus();
  };
  for (size_t i = 0; i < data.customers.size(); ++i) {
    for (const auto& interaction : data.customers[i].interactions) {
      pending.emplace_back(i, &interaction);
      if (pending.size() >= kInteractionsPerCommit) RAPPORT_RETURN_IF_ERROR(flush());
    }
  }
  if (!pending.empty()) RAPPORT_RETURN_IF_ERROR(flush());
  timeline_bar.Finish();

  // The catalogue and each customer's purchase history, through the same order rules as the API
  // (totals, customer value, timeline entries).
  commerce::ProductService products(db);
  for (const auto& product : demo::DemoCatalogue()) {
    RAPPORT_RETURN_IF_ERROR(products.Create(context, product));
  }
  ProgressBar orders_bar("orders      ", static_cast<int64_t>(customer_ids.size()));
  size_t order_count = 0;
  for (size_t start = 0; start < customer_ids.size(); start += kCustomersPerOrderCommit) {
    const size_t end = std::min(customer_ids.size(), start + kCustomersPerOrderCommit);
    RAPPORT_RETURN_IF_ERROR(db.Write([&](storage::Tx& tx) -> Status {
      for (size_t i = start; i < end; ++i) {
        const json::value* stage = data.customers[i].body.if_contains("lifecycle_stage");
        const std::string lifecycle(stage && stage->is_string() ? stage->as_string() : "lead");
        for (const auto& order : demo::DemoOrders(options, i, lifecycle)) {
          RAPPORT_RETURN_IF_ERROR(
              commerce::PlaceInTx(tx, everything, context, customer_ids[i], order));
          ++order_count;
        }
      }
      return OkStatus();
    }));
    orders_bar.Update(static_cast<int64_t>(end));
  }
  orders_bar.Finish();

  // Bring the derived metrics up to date now, so the first page view is complete.
  analytics::CustomerMetrics metrics;
  storage::EventDispatcher dispatcher(db);
  dispatcher.Subscribe(metrics);
  RAPPORT_RETURN_IF_ERROR(dispatcher.DrainAll());
  std::cerr << "Demo data: " << data.companies.size() << " companies, " << customer_ids.size()
            << " customers, " << total << " interactions, " << order_count << " orders.\n";
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
