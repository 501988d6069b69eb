#include "panel_element.hpp"

#include <com/sun/star/accessibility/XAccessible.hpp>
#include <com/sun/star/awt/Rectangle.hpp>
#include <com/sun/star/lang/DisposedException.hpp>
#include <com/sun/star/ui/UIElementType.hpp>

#include "settings.hpp"
#include "translation.hpp"

namespace alignkit::sidebar {

using translation::tr;

using css::uno::Reference;

PanelElement::PanelElement(const Reference<css::uno::XComponentContext>& context,
                           const Reference<css::frame::XFrame>& frame, const Reference<css::awt::XWindow>& parent,
                           const ::rtl::OUString& resource_url, PanelBuilder build, std::string_view help_family)
    : WeakComponentImplHelper3(m_aMutex), frame_(frame), parent_(parent), resource_url_(resource_url),
      help_family_(help_family) {
  controls_ = std::make_unique<PanelControls>(context, parent);
  view_ = build(PanelSetting{context, frame, *controls_, office_number_format(context)});
  help_.emplace(*controls_, "help", tr("Help"));
  help_->set_tooltip(tr("Opens this panel's functions in the help, in your browser"));
  help_->on_press([this, context] { open_help_page(context, help_family_); });
  // The sidebar creates the panel before it has a size; lay out again whenever it gets one.
  resize_listener_ = new EventForwarder([this] { relayout(); });
  parent_->addWindowListener(resize_listener_.get());
  relayout();
}

sal_Int16 PanelElement::getType() { return css::ui::UIElementType::TOOLPANEL; }

Reference<css::uno::XInterface> PanelElement::getRealInterface() {
  return Reference<css::uno::XInterface>(static_cast<cppu::OWeakObject*>(this));
}

Reference<css::awt::XWindow> PanelElement::getWindow() {
  if (!controls_) throw css::lang::DisposedException();
  return controls_->window();
}

Reference<css::accessibility::XAccessible> PanelElement::createAccessible(
    const Reference<css::accessibility::XAccessible>&) {
  if (!controls_) throw css::lang::DisposedException();
  return Reference<css::accessibility::XAccessible>(controls_->window(), css::uno::UNO_QUERY);
}

css::ui::LayoutSize PanelElement::getHeightForWidth(sal_Int32 width) {
  const sal_Int32 height = view_ && controls_ ? height_of(*controls_, rows(), width) : 0;
  return css::ui::LayoutSize(height, height, height);
}

void PanelElement::relayout() {
  if (!controls_ || !view_) return;
  const css::awt::Rectangle area = parent_->getPosSize();
  const int height = lay_out(*controls_, rows(), area.Width);
  controls_->resize_window(std::max<int>(area.Width, kNarrowestLayout), height);
}

std::vector<LayoutRow> PanelElement::rows() const {
  auto rows = view_->rows();
  rows.push_back(help_->row());
  return rows;
}

void PanelElement::disposing() {
  if (resize_listener_.is()) {
    resize_listener_->detach();
    try {
      parent_->removeWindowListener(resize_listener_.get());
    } catch (...) {
    }
  }
  view_.reset();      // listeners and subscriptions first, then the windows they point into
  help_.reset();
  controls_.reset();
  parent_.clear();
  frame_.clear();
}

}  // namespace alignkit::sidebar
