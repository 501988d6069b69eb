#pragma once
// The extension's localized files, written from the catalog, the package's English texts and
// the compiled translations (po/*.po -> *.mo): the translators' template, the add-in's tables,
// CalcAddIns.xcu's and Sidebar.xcu's values per language, description.xml and the help pages.
#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "catalog_text.hpp"
#include "mo_file.hpp"

namespace alignkit::codegen {

using Catalogs = std::vector<MessageCatalog>;

/// The words of one language: a catalog, or English (no catalog), looked up as
/// text(context, english).
struct Language {
  const MessageCatalog* catalog = nullptr;

  std::string operator()(std::string_view context, std::string_view english) const {
    return catalog ? catalog->get(context, english) : std::string(english);
  }
  [[nodiscard]] std::string tag() const { return translation::language_tag(catalog ? catalog->language : ""); }
};

/// English first, then each catalog's language.
std::vector<Language> languages(const Catalogs& catalogs);

struct PackageTexts {
  std::filesystem::path sidebar_xcu;       // panel titles
  std::filesystem::path description_text;  // the extension's English description
};

/// Every catalog and package text a translator translates (gettext .pot).
void write_pot(std::ostream& out, const PackageTexts& package);
/// The add-in's translation tables (translation_tables.hpp) in C++.
void write_translations(std::ostream& out, const Catalogs& catalogs);
/// `text(language)` for en-US and each language, as XCU <value> elements.
std::string localized_values(const Catalogs& catalogs, const std::function<std::string(const Language&)>& text);
/// `english` and its translations, as XCU <value> elements.
std::string localized_values(std::string_view context, std::string_view english, const Catalogs& catalogs);
/// Sidebar.xcu with every Title in every language.
void write_sidebar_xcu(std::ostream& out, const std::filesystem::path& source, const Catalogs& catalogs);
/// description.xml (from its configured source) with the name and description per language;
/// writes description/description-<language>.txt beside it.
void write_description(const std::filesystem::path& out, const std::filesystem::path& source,
                       const std::filesystem::path& description_text, const Catalogs& catalogs);
/// help/<language>/<family>.html: one page per function family, and an index, per language
/// ("en-US" for English). The sidebar's Help buttons open them.
void write_help(const std::filesystem::path& help_folder, const Catalogs& catalogs);

/// The owners' web page's words: words-<language>.json in `folder` for each language, every
/// translation without a context (the page looks its texts up by their English).
void write_page_words(const std::filesystem::path& folder, const Catalogs& catalogs);

}  // namespace alignkit::codegen
