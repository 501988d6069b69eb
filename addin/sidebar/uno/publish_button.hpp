#pragma once
// "Publish" for the funnel and turnover panels: sends the panel's figures as a new version of
// the served template they came from. When someone published first, it shows what they changed
// and lets the planner reload theirs or re-apply their own change on top: never a silent overwrite.
// A change to a group the planner does not own is offered to its owners instead ("Propose").
#include <functional>
#include <optional>
#include <string>

#include <com/sun/star/frame/XFrame.hpp>
#include <nlohmann/json.hpp>

#include "alignkit/metrics/result.hpp"
#include "form.hpp"
#include "panel_layout.hpp"
#include "template_edit.hpp"
#include "template_sharing.hpp"

namespace alignkit::sidebar {

class PublishButton {
 public:
  /// The panel's figures, under the keys of the template they came from.
  using AssumptionsFor = std::function<Result<Assumptions>(const nlohmann::json& document)>;

  PublishButton(PanelControls& controls, const css::uno::Reference<css::uno::XComponentContext>& context,
                const css::uno::Reference<css::frame::XFrame>& frame, std::string what, AssumptionsFor assumptions_for);

  void add_controls();
  /// The rows the controls take, for the panel's layout.
  [[nodiscard]] std::vector<LayoutRow> rows() const;
  /// A template was chosen in the Templates panel: publishing is for served ones.
  void template_chosen(const ChosenTemplate& chosen);

 private:
  struct Proposable {  // refused for groups the planner does not own: their owners may take it
    ChosenTemplate base;
    nlohmann::json mine;
  };
  struct Conflict {
    ChosenTemplate base;    // what the panel was filled from
    nlohmann::json mine;    // base with the planner's figures
    ChosenTemplate latest;  // what someone published first
  };
  void press();
  void send(const ChosenTemplate& base, const nlohmann::json& document);
  void reload();
  void reapply();
  void propose();
  /// What the owners read with the change: the planner's reason, else where it came from.
  [[nodiscard]] std::string message() const;
  /// Refused for ownership: says so, and offers the change to the owners.
  void offer_proposal(const std::string& why, const ChosenTemplate& base, const nlohmann::json& mine);
  void say(const std::string& text, bool is_error);
  /// A refusal as the planner reads it: why, and the groups their changes touch.
  [[nodiscard]] std::string refused(const std::string& why, const nlohmann::json& before, const nlohmann::json& after) const;

  // The conflict's two answers are offered together, so they are enabled together.
  void offer_conflict_choices(bool offered) const;

  PanelControls& controls_;
  struct Controls {  // made by add_controls(), where the panel's tab order wants them
    form::Label reason_caption;
    form::Edit reason;  // why: kept with the version or the proposal, read by the owners
    form::Button publish, propose, reload, reapply;
    form::Label message;
  };
  std::optional<Controls> form_;
  css::uno::Reference<css::uno::XComponentContext> context_;
  css::uno::Reference<css::frame::XFrame> frame_;
  std::string what_;  // "turnover figures", "funnel rates" (for messages and the version message)
  AssumptionsFor assumptions_for_;
  std::optional<Conflict> conflict_;
  std::optional<Proposable> proposable_;
};

}  // namespace alignkit::sidebar
