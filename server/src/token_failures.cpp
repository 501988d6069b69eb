#include "token_failures.hpp"

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
    tallies_.erase(found);
    return 0;
  }
  return std::max<long long>(1, std::chrono::ceil<std::chrono::seconds>(left).count());
}

bool TokenFailures::failed(const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto found = tallies_.find(address);
  if (found != tallies_.end() && now - found->second.since >= window_) {
    tallies_.erase(found);
    found = tallies_.end();
  }
  if (found == tallies_.end()) {
    if (tallies_.size() >= max_addresses_) forget_old(now);
    if (tallies_.size() >= max_addresses_) return false;  // every slot busy within its window: count nothing new
    found = tallies_.emplace(address, Tally{now, 0}).first;
  }
  return ++found->second.failures == max_failures_;
}

void TokenFailures::forget_old(Clock::time_point now) {
  std::erase_if(tallies_, [&](const auto& entry) { return now - entry.second.since >= window_; });
}

}  // namespace alignkit::service
