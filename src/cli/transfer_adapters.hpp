// The registries the areas contribute to, filled in one place. Transfer adapters: the server and
// the import and export commands all call MakeTransferAdapters, so an object added here is
// importable and exportable everywhere. A new object is one line below (docs/design/transfer.md).
//
// The registry is immutable once made: share it freely between threads.
#pragma once

#include "customers/customer_traits.hpp"
#include "transfer/adapter_registry.hpp"

namespace rapport::cli {

// Every area's customer traits (customers/customer_traits.hpp), registered once per process on
// first use and immutable afterwards. A registration refused is a programming mistake: throws
// std::logic_error, at start-up.
const customers::CustomerTraits& CustomerTraitsOfAllAreas();

transfer::AdapterRegistry MakeTransferAdapters();

}  // namespace rapport::cli
