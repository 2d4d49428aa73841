#include "http/file_download.hpp"

#include <cctype>
#include <fstream>
#include <sstream>
#include <string_view>

namespace rapport::http {
namespace {

// RFC 8187 ext-value: UTF-8, every byte outside attr-char percent-encoded.
std::string ExtValue(std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "UTF-8''";
  for (unsigned char c : name) {
    if (std::isalnum(c) ||
        std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// An ASCII stand-in for old clients: anything but letters, digits, ".", "-" and "_" becomes "_".
std::string AsciiName(std::string_view name) {
  std::string out;
  for (unsigned char c : name) out += std::isalnum(c) || c == '.' || c == '-' ? c : '_';
  return out;
}

}  // namespace

Result<std::string> ReadUploadBody(const Request& request) {
  if (request.body_file.empty()) return request.body;
  std::ifstream in(request.body_file, std::ios::binary);
  if (!in) return Error::Internal("the upload could not be read back");
  std::ostringstream content;
  content << in.rdbuf();
  return std::move(content).str();
}

Response FileDownload(std::string bytes, const std::string& type, const std::string& name) {
  Response response;
  // Whatever the bytes are, the browser only saves them: HTML is never served as HTML.
  response.content_type = type == "text/html"    ? "application/octet-stream"
                          : type == "text/plain" ? "text/plain; charset=utf-8"
                                                 : type;
  response.body = std::move(bytes);
  return response
      .WithHeader("Content-Disposition",
                  "attachment; filename=\"" + AsciiName(name) + "\"; filename*=" + ExtValue(name))
      .WithHeader("X-Content-Type-Options", "nosniff")
      .WithHeader("Content-Security-Policy", "default-src 'none'; sandbox")
      .WithHeader("Cache-Control", "private, no-store");
}

}  // namespace rapport::http
