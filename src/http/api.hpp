// The REST API's composition: which services the handlers use, and the router that holds every
// route of /api/v1 plus the health endpoints. Handlers live in handlers/<area>_handlers.cpp.
// ApiServices holds references only; the composition root (main/serve) owns the services.
#pragma once

#include <functional>
#include <memory>

#include "access/directory.hpp"
#include "access/role_service.hpp"
#include "commerce/order_service.hpp"
#include "commerce/payment_service.hpp"
#include "commerce/product_service.hpp"
#include "customers/company_service.hpp"
#include "customers/customer_service.hpp"
#include "customers/saved_views.hpp"
#include "http/router.hpp"
#include "identity/public_token.hpp"
#include "identity/session_service.hpp"
#include "identity/team_service.hpp"
#include "identity/token_service.hpp"
#include "identity/user_service.hpp"
#include "interactions/interaction_service.hpp"
#include "loyalty/loyalty_service.hpp"
#include "storage/database.hpp"
#include "support/assignment.hpp"
#include "support/attachment_service.hpp"
#include "support/bot/bot_settings.hpp"
#include "support/canned_replies.hpp"
#include "support/chat/chat_files.hpp"
#include "support/chat/chat_hub.hpp"
#include "support/chat/chat_service.hpp"
#include "support/desk_settings.hpp"
#include "support/helpcenter/article_service.hpp"
#include "support/helpcenter/category_service.hpp"
#include "support/helpcenter/kb_config.hpp"
#include "support/queue_service.hpp"
#include "support/ticket_ratings.hpp"
#include "support/ticket_reports.hpp"
#include "support/ticket_service.hpp"
#include "tasks/task_service.hpp"
#include "transfer/job_runner.hpp"
#include "transfer/transfer_service.hpp"

namespace rapport::analytics {
class BadExperienceService;
class HealthReads;
class HealthSettingsService;
}  // namespace rapport::analytics

namespace rapport::http {

// Customer health's services (src/analytics/), served by handlers/health_handlers.cpp.
struct HealthApi {
  analytics::HealthReads& reads;
  analytics::BadExperienceService& experiences;
  analytics::HealthSettingsService& settings;
};

struct ApiServices {
  storage::Database& database;
  customers::CustomerService& customers;
  customers::CompanyService& companies;
  interactions::InteractionService& interactions;
  identity::TokenService& tokens;
  identity::SessionService& sessions;
  identity::UserService& users;
  identity::TeamService& teams;
  access::RoleService& roles;
  access::AccessDirectory& directory;
  customers::SavedViews& views;
  commerce::ProductService& products;
  commerce::OrderService& orders;
  commerce::PaymentService& payments;
  support::TicketService& tickets;
  support::QueueService& queues;
  support::DeskSettingsService& calendars;     // business calendars (desk_handlers.cpp)
  support::DeskSettingsService& sla_policies;  // SLA policies
  support::DeskSettingsService& routing_rules;
  support::CannedReplyService& canned_replies;
  support::AgentService& agents;  // availability for round robin
  // GET /api/v1/support/reports; the SLA and satisfaction sections are added where it is built.
  support::TicketReports& ticket_reports;
  support::AttachmentService& attachments;
  transfer::JobRunner& jobs;
  // Imports and exports: uploads, jobs, their progress and files (transfer_service.hpp).
  transfer::TransferService& transfers;
  // Where transfer files live: uploads waiting to be imported, finished exports.
  std::string transfer_dir;
  std::function<bool()> ready;  // false while starting or draining
  int64_t session_max_age_seconds = int64_t{12} * 60 * 60;
  bool secure_cookies = false;  // true whenever TLS is on
  // The public surfaces (/public/…, handlers/public_handlers.cpp); without the token key there
  // are none (tools and tests that build a router without them).
  const identity::PublicTokens* public_tokens = nullptr;
  support::TicketRatings* ratings = nullptr;
  // The help center (/api/v1/kb/… and the public /help pages); without them, neither is served.
  helpcenter::ArticleService* kb_articles = nullptr;
  helpcenter::CategoryService* kb_categories = nullptr;
  helpcenter::KbConfigService* kb_config = nullptr;
  // Live chat (handlers/chat_handlers.cpp); without it there are no /api/v1/chats routes.
  support::chat::ChatService* chat = nullptr;
  support::chat::ChatHub* chat_hub = nullptr;   // pokes the visitors' sockets after a change
  bot::BotSettingsService* chat_bot = nullptr;  // /api/v1/chat/bot: flows, human-only topics
  // Files in the chat (handlers/chat_file_handlers.cpp); without it there are no file routes.
  support::chat::ChatFiles* chat_files = nullptr;
  // Customer health (handlers/health_handlers.cpp); without it there are no health routes.
  HealthApi* health = nullptr;
  // Staff tasks (handlers/task_handlers.cpp); without it there are no /api/v1/tasks routes.
  tasks::TaskService* tasks = nullptr;
  // Loyalty (handlers/loyalty_handlers.cpp); without it there are no loyalty routes.
  loyalty::LoyaltyService* loyalty = nullptr;
};

// Heap-allocated because routes refer back to the router (the OpenAPI handler reads it).
std::unique_ptr<Router> BuildApiRouter(ApiServices& services);

void AddSystemRoutes(Router& router, ApiServices& services);
void AddCustomerRoutes(Router& router, ApiServices& services);
void AddCompanyRoutes(Router& router, ApiServices& services);
void AddInteractionRoutes(Router& router, ApiServices& services);
void AddCustomFieldRoutes(Router& router, ApiServices& services);
void AddAuditRoutes(Router& router, ApiServices& services);
void AddAuthRoutes(Router& router, ApiServices& services);
void AddUserRoutes(Router& router, ApiServices& services);
void AddTeamRoutes(Router& router, ApiServices& services);
void AddRoleRoutes(Router& router, ApiServices& services);
void AddTokenRoutes(Router& router, ApiServices& services);
void AddViewRoutes(Router& router, ApiServices& services);
void AddCommerceRoutes(Router& router, ApiServices& services);
void AddTicketRoutes(Router& router, ApiServices& services);
void AddDeskRoutes(Router& router, ApiServices& services);
void AddAttachmentRoutes(Router& router, ApiServices& services);
void AddImportRoutes(Router& router, ApiServices& services);
void AddExportRoutes(Router& router, ApiServices& services);
void AddPublicRoutes(Router& router, ApiServices& services);
void AddHelpCenterRoutes(Router& router, ApiServices& services);  // /api/v1/kb/…
void AddHelpPageRoutes(Router& router, ApiServices& services);    // the public /help pages
void AddChatRoutes(Router& router, ApiServices& services);
void AddChatFileRoutes(Router& router, ApiServices& services);
void AddHealthRoutes(Router& router, ApiServices& services);
void AddTaskRoutes(Router& router, ApiServices& services);  // /api/v1/tasks
void AddLoyaltyRoutes(Router& router, ApiServices& services);

// The OpenAPI 3.1 document, generated from the router's own route table.
json::object BuildOpenApi(const Router& router);
// The support area's body schemas (openapi_tickets.cpp), merged into the document's.
json::object TicketSchemas();
// The desk's working rules' schemas (openapi_desk.cpp): calendars, SLA policies.
json::object DeskSchemas();
// The help center's schemas (openapi_helpcenter.cpp).
json::object HelpCenterSchemas();
// Live chat's schemas (handlers/chat_handlers.cpp).
json::object ChatSchemas();
// Customer health's schemas (handlers/health_handlers.cpp).
json::object HealthSchemas();
json::object TaskSchemas();
// Loyalty's schemas (handlers/loyalty_handlers.cpp).
json::object LoyaltySchemas();

}  // namespace rapport::http
