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
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "alignkit/metrics/result.hpp"

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

/// Where text stops being UTF-8 (a byte offset); nothing when all of it is. Checked before JSON is
/// parsed, so a message never echoes bytes that are not text.
std::optional<std::size_t> invalid_utf8_at(std::string_view text);

/// Parses and checks a template's text (size, nesting, UTF-8, format version).
Result<nlohmann::json> parse(std::string_view text);
/// Reads and parses one template file, uncached (a panel showing one file; Files caches).
Result<Document> read_file(const std::filesystem::path& file);
/// Writes the whole file or nothing, readable by its owner only (0600): templates hold salaries.
bool write_atomically(const std::filesystem::path& file, const std::string& text);
/// What a dotted key names in a template: a value or a group.
Result<const nlohmann::json*> node_at(const nlohmann::json& document, std::string_view key);
/// The number or text at a dotted key.
Result<Value> lookup(const nlohmann::json& document, std::string_view key);
/// The numbers a template publishes for one argument, each with the key that holds it: the number
/// at `key`; for a list argument (`list`), a list's numbers, or a group's numbers in the order its
/// sibling `…_order` list names (funnel.rates in the order of funnel.rate_order).
struct PublishedNumbers {
  std::vector<double> values;
  std::vector<std::string> keys;
};
Result<PublishedNumbers> published_numbers(const nlohmann::json& document, const std::string& key, bool list);

/// Turns a path or file:// URL into a file path; a relative path is taken from base_dir.
/// Confined, only a relative path that stays inside base_dir is accepted.
Result<std::filesystem::path> resolve(std::string_view source, const std::filesystem::path& base_dir,
                                      bool confined = false);
/// The file:// URL of an absolute path, every byte but letters, digits and "-._~/" percent-encoded
/// (a folder may hold spaces or '%'): what resolve() and the office read back as the same path.
std::string file_url(const std::filesystem::path& path);

/// The message with the folder's path taken out of every path it names: what the service tells
/// a client about its templates folder names templates, never where the server keeps them.
std::string without_folder(std::string message, const std::filesystem::path& folder);

/// An ISO 8601 UTC time ("2026-11-25T16:50:00Z") as a Calc date-time in local time.
Result<double> calc_date_time(std::string_view iso_utc);
/// A moment as a Calc date-time in local time: days since 1899-12-30, the fraction the time of day.
double calc_date_time(std::chrono::system_clock::time_point moment);
/// The same for any second from year 0 to 9999 (the clock's own time point ends in 2262).
double calc_date_time(std::chrono::sys_seconds moment);

}  // namespace alignkit::templates
