#include "publish_button.hpp"

#include "panels.hpp"
#include "template_service.hpp"
#include "translation.hpp"

namespace alignkit::sidebar {

using translation::fill;
using translation::tr;

PublishButton::PublishButton(PanelControls& controls, const css::uno::Reference<css::uno::XComponentContext>& context,
                             const css::uno::Reference<css::frame::XFrame>& frame, std::string what,
                             AssumptionsFor assumptions_for)
    : controls_(controls),
      context_(context),
      frame_(frame),
      what_(std::move(what)),
      assumptions_for_(std::move(assumptions_for)) {}

void PublishButton::add_controls() {
  using Kind = PanelControls::Kind;
  controls_.add("publish", Kind::button, tr("Publish to the service"));
  controls_.set_tooltip("publish", tr("Sends your changes as a new version of the served template (groups you own only)"));
  controls_.add("publish_reload", Kind::button, tr("Reload theirs"));
  controls_.add("publish_reapply", Kind::button, tr("Re-apply mine"));
  controls_.add("publish_message", Kind::label);
  controls_.on_change("publish", [this] { press(); });
  controls_.on_change("publish_reload", [this] { reload(); });
  controls_.on_change("publish_reapply", [this] { reapply(); });
  controls_.set_enabled("publish", false);
  controls_.set_enabled("publish_reload", false);
  controls_.set_enabled("publish_reapply", false);
}

std::vector<LayoutRow> PublishButton::rows() const {
  return {full_width("publish"),
          {kLineHeight, {{"publish_reload", 1}, {"publish_reapply", 1}}},
          full_width("publish_message", 7 * kLabelHeight)};
}

void PublishButton::template_chosen(const ChosenTemplate& chosen) {
  controls_.set_enabled("publish", chosen.served.has_value());
  if (!conflict_) say("", false);
}

void PublishButton::say(const std::string& text, bool is_error) {
  show_message(controls_, "publish_message", text, is_error);
}

void PublishButton::press() {
  const auto chosen = chosen_template(frame_key(frame_));
  if (!chosen || !chosen->served) {
    say(tr("Choose a template from a service in the Templates panel first."), true);
    return;
  }
  auto assumptions = assumptions_for_(*chosen->document);
  if (!assumptions) return say(fill(tr("Not published: {1}"), {assumptions.error().message}), true);
  auto mine = with_assumptions(*chosen->document, *assumptions);
  if (!mine) return say(fill(tr("Not published: {1}"), {mine.error().message}), true);
  if (changed_keys(*chosen->document, *mine).empty()) {
    return say(fill(tr("Nothing to publish: the panel shows version {1} of {2} as it is."),
                    {std::to_string(chosen->served->version), chosen->served->name}),
               false);
  }
  send(*chosen, *mine);
}

void PublishButton::send(const ChosenTemplate& base, const nlohmann::json& document) {
  const auto changes = changed_keys(*base.document, document);
  const auto outcome = publish_version(context_, *base.served, document, fill(tr("from the alignkit sidebar: {1}"), {what_}));
  using Kind = PublishOutcome::Kind;
  switch (outcome.kind) {
    case Kind::published: {
      conflict_.reset();
      controls_.set_enabled("publish_reload", false);
      controls_.set_enabled("publish_reapply", false);
      ChosenTemplate published = base;
      published.served->version = outcome.version;
      published.document = std::make_shared<const nlohmann::json>(document);
      publish(frame_key(frame_), published);  // every panel of the window now builds on it
      say(fill(tr("Published version {1} of {2}:\n{3}"), {std::to_string(outcome.version), base.served->name, describe(changes)}),
          false);
      return;
    }
    case Kind::someone_first: {
      auto latest = read_latest(context_, *base.served);
      if (!latest) return say(fill(tr("Someone published first, and the latest version cannot be read: {1}"), {latest.error().message}), true);
      const auto theirs = changed_keys(*base.document, *latest->document);
      ChosenTemplate newer = *latest;
      newer.link = base.link;  // insertions keep following the same service
      conflict_ = Conflict{base, document, newer};
      controls_.set_enabled("publish_reload", true);
      controls_.set_enabled("publish_reapply", true);
      say(fill(tr("Not published: version {1} was published after yours ({2}). It changed:\n{3}"
                 "Reload theirs, or re-apply yours on top."),
               {std::to_string(latest->served->version), std::to_string(base.served->version),
                theirs.empty() ? std::string(tr("nothing you see\n")) : describe(theirs)}),
          true);
      return;
    }
    case Kind::refused:
      return say(fill(tr("Not published: {1}. Your changes touch: {2}"), {outcome.message, [&] {
        std::string groups;
        for (const auto& group : groups_of(changes)) groups += (groups.empty() ? "" : ", ") + group;
        return groups;
      }()}) + ".", true);
    case Kind::unreachable: return say(fill(tr("Not published: {1}"), {outcome.message}), true);
  }
}

void PublishButton::reload() {
  if (!conflict_) return;
  const auto latest = conflict_->latest;
  conflict_.reset();
  controls_.set_enabled("publish_reload", false);
  controls_.set_enabled("publish_reapply", false);
  publish(frame_key(frame_), latest);  // the panels show theirs; the planner's change is dropped
  say(fill(tr("Reloaded version {1} of {2}."), {std::to_string(latest.served->version), latest.served->name}), false);
}

void PublishButton::reapply() {
  if (!conflict_) return;
  const auto conflict = *conflict_;
  send(conflict.latest, reapply_changes(*conflict.base.document, conflict.mine, *conflict.latest.document));
}

}  // namespace alignkit::sidebar
