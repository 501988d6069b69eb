#pragma once
// The templates panel fills the other panels of the same window: panels subscribe by frame,
// and a panel made later still picks up the template chosen before it existed.
#include <filesystem>
#include <memory>

#include "alignkit/templates.hpp"
#include "cell_block.hpp"

namespace alignkit::sidebar {

struct ChosenTemplate {
  std::filesystem::path file;
  templates::Document document;
  TemplateLink link;  // how insertions name it, and whether they follow it
};

class TemplateSubscriber {
 public:
  virtual ~TemplateSubscriber() = default;
  virtual void use_template(const ChosenTemplate& chosen) = 0;
};

/// All calls come on the office's main thread (panel events); the registry is still guarded.
void subscribe(const void* frame, TemplateSubscriber* subscriber);
void unsubscribe(const void* frame, TemplateSubscriber* subscriber);
/// Sends the template to every panel of the frame and keeps it for panels made later.
void publish(const void* frame, const ChosenTemplate& chosen);
/// Changes whether insertions write TEMPLATE.VALUE formulas for the frame's template.
void set_follow_template(const void* frame, bool follow);
/// The frame's chosen template, if any.
std::shared_ptr<const ChosenTemplate> chosen_template(const void* frame);

}  // namespace alignkit::sidebar
