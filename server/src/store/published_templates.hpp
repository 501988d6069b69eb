#pragma once
// TEMPLATE.VALUE and TEMPLATE.INFO in /v1/eval and /v1/batch read the store's published
// templates: "NAME" is the latest version, "NAME@3" version 3. A version never changes, so each
// is parsed once and kept (the ones in use stay); the latest is asked of the store every call,
// so a write acknowledged by any instance is read by the next call.
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "alignkit/templates/recently_used.hpp"
#include "alignkit/templates/template_reader.hpp"

namespace alignkit::service {

class TemplateStore;

class PublishedTemplates {
 public:
  explicit PublishedTemplates(std::shared_ptr<TemplateStore> store, std::size_t capacity = 256);

  /// The published template a source names, or nothing when the store has no such name.
  std::optional<Result<templates::ServedCopy>> find(std::string_view source);
  /// As what a Reader reads published templates through.
  templates::Reader::Published reader_source();

 private:
  std::shared_ptr<TemplateStore> store_;
  std::mutex mutex_;
  RecentlyUsed<std::string, templates::Document> parsed_;  // by "NAME@VERSION"
};

}  // namespace alignkit::service
