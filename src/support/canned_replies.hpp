// Canned replies (macros): a named reply body with merge fields and optional actions, for the
// agent's composer (docs/design/support.md § Canned replies).
//
//   {"name": "Refund sent", "shared": true,
//    "body": "Hi {{customer.first_name}}, the refund for #{{ticket.number}} is on its way.
//    {{agent.name}}", "actions": {"status": "pending", "priority": "normal", "add_tags":
//    ["refund"]}}
//
// Merge fields are kMergeFields; any other `{{…}}` (or an unclosed `{{`) is refused on save, a 422
// naming `body` and the field. Rendering fills them from the ticket, its customer and the caller
// (a missing value is empty) and returns plain text: nothing is escaped or interpreted, the
// composer shows it as text. Actions are returned for the composer to apply with the reply; they
// are not applied here.
//
// Access (until canned replies are objects of the role model, one function each in the .cpp):
// anyone who may work tickets (interactions create) reads shared replies and their own personal
// ones; administrators write shared ones; everyone writes their own personal ones. Events
// canned_reply.created|updated|deleted with audit entries. Holds only a reference to the
// Database; thread-safe; calls block on storage.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::support {

inline constexpr std::array<std::string_view, 9> kMergeFields = {
    "customer.first_name", "customer.last_name", "customer.name", "ticket.number", "ticket.subject",
    "ticket.status",       "ticket.priority",    "agent.name",    "agent.email"};

class CannedReplyService {
 public:
  explicit CannedReplyService(storage::Database& database) : database_(database) {}

  using Access = access::Access;

  // {name, body, shared?, actions?}; `shared` defaults to false (the caller's own).
  Result<json::object> Create(const Access& access, const storage::WriteContext& context,
                              const json::object& input);
  Result<json::object> Get(const Access& access, const std::string& id);
  // Shared ones and the caller's own, by name.
  Result<json::array> List(const Access& access);
  Result<json::object> Update(const Access& access, const storage::WriteContext& context,
                              const std::string& id, const json::object& patch,
                              std::optional<int64_t> if_version);
  Status Delete(const Access& access, const storage::WriteContext& context, const std::string& id,
                std::optional<int64_t> if_version);
  // {body, actions}: reply `id` filled in for ticket `ticket_id` (which the caller must work).
  Result<json::object> Render(const Access& access, const std::string& ticket_id,
                              const std::string& id);

 private:
  storage::Database& database_;
};

}  // namespace rapport::support
