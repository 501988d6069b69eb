#include "extension_files.hpp"

#include <com/sun/star/deployment/XPackageInformationProvider.hpp>

#include "office_text.hpp"

namespace alignkit {
using ::com::sun::star::uno::Reference;
namespace css = ::com::sun::star;

::rtl::OUString extension_location(const Reference<css::uno::XComponentContext>& context, const char* identifier) {
  Reference<css::deployment::XPackageInformationProvider> packages(
      context->getValueByName("/singletons/com.sun.star.deployment.PackageInformationProvider"), css::uno::UNO_QUERY_THROW);
  return packages->getPackageLocation(::rtl::OUString::createFromAscii(identifier));
}

std::filesystem::path bundled_samples(const Reference<css::uno::XComponentContext>& context, const char* identifier) {
  try {
    const auto folder = path_of_url(extension_location(context, identifier));
    return folder.empty() ? folder : folder / "samples";
  } catch (const css::uno::Exception&) {
    return {};
  }
}

}  // namespace alignkit
