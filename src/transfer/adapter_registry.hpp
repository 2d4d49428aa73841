// AdapterRegistry: the transfer adapters of every area, by object name and by the item type
// import_items records. Filled once at the composition root (src/cli/transfer_adapters.cpp),
// then only read: thread-safe once filled.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "transfer/adapter.hpp"

namespace rapport::transfer {

class AdapterRegistry {
 public:
  AdapterRegistry() = default;
  AdapterRegistry(AdapterRegistry&&) = default;
  AdapterRegistry& operator=(AdapterRegistry&&) = default;

  void Register(std::unique_ptr<ObjectAdapter> adapter);

  // nullptr when no adapter has the name.
  const ObjectAdapter* Find(std::string_view name) const;
  const ObjectAdapter* FindByItemType(std::string_view item_type) const;
  // The adapter named `name`, or kInvalidArgument naming `field` and listing the objects.
  Result<const ObjectAdapter*> Get(std::string_view name, const std::string& field) const;

  // "customers, companies or products" (`conjunction` "or"): the names of the adapters `pick`
  // accepts, in registration order.
  std::string Names(std::string_view conjunction,
                    const std::function<bool(const ObjectAdapter&)>& pick = {}) const;

 private:
  std::vector<std::unique_ptr<ObjectAdapter>> adapters_;
};

}  // namespace rapport::transfer
