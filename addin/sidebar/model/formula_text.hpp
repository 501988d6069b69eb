#pragma once
// Formulas the wizards insert, built in one place that checks each function's name and number of
// arguments against the catalog: a wizard can never write a misspelt or mis-counted call.
#include <string>
#include <string_view>
#include <vector>

namespace alignkit::sidebar {

/// "=NAME(a;b;c)" in Calc's English syntax. Throws std::logic_error when NAME is not a catalog
/// function or the count of arguments is outside what it takes (a bug in a wizard, caught by its tests).
std::string call_formula(std::string_view function, const std::vector<std::string>& arguments);

/// The same call without the leading "=", to nest inside another formula.
std::string call_text(std::string_view function, const std::vector<std::string>& arguments);

/// The catalog's description of a function's argument: a wizard field's tooltip says what the
/// formula it inserts will do with it. Throws std::logic_error for an unknown name.
std::string argument_description(std::string_view function, std::string_view argument);

}  // namespace alignkit::sidebar
