#pragma once
// What the templates panel shows: the templates in a folder and the assumptions in one.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace alignkit::sidebar {

inline constexpr std::size_t kMaxListedTemplates = 200;
inline constexpr std::size_t kMaxAssumptionLines = 500;

/// The .json files of a folder, sorted by name (at most kMaxListedTemplates), or the file
/// itself when `place` is a file. Unreadable places give an empty list.
std::vector<std::filesystem::path> template_files(const std::filesystem::path& place);

/// One "key = value" line per number or text of the template, in key order; the free-text
/// "sources" and "description" are left to the file.
std::vector<std::string> assumption_lines(const nlohmann::json& document);

/// How TEMPLATE.VALUE should name the template: relative to the workbook's folder when the
/// template lies beneath it (so the folder can move), else the absolute path.
std::string formula_source(const std::filesystem::path& template_file, const std::filesystem::path& workbook_folder);

}  // namespace alignkit::sidebar
