#pragma once
// A compiled gettext catalog (.mo, as msgfmt writes it) read back for the code generator.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace alignkit::codegen {

struct MessageCatalog {
  std::string language;                       // from the file name: de.mo -> "de"
  std::map<std::string, std::string> entries;  // msgid (or msgctxt EOT msgid) -> msgstr

  /// The translation, or `english` when there is none.
  [[nodiscard]] std::string get(std::string_view context, std::string_view english) const;
};

/// Throws std::runtime_error naming the file when it is not a .mo file.
MessageCatalog read_mo(const std::filesystem::path& file);

}  // namespace alignkit::codegen
