#include "settings.hpp"

#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/container/XNameReplace.hpp>
#include <com/sun/star/deployment/XPackageInformationProvider.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/util/XChangesBatch.hpp>
#include <osl/file.hxx>

#include "controls.hpp"

namespace alignkit::sidebar {

using css::uno::Any;
using css::uno::Reference;
using css::uno::UNO_QUERY;
using css::uno::UNO_QUERY_THROW;

namespace {
constexpr char kSettingsNode[] = "/org.alignkit.calc.Settings/Templates";
constexpr char kLastPlace[] = "LastFolder";

Reference<css::uno::XInterface> settings_access(const Reference<css::uno::XComponentContext>& context, bool update) {
  Reference<css::lang::XMultiServiceFactory> provider(
      context->getValueByName("/singletons/com.sun.star.configuration.theDefaultProvider"), UNO_QUERY_THROW);
  const Any node(css::beans::NamedValue("nodepath", Any(::rtl::OUString(kSettingsNode))));
  const css::uno::Sequence<Any> arguments(&node, 1);
  return provider->createInstanceWithArguments(update ? ::rtl::OUString("com.sun.star.configuration.ConfigurationUpdateAccess")
                                                      : ::rtl::OUString("com.sun.star.configuration.ConfigurationAccess"),
                                               arguments);
}
}  // namespace

std::filesystem::path last_template_place(const Reference<css::uno::XComponentContext>& context) {
  try {
    Reference<css::container::XNameAccess> settings(settings_access(context, false), UNO_QUERY_THROW);
    ::rtl::OUString place;
    settings->getByName(kLastPlace) >>= place;
    return from_office(place);
  } catch (const css::uno::Exception&) {
    return {};  // no settings yet: the caller falls back to the bundled templates
  }
}

void remember_template_place(const Reference<css::uno::XComponentContext>& context, const std::filesystem::path& place) {
  try {
    auto access = settings_access(context, true);
    Reference<css::container::XNameReplace>(access, UNO_QUERY_THROW)
        ->replaceByName(kLastPlace, Any(to_office(place.string())));
    Reference<css::util::XChangesBatch>(access, UNO_QUERY_THROW)->commitChanges();
  } catch (const css::uno::Exception&) {
    // Remembering is a convenience; the panel works without it.
  }
}

std::filesystem::path bundled_templates(const Reference<css::uno::XComponentContext>& context) {
  try {
    Reference<css::deployment::XPackageInformationProvider> packages(
        context->getValueByName("/singletons/com.sun.star.deployment.PackageInformationProvider"), UNO_QUERY_THROW);
    const ::rtl::OUString url = packages->getPackageLocation("org.alignkit.calc");
    ::rtl::OUString path;
    if (url.isEmpty() || osl::FileBase::getSystemPathFromFileURL(url, path) != osl::FileBase::E_None) return {};
    return std::filesystem::path(from_office(path)) / "templates";
  } catch (const css::uno::Exception&) {
    return {};
  }
}

}  // namespace alignkit::sidebar
