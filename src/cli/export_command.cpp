// `rapport export OBJECT`: customers, companies, products, orders or interactions as CSV, NDJSON
// or vCard, offline against a data directory (docs/export.md). It runs the same Exporter as the
// server's export jobs, as the operator at the console (no record access applies), records the
// export as a job, shows a progress bar when writing to a file and ends with a one-line summary,
// both on stderr so stdout can carry the export itself.
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/progress_bar.hpp"
#include "cli/transfer_adapters.hpp"
#include "cli/writable_database.hpp"
#include "transfer/transfer_service.hpp"

namespace rapport::cli {
namespace {

struct ExportFlags {
  std::string object;
  std::string data_dir = "data";
  std::string format;
  std::string output;
  std::string filter;
  std::string q;
  std::string customer;
  bool no_neutralise = false;
};

// The format named by --format, else by the output file's extension, else CSV.
std::string FormatFor(const ExportFlags& flags) {
  if (!flags.format.empty()) return flags.format;
  const std::string extension = std::filesystem::path(flags.output).extension().string();
  if (extension == ".ndjson" || extension == ".jsonl") return "ndjson";
  if (extension == ".vcf" || extension == ".vcard") return "vcard";
  return "csv";
}

// --filter is the JSON tree itself, or the path of a file holding it.
Result<json::value> ReadFilter(const std::string& text) {
  if (text.empty()) return json::value(nullptr);
  std::string document = text;
  if (text.front() != '{' && text.front() != '[') {
    std::ifstream in(text, std::ios::binary);
    if (!in) return Error::Invalid("--filter", "is neither JSON nor a readable file: " + text);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    document = buffer.str();
  }
  auto parsed = ParseJson(document);
  if (!parsed.ok())
    return Error::Invalid("--filter", "is not valid JSON: " + parsed.error().message);
  return std::move(parsed).value();
}

Result<transfer::ExportRequest> RequestFrom(const transfer::AdapterRegistry& adapters,
                                            const ExportFlags& flags) {
  json::object options{{"object", flags.object},
                       {"format", FormatFor(flags)},
                       {"neutralise_formulas", !flags.no_neutralise}};
  RAPPORT_ASSIGN_OR_RETURN(json::value filter, ReadFilter(flags.filter));
  if (!filter.is_null()) options["filter"] = std::move(filter);
  if (!flags.q.empty()) options["q"] = flags.q;
  if (!flags.customer.empty()) options["customer_id"] = flags.customer;
  auto request = transfer::ExportRequestFromJson(adapters, options);
  if (!request.ok()) {
    // Name the command-line spelling of each option at fault.
    Error error = std::move(request).error();
    for (auto& field : error.field_errors) {
      if (field.field == "object")
        field.field = "OBJECT";
      else if (field.field == "customer_id")
        field.field = "--customer";
      else if (field.field.rfind("filter", 0) != 0)
        field.field = "--" + field.field;
    }
    return error;
  }
  return request;
}

// The output file, created readable by its owner only (exports hold customer data); an existing
// file is truncated and keeps its permissions.
Result<std::unique_ptr<std::ofstream>> OpenOutput(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Error::Invalid("--output", "cannot create " + path);
  ::close(fd);
  auto out = std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
  if (!*out) return Error::Invalid("--output", "cannot write " + path);
  return out;
}

Status Run(const ExportFlags& flags) {
  const transfer::AdapterRegistry adapters = MakeTransferAdapters();
  RAPPORT_ASSIGN_OR_RETURN(transfer::ExportRequest request, RequestFrom(adapters, flags));
  RAPPORT_ASSIGN_OR_RETURN(WritableDatabase opened, OpenWritable(flags.data_dir));
  transfer::TransferService transfers(adapters, *opened.database, nullptr, "");
  // The operator at the console owns the data directory: no record access applies.
  const access::Access& everything = access::Access::Unrestricted();
  const bool to_file = !flags.output.empty() && flags.output != "-";
  const storage::WriteContext context{.actor = "cli", .via = "cli"};
  std::unique_ptr<std::ofstream> file;
  if (to_file) {
    RAPPORT_ASSIGN_OR_RETURN(file, OpenOutput(flags.output));
  }
  std::ostream& out = to_file ? static_cast<std::ostream&>(*file) : std::cout;

  std::optional<ProgressBar> bar;
  const auto started = std::chrono::steady_clock::now();
  auto done = transfers.ExportNow(
      everything, context, request,
      to_file ? std::filesystem::path(flags.output).filename().string() : std::string("stdout"),
      out, [&](const transfer::JobCounts& progress) {
        if (!to_file) return;  // stdout may be the terminal
        if (!bar) bar.emplace(request.object, progress.total_bytes);
        bar->Update(progress.done_bytes);
      });
  if (!done.ok()) {
    if (to_file) {
      // Half an export is no one's export; the job row keeps the reason.
      file.reset();
      std::error_code ignored;
      std::filesystem::remove(flags.output, ignored);
    }
    return std::move(done).error();
  }
  if (bar) bar->Finish();
  const auto& [job, counts] = *done;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::ostringstream summary;
  summary.precision(1);
  summary << std::fixed << "Exported " << counts.done_bytes << " " << request.object << " as "
          << transfer::TransferFormatName(request.format) << " to "
          << (to_file ? flags.output : "stdout") << " in " << seconds << "s (job " << job.id
          << ").\n";
  std::cerr << summary.str();
  return OkStatus();
}

}  // namespace

void AddExportCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<ExportFlags>();
  CLI::App* command = app.add_subcommand(
      "export",
      "Export customers, companies, products, orders or interactions (CSV, NDJSON, vCard)");
  command
      ->add_option("OBJECT", flags->object,
                   "customers, companies, products, orders or interactions")
      ->required();
  AddDataDirOption(*command, flags->data_dir);
  command->add_option("--format", flags->format,
                      "csv, ndjson or vcard (customers); default: from --output's extension, "
                      "else csv");
  command->add_option("--output,-o", flags->output, "File to write (default: stdout)");
  command->add_option("--filter", flags->filter,
                      "Customers: a filter tree as in GET /customers?filter= (JSON, or a file)");
  command->add_option("--q", flags->q, "Customers, companies, products: search text");
  command->add_option("--customer", flags->customer,
                      "Orders, interactions: only this customer's (a customer id)");
  command->add_flag("--no-neutralise", flags->no_neutralise,
                    "CSV: keep cells starting with = + - @ as they are (for programs, not "
                    "spreadsheets)");
  command->callback([flags, &exit_code] {
    Status status = Run(*flags);
    if (!status.ok()) {
      PrintError(status.error());
      exit_code = 1;
    }
  });
}

}  // namespace rapport::cli
