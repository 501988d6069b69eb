#include "alignkit/templates/template_reader.hpp"

#include <algorithm>
#include <chrono>
#include <iterator>
#include <string>

#include "alignkit/sharing/sharing.hpp"

namespace alignkit::templates {
namespace fs = std::filesystem;
using nlohmann::json;

Reader::Reader() : Reader(std::make_shared<Files>()) {}
Reader::Reader(std::shared_ptr<Files> files, std::shared_ptr<Served> served, Published published)
    : files_(std::move(files)), served_(std::move(served)), published_(std::move(published)) {}

Result<ServedCopy> Reader::served(std::string_view source) {
  if (!served_) return Error{"'" + std::string(source.substr(0, 200)) + "' is a web address; templates from a service are read inside the office"};
  return served_->copy(source);
}

Result<fs::path> Reader::file_of(std::string_view source, const fs::path& base_dir, bool confined) const {
  if (!source.starts_with(kBundledPrefix)) return resolve(source, base_dir, confined);
  const std::string_view name = source.substr(kBundledPrefix.size());
  const bool plain = !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
  if (!plain) {
    return Error{"'" + std::string(source.substr(0, 80)) + "' names no template that comes with alignkit; try alignkit:inside_sales"};
  }
  if (bundled_.empty()) return Error{"the templates that come with alignkit are not installed here"};
  fs::path file = bundled_ / (std::string(name) + ".json");
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    return Error{"'" + std::string(source) + "' names no template that comes with alignkit; try alignkit:inside_sales"};
  }
  return file;
}

Result<Value> Reader::value(std::string_view source, std::string_view key, const fs::path& base_dir,
                           bool confined) {
  auto answer = value_at(source, key, base_dir, confined);
  if (!answer && confined) return Error{without_folder(answer.error().message, base_dir)};
  return answer;
}

Result<Value> Reader::value_at(std::string_view source, std::string_view key, const fs::path& base_dir,
                              bool confined) {
  auto document = document_at(source, base_dir, confined);
  if (!document) return document.error();
  return lookup(**document, key);
}

Result<Document> Reader::document(std::string_view source, const fs::path& base_dir, bool confined) {
  auto answer = document_at(source, base_dir, confined);
  if (!answer && confined) return Error{without_folder(answer.error().message, base_dir)};
  return answer;
}

Result<Document> Reader::document_at(std::string_view source, const fs::path& base_dir, bool confined) {
  if (!confined && is_web_address(source)) {
    auto served_copy = served(source);
    if (!served_copy) return served_copy.error();
    return served_copy->document;
  }
  if (auto copy = published(source)) {
    if (!*copy) return copy->error();
    return (*copy)->document;
  }
  auto file = file_of(source, base_dir, confined);
  if (!file) return file.error();
  return files_->load(*file);
}

Result<Value> Reader::info(std::string_view source, std::string_view field, const fs::path& base_dir, bool confined) {
  auto answer = info_at(source, field, base_dir, confined);
  if (!answer && confined) return Error{without_folder(answer.error().message, base_dir)};
  return answer;
}

Result<Value> Reader::info_at(std::string_view source, std::string_view field, const fs::path& base_dir,
                             bool confined) {
  static constexpr std::string_view kFields[] = {"name", "version", "updated", "author", "approved_by", "stale", "checked"};
  if (std::find(std::begin(kFields), std::end(kFields), field) == std::end(kFields)) {
    return Error{"field '" + std::string(field.substr(0, 64)) +
                 "' is not one of \"name\", \"version\", \"updated\", \"author\", \"approved_by\", \"stale\", \"checked\""};
  }
  if (!confined && is_web_address(source)) {
    auto copy = served(source);
    if (!copy) return copy.error();
    return copy_info(*copy, source, served_source(source)->name, field);
  }
  if (auto copy = published(source)) {
    if (!*copy) return copy->error();
    return copy_info(**copy, source, std::string(source.substr(0, source.find('@'))), field);
  }
  auto file = file_of(source, base_dir, confined);
  if (!file) return file.error();
  auto document = files_->load(*file);
  if (!document) return document.error();
  if (field == "name") {
    const json& doc = **document;
    return Value{doc.contains("name") && doc["name"].is_string() ? doc["name"].get<std::string>() : file->stem().string()};
  }
  if (field == "version") return Value{(*document)->value("template_version", 0.0)};
  if (field == "author" || field == "approved_by") return Value{std::string()};
  if (field == "stale") return Value{0.0};
  if (field == "checked") return Value{calc_date_time(std::chrono::system_clock::now())};
  std::error_code ec;
  const auto modified = fs::last_write_time(*file, ec);
  if (ec) return Error{"template file '" + file->string() + "' cannot be read"};
  return Value{calc_date_time(std::chrono::file_clock::to_sys(modified))};
}

std::optional<Result<ServedCopy>> Reader::published(std::string_view source) const {
  if (!published_) return std::nullopt;
  return published_(source);
}

Result<Value> Reader::copy_info(const ServedCopy& copy, std::string_view source, const std::string& name,
                                std::string_view field) {
  const json& document = *copy.document;
  if (field == "name") {
    if (document.contains("name") && document["name"].is_string()) return Value{document["name"].get<std::string>()};
    return Value{name};
  }
  if (field == "version") {
    if (copy.version < 1) return Error{"the service sent no version for '" + std::string(source.substr(0, 200)) + "'"};
    return Value{static_cast<double>(copy.version)};
  }
  if (field == "author") return Value{copy.author};
  if (field == "approved_by") return Value{copy.approved_by};
  if (field == "stale") return Value{copy.stale ? 1.0 : 0.0};
  if (field == "checked") return Value{calc_date_time(copy.checked)};
  auto updated = calc_date_time(copy.published);
  if (!updated) return Error{"the service sent no time of the last change: " + updated.error().message};
  return Value{*updated};
}

}  // namespace alignkit::templates
