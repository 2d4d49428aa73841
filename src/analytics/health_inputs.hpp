// The changes events make to a customer's HealthInputs (health_score.hpp), and the inputs' JSON
// form as stored in customer_health.inputs. Pure; thread-safe.
//
// Every change is safe to apply twice where a replay could bring the same fact again (a ticket
// opened twice stays one open ticket; a breach is kept by its key; an order by its id among the
// recent ones), and every list is bounded, so a customer's row stays small whatever their
// history: a year of weekly orders is 12 recent orders and 24 months of spend.
#pragma once

#include <string>
#include <string_view>

#include "analytics/health_score.hpp"
#include "common/json.hpp"

namespace rapport::analytics {

void AddPurchase(HealthInputs& inputs, std::string_view order_id, int64_t day, int64_t cents);
// A cancelled order leaves the figures if it is still among the recent ones (older orders'
// rhythm and spend are history either way). false: not found, nothing changed.
bool RemovePurchase(HealthInputs& inputs, std::string_view order_id);
void OpenTicket(HealthInputs& inputs, std::string_view ticket_id);
void CloseTicket(HealthInputs& inputs, std::string_view ticket_id);
// Keeps breaches within `window_days` of `today`, the newest kBreaches.
void AddBreach(HealthInputs& inputs, std::string_view key, int64_t day, int64_t today,
               int64_t window_days);
void NoteContact(HealthInputs& inputs, int64_t day);
// The latest answer wins; an older one arriving late (an import) does not replace it.
void NoteAnswer(std::optional<AnswerMark>& slot, int64_t score, int64_t day);

json::object InputsToJson(const HealthInputs& inputs);
// Lenient: what is missing or malformed reads as empty, so a row written by an older version
// still scores.
HealthInputs InputsFromJson(const json::object& object);

}  // namespace rapport::analytics
