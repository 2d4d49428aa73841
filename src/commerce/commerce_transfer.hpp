// The commerce area's transfer adapters (transfer/adapter.hpp): products (matched by SKU; the
// catalogue is the business's own, so everyone may export it and administrators import it) and
// orders (one CSV row per line item, grouped back into orders by order id; created or skipped,
// never rewritten). The composition root registers them.
//
// Adapters are immutable: thread-safe.
#pragma once

#include <memory>

#include "transfer/adapter.hpp"

namespace rapport::commerce {

std::unique_ptr<transfer::ObjectAdapter> MakeProductTransferAdapter();
std::unique_ptr<transfer::ObjectAdapter> MakeOrderTransferAdapter();

}  // namespace rapport::commerce
