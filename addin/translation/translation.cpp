#include "translation.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <regex>
#include <vector>

#include "alignkit/catalog/messages.hpp"
#include "catalog_text.hpp"
#include "translation_tables.hpp"

namespace alignkit::translation {
namespace {

// Set once when a panel first asks the office; read by every label after.
std::atomic<const Table*> g_ui_table{nullptr};

const Table* table_of(std::string_view language) {
  for (const Table& table : tables()) {
    if (table.language == language) return &table;
  }
  return nullptr;
}

std::string_view look_up(const Table& table, std::string_view key, std::string_view english) {
  const auto* end = table.entries.data() + table.entries.size();
  const auto* found = std::lower_bound(table.entries.data(), end, key,
                                       [](const Entry& entry, std::string_view k) { return entry.key < k; });
  return found != end && found->key == key ? found->text : english;
}

}  // namespace

std::span<const std::string_view> languages() { return shipped_languages(); }

std::string_view language_of(std::string_view locale) {
  if (locale.size() < 2) return {};
  if (locale.size() > 2 && std::isalpha(static_cast<unsigned char>(locale[2]))) return {};  // "deu", "ast"
  std::string code;
  for (char c : locale.substr(0, 2)) code += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const Table* table = table_of(code);
  return table ? table->language : std::string_view();
}

std::string_view translate(std::string_view language, std::string_view context, std::string_view english) {
  if (language.empty()) return english;
  const Table* table = table_of(language);
  if (!table) return english;
  if (context.empty()) return look_up(*table, english, english);
  // gettext's key for a message with a context: context, EOT, message.
  std::string key;
  key.reserve(context.size() + 1 + english.size());
  key.append(context).push_back('\x04');
  key.append(english);
  return look_up(*table, key, english);
}

namespace {
// The shape as a pattern that captures each placeholder's text (the shortest that fits).
std::regex shape_pattern(std::string_view shape) {
  std::string pattern = "^";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == '{' && i + 2 < shape.size() && shape[i + 2] == '}') {
      pattern += "(.+?)";
      i += 2;
    } else if (std::string_view("\\^$.|?*+()[]{}").find(shape[i]) != std::string_view::npos) {
      pattern += std::string("\\") + shape[i];
    } else {
      pattern += shape[i];
    }
  }
  return std::regex(pattern + "$");
}
}  // namespace

std::string translate_message(std::string_view language, std::string_view message) {
  if (language.empty() || !table_of(language)) return std::string(message);
  static const auto patterns = [] {
    std::vector<std::pair<std::string_view, std::regex>> all;
    for (const auto shape : messages::shapes()) all.emplace_back(shape, shape_pattern(shape));
    return all;
  }();
  const std::string text(message);
  for (const auto& [shape, pattern] : patterns) {
    std::smatch parts;
    if (!std::regex_match(text, parts, pattern)) continue;
    std::vector<std::string> values;
    for (std::size_t k = 1; k < parts.size(); ++k) {
      const std::string part = parts[k].str();
      // A name of an argument reads as the Function Wizard shows it; an interval said in words
      // ("more than 0") is a shape of its own.
      const std::string_view named = translate(language, kArgumentNameContext, part);
      values.push_back(named != part ? std::string(named) : translate_message(language, part));
    }
    const std::vector<std::string_view> views(values.begin(), values.end());
    return messages::fill(translate(language, {}, shape), views);
  }
  return text;
}

void set_ui_language(std::string_view language) { g_ui_table.store(table_of(language_of(language))); }

std::string_view ui_language() {
  const Table* table = g_ui_table.load();
  return table ? table->language : std::string_view();
}

}  // namespace alignkit::translation
