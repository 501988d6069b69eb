#include "access/token_failures.hpp"

#include <algorithm>

namespace alignkit::service {

TokenFailures::TokenFailures(int max_failures, std::chrono::seconds window, std::size_t max_addresses)
    : max_failures_(std::max(1, max_failures)), window_(window), max_addresses_(std::max<std::size_t>(1, max_addresses)) {}

long long TokenFailures::wait_seconds(const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  const auto found = tallies_.find(address);
  if (found == tallies_.end() || found->second.failures < max_failures_) return 0;
  const auto left = found->second.since + window_ - now;
  if (left <= Clock::duration::zero()) {
    drop(found);
    return 0;
  }
  return std::max<long long>(1, std::chrono::ceil<std::chrono::seconds>(left).count());
}

bool TokenFailures::failed(const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto found = tallies_.find(address);
  if (found != tallies_.end() && now - found->second.since >= window_) {
    drop(found);
    found = tallies_.end();
  }
  if (found == tallies_.end()) {
    // Full: the address counted longest ago makes room (its window is the nearest to its end).
    while (tallies_.size() >= max_addresses_) drop(tallies_.find(counted_.front()));
    counted_.push_back(address);
    found = tallies_.emplace(address, Tally{now, 0, std::prev(counted_.end())}).first;
  }
  return ++found->second.failures == max_failures_;
}

void TokenFailures::drop(std::map<std::string, Tally>::iterator tally) {
  counted_.erase(tally->second.age);
  tallies_.erase(tally);
}

}  // namespace alignkit::service
