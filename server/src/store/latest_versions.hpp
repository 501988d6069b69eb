#pragma once
// The newest version of each template, kept in memory so a read costs no database round trip.
// Kept correct by being told of every change: by this process's own writes, and — on PostgreSQL,
// where several instances share one store — by the database's notifications (ChangeListener).
// A read that raced with a change is never kept: each entry is only put back when no change was
// announced since the read began (a generation count).
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "alignkit/templates/recently_used.hpp"
#include "alignkit/sharing/sharing.hpp"

namespace alignkit::service {

class LatestVersions {
 public:
  explicit LatestVersions(std::size_t capacity = 1024) : kept_(capacity) {}

  /// The kept newest version of `name`, if kept and the cache can be trusted now.
  std::optional<sharing::StoredTemplate> find(const std::string& name);
  /// Taken before asking the database; hand it back to remember().
  [[nodiscard]] std::uint64_t generation() const { return generation_.load(); }
  /// Keeps what the database answered, unless a change was announced since `generation`.
  void remember(const sharing::StoredTemplate& newest, std::uint64_t generation);
  /// `name` changed (a write here, or a notification from another instance).
  void forget(const std::string& name);
  /// Only while changes are sure to be heard (on PostgreSQL: while listening) is anything kept.
  void trust(bool trusted);
  /// Reads answered from memory, and reads that asked the store, since the start.
  [[nodiscard]] std::pair<std::uint64_t, std::uint64_t> counts() const { return {hits_.load(), misses_.load()}; }

 private:
  std::mutex lock_;
  RecentlyUsed<std::string, sharing::StoredTemplate> kept_;
  std::atomic<std::uint64_t> generation_{0};
  std::atomic<bool> trusted_{false};
  std::atomic<std::uint64_t> hits_{0}, misses_{0};
};

}  // namespace alignkit::service
