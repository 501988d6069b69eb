#include <fcntl.h>
#include <unistd.h>

#include "alignkit/templates/templates.hpp"

#include "alignkit/metrics/dates.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <random>
#include <sstream>

namespace alignkit::templates {
namespace fs = std::filesystem;
using nlohmann::json;

bool nesting_within(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') {
      if (++depth > max_depth) return false;
    } else if (c == '}' || c == ']') --depth;
  }
  return true;
}

namespace {

std::string without_exception_prefix(const char* what) {
  std::string message(what);
  if (const auto end = message.find("] "); message.starts_with("[json.exception") && end != std::string::npos) {
    message.erase(0, end + 2);
  }
  return message;
}

std::string kind_of(const json& value) {
  switch (value.type()) {
    case json::value_t::object: return "a group of keys";
    case json::value_t::array: return "a list";
    case json::value_t::null: return "null";
    default: return "a value";
  }
}

std::string list_keys(const json& group) {
  std::string keys;
  std::size_t shown = 0;
  for (const auto& item : group.items()) {
    if (shown++ == 10) return keys + ", ...";
    keys += (keys.empty() ? "" : ", ") + item.key();
  }
  return keys;
}

bool all_digits(std::string_view text) {
  return !text.empty() && text.size() < 10 &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() + 0 && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

Result<std::string> read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Error{"template file '" + file.string() + "' cannot be opened"};
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Error{"template file '" + file.string() + "' could not be read"};
  return text.str();
}

}  // namespace

// A temporary file made durable, then renamed over the old one: a crash at any moment leaves
// either the previous file or the new one.
bool write_atomically(const fs::path& file, const std::string& text) {
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  const fs::path temporary =
      file.parent_path() / (file.filename().string() + ".tmp" + std::to_string(std::random_device{}()));
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  const bool durable = written == text.size() && ::fsync(fd) == 0;
  ::close(fd);
  if (!durable || ::rename(temporary.c_str(), file.c_str()) != 0) {
    fs::remove(temporary, ec);
    return false;
  }
  if (const int dir = ::open(file.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
    ::fsync(dir);  // the rename itself survives a power cut
    ::close(dir);
  }
  return true;
}

std::optional<std::size_t> invalid_utf8_at(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    const auto byte = static_cast<unsigned char>(text[at]);
    std::size_t length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : (byte >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || at + length > text.size()) return at;
    std::uint32_t point = length == 1 ? byte : byte & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) {
      const auto next = static_cast<unsigned char>(text[at + i]);
      if ((next & 0xC0) != 0x80) return at;
      point = (point << 6) | (next & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    static constexpr std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (point < kSmallest[length] || (point >= 0xD800 && point <= 0xDFFF) || point > 0x10FFFF) return at;
    at += length;
  }
  return std::nullopt;
}

Result<json> parse(std::string_view text) {
  if (text.size() > kMaxFileBytes) return Error{"template is larger than 8 MiB"};
  if (const auto at = invalid_utf8_at(text)) return Error{"template is not UTF-8 text (at byte " + std::to_string(*at) + ")"};
  if (!nesting_within(text, kMaxDepth)) return Error{"template is nested more than 64 levels deep"};
  json document;
  try {
    document = json::parse(text);
  } catch (const json::exception& e) {
    return Error{"template is not valid JSON: " + without_exception_prefix(e.what())};
  }
  if (!document.is_object()) return Error{"template must be a JSON object ({...})"};
  const auto version = document.find("template_version");
  if (version == document.end()) return Error{"not an alignkit template: \"template_version\" is missing"};
  if (!version->is_number_integer() || version->get<long long>() < 1) {
    return Error{"template_version must be a whole number (this alignkit reads version 1)"};
  }
  if (version->get<long long>() > kFormatVersion) {
    return Error{"template_version " + version->dump() + " is newer than this alignkit reads (1)"};
  }
  return document;
}

Result<Document> read_file(const fs::path& file) {
  auto text = read_text(file);
  if (!text) return text.error();
  auto parsed = parse(*text);
  if (!parsed) return Error{"'" + file.filename().string() + "': " + parsed.error().message};
  return std::make_shared<const json>(std::move(parsed).value());
}

Result<const json*> node_at(const json& document, std::string_view key) {
  if (key.empty()) return Error{"key is empty: give a dotted path such as funnel.rates.demo_to_sale"};
  if (key.size() > kMaxKeyLength) return Error{"key is longer than 1024 characters"};
  const json* node = &document;
  std::string walked;
  std::size_t begin = 0;
  while (begin <= key.size()) {
    const std::size_t end = std::min(key.find('.', begin), key.size());
    const std::string segment(key.substr(begin, end - begin));
    const std::string where = walked.empty() ? "the template" : "'" + walked + "'";
    if (segment.empty()) return Error{"key '" + std::string(key) + "' has an empty part"};
    if (node->is_object()) {
      const auto found = node->find(segment);
      if (found == node->end()) {
        return Error{"key '" + std::string(key) + "' not found: " + where + " has no '" + segment + "' (it has " +
                     list_keys(*node) + ")"};
      }
      node = &*found;
    } else if (node->is_array()) {
      if (!all_digits(segment) || std::stoul(segment) >= node->size()) {
        return Error{"key '" + std::string(key) + "': " + where + " is a list of " + std::to_string(node->size()) +
                     " items; '" + segment + "' is not an index in it (0-based)"};
      }
      node = &(*node)[std::stoul(segment)];
    } else {
      return Error{"key '" + std::string(key) + "': " + where + " is a value, not a group"};
    }
    walked += (walked.empty() ? "" : ".") + segment;
    begin = end + 1;
  }
  return node;
}

Result<Value> lookup(const json& document, std::string_view key) {
  auto found = node_at(document, key);
  if (!found) return found.error();
  const json* node = *found;
  if (node->is_boolean()) return Value{node->get<bool>() ? 1.0 : 0.0};
  if (node->is_number()) {
    const double number = node->get<double>();
    if (!std::isfinite(number)) return Error{"key '" + std::string(key) + "' holds a number too large to use"};
    return Value{number};
  }
  if (node->is_string()) return Value{node->get<std::string>()};
  return Error{"key '" + std::string(key) + "' holds " + kind_of(*node) + ", not a number or text"};
}

Result<fs::path> resolve(std::string_view source, const fs::path& base_dir, bool confined) {
  if (source.empty()) return Error{"source is empty: give the template's file path"};
  if (source.size() > 4096) return Error{"source is longer than 4096 characters"};
  // The system would read a path only up to a NUL: "a.json\0../x" must not become "a.json".
  if (source.find('\0') != std::string_view::npos) return Error{"source holds a NUL character"};
  std::string path(source);
  if (confined) {
    const fs::path relative(path);
    const bool escapes = std::any_of(relative.begin(), relative.end(), [](const fs::path& part) { return part == ".."; });
    if (base_dir.empty() || path.find("://") != std::string::npos || relative.is_absolute() || escapes) {
      return Error{"'" + path + "' is outside the templates folder; give a template name such as inside_sales.json"};
    }
  }
  if (path.starts_with("http://") || path.starts_with("https://")) {
    return Error{"'" + path + "' is a web address; give it to TEMPLATE.VALUE, which reads templates from a service"};
  }
  if (path.starts_with("file://")) {
    path = percent_decode(path.substr(7));
    if (path.starts_with("localhost/")) path.erase(0, 9);
    if (!path.starts_with('/')) return Error{"file URL '" + std::string(source) + "' has no absolute path"};
  }
  fs::path file(path);
  if (file.is_relative()) {
    if (base_dir.empty()) {
      return Error{"relative template path '" + path + "' needs a saved workbook (or give a full path)"};
    }
    file = base_dir / file;
  }
  file = file.lexically_normal();
  if (confined) {
    // Where it really leads: a link inside the folder must not serve a file outside it.
    std::error_code ec;
    const fs::path real = fs::weakly_canonical(file, ec);
    const fs::path folder = fs::weakly_canonical(base_dir, ec);
    const auto [folder_end, inside] = std::mismatch(folder.begin(), folder.end(), real.begin(), real.end());
    if (ec || folder_end != folder.end()) {
      return Error{"'" + path + "' leads outside the templates folder; give a template name such as inside_sales.json"};
    }
  }
  return file;
}

namespace {
// A group's order list: "funnel.rates" is ordered by its sibling "funnel.rate_order" (the keys
// of the group, top first), as the sample templates and the Funnel panel have it.
std::string order_key(const std::string& group) {
  const auto dot = group.rfind('.');
  std::string last = group.substr(dot == std::string::npos ? 0 : dot + 1);
  if (last.ends_with('s')) last.pop_back();
  return (dot == std::string::npos ? std::string() : group.substr(0, dot + 1)) + last + "_order";
}

}  // namespace

Result<PublishedNumbers> published_numbers(const json& document, const std::string& key, bool list) {
  auto node = node_at(document, key);
  if (!node) return node.error();
  const json& found = **node;
  PublishedNumbers published;
  auto take = [&](const json& value, const std::string& value_key) -> bool {
    if (!value.is_number() || !std::isfinite(value.get<double>())) return false;
    published.values.push_back(value.get<double>());
    published.keys.push_back(value_key);
    return true;
  };
  if (!list || !found.is_structured()) {
    if (!take(found, key)) return Error{"the template's '" + key + "' is not a number"};
    return published;
  }
  if (found.is_array()) {
    for (std::size_t k = 0; k < found.size(); ++k) {
      if (!take(found[k], key + "." + std::to_string(k))) return Error{"the template's '" + key + "' holds something other than numbers"};
    }
    return published;
  }
  const std::string order_at = order_key(key);
  auto order = node_at(document, order_at);
  if (!order || !(*order)->is_array()) return Error{"the template has no '" + order_at + "' list saying the order of '" + key + "'"};
  for (const json& name : **order) {
    if (!name.is_string() || !found.contains(name.get<std::string>())) {
      return Error{"the template's '" + order_at + "' names a key '" + key + "' lacks"};
    }
    const std::string value_key = key + "." + name.get<std::string>();
    if (!take(found[name.get<std::string>()], value_key)) return Error{"the template's '" + value_key + "' is not a number"};
  }
  return published;
}

std::string without_folder(std::string message, const fs::path& folder) {
  if (folder.empty()) return message;
  // The folder as given (/x/./t), as a path is written once resolved (/x/t) and as it really is
  // (a link followed): each may appear in a message.
  std::error_code ec;
  std::vector<std::string> forms;
  for (const fs::path& form : {folder, folder.lexically_normal(), fs::weakly_canonical(folder, ec)}) {
    std::string text = form.string();
    while (text.size() > 1 && text.back() == '/') text.pop_back();
    if (text.empty() || text == "/") continue;
    forms.push_back(text + "/");
    forms.push_back(text);
  }
  std::sort(forms.begin(), forms.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const auto& prefix : forms) {
    for (std::size_t at; (at = message.find(prefix)) != std::string::npos;) message.erase(at, prefix.size());
  }
  return message;
}

Result<double> calc_date_time(std::string_view iso_utc) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  const std::string text(iso_utc.substr(0, 40));
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6) {
    return Error{"'" + text + "' is not an ISO 8601 time"};
  }
  using namespace std::chrono;
  const year_month_day day{year{y}, month{static_cast<unsigned>(mo)}, std::chrono::day{static_cast<unsigned>(d)}};
  if (!day.ok()) return Error{"'" + text + "' is not a date"};
  return calc_date_time(sys_days{day} + hours{h} + minutes{mi} + seconds{s});
}

double calc_date_time(std::chrono::system_clock::time_point moment) {
  return calc_date_time(std::chrono::floor<std::chrono::seconds>(moment));
}

double calc_date_time(std::chrono::sys_seconds moment) {
  using namespace std::chrono;
  const auto seconds = static_cast<std::time_t>(moment.time_since_epoch().count());
  std::tm local{};
  localtime_r(&seconds, &local);
  const sys_days day = year{local.tm_year + 1900} / month{static_cast<unsigned>(local.tm_mon + 1)} /
                       static_cast<unsigned>(local.tm_mday);
  const double time_of_day = (local.tm_hour * 3600.0 + local.tm_min * 60.0 + local.tm_sec) / 86400.0;
  return static_cast<double>((day - kCalcEpoch).count()) + time_of_day;
}

std::string file_url(const fs::path& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string url = "file://";
  for (const unsigned char c : path.string()) {
    if (std::isalnum(c) != 0 || std::string_view("-._~/").find(static_cast<char>(c)) != std::string_view::npos) {
      url += static_cast<char>(c);
    } else {
      url += '%';
      url += kHex[c >> 4];
      url += kHex[c & 15];
    }
  }
  return url;
}

}  // namespace alignkit::templates
