#include "addin.hpp"

#include <cppuhelper/supportsservice.hxx>

#include "alignkit/catalog/catalog.hpp"
#include "catalog_text.hpp"
#include "translation.hpp"
#include "uno_values.hpp"

namespace alignkit::addin {
namespace {

const FunctionInfo* by_method(const ::rtl::OUString& method) {
  const FunctionInfo* function = find_function(from_office(method));
  return function && from_office(method) == function->method ? function : nullptr;
}

const ArgumentInfo* argument_of(const ::rtl::OUString& method, sal_Int32 index) {
  const FunctionInfo* function = by_method(method);
  if (!function || index < 0 || static_cast<std::size_t>(index) >= function->arguments.size()) return nullptr;
  return &function->arguments[static_cast<std::size_t>(index)];
}

// Calc has a fixed list of Function Wizard categories; "Add-In" is the one for extensions.

}  // namespace

::rtl::OUString FunctionsAddIn::getProgrammaticFuntionName(const ::rtl::OUString& display_name) {
  const FunctionInfo* function = find_function(from_office(display_name));
  return function ? to_office(function->method) : ::rtl::OUString();
}

// Calc asks in its user-interface language (setLocale) and again in en-US for the English names.
::rtl::OUString FunctionsAddIn::getDisplayFunctionName(const ::rtl::OUString& method) {
  const FunctionInfo* function = by_method(method);
  return function ? to_office(translation::translate(language(), translation::kFunctionNameContext, function->name))
                  : ::rtl::OUString();
}

::rtl::OUString FunctionsAddIn::getFunctionDescription(const ::rtl::OUString& method) {
  const FunctionInfo* function = by_method(method);
  return function ? to_office(translation::translate(language(), {}, function->description)) : ::rtl::OUString();
}

::rtl::OUString FunctionsAddIn::getDisplayArgumentName(const ::rtl::OUString& method, sal_Int32 argument) {
  const ArgumentInfo* info = argument_of(method, argument);
  return info ? to_office(translation::translate(language(), translation::kArgumentNameContext, info->name))
              : ::rtl::OUString();
}

::rtl::OUString FunctionsAddIn::getArgumentDescription(const ::rtl::OUString& method, sal_Int32 argument) {
  const ArgumentInfo* info = argument_of(method, argument);
  if (!info) return {};
  return to_office(translation::argument_description(
      *info, [this](std::string_view context, std::string_view english) {
        return translation::translate(language(), context, english);
      }));
}

::rtl::OUString FunctionsAddIn::getProgrammaticCategoryName(const ::rtl::OUString&) { return identity::kCategory; }

::rtl::OUString FunctionsAddIn::getDisplayCategoryName(const ::rtl::OUString&) { return identity::kCategory; }

css::uno::Sequence<css::sheet::LocalizedName> FunctionsAddIn::getCompatibilityNames(const ::rtl::OUString& method) {
  const FunctionInfo* function = by_method(method);
  if (!function) return {};
  const css::sheet::LocalizedName english(css::lang::Locale("en", "US", ""), to_office(function->name));
  return css::uno::Sequence<css::sheet::LocalizedName>(&english, 1);
}

::rtl::OUString FunctionsAddIn::getServiceName() { return identity::kFunctionsService; }

::rtl::OUString FunctionsAddIn::getImplementationName() { return identity::kFunctionsImplementation; }

sal_Bool FunctionsAddIn::supportsService(const ::rtl::OUString& name) { return cppu::supportsService(this, name); }

css::uno::Sequence<::rtl::OUString> FunctionsAddIn::getSupportedServiceNames() { return supported_service_names(); }

css::uno::Sequence<::rtl::OUString> FunctionsAddIn::supported_service_names() {
  const ::rtl::OUString names[] = {identity::kFunctionsService, "com.sun.star.sheet.AddIn"};
  return css::uno::Sequence<::rtl::OUString>(names, 2);
}

void FunctionsAddIn::setLocale(const css::lang::Locale& locale) { locale_ = locale; }

std::string_view FunctionsAddIn::language() const { return translation::language_of(from_office(locale_.Language)); }

css::lang::Locale FunctionsAddIn::getLocale() { return locale_; }

}  // namespace alignkit::addin
