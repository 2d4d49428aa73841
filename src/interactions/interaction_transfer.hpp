// The interactions area's transfer adapter (transfer/adapter.hpp): timeline entries in from CSV
// (only created: the timeline is history) linked to their customer, and out as CSV and NDJSON
// with the caller's timeline access. The composition root registers it.
//
// Immutable: thread-safe.
#pragma once

#include <memory>

#include "transfer/adapter.hpp"

namespace rapport::interactions {

std::unique_ptr<transfer::ObjectAdapter> MakeInteractionTransferAdapter();

}  // namespace rapport::interactions
