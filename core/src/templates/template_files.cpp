#include "alignkit/templates/template_files.hpp"

#include "alignkit/templates/recently_used.hpp"

namespace alignkit::templates {
namespace fs = std::filesystem;

Files::Files(std::size_t capacity) : entries_(std::make_unique<RecentlyUsed<fs::path, Entry>>(capacity)) {}
Files::~Files() = default;

Result<Document> Files::load(const fs::path& file) {
  std::error_code ec;
  const auto status = fs::status(file, ec);
  if (ec || !fs::exists(status)) return Error{"template file '" + file.string() + "' not found"};
  if (!fs::is_regular_file(status)) return Error{"template '" + file.string() + "' is not a file"};
  const auto size = fs::file_size(file, ec);
  const auto modified = fs::last_write_time(file, ec);
  if (ec) return Error{"template file '" + file.string() + "' cannot be read"};
  if (size > kMaxFileBytes) return Error{"template file '" + file.string() + "' is larger than 8 MiB"};
  {
    std::lock_guard lock(mutex_);
    if (const Entry* kept = entries_->find(file); kept && kept->modified == modified && kept->size == size) {
      return kept->document;
    }
  }
  // Read and parsed outside the lock: a large or slow file never holds up other templates.
  auto document = read_file(file);
  if (!document) return document;
  // Kept only when the file did not change while it was read: a torn read is read again on the
  // next recalculation instead of being kept.
  const auto size_after = fs::file_size(file, ec);
  const auto modified_after = fs::last_write_time(file, ec);
  if (!ec && size_after == size && modified_after == modified) {
    std::lock_guard lock(mutex_);
    entries_->put(file, Entry{modified, size, *document});
  }
  return document;
}

}  // namespace alignkit::templates
