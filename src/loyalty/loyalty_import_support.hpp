// What the loyalty import adapters (loyalty_transfer.hpp) share: the export side of an object
// that is imported only, and the id of the import a batch belongs to. Internal to the adapters.
//
// Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "transfer/adapter.hpp"

namespace rapport::loyalty {

// An adapter whose object is imported, never exported through the transfer engine.
class ImportOnlyAdapter : public transfer::ObjectAdapter {
 public:
  bool ExportsFormat(transfer::TransferFormat) const override { return false; }
  Status CheckMayExport(const access::Access&) const override { return NotExported(); }
  Result<int64_t> CountExport(storage::Database&, const access::Access&,
                              const transfer::ExportQuery&) const override {
    return NotExported();
  }
  Result<transfer::ExportPage> ReadExportPage(storage::Database&, const access::Access&,
                                              const transfer::ExportQuery&,
                                              const std::optional<std::string>&,
                                              bool) const override {
    return NotExported();
  }
  Result<std::vector<transfer::ExportColumn>> CsvColumns(storage::Database&,
                                                         const access::Access&) const override {
    return NotExported();
  }

 private:
  static Error NotExported() {
    return Error::Invalid("object",
                          "loyalty balances and vouchers are imported only: export customers "
                          "(loyalty traits) or a voucher batch's codes instead");
  }
};

// The id of the import of `object` that is running: the oldest import of it not finished yet.
// Imports run one at a time in the order they were started (the server's JobRunner; the CLI
// offline under the data directory's lock, after marking jobs of a stopped server interrupted),
// so that is the one calling. kInternal when there is none.
Result<std::string> RunningImportId(storage::Tx& tx, std::string_view object);

// `errors` with each field renamed by `rename` (the rules' "value.amount" → the column's
// "amount"), so the importer names the column that fed it.
Error RenameFields(Error error, const std::function<std::string(const std::string&)>& rename);

}  // namespace rapport::loyalty
