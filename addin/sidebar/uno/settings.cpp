#include "settings.hpp"

#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/container/XNameReplace.hpp>
#include <com/sun/star/i18n/LocaleData2.hpp>
#include <com/sun/star/i18n/NumberFormatIndex.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/system/SystemShellExecute.hpp>
#include <com/sun/star/system/SystemShellExecuteFlags.hpp>
#include <com/sun/star/util/PathSettings.hpp>
#include <com/sun/star/util/XChangesBatch.hpp>
#include <osl/file.hxx>

#include <cstdlib>
#include <initializer_list>

#include "catalog_text.hpp"
#include "controls.hpp"
#include "extension_files.hpp"
#include "identity.hpp"
#include "translation.hpp"

namespace alignkit::sidebar {

using css::uno::Any;
using css::uno::Reference;
using css::uno::UNO_QUERY;
using css::uno::UNO_QUERY_THROW;

namespace {
constexpr char kLastPlace[] = "LastFolder";
}  // namespace

namespace {

// The first of the environment's locale variables that is set, as the C library reads them.
const char* environment_locale(std::initializer_list<const char*> variables) {
  for (const char* variable : variables) {
    const char* value = std::getenv(variable);
    if (value != nullptr && *value != '\0') return value;
  }
  return nullptr;
}


// "de-DE" or "de_DE.UTF-8" -> language "de", country "DE".
css::lang::Locale locale_of(std::string tag) {
  tag = tag.substr(0, tag.find_first_of(".@"));
  const std::size_t dash = tag.find_first_of("-_");
  return css::lang::Locale(to_office(tag.substr(0, dash)),
                           dash == std::string::npos ? ::rtl::OUString() : to_office(tag.substr(dash + 1)), {});
}

// The locale the office formats numbers in: its locale setting, where "Default" (empty) means
// the system's, as the environment gives it.
std::string number_locale_tag(const Reference<css::uno::XComponentContext>& context) {
  Reference<css::container::XNameAccess> l10n(configuration(context, "/org.openoffice.Setup/L10N", false),
                                              UNO_QUERY_THROW);
  ::rtl::OUString setting;
  l10n->getByName("ooSetupSystemLocale") >>= setting;
  if (!setting.isEmpty()) return from_office(setting);
  if (const char* value = environment_locale({"LC_ALL", "LC_NUMERIC", "LANG"})) {
    const std::string tag(value);
    return tag == "C" || tag == "POSIX" || tag.rfind("C.", 0) == 0 ? "en-US" : tag;
  }
  l10n->getByName("ooLocale") >>= setting;
  return setting.isEmpty() ? "en-US" : from_office(setting);
}

}  // namespace

std::string ui_language_tag(const Reference<css::uno::XComponentContext>& context) {
  try {
    Reference<css::container::XNameAccess> l10n(configuration(context, "/org.openoffice.Setup/L10N", false),
                                                UNO_QUERY_THROW);
    ::rtl::OUString setting;
    l10n->getByName("ooLocale") >>= setting;
    if (!setting.isEmpty()) return from_office(setting);
  } catch (const css::uno::Exception&) {
    // no setting: the system's language, as below
  }
  // "Default" user interface: the office follows the system's language for messages.
  const char* value = environment_locale({"LC_ALL", "LC_MESSAGES", "LANG"});
  return value ? value : "en-US";
}

NumberFormat office_number_format(const Reference<css::uno::XComponentContext>& context) {
  try {
    const auto locale_data = css::i18n::LocaleData2::create(context);
    const auto locale = locale_of(number_locale_tag(context));
    const auto item = locale_data->getLocaleItem(locale);
    if (item.decimalSeparator.isEmpty()) return {};
    NumberFormat format{from_office(item.decimalSeparator), from_office(item.thousandSeparator)};
    for (const auto& element : locale_data->getAllFormats(locale)) {
      if (element.formatIndex == css::i18n::NumberFormatIndex::PERCENT_INT) {
        format.percent = percent_sign_of(from_office(element.formatCode));
      }
    }
    return format;
  } catch (const css::uno::Exception&) {
    return {};  // no locale data: read numbers as in English
  }
}

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

void open_help_page(const Reference<css::uno::XComponentContext>& context, std::string_view family) {
  try {
    const std::string page = "/help/" + translation::language_tag(translation::ui_language()) + "/" +
                             translation::help_page_name(family);
    css::system::SystemShellExecute::create(context)->execute(extension_location(context, identity::kExtensionIdentifier) + to_office(page), {},
                                                              css::system::SystemShellExecuteFlags::URIS_ONLY);
  } catch (const css::uno::Exception&) {
    // No browser to open it with: the pages are also in the extension's folder.
  }
}

std::filesystem::path documents_folder(const Reference<css::uno::XComponentContext>& context) {
  try {
    // Tools ▸ Options ▸ LibreOffice ▸ Paths ▸ My Documents.
    Reference<css::beans::XPropertySet> paths(css::util::PathSettings::create(context), css::uno::UNO_QUERY_THROW);
    ::rtl::OUString url, path;
    if ((paths->getPropertyValue("Work") >>= url) && osl::FileBase::getSystemPathFromFileURL(url, path) == osl::FileBase::E_None) {
      return std::filesystem::path(from_office(path));
    }
  } catch (const css::uno::Exception&) {
  }
  const char* home = std::getenv("HOME");
  return home ? std::filesystem::path(home) : std::filesystem::path();
}

}  // namespace alignkit::sidebar
