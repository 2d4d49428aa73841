// The report sections the service desk's other parts contribute to GET /support/reports
// (ticket_reports.hpp): SLA attainment from the response-target notices (ticket_sla.hpp) and
// satisfaction from the ratings (ticket_ratings.hpp). Each computes over the report's scope of
// tickets; stateless, thread-safe.
#pragma once

#include "support/ticket_reports.hpp"

namespace rapport::support {

// "sla": of the tickets opened in the range under a policy, how many missed no target —
// {tickets, breached, attainment (0..1 or null), breaches: {first_response, next_response,
// resolution}} (breaches counted per target and cycle, when they were recorded in the range).
ReportSection SlaAttainmentSection();

// "satisfaction": the ratings given in the range on the report's tickets and chat
// conversations — {ratings, good, bad, score (good / ratings, or null), comments (ratings with
// one), requests (rating mails queued in the range, and conversations ended in it: each is asked
// when it ends), response_rate (ratings / requests, or null), by_channel: [{channel: "ticket" |
// "chat", the same figures of that channel}]}.
ReportSection SatisfactionSection();

}  // namespace rapport::support
