// `rapport serve`: the composition root of the server — builds storage, services, the event
// dispatcher and the HTTP server in dependency order and tears them down in reverse.
#include <spdlog/spdlog.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "analytics/bad_experiences.hpp"
#include "analytics/customer_metrics.hpp"
#include "analytics/follow_ups.hpp"
#include "analytics/health_reads.hpp"
#include "analytics/health_settings.hpp"
#include "analytics/health_tracker.hpp"
#include "cli/commands.hpp"
#include "cli/follow_up_tickets.hpp"
#include "cli/mail_in.hpp"
#include "cli/mail_out_runtime.hpp"
#include "cli/maintenance_tasks.hpp"
#include "cli/review_runtime.hpp"
#include "cli/serve_config.hpp"
#include "cli/survey_runtime.hpp"
#include "cli/task_mail.hpp"
#include "cli/transfer_adapters.hpp"
#include "cli/writable_database.hpp"
#include "common/time.hpp"
#include "customers/company_service.hpp"
#include "customers/customer_service.hpp"
#include "customers/served_records.hpp"
#include "http/api.hpp"
#include "http/authenticator.hpp"
#include "http/event_stream.hpp"
#include "http/loyalty_card_routes.hpp"
#include "http/loyalty_replay_routes.hpp"
#include "http/loyalty_report_routes.hpp"
#include "http/server.hpp"
#include "http/upcoming_dates_routes.hpp"
#include "http/voucher_routes.hpp"
#include "http/web_assets.hpp"
#include "identity/public_token.hpp"
#include "identity/session_service.hpp"
#include "identity/token_service.hpp"
#include "identity/user_service.hpp"
#include "interactions/interaction_service.hpp"
#include "loyalty/birthday.hpp"
#include "loyalty/loyalty_earning.hpp"
#include "loyalty/loyalty_service.hpp"
#include "loyalty/movements.hpp"
#include "loyalty/referrals.hpp"
#include "loyalty/replay_jobs.hpp"
#include "loyalty/support_priority.hpp"
#include "loyalty/voucher_redemption.hpp"
#include "storage/data_dir.hpp"
#include "storage/event_dispatcher.hpp"
#include "storage/json_check.hpp"
#include "storage/scheduler.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "support/bot/chat_bot.hpp"
#include "support/chat/chat_events.hpp"
#include "support/chat/chat_files.hpp"
#include "support/chat/chat_typing.hpp"
#include "support/customer_conditions.hpp"
#include "support/customer_priority.hpp"
#include "support/mail_out_files.hpp"
#include "support/report_sections.hpp"
#include "support/sla_sweep.hpp"
#include "support/ticket_sla.hpp"
#include "tasks/task_reminders.hpp"
#include "tasks/task_service.hpp"
#include "transfer/job_runner.hpp"
#include "transfer/transfer_service.hpp"

namespace rapport::cli {
namespace {

int Serve(ServeFlags flags) {
  http::ServerOptions options;
  options.io_threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  identity::SessionOptions session_options;
  MaintenanceSettings maintenance;
  if (Status config = ApplyConfigFile(flags, options, session_options, maintenance); !config.ok()) {
    spdlog::error("rapport.toml: {}", config.error().message);
    return 2;
  }
  options.tls_cert_file = flags.tls_cert;
  options.tls_key_file = flags.tls_key;
  options.web_dir = flags.web_dir;
  if (flags.io_threads > 0) options.io_threads = flags.io_threads;
  if (flags.worker_threads > 0) options.worker_threads = flags.worker_threads;
  if (flags.read_threads > 0) options.read_threads = flags.read_threads;
  if (flags.io_threads < 0 || flags.worker_threads < 0 || flags.read_threads < 0) {
    spdlog::error("--io-threads, --worker-threads and --read-threads must be positive");
    return 2;
  }
  if (Status listen = http::ParseListenAddress(flags.listen, options); !listen.ok()) {
    spdlog::error("--listen {}", listen.error().message);
    return 2;
  }
  auto lock = storage::DataDirLock::Acquire(flags.data_dir);
  if (!lock.ok()) {
    spdlog::error("{}", lock.error().message);
    return 1;
  }
  auto database = storage::SqliteDatabase::Open(
      {.path = storage::DatabasePath(flags.data_dir), .collation_locale = flags.collation_locale});
  if (!database.ok()) {
    spdlog::error("{}", database.error().message);
    return 1;
  }
  storage::SqliteDatabase& db = **database;
  if (Status filled = FillDerivedColumns(db); !filled.ok()) {
    spdlog::error("{}", filled.error().message);
    return 1;
  }

  customers::CustomerService customers(db, CustomerTraitsOfAllAreas());
  customers::CompanyService companies(db);
  interactions::InteractionService interactions(db);
  identity::TokenService tokens(db);
  identity::PasswordHasher hasher;
  identity::SignInThrottle throttle;
  identity::SessionService sessions(db, hasher, throttle, session_options);
  identity::UserService users(db, hasher);
  identity::TeamService teams(db);
  access::AccessDirectory directory(db);
  access::RoleService roles(db);
  customers::SavedViews views(db);
  commerce::ProductService products(db);
  commerce::OrderService orders(db);
  commerce::PaymentService payments(db);
  // Routing and SLA choice read the customer's value by trait name (customer_conditions.hpp).
  support::UseCustomerTraits(CustomerTraitsOfAllAreas());
  // A loyalty tier's support_priority raises its members' new tickets (issue 16).
  support::UseCustomerPriority(loyalty::CustomerSupportPriority);
  // The feedback rules' follow-ups may be tickets in a chosen queue (docs/design/health.md).
  static DeskFollowUpTickets follow_up_tickets;
  analytics::UseFollowUpTickets(&follow_up_tickets);
  support::TicketService tickets(db);
  support::QueueService queues(db);
  support::DeskSettingsService calendars(db, support::DeskSetting::kCalendar);
  support::DeskSettingsService sla_policies(db, support::DeskSetting::kPolicy);
  support::DeskSettingsService routing_rules(db, support::DeskSetting::kRoutingRule);
  support::CannedReplyService canned_replies(db);
  support::AgentService agents(db);
  helpcenter::ArticleService kb_articles(db);
  helpcenter::CategoryService kb_categories(db);
  helpcenter::KbConfigService kb_config(db);
  support::TicketReports ticket_reports(db);
  // Live chat (docs/design/chat.md): the service, and the hub through which the agent side's
  // changes reach the visitors' open sockets.
  support::chat::ChatService chat(db, &tickets);
  support::chat::ChatHub chat_hub;
  ticket_reports.AddSection(support::SlaAttainmentSection());
  ticket_reports.AddSection(support::SatisfactionSection());
  storage::BlobStore blobs(AttachmentDir(flags.data_dir));
  support::AttachmentService attachments(db, blobs, flags.attachment_max_bytes);
  // Files in the chat: the same blob store and size limit as the desk's attachments.
  support::chat::ChatFiles chat_files(db, blobs, flags.attachment_max_bytes);
  support::MailIngest mail_ingest(db, attachments);
  http::Authenticator authenticator(tokens, sessions, directory, db);

  analytics::CustomerMetrics metrics;
  storage::EventDispatcher dispatcher(db);
  dispatcher.Subscribe(metrics);
  analytics::HealthTracker health_tracker;  // every customer's health, current on each event
  dispatcher.Subscribe(health_tracker);
  // Customers' served records (docs/design/served_records.md): rendered after the writes that
  // change them, and by a pass after start-up for what was written while no server ran.
  customers::ServedRecordRenderer served_records;
  dispatcher.Subscribe(served_records);
  customers::ServedRecordBackfill served_backfill(db);
  support::SlaCustomerWatch sla_customer_watch;  // a customer's policy may follow their changes
  dispatcher.Subscribe(sla_customer_watch);
  // Loyalty (docs/design/loyalty.md): points from orders, refunds and bonuses, through the outbox.
  loyalty::LoyaltyService loyalty_service(db, NowMillis);
  loyalty::LoyaltyEarning loyalty_earning(NowMillis);
  dispatcher.Subscribe(loyalty_earning);
  // Vouchers (docs/design/loyalty.md § Vouchers): checked and spent inside an order's
  // transaction through commerce's seam; a cancelled or refunded order gives its uses back.
  loyalty::VoucherService voucher_service(db, NowInstant);
  loyalty::RewardService reward_service(db, NowMillis);
  loyalty::TierService tier_service(db);
  loyalty::VoucherRedemption voucher_redemption(NowInstant);
  commerce::SetVoucherRedeemer(&voucher_redemption);
  // Referrals (docs/design/loyalty.md § Referrals): a referral code on POST /customers or a first
  // order reaches loyalty through customers' seam; the reward waits for the return window.
  loyalty::ReferralArrivals referral_arrivals(NowMillis);
  customers::SetReferralHook(&referral_arrivals);
  loyalty::VoucherReturns voucher_returns(NowInstant);
  dispatcher.Subscribe(voucher_returns);
  auto public_tokens = identity::PublicTokens::OpenInDataDir(flags.data_dir);
  if (!public_tokens.ok()) {
    spdlog::error("{}", public_tokens.error().message);
    return 1;
  }
  support::TicketRatings ratings(db);
  // Where links in mail and chat lead: the configured public address, else the listening one.
  const std::string public_base =
      flags.public_url.empty()
          ? (options.tls_cert_file.empty() ? "http://" : "https://") + flags.listen
          : flags.public_url;
  // The chatbot (docs/design/chatbot.md): plugged in always; the chat settings' bot_mode
  // decides whether conversations start with it.
  bot::ChatBot chat_bot(db, public_base);
  bot::BotSettingsService chat_bot_settings(db);
  chat.SetBot(chat_bot.Hook());
  std::function<std::string(const std::string&)> rating_link;
  if (flags.rating_link_days > 0) {
    const std::string base = public_base;
    rating_link = [&tokens = *public_tokens, base,
                   seconds = flags.rating_link_days * 24 * 3600](const std::string& ticket_id) {
      return base + "/public/ratings/" +
             tokens.Sign("rating", ticket_id, NowMillis() / 1000 + seconds);
    };
  }
  support::DeskMailOutHooks mail_out_files(blobs);  // participants to copy, files to attach
  // The one contact budget (docs/design/surveys.md § Contact budget): surveys, review requests
  // and the desk's rating requests are all asks under it.
  feedback::ContactBudgetPolicy contact_budget{.max_asks = flags.contact_budget_asks,
                                               .per_days = flags.contact_budget_days};
  if (flags.contact_budget_counts_ticket_ratings) {
    contact_budget.exempt.erase(std::string(feedback::kAskTicketRating));
  }
  MailOutRuntime mail_out(db, flags.mail, rating_link, contact_budget, &mail_out_files);
  mail_out.Subscribe(dispatcher);
  // Surveys (docs/design/surveys.md): invitations mailed through mail_out, sends to a filter and
  // triggers on the scheduler and the outbox; links start with the public base URL.
  SurveyRuntime survey_runtime(db, public_base, *public_tokens, contact_budget, directory,
                               CustomerTraitsOfAllAreas(), mail_out);
  // Reviews (docs/design/reviews.md): requests by link or mailed through mail_out, the automatic
  // request after fulfilment, under the same contact budget as surveys.
  ReviewRuntime review_runtime(db, public_base, *public_tokens, contact_budget, mail_out);
  // The live stream (GET /api/v1/stream) follows the outbox like the dispatcher: both wake on
  // every commit.
  http::EventStream live_events(db);
  if (Status started = live_events.Start(); !started.ok()) {
    spdlog::error("{}", started.error().message);
    return 1;
  }
  // Replays of past orders started over the API (a scheduler job: one page per run, resumed
  // after a restart); declared before the scheduler, which calls it.
  loyalty::ReplayJobs loyalty_replays(db, NowMillis);
  // Due times live in the database (scheduled_jobs); a commit may have scheduled an earlier one.
  storage::Scheduler scheduler(db);
  scheduler.Register(std::string(support::kSlaJobKind), support::SlaJobHandler(NowMillis));
  scheduler.Register(std::string(support::kSlaSweepJobKind), support::SlaSweepHandler(NowMillis));
  // Staff tasks (docs/design/tasks.md): the reminder and the overdue notice of each open task.
  tasks::TaskService task_service(db);
  // A reminder asked for by e-mail goes through mail_out (docs/design/tasks.md § Reminders).
  const tasks::TaskMailer task_mailer = TaskReminderMailer(mail_out, public_base);
  // Closing the loop may tell the customer the outcome (docs/design/tasks.md § Closing the loop).
  task_service.SetCustomerNotifier(TaskOutcomeMailer(mail_out));
  scheduler.Register(std::string(tasks::kReminderJobKind), tasks::TaskReminderHandler(task_mailer));
  scheduler.Register(std::string(tasks::kOverdueJobKind), tasks::TaskReminderHandler(task_mailer));
  // Loyalty: releases pending points, expires lots and warns before expiry, per member.
  scheduler.Register(std::string(loyalty::kMemberJobKind), loyalty::MemberJobHandler(NowMillis));
  scheduler.Register(std::string(loyalty::kReferralJobKind),
                     loyalty::ReferralJobHandler(NowMillis));
  scheduler.Register(std::string(loyalty::kBirthdayJobKind),
                     loyalty::BirthdayJobHandler(NowMillis));
  scheduler.Register(std::string(loyalty::kBirthdaySweepKind),
                     loyalty::BirthdaySweepHandler(NowMillis));
  scheduler.Register(std::string(loyalty::kReplayJobKind), loyalty_replays.JobHandler());
  survey_runtime.Wire(dispatcher, scheduler);  // triggers, sends to a filter
  review_runtime.Wire(dispatcher, scheduler);  // the automatic request after fulfilment
  db.SetCommitListener([&dispatcher, &live_events, &scheduler, &mail_out] {
    dispatcher.Notify();
    live_events.Notify();
    scheduler.Notify();
    mail_out.Notify();
  });
  dispatcher.Start();
  scheduler.Start();
  if (Status started = mail_out.Start(); !started.ok()) {
    spdlog::error("outgoing mail: {}", started.error().message);
    scheduler.Stop();
    dispatcher.Stop();
    db.SetCommitListener(nullptr);
    return 1;
  }

  // Jobs a previous server was running when it stopped are told apart from finished ones.
  if (Status marked = transfer::MarkInterruptedJobs(db); !marked.ok()) {
    spdlog::warn("could not mark interrupted transfer jobs: {}", marked.error().message);
  }
  transfer::JobRunner jobs;
  const std::string transfer_dir = (std::filesystem::path(flags.data_dir) / "transfers").string();
  std::error_code made;
  std::filesystem::create_directories(transfer_dir, made);
  // Uploads are spooled beside the jobs' files, so a handler keeps one by renaming it. Files
  // left by a stop mid-upload or mid-import belong to no job that will run: remove them.
  options.upload_dir = transfer_dir;
  for (const auto& entry : std::filesystem::directory_iterator(transfer_dir, made)) {
    const std::string extension = entry.path().extension().string();
    if (extension == ".part" || extension == ".upload") {
      std::filesystem::remove(entry.path(), made);
    }
  }

  const transfer::AdapterRegistry adapters = MakeTransferAdapters();
  transfer::TransferService transfers(adapters, db, &jobs, transfer_dir);

  analytics::HealthReads health_reads(db);
  analytics::BadExperienceService bad_experiences(db);
  analytics::HealthSettingsService health_settings(db);
  http::HealthApi health{
      .reads = health_reads, .experiences = bad_experiences, .settings = health_settings};

  std::atomic<bool> ready = false;
  http::ApiServices services{.database = db,
                             .customers = customers,
                             .companies = companies,
                             .interactions = interactions,
                             .tokens = tokens,
                             .sessions = sessions,
                             .users = users,
                             .teams = teams,
                             .roles = roles,
                             .directory = directory,
                             .views = views,
                             .products = products,
                             .orders = orders,
                             .payments = payments,
                             .tickets = tickets,
                             .queues = queues,
                             .calendars = calendars,
                             .sla_policies = sla_policies,
                             .routing_rules = routing_rules,
                             .canned_replies = canned_replies,
                             .agents = agents,
                             .ticket_reports = ticket_reports,
                             .attachments = attachments,
                             .jobs = jobs,
                             .transfers = transfers,
                             .transfer_dir = transfer_dir,
                             .ready = [&ready] { return ready.load(); },
                             .session_max_age_seconds = session_options.absolute.count(),
                             .secure_cookies = !options.tls_cert_file.empty(),
                             .public_tokens = &*public_tokens,
                             .ratings = &ratings,
                             .kb_articles = &kb_articles,
                             .kb_categories = &kb_categories,
                             .kb_config = &kb_config,
                             .chat = &chat,
                             .chat_hub = &chat_hub,
                             .chat_bot = &chat_bot_settings,
                             .chat_files = &chat_files,
                             .health = &health,
                             .tasks = &task_service,
                             .loyalty = &loyalty_service};
  auto router = http::BuildApiRouter(services);
  survey_runtime.AddRoutes(*router);  // the staff API and the public /s/{token} page
  http::VoucherApi voucher_api{.database = db,
                               .vouchers = voucher_service,
                               .rewards = reward_service,
                               .tiers = tier_service};
  http::AddVoucherRoutes(*router, voucher_api);
  loyalty::StampCardService stamp_cards(db, NowMillis);  // stamps come through loyalty_earning
  http::AddStampCardRoutes(*router, stamp_cards);
  loyalty::ReferralService referral_service(db, NowMillis, public_base);
  http::AddReferralRoutes(*router, referral_service);
  // The customer's own card, for shops: signed with the chat's identity secret.
  loyalty::CustomerCard customer_card(loyalty_service, voucher_service, stamp_cards,
                                      referral_service);
  http::LoyaltyCardApi loyalty_card_api{.card = customer_card, .chat = chat};
  http::AddLoyaltyCardRoutes(*router, loyalty_card_api);
  // Reviews: the staff API, the request page /r/{token}, the public JSON and widget.
  review_runtime.AddRoutes(*router);
  loyalty::LoyaltyReports loyalty_reports(db);
  http::LoyaltyReportApi loyalty_report_api{.reports = loyalty_reports, .clock = NowMillis};
  http::AddLoyaltyReportRoutes(*router, loyalty_report_api);
  customers::UpcomingDates upcoming_dates(db);  // the home screen's birthdays and renewals
  http::UpcomingDatesApi upcoming_dates_api{.dates = upcoming_dates, .clock = NowMillis};
  http::AddUpcomingDatesRoutes(*router, upcoming_dates_api);
  http::AddLoyaltyReplayRoutes(*router, loyalty_replays);
  http::HttpServer server(options, *router, authenticator);
  http::StreamEndpoint stream_endpoint(live_events, authenticator);
  // Collision warnings: presence on a ticket only for callers who read it.
  stream_endpoint.EnablePresence([&tickets](const access::Access& access, const std::string& id) {
    return tickets.Get(access, id).ok();
  });
  server.EnableStream(stream_endpoint);
  http::VisitorEndpoint visitor_endpoint(chat, chat_hub, *public_tokens);
  // The visitor's typing reaches, live and unstored, the agents who may read the conversation.
  visitor_endpoint.EnableTypingNotices([&live_events](const support::chat::Conversation& c) {
    live_events.Broadcast(support::chat::VisitorTypingFrame(c.id), [&c](const access::Access& a) {
      return support::chat::Reaches(a, c, access::Action::kRead);
    });
  });
  server.EnableChat(visitor_endpoint);
  auto port = server.Listen();
  if (!port.ok()) {
    spdlog::error("{}", port.error().message);
    jobs.Stop();
    mail_out.Stop();
    scheduler.Stop();
    dispatcher.Stop();
    db.SetCommitListener(nullptr);
    return 1;
  }
  spdlog::info("rapport serving {} on {}://{}:{} (schema v{})", flags.data_dir,
               options.tls_cert_file.empty() ? "http" : "https", options.host, *port,
               db.schema_version());
  // Rows that would fail every filter reaching them: only warned about, so it runs beside serving
  // rather than delaying the start by a scan that grows with the tables.
  std::thread json_check([&db] { storage::WarnAboutBadJson(db); });
  served_backfill.Start();
  PeriodicTasks maintenance_tasks;  // expired idempotency records, export files and events
  AddMaintenanceTasks(maintenance_tasks, db, transfer_dir, maintenance,
                      dispatcher.SubscriberNames());
  AddAttachmentSweep(maintenance_tasks, attachments, maintenance.interval);
  AddChatFileSweep(maintenance_tasks, chat_files, maintenance.interval);
  AddHealthReview(maintenance_tasks, db, maintenance.interval);
  maintenance_tasks.Start();
  MailInRunner mail_in(db, mail_ingest, flags.mail.imap);  // IMAP mailboxes into tickets
  mail_in.Start();
  ready = true;
  server.Run([&ready] { ready = false; });
  json_check.join();
  served_backfill.Stop();  // what it did not reach is rendered after the next start
  mail_in.Stop();
  maintenance_tasks.Stop();
  jobs.Stop();      // a running import finishes; queued ones are marked interrupted next start
  mail_out.Stop();  // a mail being sent finishes; the rest stays queued for the next start
  // Requests are done; deliver what they committed, then close storage. A job the scheduler
  // did not reach stays in its table and runs after the next start.
  scheduler.Stop();
  dispatcher.Stop();
  db.SetCommitListener(nullptr);
  if (Status drained = dispatcher.DrainAll(); !drained.ok()) {
    // Not lost: the saved positions make the next start deliver them.
    spdlog::warn("events not yet delivered at shutdown: {}", drained.error().message);
  }
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
  command->add_option("--tls-cert", flags->tls_cert, "PEM certificate chain: serve HTTPS")
      ->check(CLI::ExistingFile);
  command->add_option("--tls-key", flags->tls_key, "PEM private key for --tls-cert")
      ->check(CLI::ExistingFile);
  command->add_option("--web-dir", flags->web_dir, "The built web app to serve at /")
      ->envname("RAPPORT_WEB_DIR")
      ->capture_default_str();
  command->add_option("--io-threads", flags->io_threads, "HTTP I/O threads (default: cores)");
  command->add_option("--worker-threads", flags->worker_threads,
                      "Handler threads for writes (default 32; they mostly wait on a commit)");
  command->add_option("--read-threads", flags->read_threads,
                      "Handler threads for reads: GET, HEAD, searches (default: twice the cores)");
  command->callback([flags, listen, &exit_code] {
    flags->listen_given = listen->count() > 0;
    exit_code = Serve(*flags);
  });
}

}  // namespace rapport::cli
