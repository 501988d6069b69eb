#include "translation.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>

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

void set_ui_language(std::string_view language) { g_ui_table.store(table_of(language_of(language))); }

std::string_view ui_language() {
  const Table* table = g_ui_table.load();
  return table ? table->language : std::string_view();
}

}  // namespace alignkit::translation
