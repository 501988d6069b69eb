#pragma once
// A bounded cache that, when full, drops what was used longest ago: entries a recalculation
// keeps reading stay, one-off reads go first. Not thread-safe: its owner holds the lock.
#include <cstddef>
#include <list>
#include <map>
#include <utility>

namespace alignkit {

template <typename Key, typename Value>
class RecentlyUsed {
 public:
  explicit RecentlyUsed(std::size_t capacity) : capacity_(capacity < 1 ? 1 : capacity) {}

  /// The value kept for key, now the most recently used; nullptr when there is none.
  Value* find(const Key& key) {
    const auto found = index_.find(key);
    if (found == index_.end()) return nullptr;
    order_.splice(order_.begin(), order_, found->second);
    return &found->second->second;
  }

  /// Keeps value for key as the most recently used, dropping the least recently used if full.
  void put(const Key& key, Value value) {
    if (Value* kept = find(key)) {
      *kept = std::move(value);
      return;
    }
    if (order_.size() >= capacity_) {
      index_.erase(order_.back().first);
      order_.pop_back();
    }
    order_.emplace_front(key, std::move(value));
    index_.emplace(key, order_.begin());
  }

  void erase(const Key& key) {
    if (const auto found = index_.find(key); found != index_.end()) {
      order_.erase(found->second);
      index_.erase(found);
    }
  }
  void clear() {
    index_.clear();
    order_.clear();
  }
  [[nodiscard]] std::size_t size() const { return order_.size(); }

 private:
  std::size_t capacity_;
  std::list<std::pair<Key, Value>> order_;  // most recently used first
  std::map<Key, typename std::list<std::pair<Key, Value>>::iterator> index_;
};

}  // namespace alignkit
