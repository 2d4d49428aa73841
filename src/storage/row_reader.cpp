#include "storage/row_reader.hpp"

#include "storage/sqlite/sqlite_connection.hpp"

namespace rapport::storage {
namespace {

// A materialised Row seen through RowView: the path for a Tx that is not a SqliteConnection.
class MaterialisedRowView final : public RowView {
 public:
  explicit MaterialisedRowView(const Row& row) : row_(row) {}
  bool IsNull(size_t i) const override { return row_.IsNull(i); }
  int64_t Int(size_t i) const override { return row_.Int(i); }
  std::string_view View(size_t i) const override { return row_.View(i); }
  std::string Text(size_t i) const override { return row_.Text(i); }

 private:
  const Row& row_;
};

}  // namespace

Status ForEachRow(Tx& tx, std::string_view sql, std::span<const Value> params,
                  const std::function<Status(const RowView&)>& row) {
  if (auto* sqlite = dynamic_cast<SqliteConnection*>(&tx))
    return sqlite->ForEachRow(sql, params, row);
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, params));
  for (const Row& each : rows) RAPPORT_RETURN_IF_ERROR(row(MaterialisedRowView(each)));
  return OkStatus();
}

}  // namespace rapport::storage
