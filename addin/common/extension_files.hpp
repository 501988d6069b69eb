#pragma once
// The files the extension brings (the sample workbooks and the templates they follow), where the
// office unpacked it: for the functions ("alignkit:inside_sales") and the deck (New from sample).
#include <filesystem>

#include <com/sun/star/uno/Reference.hxx>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <rtl/ustring.hxx>

namespace alignkit {

/// The folder the office unpacked the extension `identifier` into, as a URL; empty when it cannot say.
::rtl::OUString extension_location(const ::com::sun::star::uno::Reference<::com::sun::star::uno::XComponentContext>& context,
                                   const char* identifier);
/// Its sample workbooks (samples/*.fods); the templates they follow are in samples/templates.
/// Empty when the office cannot say where the extension is.
std::filesystem::path bundled_samples(const ::com::sun::star::uno::Reference<::com::sun::star::uno::XComponentContext>& context,
                                      const char* identifier);

}  // namespace alignkit
