#include "access/sessions.hpp"

#include "access/secrets.hpp"

namespace alignkit::service {

Sessions::Sessions(std::chrono::seconds lifetime, std::size_t capacity, std::size_t per_user)
    : lifetime_(lifetime), capacity_(std::max<std::size_t>(1, capacity)), per_user_(std::max<std::size_t>(1, per_user)) {}

std::string Sessions::open(Held opened_for) {
  const std::string user = opened_for.user;
  const std::string id = random_hex(32);
  const std::string key = salted_hash("", id);
  std::lock_guard lock(mutex_);
  // The user's own oldest goes first (opened_ is oldest first); only then anyone's oldest.
  std::size_t held = 0;
  auto oldest_own = opened_.end();
  for (auto at = opened_.begin(); at != opened_.end(); ++at) {
    if (sessions_.at(*at).held.user != user) continue;
    if (held++ == 0) oldest_own = at;
  }
  if (held >= per_user_) {
    sessions_.erase(*oldest_own);
    opened_.erase(oldest_own);
  } else if (sessions_.size() >= capacity_) {
    sessions_.erase(opened_.front());
    opened_.pop_front();
  }
  opened_.push_back(key);
  sessions_[key] = Entry{std::move(opened_for), Clock::now() + lifetime_, std::prev(opened_.end())};
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

void Sessions::update(const std::string& id, const DirectoryAccount& account, Clock::time_point read) {
  const std::string key = salted_hash("", id);
  std::lock_guard lock(mutex_);
  const auto found = sessions_.find(key);
  if (found == sessions_.end()) return;
  found->second.held.directory = account;
  found->second.held.rights_read = read;
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
