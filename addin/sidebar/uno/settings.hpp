#pragma once
// What the sidebar remembers between sessions (in the office's own configuration), and
// where the templates that ship with the extension are.
#include <filesystem>
#include <string>
#include <string_view>

#include "number_text.hpp"

#include <com/sun/star/uno/XComponentContext.hpp>

namespace alignkit::sidebar {

namespace css = ::com::sun::star;

inline constexpr char kSettingsNode[] = "/org.alignkit.calc.Settings/Templates";

/// A node of the office's configuration, read-only or for update (then commit with XChangesBatch).
css::uno::Reference<css::uno::XInterface> configuration(const css::uno::Reference<css::uno::XComponentContext>& context,
                                                        const char* node_path, bool update);
/// alignkit's own settings node (kSettingsNode).
css::uno::Reference<css::uno::XInterface> settings_access(const css::uno::Reference<css::uno::XComponentContext>& context,
                                                          bool update);

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

/// The sample templates packed into the extension, so a new user has something to pick.
std::filesystem::path bundled_templates(const css::uno::Reference<css::uno::XComponentContext>& context);

}  // namespace alignkit::sidebar
