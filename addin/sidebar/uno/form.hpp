#pragma once
// A panel's form: typed handles to its controls, so a control is named once, where it is added,
// and used through its handle (a label cannot be read as a list, nor a name misspelt later).
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "controls.hpp"
#include "panel_layout.hpp"

namespace alignkit::sidebar::form {

class Handle {
 public:
  Handle(PanelControls& controls, std::string name) : controls_(&controls), name_(std::move(name)) {}
  [[nodiscard]] const std::string& name() const { return name_; }
  void set_enabled(bool enabled) const { controls_->set_enabled(name_, enabled); }
  void set_tooltip(std::string_view text) const { controls_->set_tooltip(name_, text); }
  [[nodiscard]] LayoutRow row(int height = kLineHeight) const { return full_width(name_, height); }

 protected:
  PanelControls* controls_;
  std::string name_;
};

class Label : public Handle {
 public:
  Label(PanelControls& controls, std::string name, std::string_view text = {}) : Handle(controls, std::move(name)) {
    controls.add(name_, PanelControls::Kind::label, text);
  }
  [[nodiscard]] std::string text() const { return controls_->text(name_); }
  void set_text(std::string_view text) const { controls_->set_text(name_, text); }
  void set_bold() const { controls_->set_bold(name_); }
  /// Red for a problem, the theme's colour otherwise.
  void say(const std::string& text, bool is_error) const;
};

class Edit : public Handle {
 public:
  Edit(PanelControls& controls, std::string name) : Handle(controls, std::move(name)) {
    controls.add(name_, PanelControls::Kind::edit);
  }
  [[nodiscard]] std::string text() const { return controls_->text(name_); }
  void set_text(std::string_view text) const { controls_->set_text(name_, text); }
  void on_typed(std::function<void()> callback) const { controls_->on_change(name_, std::move(callback)); }
  void hide_typing() const { controls_->hide_typing(name_); }  // shows • for each character (a token)
};

/// A picture the panel draws (SVG), scaled to the panel's width.
class Picture : public Handle {
 public:
  Picture(PanelControls& controls, std::string name) : Handle(controls, std::move(name)) {
    controls.add(name_, PanelControls::Kind::picture);
  }
  void show_svg(std::string_view svg) const { controls_->show_svg(name_, svg); }
};

class Button : public Handle {
 public:
  Button(PanelControls& controls, std::string name, std::string_view label) : Handle(controls, std::move(name)) {
    controls.add(name_, PanelControls::Kind::button, label);
  }
  void set_label(std::string_view label) const { controls_->set_text(name_, label); }
  void on_press(std::function<void()> callback) const { controls_->on_change(name_, std::move(callback)); }
};

class CheckBox : public Handle {
 public:
  CheckBox(PanelControls& controls, std::string name, std::string_view label, bool checked)
      : Handle(controls, std::move(name)) {
    controls.add(name_, PanelControls::Kind::check, label);
    set_checked(checked);
  }
  [[nodiscard]] bool checked() const { return controls_->checked(name_); }
  void set_checked(bool checked) const { controls_->set_checked(name_, checked); }
  void on_toggle(std::function<void()> callback) const { controls_->on_change(name_, std::move(callback)); }
};

/// One choice of a group; the panel keeps the group's state and sets every button of it.
class RadioButton : public Handle {
 public:
  RadioButton(PanelControls& controls, std::string name, std::string_view label) : Handle(controls, std::move(name)) {
    controls.add(name_, PanelControls::Kind::radio, label);
  }
  void set_checked(bool checked) const { controls_->set_checked(name_, checked); }
  void on_choose(std::function<void()> callback) const { controls_->on_change(name_, std::move(callback)); }
};

class ListBox : public Handle {
 public:
  ListBox(PanelControls& controls, std::string name) : Handle(controls, std::move(name)) {
    controls.add(name_, PanelControls::Kind::list);
  }
  void set_items(const std::vector<std::string>& items, int selected) const { controls_->set_items(name_, items, selected); }
  [[nodiscard]] int selected() const { return controls_->selected(name_); }
  void on_select(std::function<void()> callback) const { controls_->on_change(name_, std::move(callback)); }
};

/// Read-only text of several lines (a chart, a list of assumptions).
class TextArea : public Handle {
 public:
  TextArea(PanelControls& controls, std::string name) : Handle(controls, std::move(name)) {
    controls.add(name_, PanelControls::Kind::text_area);
  }
  [[nodiscard]] std::string text() const { return controls_->text(name_); }
  void set_text(std::string_view text) const { controls_->set_text(name_, text); }
  /// Lets the planner type into it (a list to edit); text areas are read-only until told.
  void make_editable() const { controls_->set_read_only(name_, false); }
  void on_typed(std::function<void()> callback) const { controls_->on_change(name_, std::move(callback)); }
};

/// A caption beside its edit field: one row of the panel.
struct Field {
  std::string caption_text;  // how messages name the field
  Label caption;
  Edit edit;
  Field(PanelControls& controls, const std::string& name, std::string_view caption_text, std::string_view tooltip)
      : caption_text(caption_text), caption(controls, name + "_label", caption_text), edit(controls, name) {
    edit.set_tooltip(tooltip);
  }
  [[nodiscard]] LayoutRow row() const { return labelled(caption.name(), edit.name()); }
};

}  // namespace alignkit::sidebar::form
