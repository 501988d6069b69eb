// The `alignkit` command: eval, functions, serve, templates, users, store and check.
#include <csignal>
#include <iostream>
#include <algorithm>
#include <stdexcept>
#include <string_view>
#include <string>
#include <vector>

#include <Poco/AutoPtr.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/PropertyFileConfiguration.h>
#include <Poco/Util/ServerApplication.h>

#include "admin_commands.hpp"
#include "check_command.hpp"
#include "eval_command.hpp"
#include "http_service.hpp"
#include "json_calls.hpp"
#include "template_store.hpp"
#include "templates_command.hpp"
#include "users.hpp"

namespace {
using namespace alignkit::service;
using Poco::Util::Option;
using Poco::Util::OptionSet;

constexpr const char* kUsageText =
    "usage: alignkit eval FUNCTION [ARG...]     one function's result\n"
    "       alignkit eval --json FILE|-         a JSON call or batch\n"
    "       alignkit functions                  the catalogue as JSON\n"
    "       alignkit serve [--SETTING VALUE…]   the HTTP JSON service (alignkit serve --help)\n"
    "       alignkit --version                  the version (the same in every package)\n"
    "       alignkit templates list|pull|push|history|diff …   the template service, as a planner\n"
    "       alignkit users add|remove|list …                  who may publish which groups\n"
    "       alignkit check WORKBOOK… [--template SOURCE] [--json]  typed numbers that differ from the template\n"
    "       alignkit store import DIR --store …               template files as version 1 of each\n"
    "Run 'alignkit eval --help', 'alignkit serve --help' or 'alignkit templates' for more.\n";

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
    {"users", "u", "FILE", "users file (alignkit users add …): who may publish", ""},
    {"tls-cert", "", "FILE", "certificate (PEM) to serve HTTPS", ""},
    {"tls-key", "", "FILE", "private key (PEM) of the certificate", ""},
    {"max-answer-cells", "", "N",
     "most numbers one request may answer (default 1000000): a request that asks for more gets 400", "1000000"},
    {"reading", "", "open|token",
     "open: anyone may read templates (default); token: only with the read token or a user's", "open"},
    {"max-token-failures", "", "N",
     "refused tokens one address may send within a minute before it gets 429 (default 20)", "20"},
    {"trusted-proxy", "", "ADDRESS",
     "a front proxy's address (nginx on this machine: 127.0.0.1): the client it names in X-Forwarded-For is the one "
     "limited and logged", ""},
    {"read-token", "", "TOKEN", "reading templates needs this token or a user's (settings file only)", "", true},
    {"config", "c", "FILE", "settings file: lines KEY = VALUE with the keys above", ""},
};

bool is_serve_setting(std::string_view name) {
  return std::any_of(std::begin(kServeSettings), std::end(kServeSettings),
                     [&](const ServeSetting& setting) { return name == setting.name; });
}

bool is_secret(std::string_view name) {
  return std::any_of(std::begin(kServeSettings), std::end(kServeSettings),
                     [&](const ServeSetting& setting) { return name == setting.name && setting.secret; });
}

// "[--port 8080] [--bind 127.0.0.1] [--templates DIR] …": the settings with their defaults.
std::string serve_usage() {
  std::string text;
  for (const auto& setting : kServeSettings) {
    text += std::string(text.empty() ? "" : " ") + "[--" + setting.name + " " +
            (*setting.fallback ? setting.fallback : setting.argument) + "]";
  }
  return text;
}

// `alignkit serve`: Poco's server application gives options, logging and a clean stop on SIGTERM.
class ServeApplication final : public Poco::Util::ServerApplication {
 public:
  int exit_code = kOk;

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
    if (!is_serve_setting(name)) return;
    // A database password in --store is a secret too (or leave it to libpq's ~/.pgpass).
    if (is_secret(name) || (name == "store" && value.find("password") != std::string::npos)) {
      secret_on_command_line_ = name;
      return;
    }
    config().setString("alignkit." + name, value);
  }

  int main(const ArgVec& args) override {
    if (help_shown_) return kOk;
    // Poco blocks the stop signals only inside waitForTerminationRequest(): a SIGTERM before it,
    // or taken by a request thread, would kill the process. Blocked here, before any thread
    // starts (they inherit the mask), every stop signal waits for sigwait() and a clean stop.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    for (const int signal : {SIGINT, SIGQUIT, SIGTERM}) sigaddset(&stop_signals, signal);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    if (!secret_on_command_line_.empty()) {
      std::cerr << "alignkit serve: give " << secret_on_command_line_
                << " in the settings file (--config FILE, a line '" << secret_on_command_line_
                << " = …', readable by the service only): on the command line every user of the machine sees it\n";
      return kUsage;
    }
    if (!args.empty()) {
      std::cerr << "alignkit serve: unexpected argument '" << args.front() << "'\n";
      return kUsage;
    }
    ServiceOptions options;
    if (config().has("alignkit.config")) {
      // The file's settings, where the command line did not give one.
      try {
        Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> file(
            new Poco::Util::PropertyFileConfiguration(config().getString("alignkit.config")));
        for (const auto& setting : kServeSettings) {
          const std::string key = setting.name;
          if (file->has(key) && !config().has("alignkit." + key)) config().setString("alignkit." + key, file->getString(key));
        }
      } catch (const Poco::Exception& e) {
        std::cerr << "alignkit serve: cannot read --config: " << e.displayText() << '\n';
        return kUsage;
      }
    }
    try {
      const int port = std::stoi(setting("port"));
      const int threads = std::stoi(setting("threads"));
      const long long cells = std::stoll(setting("max-answer-cells"));
      const int failures = std::stoi(setting("max-token-failures"));
      if (port < 0 || port > 65535 || threads < 1 || threads > 256 || cells < 1 || cells > 100'000'000 ||
          failures < 1 || failures > 100'000) {
        throw Poco::InvalidArgumentException("range");
      }
      options.port = static_cast<std::uint16_t>(port);
      options.threads = threads;
      options.max_answer_cells = static_cast<std::size_t>(cells);
      options.max_token_failures = failures;
    } catch (const std::exception&) {  // std::stoi's and the range's
      std::cerr << "alignkit serve: --port takes 0..65535, --threads 1..256, --max-answer-cells 1..100000000 and "
                   "--max-token-failures 1..100000\n";
      return kUsage;
    }
    options.bind = setting("bind");
    options.trusted_proxy = setting("trusted-proxy");
    if (Poco::Net::IPAddress ignored; !options.trusted_proxy.empty() && !Poco::Net::IPAddress::tryParse(options.trusted_proxy, ignored)) {
      std::cerr << "alignkit serve: trusted-proxy is an address, e.g. 127.0.0.1\n";
      return kUsage;
    }
    options.templates_dir = setting("templates");
    options.read_token = setting("read-token");
    if (setting("reading") != "open" && setting("reading") != "token") {
      std::cerr << "alignkit serve: reading is open or token\n";
      return kUsage;
    }
    options.reading_needs_token = setting("reading") == "token";
    options.tls_certificate = setting("tls-cert");
    options.tls_private_key = setting("tls-key");
    if (options.tls_certificate.empty() != options.tls_private_key.empty()) {
      std::cerr << "alignkit serve: HTTPS needs both --tls-cert and --tls-key\n";
      return kUsage;
    }
    if (config().has("alignkit.users")) options.users = std::make_shared<UserDirectory>(config().getString("alignkit.users"));
    if (config().has("alignkit.store")) {
      try {
        options.store = TemplateStore::open(config().getString("alignkit.store"), options.threads + 1);
        options.store->keep_newest_in_memory();
      } catch (const StoreError& e) {
        std::cerr << "alignkit serve: " << e.what() << '\n';
        return kInvalidInput;
      }
    }
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

 private:
  std::string secret_on_command_line_;  // a secret given as an option: refused
  // A setting as given (option, then --config file), or its default.
  std::string setting(const char* name) {
    for (const auto& known : kServeSettings) {
      if (std::string_view(known.name) == name) return config().getString(std::string("alignkit.") + name, known.fallback);
    }
    throw std::logic_error(std::string("no serve setting ") + name);
  }

  void show_help(const std::string&, const std::string&) {
    Poco::Util::HelpFormatter help(options());
    help.setCommand("alignkit serve");
    help.setUsage(serve_usage());
    help.setHeader("The alignkit HTTP JSON service: POST /v1/eval, POST /v1/batch, GET /v1/functions, "
                   "/v1/health; templates: GET /v1/templates, GET|PUT /v1/templates/NAME, "
                   "GET /v1/templates/NAME/versions[/N].");
    help.format(std::cout);
    help_shown_ = true;
    stopOptionsProcessing();
  }
  bool help_shown_ = false;
};

// Poco reads "--port=8080"; people also type "--port 8080".
std::vector<std::string> joined_option_values(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i].starts_with("--") && is_serve_setting(std::string_view(args[i]).substr(2)) && i + 1 < args.size()) {
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

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << kUsageText;
    return kUsage;
  }
  const std::string& command = args.front();
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (command == "--version") {
    std::cout << "alignkit " << ALIGNKIT_VERSION << '\n';
    return kOk;
  }
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsageText;
    return kOk;
  }
  if (command == "eval") return run_eval(rest, std::cin, std::cout, std::cerr);
  if (command == "functions") {
    std::cout << catalogue_json().dump(2) << '\n';
    return kOk;
  }
  if (command == "serve") return serve(rest);
  if (command == "templates") return run_templates(rest, std::cout, std::cerr);
  if (command == "check") return run_check(rest, std::cout, std::cerr);
  if (command == "users") return run_users(rest, std::cout, std::cerr);
  if (command == "store") return run_store(rest, std::cout, std::cerr);
  std::cerr << "alignkit: unknown command '" << command << "'\n" << kUsageText;
  return kUsage;
}
