// The `alignkit` command: eval, functions, serve, templates, users, store and check. Over 400
// lines because it holds the two tables people read as --help (the commands, and serve's settings
// with their defaults) beside the Poco application that reads them: one place for each word.
#include <csignal>
#include <iostream>
#include <algorithm>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <variant>
#include <string_view>
#include <string>
#include <vector>

#include <Poco/AutoPtr.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>

#include "commands/admin_commands.hpp"
#include "alignkit/sharing/sharing.hpp"
#include "alignkit/templates/template_reader.hpp"
#include "commands/check_command.hpp"
#include "commands/command_line.hpp"
#include "commands/eval_command.hpp"
#include "http/http_service.hpp"
#include "routes/json_calls.hpp"
#include "access/directory.hpp"
#include "access/secrets.hpp"
#include "commands/settings_file.hpp"
#include "store/template_store.hpp"
#include "commands/templates_command.hpp"
#include "access/users.hpp"

namespace {
using namespace alignkit::service;
using Poco::Util::Option;
using Poco::Util::OptionSet;
namespace fs = std::filesystem;

// Every command, once: `alignkit --help` lists them, and each answers `alignkit COMMAND --help`.
struct Command {
  std::string_view name;
  std::string_view words;
  std::string_view what;
};
constexpr Command kCommands[] = {
    {"eval", "FUNCTION [ARG...] | --json FILE|-", "one function's result, or a JSON call or batch"},
    {"functions", "", "the catalogue of functions as JSON"},
    {"serve", "[--SETTING VALUE...]", "the HTTP service, the template store's routes and the owners' page"},
    {"templates", "list|pull|push|history|diff|propose|proposals|approve|decline|withdraw ...",
     "the template service, as a planner or an owner"},
    {"users", "add|rotate|remove|list ...", "who may publish which groups, and who only reads"},
    {"store", "import|backup|restore|copy ...", "the template store: load, back up, restore, move"},
    {"check", "WORKBOOK... [--template SOURCE] [--json]", "typed numbers in workbooks that differ from the template"},
};

std::string usage_text() {
  std::string text = "Usage: alignkit COMMAND [ARGUMENTS]\n\nCommands:\n";
  for (const auto& command : kCommands) {
    text += "  alignkit " + std::string(command.name) + (command.words.empty() ? "" : " " + std::string(command.words)) +
            "\n      " + std::string(command.what) + "\n";
  }
  text +=
      "  alignkit --version\n      the version (the same in every package)\n\n"
      "Run 'alignkit COMMAND --help' for a command's arguments.\n"
      "Exit codes: 0 done, 1 invalid input or refused (the reason on stderr), 2 usage.\n";
  return text;
}

// The service's routes as the protocol's table has them: "  GET    /v1/health  whether …".
std::string route_list() {
  std::size_t width = 0;
  for (const auto& route : alignkit::sharing::kRoutes) width = std::max(width, route.pattern.size());
  std::string text;
  for (const auto& route : alignkit::sharing::kRoutes) {
    std::string method(route.method), pattern(route.pattern);
    method.resize(7, ' ');
    pattern.resize(width + 2, ' ');
    text += "  " + method + pattern + std::string(route.summary) + "\n";
  }
  return text;
}

// `alignkit serve` settings, each once: an option (--port 8080 or --port=8080), a key of the
// --config file (KEY = VALUE lines), its help and its default.
struct ServeSetting {
  const char* name;
  const char* short_name;
  const char* argument;
  const char* help;
  const char* fallback;  // the default, "" for none
  bool secret = false;   // only from the settings file: a command line is visible in the process list
};
constexpr ServeSetting kServeSettings[] = {
    {"port", "p", "PORT", "TCP port (default 8080; 0 picks a free one)", "8080"},
    {"bind", "b", "ADDRESS", "address to listen on (default 127.0.0.1)", "127.0.0.1"},
    {"templates", "t", "DIR", "folder of shared templates", ""},
    {"threads", "n", "N", "request threads, each serving one keep-alive client at a time (default 16)", "16"},
    {"store", "s", "STORE", "versioned template store: sqlite:PATH or postgresql:CONNECTION", ""},
    {"users", "u", "FILE", "users file (alignkit users add …): who may publish, who reads", ""},
    {"tls-cert", "", "FILE", "certificate (PEM) to serve HTTPS", ""},
    {"tls-key", "", "FILE", "private key (PEM) of the certificate", ""},
    {"tls-protocols", "", "LIST", "TLS versions offered, of TLSv1.2 and TLSv1.3 (default both)", "TLSv1.2 TLSv1.3"},
    {"tls-ciphers", "", "LIST", "TLS 1.2 cipher suites in OpenSSL's words (default: Mozilla's intermediate profile)",
     kTlsCiphers},
    {"max-answer-cells", "", "N",
     "most numbers one request may answer (default 1000000): a request that asks for more gets 400", "1000000"},
    {"reading", "", "open|token",
     "open: anyone may read templates (default); token: only with the read token or a user's", "open"},
    {"max-token-failures", "", "N",
     "refused tokens one address may send within a minute before it gets 429 (default 20)", "20"},
    {"max-connections-per-address", "", "N",
     "connections one address may hold at once (default 8; 0: no cap; never the trusted proxy or this machine)", "8"},
    {"trusted-proxy", "", "ADDRESS",
     "a front proxy's address (nginx on this machine: 127.0.0.1): the client it names in X-Forwarded-For is the one "
     "limited and logged", ""},
    {"metrics-scrapers", "", "ADDRESSES", "besides this machine, the addresses that may read /metrics (comma list)", ""},
    {"page", "", "DIR", "the owners' page (default: the one installed with alignkit)", ""},
    {"ldap-url", "", "URL",
     "company sign-in: the directory, ldaps://host:636 (or ldap:// with ldap-starttls; plain only to this machine); "
     "'ldap-group = GROUP_DN -> owns people,funnel' (or '-> reads') lines in the settings file give rights", ""},
    {"ldap-starttls", "", "yes|no", "StartTLS on an ldap:// address (default no)", "no"},
    {"ldap-base", "", "DN", "where the directory's people are: ou=people,dc=example,dc=com", ""},
    {"ldap-user-filter", "", "FILTER", "how a name is found, %s the name escaped (default (uid=%s); Active Directory: "
     "(sAMAccountName=%s))", "(uid=%s)"},
    {"ldap-bind-dn", "", "DN", "the service's own directory account for searching (default: anonymous)", ""},
    {"ldap-bind-password-file", "", "FILE", "a file holding that account's password, readable by the service only", ""},
    {"ldap-ca-file", "", "FILE", "the CA (PEM) that signed the directory's certificate (default: the system's)", ""},
    {"ldap-recheck-seconds", "", "N", "rights read again from the directory at least this often in a session (default 900)",
     "900"},
    {"read-token", "", "TOKEN", "reading templates needs this token or a user's (settings file only)", "", true},
    {"config", "c", "FILE", "settings file: lines KEY = VALUE with the keys above", ""},
};

const ServeSetting* serve_setting(std::string_view name) {
  const auto found = std::find_if(std::begin(kServeSettings), std::end(kServeSettings),
                                  [&](const ServeSetting& setting) { return name == setting.name; });
  return found == std::end(kServeSettings) ? nullptr : found;
}

// "[--port 8080] [--bind 127.0.0.1] [--templates DIR] …": the settings with their defaults.
std::string serve_usage() {
  std::string text;
  for (const auto& setting : kServeSettings) {
    const bool long_default = std::string_view(setting.fallback).size() > 20;
    text += std::string(text.empty() ? "" : " ") + "[--" + setting.name + " " +
            (*setting.fallback && !long_default ? setting.fallback : setting.argument) + "]";
  }
  return text;
}

// The owners' page: installed beside the command (/usr/bin/alignkit: /usr/share/alignkit/page),
// else this build's sources.
fs::path default_page_folder() {
  std::error_code ec;
  const fs::path installed = fs::canonical("/proc/self/exe", ec).parent_path().parent_path() / "share/alignkit/page";
  if (!ec && fs::is_directory(installed, ec)) return installed;
  return fs::is_directory(ALIGNKIT_PAGE_SOURCE_DIR, ec) ? fs::path(ALIGNKIT_PAGE_SOURCE_DIR) : fs::path();
}

// "a, b c" -> {"a", "b", "c"}: a setting's list, separated by commas or spaces.
std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : text + " ") {
    if (c == ' ' || c == ',' || c == '\t') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  return words;
}

// The service's options from its settings (each as given, else its default), or why they are wrong.
std::variant<ServiceOptions, std::string> options_from(const std::function<std::string(const char*)>& setting) {
  ServiceOptions options;
  try {
    const int port = std::stoi(setting("port"));
    const int threads = std::stoi(setting("threads"));
    const long long cells = std::stoll(setting("max-answer-cells"));
    const int failures = std::stoi(setting("max-token-failures"));
    const int per_address = std::stoi(setting("max-connections-per-address"));
    if (port < 0 || port > 65535 || threads < 1 || threads > 256 || cells < 1 || cells > 100'000'000 || failures < 1 ||
        failures > 100'000 || per_address < 0 || per_address > 100'000) {
      throw std::out_of_range("range");
    }
    options.max_connections_per_address = per_address;
    options.port = static_cast<std::uint16_t>(port);
    options.threads = threads;
    options.max_answer_cells = static_cast<std::size_t>(cells);
    options.max_token_failures = failures;
  } catch (const std::exception&) {  // std::stoi's and the range's
    return std::string("--port takes 0..65535, --threads 1..256, --max-answer-cells 1..100000000, "
                       "--max-token-failures 1..100000 and --max-connections-per-address 0..100000");
  }
  options.bind = setting("bind");
  options.trusted_proxy = setting("trusted-proxy");
  Poco::Net::IPAddress address;
  if (!options.trusted_proxy.empty() && !Poco::Net::IPAddress::tryParse(options.trusted_proxy, address)) {
    return std::string("trusted-proxy is an address, e.g. 127.0.0.1");
  }
  options.metrics_scrapers = words_of(setting("metrics-scrapers"));
  for (const auto& scraper : options.metrics_scrapers) {
    if (!Poco::Net::IPAddress::tryParse(scraper, address)) return "metrics-scrapers takes addresses, not '" + scraper + "'";
  }
  options.templates_dir = setting("templates");
  options.read_token = setting("read-token");
  if (setting("reading") != "open" && setting("reading") != "token") return std::string("reading is open or token");
  options.reading_needs_token = setting("reading") == "token";
  options.tls_certificate = setting("tls-cert");
  options.tls_private_key = setting("tls-key");
  if (options.tls_certificate.empty() != options.tls_private_key.empty()) {
    return std::string("HTTPS needs both --tls-cert and --tls-key");
  }
  options.tls_protocols = words_of(setting("tls-protocols"));
  if (options.tls_protocols.empty() || std::any_of(options.tls_protocols.begin(), options.tls_protocols.end(), [](const auto& p) {
        return p != "TLSv1.2" && p != "TLSv1.3";
      })) {
    return std::string("tls-protocols takes TLSv1.2 and TLSv1.3 (older versions are never offered)");
  }
  options.tls_ciphers = setting("tls-ciphers");
  options.page_folder = setting("page").empty() ? default_page_folder() : fs::path(setting("page"));
  return options;
}

// `alignkit serve`: Poco's server application gives options, logging and a clean stop on SIGTERM.
class ServeApplication final : public Poco::Util::ServerApplication {
 protected:
  void defineOptions(OptionSet& options) override {
    ServerApplication::defineOptions(options);
    options.addOption(Option("help", "h", "show this help").callback(
        Poco::Util::OptionCallback<ServeApplication>(this, &ServeApplication::show_help)));
    for (const auto& setting : kServeSettings) {
      options.addOption(Option(setting.name, setting.short_name, setting.help).argument(setting.argument));
    }
  }

  void handleOption(const std::string& name, const std::string& value) override {
    ServerApplication::handleOption(name, value);
    const auto* known = serve_setting(name);
    if (!known) return;
    // A database password in --store is a secret too (or leave it to libpq's ~/.pgpass).
    if (known->secret || (name == "store" && value.find("password") != std::string::npos)) {
      secret_on_command_line_ = name;
      return;
    }
    config().setString("alignkit." + name, value);
  }

  int main(const ArgVec& args) override {
    if (help_shown_) return kOk;
    block_stop_signals();
    if (auto problem = settings_problem(args)) {
      std::cerr << "alignkit serve: " << *problem << '\n';
      return kUsage;
    }
    auto made = options_from([this](const char* name) { return setting(name); });
    if (auto* problem = std::get_if<std::string>(&made)) {
      std::cerr << "alignkit serve: " << *problem << '\n';
      return kUsage;
    }
    auto& options = std::get<ServiceOptions>(made);
    try {
      if (config().has("alignkit.users")) {
        if (auto open = too_open(config().getString("alignkit.users"))) throw std::runtime_error(*open);
        options.users = std::make_shared<UserDirectory>(config().getString("alignkit.users"));
      }
      if (!setting("ldap-url").empty()) options.directory = company_directory();
      if (config().has("alignkit.store")) {
        options.store = TemplateStore::open(config().getString("alignkit.store"), options.threads + 1);
        options.store->keep_newest_in_memory();
      }
    } catch (const std::exception& e) {
      std::cerr << "alignkit serve: " << alignkit::sharing::printable(e.what()) << '\n';
      return kInvalidInput;
    }
    return serve_until_stopped(options);
  }

 private:
  std::string secret_on_command_line_;  // a secret given as an option: refused
  bool help_shown_ = false;

  // Company sign-in from the ldap-* settings and the settings file's ldap-group lines.
  std::shared_ptr<Directory> company_directory() {
    std::map<std::string, std::string> values;
    for (const char* name : {"ldap-url", "ldap-starttls", "ldap-base", "ldap-user-filter", "ldap-bind-dn",
                             "ldap-bind-password-file", "ldap-ca-file", "ldap-recheck-seconds"}) {
      values[name] = setting(name);
    }
    const auto groups = config().has("alignkit.config") ? read_setting_lines(config().getString("alignkit.config"), "ldap-group")
                                                        : std::vector<std::string>{};
    return std::make_shared<Directory>(directory_settings(values, groups));
  }

  // A setting as given (option, then --config file), or its default.
  std::string setting(const char* name) {
    const auto* known = serve_setting(name);
    if (!known) throw std::logic_error(std::string("no serve setting ") + name);
    return config().getString(std::string("alignkit.") + name, known->fallback);
  }

  // Poco blocks the stop signals only inside waitForTerminationRequest(): a SIGTERM before it, or
  // taken by a request thread, would kill the process. Blocked here, before any thread starts
  // (they inherit the mask), every stop signal waits for sigwait() and a clean stop.
  static void block_stop_signals() {
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    for (const int signal : {SIGINT, SIGQUIT, SIGTERM}) sigaddset(&stop_signals, signal);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  }

  // What is wrong with how the settings were given; the --config file's settings are taken where
  // the command line gave none.
  std::optional<std::string> settings_problem(const ArgVec& args) {
    if (!secret_on_command_line_.empty()) {
      return "give " + secret_on_command_line_ + " in the settings file (--config FILE, a line '" + secret_on_command_line_ +
             " = …', readable by the service only): on the command line every user of the machine sees it";
    }
    if (!args.empty()) return "unexpected argument '" + args.front() + "'";
    if (!config().has("alignkit.config")) return std::nullopt;
    try {
      for (const auto& [key, value] : read_settings(config().getString("alignkit.config"))) {
        if (serve_setting(key) && !config().has("alignkit." + key)) config().setString("alignkit." + key, value);
      }
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::nullopt;
  }

  int serve_until_stopped(const ServiceOptions& options) {
    HttpService service(options);
    try {
      service.start();
    } catch (const Poco::Exception& e) {
      std::cerr << "alignkit serve: cannot listen on " << options.bind << ":" << options.port << ": " << e.displayText() << '\n';
      return kInvalidInput;
    }
    logger().information("alignkit serving on %s://%s:%hu (%d threads, template folder: %s, store: %s, users: %s)",
                         std::string(options.tls() ? "https" : "http"), options.bind, service.port(), options.threads,
                         options.templates_dir.empty() ? std::string("none") : options.templates_dir.string(),
                         std::string(options.store ? (options.store->is_sqlite() ? "SQLite" : "PostgreSQL") : "none"),
                         config().getString("alignkit.users", "none"));
    std::cout << "listening on port " << service.port() << std::endl;  // tests read the chosen port
    waitForTerminationRequest();  // SIGINT or SIGTERM
    logger().information("alignkit stopping: finishing requests in flight");
    service.stop();
    return kOk;
  }

  void show_help(const std::string&, const std::string&) {
    Poco::Util::HelpFormatter help(options());
    help.setCommand("alignkit serve");
    help.setUsage(serve_usage());
    help.setHeader("The alignkit HTTP service: functions, the template store and the owners' page.");
    help.format(std::cout);
    std::cout << "\nRoutes:\n" << route_list();
    help_shown_ = true;
    stopOptionsProcessing();
  }
};

// Poco reads "--port=8080"; people also type "--port 8080".
std::vector<std::string> joined_option_values(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i].starts_with("--") && serve_setting(std::string_view(args[i]).substr(2)) && i + 1 < args.size()) {
      out.push_back(args[i] + "=" + args[i + 1]);
      ++i;
    } else {
      out.push_back(args[i]);
    }
  }
  return out;
}

int serve(const std::vector<std::string>& args) {
  std::vector<std::string> argv_strings{"alignkit serve"};
  for (const auto& arg : joined_option_values(args)) argv_strings.push_back(arg);
  std::vector<char*> argv;
  for (auto& arg : argv_strings) argv.push_back(arg.data());
  ServeApplication app;
  try {
    return app.run(static_cast<int>(argv.size()), argv.data());
  } catch (const Poco::Exception& e) {
    std::cerr << "alignkit serve: " << e.displayText() << '\n';
    return kUsage;
  }
}

int functions(const std::vector<std::string>& args) {
  if (!args.empty() && (args.front() == "--help" || args.front() == "-h")) {
    std::cout << "usage: alignkit functions\n  Prints the catalogue of functions as JSON: names, families, descriptions,\n"
                 "  arguments with their kinds, defaults and the published keys that feed them.\n";
    return kOk;
  }
  if (!args.empty()) {
    std::cerr << "alignkit functions: takes no arguments\n";
    return kUsage;
  }
  std::cout << catalogue_json().dump(2) << '\n';
  return kOk;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << usage_text();
    return kUsage;
  }
  const std::string& command = args.front();
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (command == "--version") {
    std::cout << "alignkit " << ALIGNKIT_VERSION << '\n';
    return kOk;
  }
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << usage_text();
    return kOk;
  }
  // What TEMPLATE.* read in this one command: files, as the working folder names them.
  alignkit::templates::Reader templates;
  if (command == "eval") return run_eval(rest, std::cin, std::cout, std::cerr, templates);
  if (command == "functions") return functions(rest);
  if (command == "serve") return serve(rest);
  if (command == "templates") return run_templates(rest, std::cout, std::cerr);
  if (command == "check") return run_check(rest, std::cout, std::cerr);
  if (command == "users") return run_users(rest, std::cout, std::cerr);
  if (command == "store") return run_store(rest, std::cout, std::cerr);
  std::cerr << "alignkit: unknown command '" << command << "'\n" << usage_text();
  return kUsage;
}
