// Routing rules: which queue a ticket opened without one lands in (docs/design/support.md §
// Routing). A rule is stored by DeskSettingsService (kind kRoutingRule) as
//
//   {"position": 10,                                   // tried in ascending order, then by age
//    "conditions": {"channel": ["email"],              // all that are given must hold
//                   "mailbox": "billing@shop.example", // the address the request was sent to
//                   "keywords": ["invoice", "refund"], // any, in the subject or first message
//                   "customer_tag": "vip", "company_id": "com_…", "language": "de",
//                   "customer_min_value": "1000.00", "customer_max_value": "5000.00"},
//    "queue_id": "que_…", "priority": "high", "tags": ["billing"]}   // what a match sets
//
// Keywords match whole words, ignoring case and accents. The customer conditions (tag, company,
// language, value: customer_conditions.hpp) are shared with SLA policy selection. The first
// matching rule wins; its priority replaces the queue's default (not one the request gave), its
// tags are added. Pure functions over a Tx; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "storage/database.hpp"
#include "support/ticket_store.hpp"

namespace rapport::support {

// What a rule can look at, from the request being opened.
struct RoutingFacts {
  std::string channel;
  std::optional<std::string> mailbox;
  std::string subject;
  std::string body;
  std::string customer_id;
};

struct RoutingMatch {
  std::string rule_id;
  std::string queue_id;
  std::optional<std::string> priority;
  std::vector<std::string> tags;
};

// Validates a rule's JSON (field-named kInvalidArgument errors; the queue must exist) and returns
// its normalised form.
Result<json::object> NormaliseRoutingRule(storage::Tx& tx, const json::object& spec);

// The first rule that matches `facts`, if any.
Result<std::optional<RoutingMatch>> MatchRoutingRule(storage::Tx& tx, const RoutingFacts& facts);

// Routes a ticket being opened without a queue: the first matching rule's queue, its priority
// (else the queue's default) unless `priority_given`, and its tags added (up to the ticket's
// limit). A rule whose queue is gone is passed over. Leaves `ticket` as it is when none matches.
Status RouteNewTicket(storage::Tx& tx, const RoutingFacts& facts, bool priority_given,
                      Ticket& ticket);

}  // namespace rapport::support
