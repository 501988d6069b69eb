#include "office_settings.hpp"

#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/uno/Sequence.hxx>

namespace alignkit {

namespace css = ::com::sun::star;
using css::uno::Any;
using css::uno::Reference;
using css::uno::UNO_QUERY_THROW;

Reference<css::uno::XInterface> configuration(const Reference<css::uno::XComponentContext>& context,
                                              const char* node_path, bool update) {
  Reference<css::lang::XMultiServiceFactory> provider(
      context->getValueByName("/singletons/com.sun.star.configuration.theDefaultProvider"), UNO_QUERY_THROW);
  const Any node(css::beans::NamedValue("nodepath", Any(::rtl::OUString::createFromAscii(node_path))));
  const css::uno::Sequence<Any> arguments(&node, 1);
  return provider->createInstanceWithArguments(update ? ::rtl::OUString("com.sun.star.configuration.ConfigurationUpdateAccess")
                                                      : ::rtl::OUString("com.sun.star.configuration.ConfigurationAccess"),
                                               arguments);
}

Reference<css::uno::XInterface> settings_access(const Reference<css::uno::XComponentContext>& context, bool update) {
  return configuration(context, kSettingsNode, update);
}

}  // namespace alignkit
