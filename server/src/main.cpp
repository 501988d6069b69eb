// The `alignkit` command: eval, functions and serve.
#include <csignal>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>

#include "eval_command.hpp"
#include "http_service.hpp"
#include "json_calls.hpp"

namespace {
using namespace alignkit::service;
using Poco::Util::Option;
using Poco::Util::OptionSet;

constexpr const char* kUsageText =
    "usage: alignkit eval FUNCTION [ARG...]     one function's result\n"
    "       alignkit eval --json FILE|-         a JSON call or batch\n"
    "       alignkit functions                  the catalogue as JSON\n"
    "       alignkit serve [--port 8080] [--bind 127.0.0.1] [--templates DIR] [--threads N]\n"
    "Run 'alignkit eval --help' or 'alignkit serve --help' for more.\n";

// `alignkit serve`: Poco's server application gives options, logging and a clean stop on SIGTERM.
class ServeApplication final : public Poco::Util::ServerApplication {
 public:
  int exit_code = kOk;

 protected:
  void defineOptions(OptionSet& options) override {
    ServerApplication::defineOptions(options);
    options.addOption(Option("help", "h", "show this help").callback(
        Poco::Util::OptionCallback<ServeApplication>(this, &ServeApplication::show_help)));
    options.addOption(Option("port", "p", "TCP port (default 8080; 0 picks a free one)").argument("PORT"));
    options.addOption(Option("bind", "b", "address to listen on (default 127.0.0.1)").argument("ADDRESS"));
    options.addOption(Option("templates", "t", "folder of shared templates").argument("DIR"));
    options.addOption(Option("threads", "n", "request threads (default 4)").argument("N"));
  }

  void handleOption(const std::string& name, const std::string& value) override {
    ServerApplication::handleOption(name, value);
    if (name == "port" || name == "bind" || name == "templates" || name == "threads") {
      config().setString("alignkit." + name, value);
    }
  }

  int main(const ArgVec& args) override {
    if (help_shown_) return kOk;
    if (!args.empty()) {
      std::cerr << "alignkit serve: unexpected argument '" << args.front() << "'\n";
      return kUsage;
    }
    ServiceOptions options;
    try {
      const int port = config().getInt("alignkit.port", 8080);
      const int threads = config().getInt("alignkit.threads", 4);
      if (port < 0 || port > 65535 || threads < 1 || threads > 256) throw Poco::InvalidArgumentException("range");
      options.port = static_cast<std::uint16_t>(port);
      options.threads = threads;
    } catch (const Poco::Exception&) {
      std::cerr << "alignkit serve: --port takes 0..65535 and --threads 1..256\n";
      return kUsage;
    }
    options.bind = config().getString("alignkit.bind", "127.0.0.1");
    options.templates_dir = config().getString("alignkit.templates", "");
    HttpService service(options);
    service.start();
    logger().information("alignkit serving on http://%s:%hu (%d threads, templates: %s)", options.bind,
                         service.port(), options.threads,
                         options.templates_dir.empty() ? std::string("none") : options.templates_dir.string());
    std::cout << "listening on port " << service.port() << std::endl;  // tests read the chosen port
    waitForTerminationRequest();  // SIGINT or SIGTERM
    logger().information("alignkit stopping: finishing requests in flight");
    service.stop();
    return kOk;
  }

 private:
  void show_help(const std::string&, const std::string&) {
    Poco::Util::HelpFormatter help(options());
    help.setCommand("alignkit serve");
    help.setUsage("[--port 8080] [--bind 127.0.0.1] [--templates DIR] [--threads N]");
    help.setHeader("The alignkit HTTP JSON service: POST /v1/eval, POST /v1/batch, GET /v1/functions, "
                   "/v1/health, /v1/templates, /v1/templates/{name}.");
    help.format(std::cout);
    help_shown_ = true;
    stopOptionsProcessing();
  }
  bool help_shown_ = false;
};

// Poco reads "--port=8080"; people also type "--port 8080".
std::vector<std::string> joined_option_values(const std::vector<std::string>& args) {
  static const std::set<std::string> kTakesValue{"--port", "--bind", "--templates", "--threads"};
  std::vector<std::string> out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (kTakesValue.count(args[i]) && i + 1 < args.size()) {
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
  std::cerr << "alignkit: unknown command '" << command << "'\n" << kUsageText;
  return kUsage;
}
