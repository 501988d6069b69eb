#include "formula_text.hpp"

#include <stdexcept>

#include "alignkit/catalog/catalog.hpp"
#include "translation.hpp"

namespace alignkit::sidebar {

std::string call_text(std::string_view function, const std::vector<std::string>& arguments) {
  const FunctionInfo* info = find_function(function);
  if (info == nullptr || info->name != function) {
    throw std::logic_error("wizard formula: " + std::string(function) + " is not an alignkit function");
  }
  if (arguments.size() < info->required_arguments() || arguments.size() > info->arguments.size()) {
    throw std::logic_error("wizard formula: " + std::string(function) + " takes " +
                           std::to_string(info->required_arguments()) + " to " + std::to_string(info->arguments.size()) +
                           " arguments, not " + std::to_string(arguments.size()));
  }
  std::string text = std::string(function) + "(";
  for (std::size_t i = 0; i < arguments.size(); ++i) text += (i ? ";" : "") + arguments[i];
  return text + ")";
}

std::string argument_description(std::string_view function, std::string_view argument) {
  if (const FunctionInfo* info = find_function(function); info != nullptr && info->name == function) {
    for (const auto& a : info->arguments) {
      if (a.name == argument) return std::string(translation::translate(translation::ui_language(), {}, a.description));
    }
  }
  throw std::logic_error("wizard field: " + std::string(function) + " has no argument " + std::string(argument));
}

std::string call_formula(std::string_view function, const std::vector<std::string>& arguments) {
  return "=" + call_text(function, arguments);
}

}  // namespace alignkit::sidebar
