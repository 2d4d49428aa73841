#include "http/web_assets.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace rapport::http {
namespace {

namespace fs = std::filesystem;

// The app is small (a few files); a larger tree means a wrong --web-dir, not an app.
constexpr size_t kMaxFiles = 500;
constexpr uintmax_t kMaxFileBytes = uintmax_t{20} * 1024 * 1024;

std::string ContentTypeFor(const fs::path& path) {
  const std::string extension = path.extension().string();
  if (extension == ".js" || extension == ".mjs") return "text/javascript; charset=utf-8";
  if (extension == ".css") return "text/css; charset=utf-8";
  if (extension == ".html") return "text/html; charset=utf-8";
  if (extension == ".svg") return "image/svg+xml";
  if (extension == ".png") return "image/png";
  if (extension == ".ico") return "image/x-icon";
  if (extension == ".woff2") return "font/woff2";
  if (extension == ".json") return "application/json";
  if (extension == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::optional<std::string> ReadFile(const fs::path& path) {
  std::error_code error;
  if (fs::file_size(path, error) > kMaxFileBytes || error) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Response Page(std::string body) {
  Response response{.status = 200,
                    .content_type = "text/html; charset=utf-8",
                    .headers = {},
                    .body = std::move(body)};
  response.WithHeader("Cache-Control", "no-cache");
  response.WithHeader("Content-Security-Policy", std::string(kWebContentSecurityPolicy));
  response.WithHeader("Referrer-Policy", "same-origin");
  response.WithHeader("X-Frame-Options", "DENY");
  return response;
}

constexpr std::string_view kNotBuilt =
    "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Rapport</title></head>"
    "<body><h1>Rapport</h1><p>The API is running at /api/v1. The web app is not built: run "
    "<code>make build</code>, or start the server with <code>--web-dir</code>.</p></body></html>";

}  // namespace

std::string DefaultWebDir() {
  std::error_code error;
  const fs::path exe = fs::read_symlink("/proc/self/exe", error);
  if (error) return "web";
  return (exe.parent_path() / "web").string();
}

WebAssets WebAssets::Load(const std::string& dir) {
  WebAssets assets;
  const fs::path root(dir);
  std::error_code error;
  if (!fs::is_regular_file(root / "index.html", error)) {
    spdlog::info("no web app in {} (run make build); serving the API only", dir);
    return assets;
  }
  assets.index_html_ = ReadFile(root / "index.html").value_or("");
  assets.AddFiles(dir, "/");
  assets.assets_.erase("/index.html");  // the page itself answers "/" and the app's routes
  assets.AddFiles((root / "assets").string(), "/assets/");
  // The chat widget other websites embed (docs/design/chat.md): a stable name, short cache.
  assets.AddFiles((root / "widget").string(), "/widget/");
  spdlog::info("serving the web app from {} ({} assets)", dir, assets.assets_.size());
  return assets;
}

void WebAssets::AddFiles(const std::string& dir, const std::string& url_prefix) {
  std::error_code error;
  if (!fs::is_directory(dir, error)) return;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    if (!entry.is_regular_file() || assets_.size() >= kMaxFiles) continue;
    auto body = ReadFile(entry.path());
    if (!body) continue;
    assets_.emplace(url_prefix + entry.path().filename().string(),
                    Asset{ContentTypeFor(entry.path()), std::move(*body)});
  }
}

std::optional<Response> WebAssets::Serve(const Request& request) const {
  if (request.method != "GET") return std::nullopt;
  const std::string& path = request.path;
  if (path.starts_with("/api/") || path == "/api" || path == "/healthz" || path == "/readyz") {
    return std::nullopt;
  }
  if (auto found = assets_.find(path); found != assets_.end()) {
    Response response{.status = 200,
                      .content_type = found->second.content_type,
                      .headers = {},
                      .body = found->second.body};
    // Hashed names change with the content, so caching them forever is safe; the icon keeps
    // its name across releases, so a browser asks again after a day.
    // The widget keeps its name too, and other sites load it: a release reaches them in minutes.
    response.WithHeader("Cache-Control", path.starts_with("/assets/")
                                             ? "public, max-age=31536000, immutable"
                                         : path.starts_with("/widget/") ? "public, max-age=300"
                                                                        : "public, max-age=86400");
    return response;
  }
  if (path.starts_with("/assets/")) return std::nullopt;
  if (path.find('.') != std::string::npos && path != "/") return std::nullopt;  // a missing file
  return Page(index_html_.empty() ? std::string(kNotBuilt) : index_html_);
}

}  // namespace rapport::http
