// `rapport serve`: the composition root of the server — builds storage, services, the event
// dispatcher and the HTTP server in dependency order and tears them down in reverse.
#include <spdlog/spdlog.h>
#include <toml++/toml.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "analytics/customer_metrics.hpp"
#include "cli/commands.hpp"
#include "customers/company_service.hpp"
#include "customers/customer_service.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "identity/token_service.hpp"
#include "interactions/interaction_service.hpp"
#include "storage/data_dir.hpp"
#include "storage/event_dispatcher.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace rapport::cli {
namespace {

struct ServeFlags {
  std::string data_dir = "data";
  std::string listen = "127.0.0.1:8080";
  int io_threads = 0;
  int worker_threads = 0;
  bool listen_given = false;
};

// DIR/rapport.toml may set listen, io_threads, worker_threads and log_level; flags and
// environment variables win over it.
Status ApplyConfigFile(ServeFlags& flags, http::ServerOptions& options) {
  const auto path = std::filesystem::path(flags.data_dir) / "rapport.toml";
  if (!std::filesystem::exists(path)) return OkStatus();
  toml::table config;
  try {
    // Debian's toml++ reports syntax errors by exception; this is start-up, so that is fine.
    config = toml::parse_file(path.string());
  } catch (const toml::parse_error& e) {
    return Error::Invalid("rapport.toml", std::string(e.description()) + " at line " +
                                              std::to_string(e.source().begin.line));
  }
  if (auto listen = config["listen"].value<std::string>(); listen && !flags.listen_given) {
    flags.listen = *listen;
  }
  if (auto threads = config["io_threads"].value<int64_t>()) {
    options.io_threads = static_cast<int>(*threads);
  }
  if (auto threads = config["worker_threads"].value<int64_t>()) {
    options.worker_threads = static_cast<int>(*threads);
  }
  if (auto level = config["log_level"].value<std::string>()) {
    spdlog::set_level(spdlog::level::from_str(*level));
  }
  return OkStatus();
}

int Serve(ServeFlags flags) {
  http::ServerOptions options;
  options.io_threads = std::max(1u, std::thread::hardware_concurrency());
  if (Status config = ApplyConfigFile(flags, options); !config.ok()) {
    spdlog::error("rapport.toml: {}", config.error().message);
    return 2;
  }
  if (flags.io_threads > 0) options.io_threads = flags.io_threads;
  if (flags.worker_threads > 0) options.worker_threads = flags.worker_threads;
  if (Status listen = http::ParseListenAddress(flags.listen, options); !listen.ok()) {
    spdlog::error("--listen {}", listen.error().message);
    return 2;
  }
  auto lock = storage::DataDirLock::Acquire(flags.data_dir);
  if (!lock.ok()) {
    spdlog::error("{}", lock.error().message);
    return 1;
  }
  auto database = storage::SqliteDatabase::Open({.path = storage::DatabasePath(flags.data_dir)});
  if (!database.ok()) {
    spdlog::error("{}", database.error().message);
    return 1;
  }
  storage::SqliteDatabase& db = **database;

  customers::CustomerService customers(db);
  customers::CompanyService companies(db);
  interactions::InteractionService interactions(db);
  identity::TokenService tokens(db);

  analytics::CustomerMetrics metrics;
  storage::EventDispatcher dispatcher(db);
  dispatcher.Subscribe(metrics);
  db.SetCommitListener([&dispatcher] { dispatcher.Notify(); });
  dispatcher.Start();

  std::atomic<bool> ready = false;
  http::ApiServices services{db,           customers, companies,
                             interactions, tokens,    [&ready] { return ready.load(); }};
  auto router = http::BuildApiRouter(services);
  http::HttpServer server(options, *router, tokens);
  auto port = server.Listen();
  if (!port.ok()) {
    spdlog::error("{}", port.error().message);
    dispatcher.Stop();
    db.SetCommitListener(nullptr);
    return 1;
  }
  spdlog::info("rapport serving {} on http://{}:{} (schema v{})", flags.data_dir, options.host,
               *port, db.schema_version());
  ready = true;
  server.Run([&ready] { ready = false; });
  // Requests are done; deliver what they committed, then close storage.
  dispatcher.Stop();
  db.SetCommitListener(nullptr);
  spdlog::info("rapport stopped cleanly");
  return 0;
}

}  // namespace

void AddServeCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<ServeFlags>();
  CLI::App* command = app.add_subcommand("serve", "Serve the REST API until SIGINT/SIGTERM");
  AddDataDirOption(*command, flags->data_dir);
  CLI::Option* listen = command->add_option("--listen", flags->listen, "host:port to listen on")
                            ->envname("RAPPORT_LISTEN")
                            ->capture_default_str();
  command->add_option("--io-threads", flags->io_threads, "HTTP I/O threads (default: cores)");
  command->add_option("--worker-threads", flags->worker_threads,
                      "Handler threads (default 32; they mostly wait on storage)");
  command->callback([flags, listen, &exit_code] {
    flags->listen_given = listen->count() > 0;
    exit_code = Serve(*flags);
  });
}

}  // namespace rapport::cli
