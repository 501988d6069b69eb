#pragma once
// What TEMPLATE.VALUE and TEMPLATE.INFO read: a key or a field from the template a source names,
// a file through Files or a served template through Served. Handed to the functions in their
// CallContext by whoever evaluates them (the add-in, the service, the command).
#include <filesystem>
#include <memory>
#include <string_view>

#include "alignkit/served_templates.hpp"
#include "alignkit/template_files.hpp"
#include "alignkit/templates.hpp"

namespace alignkit::templates {

class Reader {
 public:
  /// Files only, its own cache: served templates are bad input (the command line, the service).
  Reader();
  explicit Reader(std::shared_ptr<Files> files, std::shared_ptr<Served> served = nullptr);

  Result<Value> value(std::string_view source, std::string_view key, const std::filesystem::path& base_dir,
                      bool confined = false);
  /// What a workbook needs to know about the template it follows (TEMPLATE.INFO): "name",
  /// "version" (the file's template_version), "updated" (when the file last changed) and
  /// "checked" (when it was read) as Calc date-times in local time, "author" (empty for a
  /// file), "stale" (0: a file is always read as it is now).
  Result<Value> info(std::string_view source, std::string_view field, const std::filesystem::path& base_dir,
                     bool confined = false);

 private:
  // The answers before a confined reader's errors lose the folder's path.
  Result<Value> value_at(std::string_view source, std::string_view key, const std::filesystem::path& base_dir,
                         bool confined);
  Result<Value> info_at(std::string_view source, std::string_view field, const std::filesystem::path& base_dir,
                        bool confined);
  Result<Value> served_info(std::string_view source, std::string_view field);
  Result<ServedCopy> served(std::string_view source);

  std::shared_ptr<Files> files_;
  std::shared_ptr<Served> served_;
};

}  // namespace alignkit::templates
