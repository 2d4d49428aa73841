// Builds one demo customer's interaction history: 2-15 interactions over up to two years before
// "now", in office hours of the customer's city, told as a believable sequence (pre-sale talk
// first, then orders, invoices, support and renewals for customers) from a table of templates
// whose subject, body, channel, kind, direction and sentiment agree with each other. Private to
// src/demo. Pure apart from the DemoRandom it draws from; thread-safe for distinct instances.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "demo/demo_random.hpp"

namespace rapport::demo {

enum class LifecycleStage { kLead, kProspect, kCustomer, kChurned };

// What the history is generated from; views must outlive the call.
struct InteractionProfile {
  LifecycleStage stage;
  std::string_view first_name;
  std::string_view city;
  std::string_view currency;  // symbol put before amounts
  int utc_offset_minutes;
  // Channels the customer can be reached on; there are no e-mails or SMS without an address or a
  // mobile number to send them to.
  bool has_email;
  bool has_phone;
  bool has_mobile;
};

// Interaction bodies in the API's shape, sorted by occurred_at ascending, every one strictly
// before now_millis.
std::vector<json::object> GenerateInteractions(const InteractionProfile& profile,
                                               int64_t now_millis, DemoRandom& random);

}  // namespace rapport::demo
