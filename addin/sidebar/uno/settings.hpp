#pragma once
// What the sidebar remembers between sessions (in the office's own configuration), the office's
// number format and language, and where the templates that ship with the extension are.
#include <filesystem>
#include <string>
#include <string_view>

#include "number_text.hpp"
#include "office_settings.hpp"

#include <com/sun/star/uno/XComponentContext.hpp>

namespace alignkit::sidebar {

namespace css = ::com::sun::star;

using alignkit::configuration;  // alignkit's settings, shared with the functions (office_settings.hpp)
using alignkit::kSettingsNode;
using alignkit::settings_access;

/// The folder (or file) the templates panel showed last; empty the first time.
std::filesystem::path last_template_place(const css::uno::Reference<css::uno::XComponentContext>& context);
void remember_template_place(const css::uno::Reference<css::uno::XComponentContext>& context,
                             const std::filesystem::path& place);

/// The decimal and thousands separators of the office's locale setting (Tools ▸ Options ▸
/// Language Settings ▸ Languages ▸ Locale setting; "Default" follows the system), from the
/// office's own locale data.
NumberFormat office_number_format(const css::uno::Reference<css::uno::XComponentContext>& context);
/// The office's user-interface language ("de-DE"): Tools ▸ Options ▸ Language Settings ▸
/// Languages ▸ User interface, where "Default" (empty) is the system's language.
std::string ui_language_tag(const css::uno::Reference<css::uno::XComponentContext>& context);
/// Opens the help page of a function family, in the user-interface language, in the browser.
void open_help_page(const css::uno::Reference<css::uno::XComponentContext>& context, std::string_view family);

/// The planner's documents folder, as the office's paths name it (else the home folder).
std::filesystem::path documents_folder(const css::uno::Reference<css::uno::XComponentContext>& context);

}  // namespace alignkit::sidebar
