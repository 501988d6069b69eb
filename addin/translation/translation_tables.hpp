#pragma once
// The compiled translations, generated from po/*.po (alignkit-codegen translations).
#include <span>
#include <string_view>

namespace alignkit::translation {

struct Entry {
  std::string_view key;   // msgid, or msgctxt EOT msgid
  std::string_view text;  // msgstr
};

struct Table {
  std::string_view language;
  std::span<const Entry> entries;  // sorted by key
};

std::span<const Table> tables();
std::span<const std::string_view> shipped_languages();

}  // namespace alignkit::translation
