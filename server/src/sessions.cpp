#include "sessions.hpp"

#include "secrets.hpp"

namespace alignkit::service {

Sessions::Sessions(std::chrono::seconds lifetime, std::size_t capacity)
    : lifetime_(lifetime), capacity_(std::max<std::size_t>(1, capacity)) {}

std::string Sessions::open(const std::string& user, const std::string& token_digest) {
  const std::string id = random_hex(32);
  const std::string key = salted_hash("", id);
  std::lock_guard lock(mutex_);
  if (sessions_.size() >= capacity_) {
    sessions_.erase(opened_.front());
    opened_.pop_front();
  }
  opened_.push_back(key);
  sessions_[key] = {{user, token_digest}, Clock::now() + lifetime_, std::prev(opened_.end())};
  return id;
}

std::optional<Sessions::Held> Sessions::find(const std::string& id, Clock::time_point now) {
  if (id.size() != 64) return std::nullopt;
  const std::string key = salted_hash("", id);
  std::lock_guard lock(mutex_);
  const auto found = sessions_.find(key);
  if (found == sessions_.end()) return std::nullopt;
  if (now >= found->second.expires) {
    opened_.erase(found->second.age);
    sessions_.erase(found);
    return std::nullopt;
  }
  return found->second.held;
}

void Sessions::close(const std::string& id) {
  const std::string key = salted_hash("", id);
  std::lock_guard lock(mutex_);
  const auto found = sessions_.find(key);
  if (found == sessions_.end()) return;
  opened_.erase(found->second.age);
  sessions_.erase(found);
}

}  // namespace alignkit::service
