// The demo's help center for `rapport demo`: the embedded articles of src/demo/helpcenter/
// (demo/demo_help_articles.hpp) loaded as published articles with their categories, and the
// demo's synonym list. Blocks on storage.
#pragma once

#include "common/result.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::cli {

// How many articles were added (0 when the binary was built without any).
Result<int> AddDemoHelpCenter(storage::Database& db, const storage::WriteContext& context);

}  // namespace rapport::cli
