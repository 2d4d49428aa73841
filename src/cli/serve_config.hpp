// `rapport serve`'s settings: its flags and what DATA_DIR/rapport.toml may set (listen, threads,
// limits, sessions, mail, public links, maintenance), read once at start-up by the composition
// root (serve_command.cpp) before anything opens; flags and environment variables win over the
// file. Start-up only: not thread-safe (it sets process-wide defaults such as the log level).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "cli/maintenance_tasks.hpp"
#include "common/result.hpp"
#include "http/server.hpp"
#include "http/web_assets.hpp"
#include "identity/session_service.hpp"
#include "mail/mail_config.hpp"
#include "support/attachment_service.hpp"

namespace rapport::cli {

// A week: long enough to answer after a weekend, short enough that old mail is not an open door.
inline constexpr int64_t kDefaultRatingLinkDays = 7;

struct ServeFlags {
  std::string data_dir = "data";
  std::string listen = "127.0.0.1:8080";
  int io_threads = 0;
  int worker_threads = 0;
  int read_threads = 0;
  bool listen_given = false;
  std::string collation_locale;  // rapport.toml only; empty keeps the database's locale
  std::string tls_cert;
  std::string tls_key;
  std::string web_dir = http::DefaultWebDir();
  size_t attachment_max_bytes = support::kDefaultAttachmentMaxBytes;  // rapport.toml only
  mail::MailConfig mail;                                              // rapport.toml [mail]
  // Public links (rating pages) start with this; empty: http(s)://listen.
  std::string public_url;
  // How long a rating link works; 0: no rating requests are sent.
  int64_t rating_link_days = kDefaultRatingLinkDays;
  // The contact budget (feedback/contact_budget.hpp): at most this many asks of one customer in
  // any window of this many days, across surveys, review requests and ticket ratings. The desk's
  // transactional "How did we do?" is recorded but exempt unless
  // contact_budget_counts_ticket_ratings is true; then it counts and may be held back.
  int64_t contact_budget_asks = 1;
  int64_t contact_budget_days = 14;
  bool contact_budget_counts_ticket_ratings = false;
};

// DIR/rapport.toml may set listen, io_threads, worker_threads, log_level, the limits below and
// the maintenance settings (cli/maintenance_tasks.hpp); flags and environment variables win.
Status ApplyConfigFile(ServeFlags& flags, http::ServerOptions& options,
                       identity::SessionOptions& sessions, MaintenanceSettings& maintenance);

}  // namespace rapport::cli
