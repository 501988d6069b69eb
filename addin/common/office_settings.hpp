#pragma once
// alignkit's settings in the office's own configuration: read by the functions (which services
// are trusted, how often a served template is asked again) and by the sidebar (what it
// remembers), so they live beside both rather than in either.
#include <com/sun/star/uno/Reference.hxx>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <com/sun/star/uno/XInterface.hpp>

namespace alignkit {

inline constexpr char kSettingsNode[] = "/org.alignkit.calc.Settings/Templates";

/// A node of the office's configuration, read-only or for update (then commit with XChangesBatch).
::com::sun::star::uno::Reference<::com::sun::star::uno::XInterface> configuration(
    const ::com::sun::star::uno::Reference<::com::sun::star::uno::XComponentContext>& context, const char* node_path,
    bool update);
/// alignkit's own settings node (kSettingsNode).
::com::sun::star::uno::Reference<::com::sun::star::uno::XInterface> settings_access(
    const ::com::sun::star::uno::Reference<::com::sun::star::uno::XComponentContext>& context, bool update);

}  // namespace alignkit
