// `rapport import OBJECT FILE` (and `rapport import revert|status JOB`): CSV and vCard files into
// Rapport, offline against a data directory or through a running server (docs/import.md). The
// offline path runs the same Importer the server runs; the server path uploads the file to
// POST /api/v1/imports and follows the job's progress. Both show a progress bar and can write
// the error report as CSV.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/progress_bar.hpp"
#include "cli/remote_client.hpp"
#include "cli/transfer_adapters.hpp"
#include "cli/writable_database.hpp"
#include "transfer/transfer_service.hpp"

namespace rapport::cli {
namespace {

struct ImportFlags {
  std::string object;
  std::string file;
  std::string data_dir = "data";
  std::string server;
  std::string token;
  std::string mapping;
  std::string mode = "create";
  std::string match;
  std::string format;
  std::string errors;
  std::string delimiter;
  size_t batch = transfer::kDefaultBatchRows;
  bool dry_run = false;
  bool atomic = false;
};

// Exit codes: 0 everything imported, 2 some rows refused (or an atomic import kept nothing),
// 1 the import could not run at all.
constexpr int kExitRowsRefused = 2;

Result<json::value> ReadMapping(const std::string& text) {
  if (text.empty()) return json::value(nullptr);
  std::string document = text;
  if (text.front() != '{') {
    std::ifstream in(text, std::ios::binary);
    if (!in) return Error::Invalid("--mapping", "cannot read " + text);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    document = buffer.str();
  }
  auto parsed = ParseJson(document);
  if (!parsed.ok())
    return Error::Invalid("--mapping", "is not valid JSON: " + parsed.error().message);
  return std::move(parsed).value();
}

Result<transfer::ImportRequest> RequestFrom(const transfer::AdapterRegistry& adapters,
                                            const ImportFlags& flags) {
  transfer::ImportRequest request;
  if (adapters.Find(flags.object) == nullptr) {
    return Error::Invalid("OBJECT", "must be " + adapters.Names("or") + " (or revert, status)");
  }
  auto mode = transfer::ParseImportMode(flags.mode);
  if (!mode) return Error::Invalid("--mode", "must be create, update or upsert");
  request.settings = {
      .object = flags.object, .mode = *mode, .match = flags.match, .dry_run = flags.dry_run};
  RAPPORT_ASSIGN_OR_RETURN(request.mapping, ReadMapping(flags.mapping));
  request.atomic = flags.atomic;
  request.batch_rows = std::clamp<size_t>(flags.batch, 1, 10000);
  request.file_name = std::filesystem::path(flags.file).filename().string();
  std::string format = flags.format;
  if (format.empty()) {
    const std::string extension = std::filesystem::path(flags.file).extension().string();
    format = extension == ".vcf" || extension == ".vcard" ? "vcard" : "csv";
  }
  auto parsed_format = transfer::ParseTransferFormat(format);
  if (!parsed_format) return Error::Invalid("--format", "must be csv or vcard");
  request.format = *parsed_format;
  if (!flags.delimiter.empty()) {
    const std::string& d = flags.delimiter;
    request.csv.delimiter = d == "tab" || d == "\\t" ? '\t' : d[0];
    if (d.size() != 1 && request.csv.delimiter != '\t') {
      return Error::Invalid("--delimiter", "must be one character, or tab");
    }
  }
  return request;
}

// The message names columns that were not imported, so a misspelt header is noticed.
void PrintSummary(const std::string& id, const std::string& status, const std::string& message,
                  int64_t error_count, const std::string& errors_file) {
  std::cout << "import " << id << " " << status << ": " << message << "\n";
  if (error_count > 0) {
    std::cout << error_count << " problem" << (error_count == 1 ? "" : "s")
              << (errors_file.empty() ? " (write them with --errors FILE)"
                                      : " written to " + errors_file)
              << "\n";
  }
}

int Offline(const ImportFlags& flags) {
  const transfer::AdapterRegistry adapters = MakeTransferAdapters();
  auto request = RequestFrom(adapters, flags);
  if (!request.ok()) return PrintError(request.error()), 1;
  auto opened = OpenWritable(flags.data_dir);
  if (!opened.ok()) return PrintError(opened.error()), 1;
  storage::Database& db = *opened->database;
  // We hold the data-directory lock, so a job still marked running was cut short (kill -9).
  if (Status marked = transfer::MarkInterruptedJobs(db); !marked.ok()) {
    return PrintError(marked.error()), 1;
  }
  transfer::TransferService transfers(adapters, db, nullptr, "");
  // The operator at the console owns the data directory: no record access applies.
  const access::Access& everything = access::Access::Unrestricted();
  const storage::WriteContext context{.actor = "cli:import", .via = "import"};
  std::optional<ProgressBar> bar;
  auto result = transfers.ImportNow(
      everything, context, *request, flags.file, [&](const transfer::JobCounts& counts) {
        if (!bar) {
          bar.emplace(flags.dry_run ? "checking " : "importing ", counts.total_bytes);
        }
        bar->Update(counts.done_bytes);
      });
  if (bar) bar->Finish();
  if (!result.ok()) return PrintError(result.error()), 1;
  if (!flags.errors.empty()) {
    std::ofstream out(flags.errors, std::ios::binary | std::ios::trunc);
    transfer::WriteErrorReport(out, result->errors);
  }
  PrintSummary(result->job.id, std::string(transfer::JobStatusName(result->status)),
               result->message, result->error_count, flags.errors);
  if (result->status != transfer::JobStatus::kCompleted) return 1;
  return result->error_count > 0 ? kExitRowsRefused : 0;
}

Result<json::object> JsonBody(const RemoteResponse& response) {
  auto parsed = ParseJson(response.body);
  if (!parsed.ok() || !parsed->is_object()) {
    return Error::Unavailable("the server answered " + std::to_string(response.status) +
                              " without a JSON body");
  }
  json::object body = std::move(parsed->as_object());
  if (response.status >= 400) {
    Error error{ErrorCode::kInvalidArgument, "", {}};
    if (const json::value* detail = body.if_contains("detail"); detail && detail->is_string()) {
      error.message = std::string(detail->as_string());
    }
    if (const json::value* errors = body.if_contains("errors"); errors && errors->is_array()) {
      for (const auto& item : errors->as_array()) {
        if (!item.is_object()) continue;
        const auto& e = item.as_object();
        error.field_errors.push_back(
            {e.contains("field") ? std::string(e.at("field").as_string()) : "",
             e.contains("message") ? std::string(e.at("message").as_string()) : ""});
      }
    }
    return error;
  }
  return body;
}

int Remote(const ImportFlags& flags) {
  auto client = RemoteClient::Create(flags.server, flags.token);
  if (!client.ok()) return PrintError(client.error()), 1;
  auto request = RequestFrom(MakeTransferAdapters(), flags);
  if (!request.ok()) return PrintError(request.error()), 1;
  std::ifstream in(flags.file, std::ios::binary);
  if (!in) return PrintError(Error::Invalid("FILE", "cannot read " + flags.file)), 1;
  std::ostringstream content;
  content << in.rdbuf();
  const std::string format(transfer::TransferFormatName(request->format));
  std::string target = "/api/v1/imports?object=" + flags.object + "&mode=" + flags.mode +
                       "&format=" + format + "&file_name=" + UrlEncode(request->file_name);
  if (!flags.match.empty()) target += "&match=" + UrlEncode(flags.match);
  if (flags.dry_run) target += "&dry_run=true";
  if (flags.atomic) target += "&atomic=true";
  if (!request->mapping.is_null()) {
    target += "&mapping=" + UrlEncode(json::serialize(request->mapping));
  }
  if (request->csv.delimiter != 0) {
    target += "&delimiter=" + UrlEncode(std::string(1, request->csv.delimiter));
  }
  auto posted =
      client->Send("POST", target, content.str(), format == "vcard" ? "text/vcard" : "text/csv");
  if (!posted.ok()) return PrintError(posted.error()), 1;
  auto job = JsonBody(*posted);
  if (!job.ok()) return PrintError(job.error()), 1;
  const std::string id(job->at("id").as_string());
  ProgressBar bar(flags.dry_run ? "checking " : "importing ",
                  static_cast<int64_t>(content.str().size()));
  while (true) {
    const std::string status(job->at("status").as_string());
    bar.Update(job->at("done_bytes").as_int64());
    if (status != "queued" && status != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    auto polled = client->Send("GET", "/api/v1/imports/" + id);
    if (!polled.ok()) return PrintError(polled.error()), 1;
    job = JsonBody(*polled);
    if (!job.ok()) return PrintError(job.error()), 1;
  }
  bar.Finish();
  const int64_t failed = job->at("failed").as_int64();
  if (!flags.errors.empty()) {
    auto report = client->Send("GET", "/api/v1/imports/" + id + "/errors");
    if (!report.ok()) return PrintError(report.error()), 1;
    std::ofstream out(flags.errors, std::ios::binary | std::ios::trunc);
    out << report->body;
  }
  const std::string status(job->at("status").as_string());
  const json::value& message = job->at("message");
  PrintSummary(id, status, message.is_string() ? std::string(message.as_string()) : "",
               job->at("error_count").as_int64(), flags.errors);
  if (status != "completed") return 1;
  return failed > 0 ? kExitRowsRefused : 0;
}

int Revert(const ImportFlags& flags) {
  json::object job;
  if (!flags.server.empty()) {
    auto client = RemoteClient::Create(flags.server, flags.token);
    if (!client.ok()) return PrintError(client.error()), 1;
    auto response = client->Send("POST", "/api/v1/imports/" + flags.file + "/revert", "{}");
    if (!response.ok()) return PrintError(response.error()), 1;
    auto body = JsonBody(*response);
    if (!body.ok()) return PrintError(body.error()), 1;
    job = std::move(*body);
  } else {
    auto opened = OpenWritable(flags.data_dir);
    if (!opened.ok()) return PrintError(opened.error()), 1;
    const storage::WriteContext context{.actor = "cli:import", .via = "import"};
    const transfer::AdapterRegistry adapters = MakeTransferAdapters();
    auto reverted = transfer::RevertImport(adapters, *opened->database,
                                           access::Access::Unrestricted(), context, flags.file);
    if (!reverted.ok()) return PrintError(reverted.error()), 1;
    job = std::move(*reverted);
  }
  const json::object& counts = job.at("reverted").as_object();
  std::cout << "import " << flags.file << " reverted: " << counts.at("removed").as_int64()
            << " records removed, " << counts.at("kept").as_int64()
            << " kept (changed since the import), " << counts.at("missing").as_int64()
            << " already gone\n";
  return 0;
}

int Status(const ImportFlags& flags) {
  json::object job;
  if (!flags.server.empty()) {
    auto client = RemoteClient::Create(flags.server, flags.token);
    if (!client.ok()) return PrintError(client.error()), 1;
    auto response = client->Send("GET", "/api/v1/imports/" + flags.file);
    if (!response.ok()) return PrintError(response.error()), 1;
    auto body = JsonBody(*response);
    if (!body.ok()) return PrintError(body.error()), 1;
    job = std::move(*body);
  } else {
    auto opened = OpenWritable(flags.data_dir);
    if (!opened.ok()) return PrintError(opened.error()), 1;
    auto found = transfer::GetJob(*opened->database, access::Access::Unrestricted(),
                                  transfer::JobKind::kImport, flags.file);
    if (!found.ok()) return PrintError(found.error()), 1;
    job = std::move(*found);
  }
  std::cout << json::serialize(job) << "\n";
  return 0;
}

}  // namespace

void AddImportCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<ImportFlags>();
  CLI::App* command = app.add_subcommand(
      "import", "Import a CSV or vCard file (see docs/import.md); `import revert|status JOB`");
  command
      ->add_option("object", flags->object,
                   "customers, companies, products, orders, interactions — or revert, status")
      ->required();
  command->add_option("file", flags->file, "The CSV or vCard file (for revert/status: the job id)")
      ->required();
  AddDataDirOption(*command, flags->data_dir);
  command->add_option("--server", flags->server, "Import through a running server at this URL");
  command->add_option("--token", flags->token, "API token for --server")->envname("RAPPORT_TOKEN");
  command->add_option("--mapping", flags->mapping, "Mapping file (or inline JSON)");
  command->add_option("--mode", flags->mode, "create, update or upsert")->capture_default_str();
  command->add_option("--match", flags->match, "email, external_id, domain or sku");
  command->add_option("--format", flags->format, "csv or vcard (default: from the file name)");
  command->add_option("--delimiter", flags->delimiter, "Field separator (default: detected)");
  command->add_option("--errors", flags->errors, "Write the error report (CSV) here");
  command->add_option("--batch-size", flags->batch, "Rows per transaction")->capture_default_str();
  command->add_flag("--dry-run", flags->dry_run, "Check everything; change nothing");
  command->add_flag("--atomic", flags->atomic, "Import nothing unless every row is good");
  command->callback([flags, &exit_code] {
    if (flags->object == "revert") {
      exit_code = Revert(*flags);
    } else if (flags->object == "status") {
      exit_code = Status(*flags);
    } else {
      exit_code = flags->server.empty() ? Offline(*flags) : Remote(*flags);
    }
  });
}

}  // namespace rapport::cli
