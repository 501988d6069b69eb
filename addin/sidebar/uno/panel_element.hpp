#pragma once
// One sidebar panel as the sidebar sees it: a UI element whose tool panel is our window,
// sized by its rows, that releases its window when the sidebar disposes it.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/ui/XSidebarPanel.hpp>
#include <com/sun/star/ui/XToolPanel.hpp>
#include <com/sun/star/ui/XUIElement.hpp>
#include <cppuhelper/basemutex.hxx>
#include <cppuhelper/compbase3.hxx>
#include <rtl/ref.hxx>

#include "controls.hpp"
#include "form.hpp"
#include "number_text.hpp"
#include "panel_layout.hpp"

namespace alignkit::sidebar {

/// What a panel shows: it builds its controls into `PanelControls` and says how to lay them out.
class PanelView {
 public:
  virtual ~PanelView() = default;
  [[nodiscard]] virtual std::vector<LayoutRow> rows() const = 0;
};

struct PanelSetting {
  css::uno::Reference<css::uno::XComponentContext> context;
  css::uno::Reference<css::frame::XFrame> frame;
  PanelControls& controls;
  NumberFormat number_format;  // the separators of the office's locale setting
};

using PanelBuilder = std::unique_ptr<PanelView> (*)(const PanelSetting&);

class PanelElement final : private cppu::BaseMutex,
                           public cppu::WeakComponentImplHelper3<css::ui::XUIElement, css::ui::XToolPanel,
                                                                 css::ui::XSidebarPanel> {
 public:
  PanelElement(const css::uno::Reference<css::uno::XComponentContext>& context,
               const css::uno::Reference<css::frame::XFrame>& frame,
               const css::uno::Reference<css::awt::XWindow>& parent, const ::rtl::OUString& resource_url,
               PanelBuilder build, std::string_view help_family);

  // XUIElement
  css::uno::Reference<css::frame::XFrame> SAL_CALL getFrame() override { return frame_; }
  ::rtl::OUString SAL_CALL getResourceURL() override { return resource_url_; }
  sal_Int16 SAL_CALL getType() override;
  css::uno::Reference<css::uno::XInterface> SAL_CALL getRealInterface() override;

  // XToolPanel
  css::uno::Reference<css::awt::XWindow> SAL_CALL getWindow() override;
  css::uno::Reference<css::accessibility::XAccessible> SAL_CALL createAccessible(
      const css::uno::Reference<css::accessibility::XAccessible>& parent) override;

  // XSidebarPanel
  css::ui::LayoutSize SAL_CALL getHeightForWidth(sal_Int32 width) override;
  sal_Int32 SAL_CALL getMinimalWidth() override { return kPanelMinimalWidth; }

 private:
  void SAL_CALL disposing() override;
  void relayout();
  /// The panel's rows and, last, its Help button.
  [[nodiscard]] std::vector<LayoutRow> rows() const;

  css::uno::Reference<css::frame::XFrame> frame_;
  css::uno::Reference<css::awt::XWindow> parent_;
  ::rtl::OUString resource_url_;
  std::unique_ptr<PanelControls> controls_;
  std::optional<form::Button> help_;  // every panel's last control
  std::unique_ptr<PanelView> view_;
  std::string help_family_;
  rtl::Reference<EventForwarder> resize_listener_;
};

}  // namespace alignkit::sidebar
