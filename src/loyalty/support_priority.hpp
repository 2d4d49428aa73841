// A loyalty member's support priority (issue 16, docs/design/loyalty.md § Tiers): the highest
// `support_priority` of the tiers the customer holds, over every programme. The composition root
// hands this function to the service desk as its CustomerPriorityLookup
// (support/customer_priority.hpp), so new tickets of a Gold member open at that priority without
// support linking loyalty. Stateless; REQUIRES: inside Database::Read/Write.
#pragma once

#include <optional>
#include <string>

#include "common/result.hpp"
#include "storage/database.hpp"

namespace rapport::loyalty {

// "high" or "urgent" when a held tier gives it; nullopt for "normal" or no tier.
Result<std::optional<std::string>> CustomerSupportPriority(storage::Tx& tx,
                                                           const std::string& customer_id);

}  // namespace rapport::loyalty
