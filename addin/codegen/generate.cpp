// Writes the add-in's UNO interface, its C++ method glue, CalcAddIns.xcu and the localized
// package files from the one function catalog and the compiled translations (*.mo), so that
// adding a function is adding one catalog row (and its words to po/*.po).
//   alignkit-codegen <kind> <output> [inputs…] [<language>.mo…]   (see usage below)
#include <cctype>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "alignkit/catalog/catalog.hpp"
#include "catalog_text.hpp"
#include "alignkit/templates/xml_text.hpp"
#include "identity.hpp"
#include "localized.hpp"

namespace {
using alignkit::FunctionInfo;
using alignkit::codegen::Catalogs;
using alignkit::xml_text;
using alignkit::ResultShape;

constexpr std::string_view kCallerType = "com::sun::star::beans::XPropertySet";

// How each kind of result is spelled in the interface, in C++ and by the converter that
// turns the catalog's answer into it.
struct ResultSpelling {
  std::string_view idl;
  std::string_view cpp;
  std::string_view converter;
};

ResultSpelling spelling(const alignkit::FunctionInfo& function) {
  // One number, or a column of them when a column is given where one number goes.
  if (function.answers_columns()) return {"any", "::css::uno::Any", "to_number_or_column"};
  switch (function.shape) {
    case ResultShape::number: return {"double", "double", "to_number"};
    case ResultShape::text: return {"string", "::rtl::OUString", "to_text"};
    case ResultShape::column:
    case ResultShape::same_shape:
    case ResultShape::block:
      return {"sequence< sequence< double > >", "::css::uno::Sequence<::css::uno::Sequence<double>>", "to_block"};
    case ResultShape::number_or_text: break;
  }
  return {"any", "::css::uno::Any", "to_any"};
}

// UNO identifiers have no underscores: "round_up" is "roundUp" in the interface. Calc matches
// CalcAddIns.xcu's parameter nodes to these names.
std::string uno_name(std::string_view name) {
  std::string out;
  bool upper = false;
  for (char c : name) {
    if (c == '_') {
      upper = true;
    } else {
      out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    }
  }
  return out;
}

std::string cpp_parameters(const FunctionInfo& f) {
  std::string out;
  for (const auto& a : f.arguments) {
    out += (out.empty() ? "" : ", ") + std::string("const ::css::uno::Any& ") + uno_name(a.name);
  }
  if (f.reads_files()) out += ", const ::css::uno::Reference<::css::beans::XPropertySet>& caller";
  return out;
}

void write_idl(std::ostream& out) {
  out << "// Generated from the alignkit function catalog. Do not edit.\n"
         "module org { module alignkit { module calc {\n\n"
         "/** The alignkit spreadsheet functions; every argument is an any so that text or a\n"
         "    wrong kind of value gets Err:502 from the add-in, not Calc's #VALUE!. */\n"
         "interface XAlignkit : com::sun::star::uno::XInterface\n{\n";
  for (const auto& f : alignkit::functions()) {
    out << "    /** " << f.name << ": " << f.description << " */\n";
    out << "    " << spelling(f).idl << " " << f.method << "(";
    bool first = true;
    for (const auto& a : f.arguments) {
      out << (first ? "" : ", ") << "[in] any " << uno_name(a.name);
      first = false;
    }
    if (f.reads_files()) out << ", [in] " << kCallerType << " caller";
    out << ")\n        raises (com::sun::star::lang::IllegalArgumentException);\n";
  }
  out << "};\n\nservice Functions : XAlignkit;\n\n}; }; };\n";
}

void write_declarations(std::ostream& out) {
  out << "// Generated from the alignkit function catalog. Do not edit.\n";
  for (const auto& f : alignkit::functions()) {
    out << spelling(f).cpp << " SAL_CALL " << f.method << "(" << cpp_parameters(f) << ") override;\n";
  }
}

void write_definitions(std::ostream& out) {
  out << "// Generated from the alignkit function catalog. Do not edit.\n"
         "#include \"addin.hpp\"\n#include \"uno_values.hpp\"\n\nnamespace alignkit::addin {\n";
  std::size_t index = 0;
  for (const auto& f : alignkit::functions()) {
    out << "\n" << spelling(f).cpp << " SAL_CALL FunctionsAddIn::" << f.method << "(" << cpp_parameters(f)
        << ") {\n  return " << spelling(f).converter << "(call(" << index++ << ", {";
    bool first = true;
    for (const auto& a : f.arguments) {
      out << (first ? "" : ", ") << "&" << uno_name(a.name);
      first = false;
    }
    out << "}" << (f.reads_files() ? ", caller, templates_.get()" : "") << "));\n}\n";
  }
  out << "\n}  // namespace alignkit::addin\n";
}

void write_xcu(std::ostream& out, const Catalogs& catalogs) {
  using alignkit::codegen::localized_values;
  namespace tr = alignkit::translation;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<!-- Generated from the alignkit function catalog. Do not edit. -->\n"
         "<oor:component-data xmlns:oor=\"http://openoffice.org/2001/registry\" "
         "xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" oor:name=\"CalcAddIns\" oor:package=\"org.openoffice.Office\">\n"
         " <node oor:name=\"AddInInfo\">\n"
      << "  <node oor:name=\"" << alignkit::identity::kFunctionsService << "\" oor:op=\"replace\">\n"
      << "   <node oor:name=\"AddInFunctions\">\n";
  for (const auto& f : alignkit::functions()) {
    out << "    <node oor:name=\"" << f.method << "\" oor:op=\"replace\">\n"
        << "     <prop oor:name=\"DisplayName\">" << localized_values(tr::kFunctionNameContext, f.name, catalogs) << "</prop>\n"
        << "     <prop oor:name=\"Description\">" << localized_values({}, f.description, catalogs) << "</prop>\n"
        << "     <prop oor:name=\"Category\"><value>" << alignkit::identity::kCategory << "</value></prop>\n"
        << "     <prop oor:name=\"CompatibilityName\"><value xml:lang=\"en-US\">" << xml_text(f.name) << "</value></prop>\n"
        << "     <node oor:name=\"Parameters\">\n";
    // Calc matches these nodes to the interface's parameter names.
    for (const auto& a : f.arguments) {
      out << "      <node oor:name=\"" << uno_name(a.name) << "\" oor:op=\"replace\">\n"
          << "       <prop oor:name=\"DisplayName\">" << localized_values(tr::kArgumentNameContext, a.name, catalogs)
          << "</prop>\n       <prop oor:name=\"Description\">"
          << localized_values(catalogs, [&](const auto& text) { return tr::argument_description(a, text); })
          << "</prop>\n      </node>\n";
    }
    out << "     </node>\n    </node>\n";
  }
  out << "   </node>\n  </node>\n </node>\n</oor:component-data>\n";
}

// One line per function for the office tests: its display name (what Calc must know), whether it
// answers a column at once (1) or not (0), and its arguments' kinds, e.g.
//   FUNNEL.BUDGET<TAB>1<TAB>number,numbers,number,flag
void write_signatures(std::ostream& out) {
  for (const auto& f : alignkit::functions()) {
    out << f.name << '\t' << (f.answers_columns() ? 1 : 0) << '\t';
    for (std::size_t i = 0; i < f.arguments.size(); ++i) out << (i ? "," : "") << alignkit::kind_key(f.arguments[i].kind);
    out << '\n';
  }
}

// The shared library's components: the functions (a Calc add-in) and the sidebar's panel factory.
void write_components(std::ostream& out) {
  using namespace alignkit::identity;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<!-- Generated from addin/identity/identity.hpp. Do not edit. -->\n"
         "<components xmlns=\"http://openoffice.org/2010/uno-components\">\n"
         "  <component loader=\"com.sun.star.loader.SharedLibrary\" uri=\"alignkit.so\">\n"
      << "    <implementation name=\"" << kFunctionsImplementation << "\">\n"
      << "      <service name=\"" << kFunctionsService << "\"/>\n"
      << "      <service name=\"com.sun.star.sheet.AddIn\"/>\n"
         "    </implementation>\n"
      << "    <implementation name=\"" << kAlignmentCheckImplementation << "\">\n"
      << "      <service name=\"" << kAlignmentCheckImplementation << "\"/>\n"
         "    </implementation>\n"
      << "    <implementation name=\"" << kPanelFactoryImplementation << "\">\n"
      << "      <service name=\"com.sun.star.ui.UIElementFactory\"/>\n"
         "    </implementation>\n"
         "  </component>\n"
         "</components>\n";
}

constexpr char kUsage[] =
    "usage: alignkit-codegen <kind> <output> [inputs] [<language>.mo…]\n"
    "  idl|declarations|definitions|components|signatures <output>\n"
    "  xcu <CalcAddIns.xcu> <language>.mo…\n"
    "  pot <alignkit-catalog.pot> <Sidebar.xcu> <description-en.txt>\n"
    "  translations <translation_tables.cpp> <language>.mo…\n"
    "  sidebar-xcu <Sidebar.xcu> <source Sidebar.xcu> <language>.mo…\n"
    "  description <description.xml> <configured description.xml> <description-en.txt> <language>.mo…\n"
    "  help <help folder> <language>.mo…\n"
    "  page-words <folder> <language>.mo…\n";

int generate(const std::string_view kind, const std::filesystem::path& output,
             const std::vector<std::filesystem::path>& inputs, const Catalogs& catalogs) {
  namespace codegen = alignkit::codegen;
  const auto need = [&](std::size_t count) {
    if (inputs.size() != count) throw std::runtime_error(std::string(kind) + " takes " + std::to_string(count) + " inputs");
  };
  if (kind == "description") {
    need(2);
    codegen::write_description(output, inputs[0], inputs[1], catalogs);
    return 0;
  }
  if (kind == "help") {
    need(0);
    codegen::write_help(output, catalogs);
    return 0;
  }
  if (kind == "page-words") {
    need(0);
    codegen::write_page_words(output, catalogs);
    return 0;
  }
  std::ostringstream text;
  if (kind == "pot") {
    need(2);
    codegen::write_pot(text, {inputs[0], inputs[1]});
  } else if (kind == "sidebar-xcu") {
    need(1);
    codegen::write_sidebar_xcu(text, inputs[0], catalogs);
  } else {
    need(0);
    if (kind == "idl") write_idl(text);
    else if (kind == "declarations") write_declarations(text);
    else if (kind == "definitions") write_definitions(text);
    else if (kind == "xcu") write_xcu(text, catalogs);
    else if (kind == "components") write_components(text);
    else if (kind == "signatures") write_signatures(text);
    else if (kind == "translations") codegen::write_translations(text, catalogs);
    else throw std::runtime_error("unknown output kind '" + std::string(kind) + "'");
  }
  std::ofstream out(output, std::ios::binary);
  out << text.str();
  return out ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << kUsage;
    return 2;
  }
  try {
    std::vector<std::filesystem::path> inputs;
    Catalogs catalogs;
    for (int i = 3; i < argc; ++i) {
      const std::filesystem::path path = argv[i];
      if (path.extension() == ".mo") catalogs.push_back(alignkit::codegen::read_mo(path));
      else inputs.push_back(path);
    }
    return generate(argv[1], argv[2], inputs, catalogs);
  } catch (const std::exception& e) {
    std::cerr << "alignkit-codegen: " << e.what() << "\n" << kUsage;
    return 2;
  }
}
