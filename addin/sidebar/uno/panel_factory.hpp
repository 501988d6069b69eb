#pragma once
// Makes the alignkit deck's panels when the sidebar asks for
// private:resource/toolpanel/AlignkitPanelFactory/<Panel> (see Sidebar.xcu and Factories.xcu).
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/ui/XUIElementFactory.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <cppuhelper/implbase2.hxx>

namespace alignkit::sidebar {

namespace css = ::com::sun::star;

inline constexpr char kPanelFactoryService[] = "com.sun.star.ui.UIElementFactory";

class PanelFactory final : public cppu::WeakImplHelper2<css::ui::XUIElementFactory, css::lang::XServiceInfo> {
 public:
  explicit PanelFactory(const css::uno::Reference<css::uno::XComponentContext>& context) : context_(context) {}

  css::uno::Reference<css::ui::XUIElement> SAL_CALL createUIElement(
      const ::rtl::OUString& resource_url, const css::uno::Sequence<css::beans::PropertyValue>& arguments) override;

  ::rtl::OUString SAL_CALL getImplementationName() override;
  sal_Bool SAL_CALL supportsService(const ::rtl::OUString& name) override;
  css::uno::Sequence<::rtl::OUString> SAL_CALL getSupportedServiceNames() override;
  static css::uno::Sequence<::rtl::OUString> supported_service_names();

 private:
  css::uno::Reference<css::uno::XComponentContext> context_;
};

}  // namespace alignkit::sidebar
