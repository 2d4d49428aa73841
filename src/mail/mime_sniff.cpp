#include "mail/mime_sniff.hpp"

#include <glib.h>

#include <algorithm>

namespace rapport::mail {
namespace {

// How far to look for HTML markers and to judge "text": enough for any real document's start,
// small enough that a huge attachment costs nothing.
constexpr size_t kTextWindow = 1024;

bool StartsWith(std::string_view bytes, std::string_view magic) {
  return bytes.substr(0, magic.size()) == magic;
}

bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle) {
  const auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                              [](char a, char b) { return g_ascii_tolower(a) == b; });
  return it != haystack.end();
}

bool LooksLikeHtml(std::string_view window) {
  const size_t start = window.find_first_not_of(" \t\r\n\f");
  if (start == std::string_view::npos || window[start] != '<') return false;
  static constexpr std::string_view kMarkers[] = {"<!doctype html", "<html",   "<head", "<body",
                                                  "<script",        "<iframe", "<div",  "<table"};
  return std::any_of(std::begin(kMarkers), std::end(kMarkers),
                     [&](std::string_view marker) { return ContainsIgnoreCase(window, marker); });
}

// Valid UTF-8 (a sequence cut by the window's end allowed) with no control characters but
// tab, line ends and form feed.
bool LooksLikeText(std::string_view window, bool truncated) {
  const gchar* end = nullptr;
  if (!g_utf8_validate(window.data(), static_cast<gssize>(window.size()), &end)) {
    const auto valid = static_cast<size_t>(end - window.data());
    if (!truncated || window.size() - valid >= 4) return false;
    window = window.substr(0, valid);
  }
  return std::none_of(window.begin(), window.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || byte == 0x7F;
  });
}

std::string_view SniffZip(std::string_view bytes) {
  // Office Open XML packages name their main part in a local file header, stored uncompressed.
  if (bytes.find("word/") != std::string_view::npos) {
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  }
  if (bytes.find("xl/") != std::string_view::npos) {
    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  }
  return "application/zip";
}

}  // namespace

std::string_view SniffContentType(std::string_view bytes) {
  if (StartsWith(bytes, "%PDF-")) return "application/pdf";
  if (StartsWith(bytes, "\x89PNG\r\n\x1A\n")) return "image/png";
  if (StartsWith(bytes, "\xFF\xD8\xFF")) return "image/jpeg";
  if (StartsWith(bytes, "GIF87a") || StartsWith(bytes, "GIF89a")) return "image/gif";
  if (StartsWith(bytes, "RIFF") && bytes.substr(8, 4) == "WEBP") return "image/webp";
  if (StartsWith(bytes, std::string_view("PK\x03\x04", 4))) return SniffZip(bytes);
  if (bytes.empty()) return kOctetStream;
  std::string_view window = bytes.substr(0, kTextWindow);
  if (StartsWith(window, "\xEF\xBB\xBF")) window.remove_prefix(3);
  if (LooksLikeHtml(window)) return "text/html";
  if (LooksLikeText(window, bytes.size() > kTextWindow)) return "text/plain";
  return kOctetStream;
}

}  // namespace rapport::mail
