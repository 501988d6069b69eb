#include "template_sharing.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <vector>

namespace alignkit::sidebar {
namespace {

struct FrameState {
  std::vector<TemplateSubscriber*> subscribers;
  std::shared_ptr<const ChosenTemplate> chosen;
};

std::mutex& registry_mutex() {
  static std::mutex mutex;
  return mutex;
}
std::map<const void*, FrameState>& registry() {
  static std::map<const void*, FrameState> frames;
  return frames;
}

}  // namespace

void subscribe(const void* frame, TemplateSubscriber* subscriber) {
  std::shared_ptr<const ChosenTemplate> chosen;
  {
    std::lock_guard lock(registry_mutex());
    auto& state = registry()[frame];
    state.subscribers.push_back(subscriber);
    chosen = state.chosen;
  }
  if (chosen) subscriber->use_template(*chosen);
}

void unsubscribe(const void* frame, TemplateSubscriber* subscriber) {
  std::lock_guard lock(registry_mutex());
  auto found = registry().find(frame);
  if (found == registry().end()) return;
  std::erase(found->second.subscribers, subscriber);
  // The last panel of a window is gone: forget the window, whose address may be reused.
  if (found->second.subscribers.empty()) registry().erase(found);
}

void share_template(const void* frame, const ChosenTemplate& chosen) {
  std::vector<TemplateSubscriber*> subscribers;
  {
    std::lock_guard lock(registry_mutex());
    auto& state = registry()[frame];
    state.chosen = std::make_shared<const ChosenTemplate>(chosen);
    subscribers = state.subscribers;
  }
  for (auto* subscriber : subscribers) subscriber->use_template(chosen);
}

void set_follow_template(const void* frame, bool follow) {
  std::lock_guard lock(registry_mutex());
  auto found = registry().find(frame);
  if (found == registry().end() || !found->second.chosen) return;
  auto changed = std::make_shared<ChosenTemplate>(*found->second.chosen);
  changed->link.write_formulas = follow;
  found->second.chosen = std::move(changed);
}

std::shared_ptr<const ChosenTemplate> chosen_template(const void* frame) {
  std::lock_guard lock(registry_mutex());
  auto found = registry().find(frame);
  return found == registry().end() ? nullptr : found->second.chosen;
}

}  // namespace alignkit::sidebar
