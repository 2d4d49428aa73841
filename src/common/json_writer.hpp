// Two sinks for the same stream of JSON events (begin/end object or array, key, scalar, value):
// JsonWriter appends the document's text to a string as the events come, and JsonTreeBuilder
// builds a Boost.JSON tree from them. A shape written once as a template over the sink (e.g. a
// served customer, customers/customer_json.cpp) is thereby both streamed into a response body and
// built as a tree for the paths that still need one, without a second list of its fields.
//
// The caller keeps the events well formed (a key before every value inside an object, balanced
// begin/end); neither sink checks. Keys passed to JsonTreeBuilder must outlive the next value.
// Both are single-threaded objects.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"

namespace rapport {

// Appends `text` as a JSON string literal: quotes, backslashes and control characters escaped,
// everything else (UTF-8 included) copied byte for byte, as Boost.JSON's serializer does.
void AppendJsonString(std::string& out, std::string_view text);

class JsonWriter {
 public:
  // Appends to `out`, which must outlive the writer.
  explicit JsonWriter(std::string& out) : out_(out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view key);
  // Key for a name of the code's own (a field name, not data), which needs no escaping: appended
  // as is, without AppendJsonString's scan (Key was 15 % of a list page's instructions).
  // REQUIRES: `key` holds no '"', '\\' or control byte.
  void PlainKey(std::string_view key);
  void String(std::string_view text);
  void Null();
  void Bool(bool value);
  void Int(int64_t value);
  // Any Boost.JSON value, written in place (numbers as Boost.JSON writes them). The array and
  // object overloads exist so that passing one does not first copy it into a temporary
  // json::value (a deep copy: 64,000 instructions for an overview's timeline).
  void Value(const json::value& value);
  void Value(const json::array& array);
  void Value(const json::object& object);
  // One value that `write` appends to the string itself (e.g. with a JsonWriter of its own).
  template <typename Write>
  void ValueFrom(Write&& write) {
    BeforeValue();
    write(out_);
    need_comma_ = true;
  }

 private:
  void BeforeValue();
  void Open(char bracket);
  void Close(char bracket);

  std::string& out_;
  bool need_comma_ = false;  // a value or member was written in the open container
  bool after_key_ = false;   // the next value completes a member
};

class JsonTreeBuilder {
 public:
  void BeginObject() { Open(json::object()); }
  void EndObject() { stack_.pop_back(); }
  void BeginArray() { Open(json::array()); }
  void EndArray() { stack_.pop_back(); }
  void Key(std::string_view key) { key_ = key; }
  void PlainKey(std::string_view key) { key_ = key; }
  void String(std::string_view text) { Put(json::string(text)); }
  void Null() { Put(nullptr); }
  void Bool(bool value) { Put(value); }
  void Int(int64_t value) { Put(value); }
  void Value(const json::value& value) { Put(value); }
  void Value(const json::array& array) { Put(array); }
  void Value(const json::object& object) { Put(object); }

  // The finished document; the builder is empty afterwards.
  json::value Release() { return std::move(root_); }

 private:
  // Adds `value` to the open container (or as the root); returns where it now lives.
  json::value& Put(json::value value);
  void Open(json::value container) { stack_.push_back(&Put(std::move(container))); }

  json::value root_;
  // The open containers, root first. Each is the last child added to its parent, and a parent
  // gains no child while one is open, so these pointers stay valid.
  std::vector<json::value*> stack_;
  std::string_view key_;
};

}  // namespace rapport
