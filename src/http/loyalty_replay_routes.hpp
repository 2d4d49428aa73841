// The replay job's routes (docs/design/loyalty.md § Replay; handlers/loyalty_replay_handlers.cpp):
// POST /api/v1/loyalty/programmes/{id}/replays starts one (202), GET …/replays lists them and
// GET …/replays/{replay_id} shows its progress. Kept apart from ApiServices, like the loyalty
// reports' route, so no other handler depends on it: the composition root adds it to the router
// BuildApiRouter made. References only; the caller owns the jobs object.
#pragma once

#include "http/router.hpp"
#include "loyalty/replay_jobs.hpp"

namespace rapport::http {

void AddLoyaltyReplayRoutes(Router& router, loyalty::ReplayJobs& replays);

}  // namespace rapport::http
