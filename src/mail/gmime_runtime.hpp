// GMime's process-wide set-up and RAII owners for its GObjects. Private to src/mail/.
//
// g_mime_init() fills global tables (charsets, the default parser and format options) and is not
// itself thread-safe, so EnsureGmime() runs it exactly once per process through std::call_once;
// every entry point of rapport_mime calls it first. After that, GMime objects are ordinary
// GObjects: each parse or compose builds its own and never shares them, so any number of threads
// may parse and compose at once. g_mime_shutdown() is never called (it would race those threads
// at exit and frees only memory the process is giving back anyway).
#pragma once

#include <glib-object.h>
#include <glib.h>

#include <memory>
#include <string>

namespace rapport::mail::internal {

void EnsureGmime();

struct GObjectUnref {
  void operator()(void* object) const {
    if (object != nullptr) g_object_unref(object);
  }
};
template <class T>
using GObjectPtr = std::unique_ptr<T, GObjectUnref>;

struct GFree {
  void operator()(void* memory) const { g_free(memory); }
};
using GCharPtr = std::unique_ptr<char, GFree>;

// `text` or "" for a null C string.
inline std::string OrEmpty(const char* text) { return text == nullptr ? std::string() : text; }

}  // namespace rapport::mail::internal
