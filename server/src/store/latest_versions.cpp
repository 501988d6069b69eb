#include "store/latest_versions.hpp"

namespace alignkit::service {

std::optional<sharing::StoredTemplate> LatestVersions::find(const std::string& name) {
  if (trusted_.load()) {
    const std::lock_guard<std::mutex> guard(lock_);
    if (const auto* kept = kept_.find(name)) {
      ++hits_;
      return *kept;
    }
  }
  ++misses_;
  return std::nullopt;
}

void LatestVersions::remember(const sharing::StoredTemplate& newest, std::uint64_t generation) {
  const std::lock_guard<std::mutex> guard(lock_);
  // Checked under the lock that forget() takes too: a change announced after the read began
  // means the answer may already be old.
  if (!trusted_.load() || generation_.load() != generation) return;
  kept_.put(newest.info.name, newest);
}

void LatestVersions::forget(const std::string& name) {
  const std::lock_guard<std::mutex> guard(lock_);
  ++generation_;
  kept_.erase(name);
}

void LatestVersions::trust(bool trusted) {
  const std::lock_guard<std::mutex> guard(lock_);
  ++generation_;
  kept_.clear();
  trusted_.store(trusted);
}

}  // namespace alignkit::service
