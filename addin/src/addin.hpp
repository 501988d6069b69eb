#pragma once
// The Calc add-in component: every catalog function as a method of XAlignkit, and the
// XAddIn answers (names, descriptions, arguments, category) from the same catalog.
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/lang/Locale.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <memory>
#include <string_view>

#include <com/sun/star/lang/XServiceName.hpp>
#include <com/sun/star/sheet/XAddIn.hpp>
#include <com/sun/star/sheet/XCompatibilityNames.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <cppuhelper/implbase5.hxx>  // the SDK ships the numbered helpers only
#include <org/alignkit/calc/XAlignkit.hpp>

#include "alignkit/templates/template_reader.hpp"
#include "identity.hpp"

namespace alignkit::addin {

namespace css = ::com::sun::star;

class FunctionsAddIn final
    // XAddIn includes XLocalizable.
    : public cppu::WeakImplHelper5<org::alignkit::calc::XAlignkit, css::sheet::XAddIn, css::sheet::XCompatibilityNames,
                                   css::lang::XServiceName, css::lang::XServiceInfo> {
 public:
  /// `templates`: what TEMPLATE.VALUE and TEMPLATE.INFO read through (service_access's office_templates).
  explicit FunctionsAddIn(std::shared_ptr<templates::Reader> templates) : templates_(std::move(templates)) {}

  // XAlignkit: one method per catalog function (generated from the catalog).
#include "alignkit_method_declarations.inc"

  // XAddIn
  ::rtl::OUString SAL_CALL getProgrammaticFuntionName(const ::rtl::OUString& display_name) override;
  ::rtl::OUString SAL_CALL getDisplayFunctionName(const ::rtl::OUString& method) override;
  ::rtl::OUString SAL_CALL getFunctionDescription(const ::rtl::OUString& method) override;
  ::rtl::OUString SAL_CALL getDisplayArgumentName(const ::rtl::OUString& method, sal_Int32 argument) override;
  ::rtl::OUString SAL_CALL getArgumentDescription(const ::rtl::OUString& method, sal_Int32 argument) override;
  ::rtl::OUString SAL_CALL getProgrammaticCategoryName(const ::rtl::OUString& method) override;
  ::rtl::OUString SAL_CALL getDisplayCategoryName(const ::rtl::OUString& method) override;

  // XCompatibilityNames: the names written to and read from .xlsx files
  css::uno::Sequence<css::sheet::LocalizedName> SAL_CALL getCompatibilityNames(const ::rtl::OUString& method) override;

  // XServiceName, XServiceInfo
  ::rtl::OUString SAL_CALL getServiceName() override;
  ::rtl::OUString SAL_CALL getImplementationName() override;
  sal_Bool SAL_CALL supportsService(const ::rtl::OUString& name) override;
  css::uno::Sequence<::rtl::OUString> SAL_CALL getSupportedServiceNames() override;

  // XLocalizable: names and descriptions in the locale Calc asks for; workbooks keep the programmatic names
  void SAL_CALL setLocale(const css::lang::Locale& locale) override;
  css::lang::Locale SAL_CALL getLocale() override;

  static css::uno::Sequence<::rtl::OUString> supported_service_names();

 private:
  /// The shipped translation of the asked locale's language, or empty for English.
  [[nodiscard]] std::string_view language() const;

  css::lang::Locale locale_;
  std::shared_ptr<templates::Reader> templates_;
};

}  // namespace alignkit::addin
