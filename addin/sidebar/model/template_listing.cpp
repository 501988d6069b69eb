#include "template_listing.hpp"

#include <algorithm>
#include <system_error>

#include <nlohmann/json.hpp>

#include "number_text.hpp"

namespace alignkit::sidebar {

std::vector<std::filesystem::path> template_files(const std::filesystem::path& place) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (fs::is_regular_file(place, error)) return {place};
  std::vector<fs::path> files;
  fs::directory_iterator entries(place, fs::directory_options::skip_permission_denied, error);
  for (; !error && entries != fs::directory_iterator(); entries.increment(error)) {
    const auto& entry = *entries;
    if (entry.path().extension() == ".json" && entry.is_regular_file(error)) files.push_back(entry.path());
    if (files.size() >= kMaxListedTemplates) break;
  }
  std::sort(files.begin(), files.end());
  return files;
}

namespace {
void collect(const nlohmann::json& node, const std::string& key, std::vector<std::string>& lines) {
  if (lines.size() >= kMaxAssumptionLines) return;
  if (node.is_object()) {
    for (const auto& [name, child] : node.items()) {
      if (key.empty() && (name == "sources" || name == "description" || name == "template_version")) continue;
      collect(child, key.empty() ? name : key + "." + name, lines);
    }
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) collect(node[i], key + "." + std::to_string(i), lines);
  } else if (node.is_number()) {
    lines.push_back(key + " = " + format_number(node.get<double>(), 6));
  } else if (node.is_string()) {
    lines.push_back(key + " = " + node.get<std::string>());
  }
}
}  // namespace

std::vector<std::string> assumption_lines(const nlohmann::json& document) {
  std::vector<std::string> lines;
  collect(document, "", lines);
  return lines;
}

std::string formula_source(const std::filesystem::path& template_file, const std::filesystem::path& workbook_folder) {
  if (!workbook_folder.empty()) {
    const auto relative = template_file.lexically_normal().lexically_relative(workbook_folder.lexically_normal());
    if (!relative.empty() && *relative.begin() != "..") return relative.generic_string();
  }
  return template_file.lexically_normal().generic_string();
}

}  // namespace alignkit::sidebar
