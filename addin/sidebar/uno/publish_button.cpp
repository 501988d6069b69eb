#include "publish_button.hpp"

#include "panels.hpp"
#include "served_template.hpp"
#include "alignkit/sharing/sharing.hpp"
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
  form_.emplace(Controls{{controls_, "publish_reason_label", tr("Why (the owners read it)")},
                         {controls_, "publish_reason"},
                         {controls_, "publish", tr("Publish to the service")},
                         {controls_, "publish_propose", tr("Propose to the owners")},
                         {controls_, "publish_reload", tr("Reload theirs")},
                         {controls_, "publish_reapply", tr("Re-apply mine")},
                         {controls_, "publish_message"}});
  form_->publish.set_tooltip(tr("Sends your changes as a new version of the served template (groups you own only)"));
  form_->propose.set_tooltip(tr("Sends your changes to the owners of the groups they touch, who approve or decline them"));
  form_->reason.set_tooltip(tr("Kept with the version in its history; a proposal needs it: its owners decide on it"));
  form_->publish.on_press([this] { press(); });
  form_->propose.on_press([this] { propose(); });
  form_->reload.on_press([this] { reload(); });
  form_->reapply.on_press([this] { reapply(); });
  form_->publish.set_enabled(false);
  form_->propose.set_enabled(false);
  offer_conflict_choices(false);
}

std::vector<LayoutRow> PublishButton::rows() const {
  return {form_->reason_caption.row(kLabelHeight),
          form_->reason.row(),
          form_->publish.row(),
          form_->propose.row(),
          {kLineHeight, {{form_->reload.name(), 1}, {form_->reapply.name(), 1}}},
          form_->message.row(7 * kLabelHeight)};
}

void PublishButton::offer_conflict_choices(bool offered) const {
  form_->reload.set_enabled(offered);
  form_->reapply.set_enabled(offered);
}

void PublishButton::template_chosen(const ChosenTemplate& chosen) {
  form_->publish.set_enabled(chosen.served.has_value());
  proposable_.reset();
  form_->propose.set_enabled(false);
  if (!conflict_) say("", false);
}

void PublishButton::say(const std::string& text, bool is_error) { form_->message.say(text, is_error); }

void PublishButton::press() {
  const auto chosen = chosen_template(frame_key(frame_));
  if (!chosen || !chosen->served) {
    say(tr("Choose a template from a service in the Templates panel first."), true);
    return;
  }
  proposable_.reset();
  form_->propose.set_enabled(false);
  auto assumptions = assumptions_for_(*chosen->document);
  if (!assumptions) return say(fill(tr("Not published: {1}"), {assumptions.error().message}), true);
  auto mine = with_assumptions(*chosen->document, *assumptions);
  if (!mine) return say(fill(tr("Not published: {1}"), {mine.error().message}), true);
  if (templates::key_changes(*chosen->document, *mine).empty()) {
    return say(fill(tr("Nothing to publish: the panel shows version {1} of {2} as it is."),
                    {std::to_string(chosen->served->version), chosen->served->name}),
               false);
  }
  // The service's own rule, asked before sending: a change that is not the planner's to publish
  // is named at once. When the service cannot say who the token is, publishing will tell.
  if (const auto me = addin::service_at(context_, chosen->served->origin).me(); me.ok()) {
    const auto owner = sharing::owner_of(me.value);
    if (const auto why = sharing::refusal(owner, *chosen->document, *mine, sharing::changed_groups(*chosen->document, *mine))) {
      return offer_proposal(fill(tr("nothing was sent; {1}"), {*why}), *chosen, *mine);
    }
  }
  send(*chosen, *mine);
}

std::string PublishButton::refused(const std::string& why, const nlohmann::json& before, const nlohmann::json& after) const {
  std::string groups;
  for (const auto& group : sharing::touched_groups(before, after)) groups += (groups.empty() ? "" : ", ") + group;
  return fill(tr("Not published: {1}. Your changes touch: {2}"), {why, groups}) + ".";
}

void PublishButton::send(const ChosenTemplate& base, const nlohmann::json& document) {
  const auto changes = templates::key_changes(*base.document, document);
  const auto published = addin::service_at(context_, base.served->origin)
                             .publish(base.served->name, base.served->version, document.dump(), message());
  using Kind = sharing::Outcome::Kind;
  switch (published.outcome.kind) {
    case Kind::created:
    case Kind::done:
    case Kind::unchanged: {
      conflict_.reset();
      offer_conflict_choices(false);
      ChosenTemplate newer = base;
      newer.served->version = published.value;
      newer.document = std::make_shared<const nlohmann::json>(document);
      share_template(frame_key(frame_), newer);  // every panel of the window now builds on it
      say(fill(tr("Published version {1} of {2}:\n{3}"), {std::to_string(published.value), base.served->name, describe(changes)}),
          false);
      return;
    }
    case Kind::conflict: {
      auto latest = read_latest(context_, *base.served);
      if (!latest) return say(fill(tr("Someone published first, and the latest version cannot be read: {1}"), {latest.error().message}), true);
      const auto theirs = templates::key_changes(*base.document, *latest->document);
      ChosenTemplate newer = *latest;
      newer.link = base.link;  // insertions keep following the same service
      conflict_ = Conflict{base, document, newer};
      offer_conflict_choices(true);
      say(fill(tr("Not published: version {1} was published after yours ({2}). It changed:\n{3}"
                 "Reload theirs, or re-apply yours on top."),
               {std::to_string(latest->served->version), std::to_string(base.served->version),
                theirs.empty() ? std::string(tr("nothing you see\n")) : describe(theirs)}),
          true);
      return;
    }
    case Kind::unreachable: return say(fill(tr("Not published: {1}"), {published.outcome.message}), true);
    case Kind::forbidden: return offer_proposal(refusal_text(published.outcome, base.served->origin), base, document);
    default: return say(refused(refusal_text(published.outcome, base.served->origin), *base.document, document), true);
  }
}

void PublishButton::offer_proposal(const std::string& why, const ChosenTemplate& base, const nlohmann::json& mine) {
  proposable_ = Proposable{base, mine};
  form_->propose.set_enabled(true);
  say(refused(why, *base.document, mine) + "\n" + tr("Propose sends it to their owners, who approve or decline it."), true);
}

std::string PublishButton::message() const {
  const std::string reason = form_->reason.text();
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) return fill(tr("from the alignkit sidebar: {1}"), {what_});
  return reason;
}

void PublishButton::propose() {
  if (!proposable_) return;
  // The owners decide on a proposal by its reason: it is asked for, not made up.
  if (form_->reason.text().find_first_not_of(" \t\r\n") == std::string::npos) {
    return say(tr("Say why in the field above first: the owners read it before they decide."), true);
  }
  const auto [base, mine] = *proposable_;
  const auto proposed = addin::service_at(context_, base.served->origin)
                            .propose(base.served->name, base.served->version, mine.dump(), message());
  if (!proposed.ok()) return say(fill(tr("Not proposed: {1}"), {refusal_text(proposed.outcome, base.served->origin)}), true);
  proposable_.reset();
  form_->propose.set_enabled(false);
  form_->reason.set_text("");
  std::string groups;
  for (const auto& group : proposed.value.groups) groups += (groups.empty() ? "" : ", ") + group;
  say(fill(tr("Proposed to the owners of {1} (proposal {2}):\n{3}Its outcome shows in the Templates panel."),
           {groups, std::to_string(proposed.value.id), describe(templates::key_changes(*base.document, mine))}),
      false);
}

void PublishButton::reload() {
  if (!conflict_) return;
  const auto latest = conflict_->latest;
  conflict_.reset();
  offer_conflict_choices(false);
  share_template(frame_key(frame_), latest);  // the panels show theirs; the planner's change is dropped
  say(fill(tr("Reloaded version {1} of {2}."), {std::to_string(latest.served->version), latest.served->name}), false);
}

void PublishButton::reapply() {
  if (!conflict_) return;
  const auto conflict = *conflict_;
  send(conflict.latest, templates::reapply_changes(*conflict.base.document, conflict.mine, *conflict.latest.document));
}

}  // namespace alignkit::sidebar
