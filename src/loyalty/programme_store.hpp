// Programmes as stored (loyalty_programmes): the validated settings as JSON beside their name and
// version. Reading parses them again through ParseProgramme, so a stored programme always obeys
// today's rules. Stateless functions; REQUIRES: inside the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "loyalty/programme.hpp"
#include "storage/database.hpp"

namespace rapport::loyalty {

struct StoredProgramme {
  Programme programme;
  int64_t version = 0;
  std::string created_at;
  std::string updated_at;
};

Result<std::optional<StoredProgramme>> LoadProgramme(storage::Tx& tx, const std::string& id);
// Oldest first: the first is the default programme of the customer-facing reads.
Result<std::vector<StoredProgramme>> LoadProgrammes(storage::Tx& tx);
// Inserts or replaces; returns the stored version.
Result<StoredProgramme> SaveProgramme(storage::Tx& tx, const Programme& programme,
                                      const std::optional<StoredProgramme>& before);
// As served: the settings with id, version, created_at and updated_at.
json::object StoredProgrammeToJson(const StoredProgramme& stored);

}  // namespace rapport::loyalty
