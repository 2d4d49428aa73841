#include "transfer/adapter_registry.hpp"

namespace rapport::transfer {

void AdapterRegistry::Register(std::unique_ptr<ObjectAdapter> adapter) {
  adapters_.push_back(std::move(adapter));
}

const ObjectAdapter* AdapterRegistry::Find(std::string_view name) const {
  for (const auto& adapter : adapters_) {
    if (adapter->name() == name) return adapter.get();
  }
  return nullptr;
}

const ObjectAdapter* AdapterRegistry::FindByItemType(std::string_view item_type) const {
  for (const auto& adapter : adapters_) {
    if (adapter->item_type() == item_type) return adapter.get();
  }
  return nullptr;
}

Result<const ObjectAdapter*> AdapterRegistry::Get(std::string_view name,
                                                  const std::string& field) const {
  if (const ObjectAdapter* adapter = Find(name)) return adapter;
  return Error::Invalid(field, "must be " + Names("or"));
}

std::string AdapterRegistry::Names(std::string_view conjunction,
                                   const std::function<bool(const ObjectAdapter&)>& pick) const {
  std::vector<std::string_view> names;
  for (const auto& adapter : adapters_) {
    if (!pick || pick(*adapter)) names.push_back(adapter->name());
  }
  std::string joined;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) joined += i + 1 == names.size() ? " " + std::string(conjunction) + " " : ", ";
    joined += names[i];
  }
  return joined;
}

}  // namespace rapport::transfer
