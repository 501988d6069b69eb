#pragma once
// What TEMPLATE.VALUE and TEMPLATE.INFO read: a key or a field from the template a source names,
// a file through Files or a served template through Served. Handed to the functions in their
// CallContext by whoever evaluates them (the add-in, the service, the command).
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "alignkit/templates/served_templates.hpp"
#include "alignkit/templates/template_files.hpp"
#include "alignkit/templates/templates.hpp"

namespace alignkit::templates {

class Reader {
 public:
  /// The template a source names in a store of published versions (the service's own store),
  /// as a copy with its version, author and time; nothing when the source names none there.
  using Published = std::function<std::optional<Result<ServedCopy>>(std::string_view source)>;

  /// Files only, its own cache: served templates are bad input (the command line, the service).
  Reader();
  explicit Reader(std::shared_ptr<Files> files, std::shared_ptr<Served> served = nullptr, Published published = {});

  /// The folder of the templates that come with alignkit, read as "alignkit:NAME" (NAME.json in
  /// it) from any workbook, saved or not; none: such a source says where they are missing.
  void set_bundled(std::filesystem::path folder) { bundled_ = std::move(folder); }

  Result<Value> value(std::string_view source, std::string_view key, const std::filesystem::path& base_dir,
                      bool confined = false);
  /// The whole template a source names, as value() reads it (the alignment check).
  Result<Document> document(std::string_view source, const std::filesystem::path& base_dir, bool confined = false);
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
  Result<Document> document_at(std::string_view source, const std::filesystem::path& base_dir, bool confined);
  Result<Value> info_at(std::string_view source, std::string_view field, const std::filesystem::path& base_dir,
                        bool confined);
  static Result<Value> copy_info(const ServedCopy& copy, std::string_view source, const std::string& name,
                                 std::string_view field);
  Result<ServedCopy> served(std::string_view source);
  // The file a source names: an "alignkit:NAME" among the bundled templates, else resolve()'s.
  [[nodiscard]] Result<std::filesystem::path> file_of(std::string_view source, const std::filesystem::path& base_dir,
                                                      bool confined) const;
  [[nodiscard]] std::optional<Result<ServedCopy>> published(std::string_view source) const;

  std::shared_ptr<Files> files_;
  std::shared_ptr<Served> served_;
  Published published_;
  std::filesystem::path bundled_;
};

/// How a workbook names a template that comes with alignkit: "alignkit:inside_sales".
inline constexpr std::string_view kBundledPrefix = "alignkit:";

}  // namespace alignkit::templates
