#pragma once
// The templates panel fills the other panels of the same window: panels subscribe by frame,
// and a panel made later still picks up the template chosen before it existed.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "alignkit/sharing/sharing.hpp"
#include "alignkit/templates/templates.hpp"
#include "cell_block.hpp"

namespace alignkit::sidebar {

/// A template the alignkit service serves, as a panel publishes to it.
struct ServedTemplate {
  std::string url;     // http(s)://host:port/v1/templates/NAME, as formulas name it
  std::string origin;  // scheme://host:port
  std::string name;
  sharing::Version version = 0;  // the version the document is; a publish builds on it (If-Match)
};

struct ChosenTemplate {
  std::string title;           // the file's or the template's name, for messages
  std::filesystem::path file;  // empty for a served template
  std::optional<ServedTemplate> served;
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
void share_template(const void* frame, const ChosenTemplate& chosen);
/// Changes whether insertions write TEMPLATE.VALUE formulas for the frame's template.
void set_follow_template(const void* frame, bool follow);
/// The frame's chosen template, if any.
std::shared_ptr<const ChosenTemplate> chosen_template(const void* frame);

}  // namespace alignkit::sidebar
