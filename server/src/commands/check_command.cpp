#include "commands/check_command.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "alignkit/sharing/sharing.hpp"
#include "alignkit/templates/served_templates.hpp"
#include "alignkit/templates/templates.hpp"
#include "commands/command_line.hpp"
#include "commands/eval_command.hpp"
#include "template_client.hpp"

namespace alignkit::service {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using sharing::printable;

constexpr const char* kCheckUsage =
    "usage: alignkit check WORKBOOK… [--template SOURCE] [--json] [--oxt FILE] [--office SOFFICE] [--timeout SECONDS]\n"
    "  Reads every alignkit formula of each workbook as the office reads it and says each typed value\n"
    "  far outside what its argument likely holds (3 typed for a rate of 3 %), with or without a\n"
    "  template; and, when the workbook follows a template (or SOURCE names one: a template file, or\n"
    "  http(s)://host:port/v1/templates/NAME with --token/ALIGNKIT_TOKEN and --cacert for a team's own\n"
    "  certificate), where its typed numbers differ from the published ones. Drives LibreOffice headless\n"
    "  in a private profile: alignkit must be installed for all users (the libreoffice-alignkit package),\n"
    "  or given with --oxt.\n"
    "  Exit 0: no drift; 1: drifts or likely typos found; 2: a workbook or the template could not be read.\n";

// A private folder, removed when the check ends.
struct TempFolder {
  fs::path path;
  TempFolder() {
    std::string pattern = (fs::temp_directory_path() / "alignkit-check-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot make a temporary folder");
    path = pattern;
  }
  ~TempFolder() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
};

// SIGINT or SIGTERM while the office runs: the office is ended with the command, never left behind.
volatile std::sig_atomic_t stop_signal = 0;
void on_stop_signal(int signal) { stop_signal = signal; }

// Where an office installation keeps the extensions every user has: the packaged one
// (libreoffice-alignkit: share/extensions/alignkit) or one added with `unopkg add --shared`.
bool alignkit_in_office(const std::string& office) {
  std::error_code ec;
  fs::path program = office;
  if (!program.has_parent_path()) {
    const char* path = std::getenv("PATH");
    std::string folders = path ? path : "/usr/bin:/bin";
    for (std::size_t begin = 0; begin <= folders.size();) {
      const std::size_t end = std::min(folders.find(':', begin), folders.size());
      const fs::path candidate = fs::path(folders.substr(begin, end - begin)) / office;
      if (fs::is_regular_file(candidate, ec)) {
        program = candidate;
        break;
      }
      begin = end + 1;
    }
  }
  const fs::path share = fs::canonical(program, ec).parent_path().parent_path() / "share";
  if (ec) return true;  // an office we cannot see into: let it say so itself
  if (fs::is_directory(share / "extensions" / "alignkit", ec)) return true;
  for (const auto& entry : fs::recursive_directory_iterator(share / "uno_packages", ec)) {
    if (entry.path().filename().string().starts_with("alignkit")) return true;
  }
  return false;
}

// Runs a program in a process group of its own (soffice starts soffice.bin, which must end
// with it), its output to `log`; kills the group after `timeout`, or at once on SIGINT/SIGTERM.
// Returns the exit status, or nothing on a timeout or a signal (stop_signal says which).
std::optional<int> run_program(const std::vector<std::string>& args, const fs::path& log, std::chrono::seconds timeout) {
  const pid_t child = ::fork();
  if (child < 0) throw std::runtime_error("cannot start " + args.front());
  if (child == 0) {
    ::setpgid(0, 0);
    if (FILE* out = std::freopen(log.c_str(), "a", stdout)) ::dup2(::fileno(out), 2);
    std::freopen("/dev/null", "r", stdin);
    std::vector<char*> argv;
    for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    ::execvp(argv[0], argv.data());
    ::_exit(127);
  }
  ::setpgid(child, child);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (::waitpid(child, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline || stop_signal != 0) {
      ::kill(-child, SIGKILL);
      ::waitpid(child, &status, 0);
      return std::nullopt;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ::kill(-child, SIGKILL);  // anything it left behind in its group
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string number_text(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.10g", value);
  return text;
}

std::string result_text(double value) {
  char text[64];
  std::snprintf(text, sizeof text, std::fabs(value) >= 100 ? "%.0f" : "%.4g", value);
  std::string digits = text;
  // Thousands separators, as a planner reads money.
  const auto start = digits.find_first_of("0123456789");
  auto end = digits.find('.');
  if (end == std::string::npos) end = digits.size();
  for (auto at = end; at > start + 3; at -= 3) digits.insert(at - 3, ",");
  return digits;
}

std::string joined(const json& values, const char* separator, bool numbers) {
  std::string text;
  for (const auto& value : values) {
    if (!text.empty()) text += separator;
    text += numbers ? number_text(value.get<double>()) : printable(value.get<std::string>());
  }
  return text;
}

// A workbook's words (sheet names, messages, a template's name) on a terminal: control characters
// escaped, so none can forge a line or rewrite the screen.
std::string text_of(const json& value) { return printable(value.get<std::string>()); }

void print_text(const json& workbook, const std::string& as_named, std::ostream& out) {
  out << printable(as_named) << '\n';
  if (workbook.contains("error")) {
    out << "  cannot be checked: " << text_of(workbook["error"]) << "\n\n";
    return;
  }
  const json& followed = workbook["template"];
  if (followed.is_null()) {
    out << "  template: none — it follows no template, so only likely typos were looked for (compare its numbers "
           "with one: --template FILE|URL)\n";
  } else {
    out << "  template: " << printable(followed.value("name", "")) << " (" << printable(followed.value("source", "")) << ")";
    if (followed.value("version", 0.0) > 0) out << ", version " << number_text(followed["version"].get<double>());
    if (!followed.value("author", "").empty()) out << " by " << text_of(followed["author"]);
    out << '\n';
  }
  for (const auto& drift : workbook["drifts"]) {
    out << "  DRIFT " << text_of(drift["cell"]) << " " << text_of(drift["function"]) << " " << text_of(drift["argument"])
        << ": workbook " << joined(drift["workbook"], "; ", true) << " (in "
        << joined(drift["places"], ", ", false) << "), published " << joined(drift["published"], "; ", true) << " ("
        << text_of(drift["key"]) << ")";
    if (!drift["result"].is_null() && !drift["result_published"].is_null()) {
      out << "; result " << result_text(drift["result"].get<double>()) << " -> "
          << result_text(drift["result_published"].get<double>());
    }
    if (drift.value("calls", 1) > 1) out << "; read by " << drift["calls"].get<int>() << " formulas";
    out << '\n';
  }
  for (const auto& typo : workbook.value("unlikely", json::array())) {
    out << "  LIKELY TYPO " << text_of(typo["cell"]) << " " << text_of(typo["function"]) << " " << text_of(typo["argument"])
        << ": " << text_of(typo["message"]) << " (in " << text_of(typo["place"]) << ")";
    if (typo.value("calls", 1) > 1) out << "; read by " << typo["calls"].get<int>() << " formulas";
    out << '\n';
  }
  // One line per argument and reason, however many formulas share it (--json lists each).
  std::vector<std::pair<std::string, int>> not_compared;
  for (const auto& skipped : workbook["skipped"]) {
    const std::string line = text_of(skipped["function"]) + " " + text_of(skipped["argument"]) + " (" + text_of(skipped["key"]) +
                             "): " + text_of(skipped["reason"]);
    const auto seen = std::find_if(not_compared.begin(), not_compared.end(), [&](const auto& entry) { return entry.first == line; });
    if (seen != not_compared.end()) {
      ++seen->second;
    } else {
      not_compared.emplace_back(line, 1);
    }
  }
  for (const auto& [line, count] : not_compared) {
    out << "  not compared: " << line << (count > 1 ? " (" + std::to_string(count) + " formulas)" : "") << '\n';
  }
  const auto drifts = workbook["drifts"].size();
  out << "  " << (drifts == 0 ? "no drift" : std::to_string(drifts) + (drifts == 1 ? " drift" : " drifts")) << " in "
      << workbook["calls"].get<int>() << " alignkit calls; " << workbook["linked"].get<int>()
      << " arguments follow the template; " << workbook["agree"].get<int>() << " typed equal to it";
  if (const auto typos = workbook.value("unlikely", json::array()).size(); typos > 0) {
    out << "; " << typos << (typos == 1 ? " likely typo" : " likely typos");
  }
  out << "\n\n";
}

class CheckCommand {
 public:
  CheckCommand(const ParsedArgs& parsed, std::ostream& out, std::ostream& err) : parsed_(parsed), out_(out), err_(err) {}

  int run() {
    if (parsed_.words.empty()) return usage("name at least one workbook");
    const std::string office = parsed_.get("office").value_or("soffice");
    long timeout_s = 300;
    if (const auto timeout = parsed_.get("timeout")) {
      try {
        timeout_s = std::stol(*timeout);
      } catch (const std::exception&) {
        timeout_s = 0;
      }
      if (timeout_s <= 0) return usage("--timeout takes a number of seconds");
    }
    TempFolder work;
    json request{{"report", (work.path / "report.json").string()}, {"end_office", true}, {"workbooks", json::array()}};
    for (const auto& workbook : parsed_.words) request["workbooks"].push_back(fs::absolute(workbook).string());
    if (const auto source = parsed_.get("template")) {
      if (int failed = template_for(*source, work.path, request); failed != kOk) return failed;
    }
    std::ofstream(work.path / "request.json") << request.dump();
    if (!parsed_.get("oxt") && !alignkit_in_office(office)) {
      err_ << "alignkit check: the office (" << printable(office) << ") has no alignkit extension: install the "
           << "libreoffice-alignkit package, or give the extension with --oxt FILE\n";
      return kUsage;
    }
    // The office ends with this command, whatever ends it.
    struct sigaction stop {};
    stop.sa_handler = on_stop_signal;
    ::sigaction(SIGINT, &stop, nullptr);
    ::sigaction(SIGTERM, &stop, nullptr);
    const fs::path profile = work.path / "profile";
    std::vector<std::string> env{"-env:UserInstallation=" + templates::file_url(profile)};
    if (const auto oxt = parsed_.get("oxt")) {
      if (!fs::is_regular_file(*oxt)) return problem("the extension '" + *oxt + "' does not exist");
      env.push_back("-env:UNO_SHARED_PACKAGES_CACHE=" + templates::file_url(profile / "shared"));
      const fs::path unopkg = fs::path(office).has_parent_path() ? fs::path(office).parent_path() / "unopkg" : "unopkg";
      std::vector<std::string> add{unopkg.string(), "add", "--shared", "--suppress-license"};
      add.insert(add.end(), env.begin(), env.end());
      add.push_back(fs::absolute(*oxt).string());
      const auto added = run_program(add, work.path / "office.log", std::chrono::seconds(timeout_s));
      if (stop_signal != 0) return problem("stopped (signal " + std::to_string(stop_signal) + "); the office was ended too");
      if (!added || *added != 0) return problem("the office could not install '" + *oxt + "': " + log_tail(work.path));
    }
    std::vector<std::string> soffice{office, "--headless", "--norestore", "--nologo", "--nolockcheck"};
    soffice.insert(soffice.end(), env.begin(), env.end());
    soffice.push_back("service:org.alignkit.calc.AlignmentCheck?" + (work.path / "request.json").string());
    const auto ran = run_program(soffice, work.path / "office.log", std::chrono::seconds(timeout_s));
    if (stop_signal != 0) return problem("stopped (signal " + std::to_string(stop_signal) + "); the office was ended too");
    if (!ran) return problem("the office did not finish the check within " + std::to_string(timeout_s) + " s");
    std::ifstream in(work.path / "report.json");
    if (!in) {
      return problem("the office did not run the check: is alignkit installed for all users (the libreoffice-alignkit "
                     "package), or given with --oxt? " + log_tail(work.path));
    }
    const json report = json::parse(in, nullptr, false);
    if (!report.is_object() || !report.contains("workbooks")) return problem("the office wrote no readable report");
    return print(report);
  }

 private:
  int usage(const std::string& text) {
    err_ << "alignkit check: " << printable(text) << '\n' << kCheckUsage;
    return kUsage;
  }
  int problem(const std::string& text) {
    err_ << "alignkit check: " << printable(text) << '\n';  // a service's or a certificate's words among them
    return kUsage;
  }

  static std::string log_tail(const fs::path& work) {
    std::ifstream in(work / "office.log");
    std::string line, last;
    while (std::getline(in, line)) {
      if (!line.empty() && line.find("javaldx") == std::string::npos) last = line;
    }
    return last.empty() ? "" : "(the office said: " + last + ")";
  }

  // The template as the office reads it: a file as an absolute path; a served template read
  // here, with the user's token, into a file — the office's private profile trusts no service —
  // while the report names the service, its version and author.
  int template_for(const std::string& source, const fs::path& work, json& request) {
    if (!templates::is_web_address(source)) {
      const fs::path file = source.starts_with("file://") ? fs::path(source.substr(7)) : fs::absolute(source);
      if (!fs::is_regular_file(file)) return problem("the template '" + source + "' does not exist");
      auto parsed = templates::read_file(file);
      if (!parsed) return problem("the template '" + source + "' cannot be used: " + parsed.error().message);
      request["template"] = file.string();
      return kOk;
    }
    auto served = templates::served_source(source);
    if (!served) return problem(served.error().message);
    const client::TemplateClient service(served->origin,
                                         client::TransportOptions{.token = parsed_.get("token").value_or(environment("ALIGNKIT_TOKEN")),
                                                                  .ca_file = parsed_.get("cacert").value_or(""),
                                                                  .proxy = {}});
    const auto read = served->version     ? service.read_version(served->name, *served->version)
                      : !served->at.empty() ? service.read_at(served->name, served->at)
                                            : service.read(served->name);
    if (read.outcome.kind == sharing::Outcome::Kind::unreachable) {
      return problem("the template service at " + served->origin + " cannot be reached: " + read.outcome.message);
    }
    if (!read.ok()) return problem("the template service refused '" + source + "': " + read.outcome.message);
    auto parsed = templates::parse(read.value.text);
    if (!parsed) return problem("the template '" + source + "' cannot be used: " + parsed.error().message);
    const fs::path copy = work / (served->name + ".json");
    std::ofstream(copy) << read.value.text;
    request["template"] = copy.string();
    json shown{{"source", source}};
    if (read.value.info.version > 0) shown["version"] = static_cast<double>(read.value.info.version);
    if (!read.value.info.author.empty()) shown["author"] = read.value.info.author;
    request["template_shown"] = shown;
    return kOk;
  }

  int print(const json& report) {
    bool unreadable = false, drifted = false;
    for (const auto& workbook : report["workbooks"]) {
      unreadable = unreadable || workbook.contains("error");
      drifted = drifted || (workbook.contains("drifts") && !workbook["drifts"].empty()) ||
                (workbook.contains("unlikely") && !workbook["unlikely"].empty());  // a likely typo needs a look as a drift does
    }
    if (parsed_.has("json")) {
      out_ << report.dump(2) << '\n';
    } else {
      // Each workbook as the administrator named it (the office was given its full path).
      std::size_t k = 0;
      for (const auto& workbook : report["workbooks"]) {
        print_text(workbook, k < parsed_.words.size() ? parsed_.words[k] : workbook.value("workbook", ""), out_);
        ++k;
      }
    }
    for (const auto& workbook : report["workbooks"]) {
      if (workbook.contains("error")) err_ << "alignkit check: " << printable(workbook["error"].get<std::string>()) << '\n';
    }
    return unreadable ? kUsage : drifted ? kInvalidInput : kOk;
  }

  const ParsedArgs& parsed_;
  std::ostream& out_;
  std::ostream& err_;
};

}  // namespace

int run_check(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const ParsedArgs parsed = parse_args(args, {"template", "oxt", "office", "timeout", "token", "cacert"}, {"json"});
  if (parsed.help) {
    out << kCheckUsage;
    return kOk;
  }
  if (!parsed.problem.empty()) {
    err << "alignkit check: " << parsed.problem << '\n' << kCheckUsage;
    return kUsage;
  }
  try {
    return CheckCommand(parsed, out, err).run();
  } catch (const std::exception& e) {
    err << "alignkit check: " << printable(e.what()) << '\n';
    return kUsage;
  }
}

}  // namespace alignkit::service
