#pragma once
// Shared templates: JSON files of named planning assumptions that HR and Sales both read.
// Format (version 1):
//   { "template_version": 1, "name": "...", "description": "...", "sources": {...},
//     "<group>": { "<key>": number | text | [numbers...] | {...} } }
// Keys are looked up by dotted path ("funnel.rates.demo_to_sale"); an array element by its
// 0-based index ("funnel.stage_rates.2").
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "alignkit/result.hpp"

namespace alignkit::templates {

inline constexpr int kFormatVersion = 1;
inline constexpr std::size_t kMaxFileBytes = 8u << 20;  // a template is a page of assumptions
inline constexpr int kMaxDepth = 64;
inline constexpr std::size_t kMaxKeyLength = 1024;

using Value = std::variant<double, std::string>;
using Document = std::shared_ptr<const nlohmann::json>;

/// True when JSON text nests objects and arrays at most max_depth deep (strings are skipped).
/// Checked before parsing, so hostile input cannot make a parser or destructor recurse deeply.
bool nesting_within(std::string_view text, int max_depth);

/// Parses and checks a template's text (size, nesting, UTF-8, format version).
Result<nlohmann::json> parse(std::string_view text);
/// The number or text at a dotted key.
Result<Value> lookup(const nlohmann::json& document, std::string_view key);
/// Turns a path or file:// URL into a file path; a relative path is taken from base_dir.
/// Confined, only a relative path that stays inside base_dir is accepted.
Result<std::filesystem::path> resolve(std::string_view source, const std::filesystem::path& base_dir,
                                      bool confined = false);

/// A template the alignkit service serves: http(s)://host[:port]/v1/templates/NAME.
struct ServedSource {
  std::string url;     // as the workbook names it
  std::string origin;  // scheme://host:port, what a user trusts and a token belongs to
  std::string host;
  std::string path;    // /v1/templates/NAME
  std::string name;
};
bool is_web_address(std::string_view source);
/// Splits a served template's address; an Error for any other web address.
Result<ServedSource> served_source(std::string_view url);

/// What one GET of a served template brought back.
struct Fetched {
  int status = 0;  // 200 (a document), 304 (unchanged since the ETag sent), or what else the service said
  std::string body;
  std::string etag, version, author, updated;  // updated: ISO 8601, as the service sends it
};

/// How the store reaches served templates. The core knows no network: the add-in supplies this.
struct WebAccess {
  /// True when the user connected to, or listed as trusted, the service at this origin.
  std::function<bool(const std::string& origin)> trusted;
  /// One GET of source.path, sending If-None-Match when etag is not empty; an Error when the
  /// service cannot be reached (timeouts included).
  std::function<Result<Fetched>(const ServedSource& source, const std::string& etag)> fetch;
  std::filesystem::path kept_folder;                // the last good copy of each source, kept across sessions
  std::chrono::milliseconds recheck_after{5000};    // a source is asked again at most this often
};

/// A served template as the store holds it.
struct ServedCopy {
  Document document;
  std::string etag, version, author, updated;
  std::chrono::system_clock::time_point checked;  // when the service last answered
  bool stale = false;                             // the service could not be reached: this is the kept copy
};

/// Loads templates and keeps them until the file's size or modification time changes,
/// so a recalculation sees edits without re-parsing on every cell. Thread-safe.
class Store {
 public:
  Result<Document> load(const std::filesystem::path& file);
  Result<Value> value(std::string_view source, std::string_view key, const std::filesystem::path& base_dir,
                      bool confined = false);
  /// What a workbook needs to know about the template it follows (TEMPLATE.INFO): "name",
  /// "version" (the file's template_version), "updated" (when the file last changed) and
  /// "checked" (when it was read) as Calc date-times in local time, "author" (empty for a
  /// file), "stale" (0: a file is always read as it is now).
  Result<Value> info(std::string_view source, std::string_view field, const std::filesystem::path& base_dir,
                     bool confined = false);

  /// Lets the store read served templates (http(s) sources); without it they are bad input.
  void use_web_access(std::shared_ptr<const WebAccess> access);
  /// A served template: from memory when asked within recheck_after, else revalidated with the
  /// service; the kept copy (stale) when the service cannot be reached.
  Result<ServedCopy> served(std::string_view url);

 private:
  struct Entry {
    std::filesystem::file_time_type modified;
    std::uintmax_t size = 0;
    Document document;
  };
  Result<Value> served_info(std::string_view source, std::string_view field);

  struct Remembered {
    ServedCopy copy;
    std::chrono::steady_clock::time_point asked;
  };
  std::mutex mutex_;
  std::map<std::filesystem::path, Entry> entries_;
  std::shared_ptr<const WebAccess> web_;
  std::map<std::string, Remembered> served_;                              // by url
  std::map<std::string, std::chrono::steady_clock::time_point> unreachable_;  // by origin: when it last failed
};

/// An ISO 8601 UTC time ("2026-11-25T16:50:00Z") as a Calc date-time in local time.
Result<double> calc_date_time(std::string_view iso_utc);
/// A moment as a Calc date-time in local time: days since 1899-12-30, the fraction the time of day.
double calc_date_time(std::chrono::system_clock::time_point moment);

/// The process-wide store the spreadsheet functions use.
Store& shared_store();

}  // namespace alignkit::templates
