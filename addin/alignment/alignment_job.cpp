#include "alignment_job.hpp"

#include <fstream>
#include <optional>
#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/sheet/XCalculatable.hpp>
#include <com/sun/star/table/CellAddress.hpp>
#include <com/sun/star/util/XCloseable.hpp>
#include <cppuhelper/supportsservice.hxx>
#include <nlohmann/json.hpp>
#include <osl/file.hxx>

#include "office_text.hpp"
#include "service_access.hpp"
#include "workbook_alignment.hpp"

namespace alignkit::addin {
namespace {
using css::uno::Reference;
using css::uno::UNO_QUERY;
using nlohmann::json;

// One workbook's check as JSON; what went wrong is said in "problem" and "error", never thrown.
// With `link`, that drift is linked to its published key first (as the panel's Link does).
json checked(templates::Reader& reader, const Reference<css::frame::XModel>& document, std::string source,
             std::optional<std::size_t> link = {}) {
  try {
    // A workbook that names no template is still checked for likely typos (the source stays empty).
    if (source.empty()) source = followed_source(document).value_or("");
    auto check = check_workbook(reader, document, source);
    if (!check) return {{"problem", "template"}, {"error", "the template '" + source + "' cannot be read: " + check.error().message}};
    if (link) {
      if (*link >= check->drifts.size()) return {{"problem", "link"}, {"error", "there is no such drift to link"}};
      link_drift(document, check->drifts[*link], source, "Link to the published value");
      check = check_workbook(reader, document, source);
      if (!check) return {{"problem", "template"}, {"error", check.error().message}};
    }
    return to_json(*check);
  } catch (const css::uno::Exception& e) {
    return {{"problem", "office"}, {"error", "the office could not read the workbook: " + from_office(e.Message)}};
  } catch (const std::exception& e) {
    return {{"problem", "office"}, {"error", std::string("the check failed: ") + e.what()}};
  }
}

// "Why this cell?" of one cell as JSON; what went wrong is said in "problem" and "error".
json explained(templates::Reader& reader, const Reference<css::frame::XModel>& document, const css::table::CellAddress& at) {
  try {
    return to_json(explain_cell(reader, document, at));
  } catch (const css::uno::Exception& e) {
    return {{"problem", "office"}, {"error", "the office could not read the cell: " + from_office(e.Message)}};
  } catch (const std::exception& e) {
    return {{"problem", "office"}, {"error", std::string("the explanation failed: ") + e.what()}};
  }
}

std::string file_url(const std::string& path) {
  ::rtl::OUString url;
  if (osl::FileBase::getFileURLFromSystemPath(to_office(path), url) != osl::FileBase::E_None) return {};
  return from_office(url);
}

json check_file(const Reference<css::uno::XComponentContext>& context, const std::string& path, const std::string& source) {
  json answer;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return {{"problem", "workbook"}, {"error", "'" + path + "' cannot be opened: there is no such file"}, {"workbook", path}};
  }
  try {
    const auto desktop = css::frame::Desktop::create(context);
    css::uno::Sequence<css::beans::PropertyValue> load(2);
    load.getArray()[0].Name = "Hidden";
    load.getArray()[0].Value <<= true;
    load.getArray()[1].Name = "ReadOnly";
    load.getArray()[1].Value <<= true;
    const std::string url = file_url(path);
    Reference<css::frame::XModel> document(
        url.empty() ? nullptr : desktop->loadComponentFromURL(to_office(url), "_blank", 0, load), UNO_QUERY);
    Reference<css::sheet::XCalculatable> calculatable(document, UNO_QUERY);
    if (!document.is() || !calculatable.is()) {
      answer = {{"problem", "workbook"}, {"error", "'" + path + "' cannot be opened as a spreadsheet"}};
    } else {
      calculatable->calculateAll();
      answer = checked(*office_templates(context), document, source);
      Reference<css::util::XCloseable> closeable(document, UNO_QUERY);
      if (closeable.is()) closeable->close(true);
    }
  } catch (const css::uno::Exception& e) {
    // The office's message names its own source files; the planner's is enough.
    answer = {{"problem", "workbook"}, {"error", "'" + path + "' cannot be opened as a spreadsheet"}};
  }
  answer["workbook"] = path;
  return answer;
}

}  // namespace

css::uno::Any AlignmentJob::execute(const css::uno::Sequence<css::beans::NamedValue>& arguments) {
  Reference<css::frame::XModel> document;
  ::rtl::OUString source;
  std::optional<std::size_t> link;
  std::optional<css::table::CellAddress> explain;
  for (const auto& argument : arguments) {
    if (css::table::CellAddress at; argument.Name == "Explain" && (argument.Value >>= at)) explain = at;
    if (argument.Name == "Document") argument.Value >>= document;
    if (argument.Name == "Template") argument.Value >>= source;
    if (sal_Int32 index = -1; argument.Name == "Link" && (argument.Value >>= index) && index >= 0) {
      link = static_cast<std::size_t>(index);
    }
  }
  const json answer = !document.is() ? json{{"problem", "workbook"}, {"error", "no Document to check"}}
                     : explain      ? explained(*office_templates(context_), document, *explain)
                                    : checked(*office_templates(context_), document, from_office(source), link);
  return css::uno::Any(to_office(answer.dump()));
}

void AlignmentJob::trigger(const ::rtl::OUString& request_path) {
  json report = json::object();
  std::string report_path;
  bool end_office = false;
  try {
    std::ifstream in(from_office(request_path));
    std::stringstream text;
    text << in.rdbuf();
    const json request = json::parse(text.str(), nullptr, false);
    if (request.is_object()) {
      report_path = request.value("report", std::string());
      end_office = request.value("end_office", false);
      const std::string source = request.value("template", std::string());
      // A served template the command read for us: the report names the service, not the copy.
      const json shown = request.value("template_shown", json::object());
      json workbooks = json::array();
      for (const auto& path : request.value("workbooks", json::array())) {
        if (!path.is_string()) continue;
        json checked_file = check_file(context_, path.get<std::string>(), source);
        if (checked_file.contains("template") && checked_file["template"].is_object()) checked_file["template"].update(shown);
        workbooks.push_back(std::move(checked_file));
      }
      report["workbooks"] = std::move(workbooks);
    }
  } catch (const std::exception& e) {
    report["error"] = e.what();
  }
  if (!report_path.empty()) {
    std::ofstream out(report_path + ".part");
    out << report.dump(2) << '\n';
    out.close();
    std::rename((report_path + ".part").c_str(), report_path.c_str());  // whole or not at all
  }
  if (end_office) {
    // Not from inside the dispatch that called us: the office refuses to end while it is
    // still handling its command line. A moment later, from a thread of our own, it ends.
    std::thread([context = context_] {
      for (int attempt = 0; attempt < 100; ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        try {
          if (css::frame::Desktop::create(context)->terminate()) return;
        } catch (const css::uno::Exception&) {
        }
      }
    }).detach();
  }
}

::rtl::OUString AlignmentJob::getImplementationName() { return identity::kAlignmentCheckImplementation; }
sal_Bool AlignmentJob::supportsService(const ::rtl::OUString& name) { return cppu::supportsService(this, name); }
css::uno::Sequence<::rtl::OUString> AlignmentJob::getSupportedServiceNames() { return supported_service_names(); }
css::uno::Sequence<::rtl::OUString> AlignmentJob::supported_service_names() {
  const ::rtl::OUString service(identity::kAlignmentCheckImplementation);
  return css::uno::Sequence<::rtl::OUString>(&service, 1);
}

}  // namespace alignkit::addin
