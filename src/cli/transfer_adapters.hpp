// The transfer adapters of every area, registered in one place: the server and the import and
// export commands all call MakeTransferAdapters, so an object added here is importable and
// exportable everywhere. A new object is one line below (docs/design/transfer.md).
//
// The registry is immutable once made: share it freely between threads.
#pragma once

#include "transfer/adapter_registry.hpp"

namespace rapport::cli {

transfer::AdapterRegistry MakeTransferAdapters();

}  // namespace rapport::cli
