#pragma once
// Template files, read once and kept until the file's size or modification time changes, so a
// recalculation sees edits without re-parsing on every cell. Whoever reads folders of templates
// (the add-in's functions, the service's folder) owns one and hands it on.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>

#include "alignkit/templates/templates.hpp"

namespace alignkit {
template <typename Key, typename Value>
class RecentlyUsed;
}

namespace alignkit::templates {

class Files {
 public:
  explicit Files(std::size_t capacity = 64);
  ~Files();
  Files(const Files&) = delete;
  Files& operator=(const Files&) = delete;

  /// The file's template, parsed when it changed since it was last read. Thread-safe.
  Result<Document> load(const std::filesystem::path& file);

 private:
  struct Entry {
    std::filesystem::file_time_type modified;
    std::uintmax_t size = 0;
    Document document;
  };
  std::mutex mutex_;
  std::unique_ptr<RecentlyUsed<std::filesystem::path, Entry>> entries_;
};

}  // namespace alignkit::templates
