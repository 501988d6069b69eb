#pragma once
// Conversion between UNO values as Calc passes them and the catalog's spreadsheet values,
// and the one place where a core error becomes the IllegalArgumentException Calc shows as
// Err:502. Nothing else may leave an add-in method.
#include <initializer_list>
#include <string>
#include <string_view>

#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/uno/Any.hxx>
#include <com/sun/star/uno/Sequence.hxx>
#include <rtl/ustring.hxx>

#include "alignkit/metrics/values.hpp"
#include "office_text.hpp"

namespace alignkit::templates {
class Reader;
}

namespace alignkit::addin {

namespace css = ::com::sun::star;


/// A cell value or range as Calc passes it to an `any` parameter; throws IllegalArgumentException.
Arg to_arg(const css::uno::Any& value);

/// Evaluates catalog function `index`; a core error throws IllegalArgumentException. A function
/// that reads templates reads them through `templates`, from the caller's workbook folder.
Output call(std::size_t index, std::initializer_list<const css::uno::Any*> args,
            const css::uno::Reference<css::beans::XPropertySet>& caller = {}, templates::Reader* templates = nullptr);

double to_number(const Output& output);
::rtl::OUString to_text(const Output& output);
css::uno::Any to_any(const Output& output);
/// One number, or the column a "Columns at once" call answers (a bad row is Err:502 in its cell).
css::uno::Any to_number_or_column(const Output& output);
css::uno::Sequence<css::uno::Sequence<double>> to_block(const Output& output);

}  // namespace alignkit::addin
