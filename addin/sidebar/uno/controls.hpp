#pragma once
// A panel's window and its named controls, made with the office's own toolkit (the UNO AWT
// controls), so they look and behave like every other sidebar panel.
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <com/sun/star/awt/XControl.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/awt/XControlContainer.hpp>
#include <com/sun/star/awt/XWindow.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <com/sun/star/awt/XActionListener.hpp>
#include <com/sun/star/awt/XItemListener.hpp>
#include <com/sun/star/awt/XTextListener.hpp>
#include <com/sun/star/awt/XWindowListener.hpp>
#include <cppuhelper/implbase4.hxx>
#include <rtl/ref.hxx>

#include "office_text.hpp"

namespace alignkit::sidebar {

namespace css = ::com::sun::star;

/// Forwards a control's events to a callback; detached when the panel goes away, and never
/// lets an exception travel back into the toolkit.
class EventForwarder final
    : public cppu::WeakImplHelper4<css::awt::XActionListener, css::awt::XTextListener, css::awt::XItemListener,
                                   css::awt::XWindowListener> {
 public:
  explicit EventForwarder(std::function<void()> callback) : callback_(std::move(callback)) {}
  void detach() { callback_ = nullptr; }

  void SAL_CALL actionPerformed(const css::awt::ActionEvent&) override { fire(); }
  void SAL_CALL textChanged(const css::awt::TextEvent&) override { fire(); }
  void SAL_CALL itemStateChanged(const css::awt::ItemEvent&) override { fire(); }
  void SAL_CALL windowResized(const css::awt::WindowEvent&) override { fire(); }
  void SAL_CALL windowMoved(const css::awt::WindowEvent&) override {}
  void SAL_CALL windowShown(const css::lang::EventObject&) override { fire(); }
  void SAL_CALL windowHidden(const css::lang::EventObject&) override {}
  void SAL_CALL disposing(const css::lang::EventObject&) override { detach(); }

 private:
  void fire() noexcept;
  std::function<void()> callback_;
};

/// While the panel writes into its own fields, their change events are not the planner typing.
/// Set for the guard's life, then back to what it was (so guards nest).
class ProgrammaticUpdate {
 public:
  explicit ProgrammaticUpdate(bool& flag) : flag_(flag), was_(flag) { flag_ = true; }
  ~ProgrammaticUpdate() { flag_ = was_; }
  ProgrammaticUpdate(const ProgrammaticUpdate&) = delete;
  ProgrammaticUpdate& operator=(const ProgrammaticUpdate&) = delete;

 private:
  bool& flag_;
  bool was_;
};

class PanelControls {
 public:
  enum class Kind { label, edit, button, check, radio, list, text_area, picture };

  PanelControls(const css::uno::Reference<css::uno::XComponentContext>& context,
                const css::uno::Reference<css::awt::XWindow>& parent);
  ~PanelControls();
  PanelControls(const PanelControls&) = delete;
  PanelControls& operator=(const PanelControls&) = delete;

  /// The panel's own window (a control container holding every control by name).
  [[nodiscard]] css::uno::Reference<css::awt::XWindow> window() const;

  void add(const std::string& name, Kind kind, std::string_view text = {});
  /// Calls `callback` when the control is used: clicked, typed into, ticked or selected.
  void on_change(const std::string& name, std::function<void()> callback);

  [[nodiscard]] std::string text(const std::string& name) const;
  void set_text(const std::string& name, std::string_view text);
  [[nodiscard]] bool checked(const std::string& name) const;
  void set_checked(const std::string& name, bool checked);
  void set_items(const std::string& name, const std::vector<std::string>& items, int selected);
  [[nodiscard]] int selected(const std::string& name) const;  // -1 when nothing is selected
  void set_enabled(const std::string& name, bool enabled);
  void set_text_color(const std::string& name, sal_Int32 color);  // -1: the theme's colour
  void set_bold(const std::string& name);
  void set_tooltip(const std::string& name, std::string_view text);
  void hide_typing(const std::string& name);                  // an edit that shows • for each character
  void set_read_only(const std::string& name, bool read_only);  // text areas are read-only until told
  /// The height a wrapping text (a label, a check box or radio button) needs at `width`, by the
  /// office's own measure; 0 for any other control.
  [[nodiscard]] int text_height(const std::string& name, int width) const;
  /// Shows an SVG picture, drawn by the office's own renderer and scaled to the control; empty: none.
  void show_svg(const std::string& name, std::string_view svg);

  void place(const std::string& name, int x, int y, int width, int height);
  void resize_window(int width, int height);
  void dispose() noexcept;

 private:
  css::uno::Reference<css::beans::XPropertySet> model(const std::string& name) const;
  css::uno::Reference<css::awt::XControl> control(const std::string& name) const;

  css::uno::Reference<css::uno::XComponentContext> context_;
  css::uno::Reference<css::awt::XControlContainer> container_;
  std::map<std::string, Kind> kinds_;
  std::vector<rtl::Reference<EventForwarder>> forwarders_;
};

}  // namespace alignkit::sidebar
