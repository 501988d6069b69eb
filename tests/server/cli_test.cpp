#include <unistd.h>

#include <doctest/doctest.h>

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include "commands/admin_commands.hpp"
#include "alignkit/templates/template_reader.hpp"
#include "commands/command_line.hpp"
#include "commands/eval_command.hpp"
#include "commands/templates_command.hpp"
#include "http_client.hpp"

using alignkit::service::run_eval;

namespace {
struct Run {
  int code;
  std::string out;
  std::string err;
};
Run eval(std::vector<std::string> args, const std::string& input = {}) {
  std::istringstream in(input);
  std::ostringstream out;
  std::ostringstream err;
  alignkit::templates::Reader templates;
  const int code = run_eval(args, in, out, err, templates);
  return {code, out.str(), err.str()};
}
}  // namespace

TEST_CASE("cli: options take a value, flags none") {
  using alignkit::service::parse_args;
  auto parsed = parse_args({"plan.fods", "--json", "--template", "sales.json", "--timeout=30", "more.fods"},
                           {"template", "timeout"}, {"json"});
  CHECK(parsed.problem.empty());
  CHECK(parsed.has("json"));
  CHECK(parsed.get("template") == "sales.json");
  CHECK(parsed.get("timeout") == "30");
  CHECK(parsed.words == std::vector<std::string>{"plan.fods", "more.fods"});
  CHECK_FALSE(parse_args({"plan.fods"}, {"template"}, {"json"}).has("json"));
  CHECK(parse_args({"--json=yes"}, {}, {"json"}).problem == "--json takes no value");
  CHECK(parse_args({"--template"}, {"template"}, {"json"}).problem == "--template needs a value");
  CHECK(parse_args({"--colour", "red"}, {"template"}, {"json"}).problem == "unknown option --colour");
}

TEST_CASE("cli: eval prints the spreadsheet's result") {
  CHECK(eval({"FUNNEL.BUDGET", "100", "0.02,0.05,0.2", "0.008"}).out == "4000\n");
  CHECK(eval({"FUNNEL.STAGES", "100", "0.02,0.05,0.2"}).out == "500000\n10000\n500\n100\n");
  CHECK(eval({"FUNNEL.VOLUME", "10", "0.5,0.3", "TRUE"}).out == "68\n");
  CHECK(eval({"TURNOVER.COST", "60000", "50000", "4", "2", "10000", "5000", "", "2000"}).out == "207000\n");
  CHECK(eval({"GOAL.SMART", "Grow bookings in DACH", "120", "100", "46022", "C-1"}).out == "SMART\n");
  CHECK(eval({"FUNNEL.CAC", "-5", "10"}).code == 1);  // a negative number is an argument, not an option
  // Dates as people write them, beside Calc's serials (2027-01-01 is 46388, 2027-12-31 46752, 2027-06-30 46568).
  CHECK(eval({"GOAL.PACE", "50", "100", "2027-01-01", "2027-12-31", "2027-06-30"}).out ==
        eval({"GOAL.PACE", "50", "100", "46388", "46752", "46568"}).out);
  const auto wrong_date = eval({"GOAL.PACE", "50", "100", "2027-01-01", "31.12.2027", "2027-06-30"});
  CHECK(wrong_date.code == 1);
  CHECK(wrong_date.err.find("end_date") != std::string::npos);
}

TEST_CASE("cli: exit codes mean something") {
  const auto bad = eval({"FUNNEL.BUDGET", "100", "0.02,1.5", "1"});
  CHECK(bad.code == 1);
  CHECK(bad.err == "alignkit: FUNNEL.BUDGET: rate 2 (1.5) is outside (0, 1]\n");
  CHECK(eval({"FUNNEL.NOPE"}).code == 2);
  CHECK(eval({}).code == 2);
  CHECK(eval({"--json"}).code == 2);
  CHECK(eval({"--json", "/nonexistent/file.json"}).code == 2);
  CHECK(eval({"--help"}).code == 0);
}

TEST_CASE("cli: eval --json evaluates a call or a batch from stdin") {
  const auto one = eval({"--json", "-"}, R"({"function": "FUNNEL.CAC", "args": [4000, 100]})");
  CHECK(one.code == 0);
  CHECK(nlohmann::json::parse(one.out)["value"] == 40.0);
  const auto batch = eval({"--json", "-"}, R"({"calls": [{"function": "FUNNEL.CAC", "args": [4000, 100]},
                                                          {"function": "FUNNEL.CAC", "args": [4000, 0]}]})");
  CHECK(batch.code == 1);  // one call failed
  CHECK(nlohmann::json::parse(batch.out)["results"][1].contains("error"));
  CHECK(eval({"--json", "-"}, "{oops").code == 1);
}

TEST_CASE("cli: serve stops cleanly on SIGTERM") {
  Poco::Pipe out_pipe;
  Poco::ProcessHandle server = Poco::Process::launch(
      ALIGNKIT_CLI, {"serve", "--port", "0", "--templates", ALIGNKIT_TEMPLATES_DIR}, nullptr, &out_pipe, nullptr);
  Poco::PipeInputStream out(out_pipe);
  std::string line;
  std::getline(out, line);  // "listening on port N": the server is ready
  REQUIRE(line.starts_with("listening on port "));
  const auto port = static_cast<std::uint16_t>(std::stoi(line.substr(18)));
  CHECK(http(port, "GET", "/v1/health").status == 200);
  Poco::Process::requestTermination(server.id());  // SIGTERM
  CHECK(server.wait() == 0);
}

TEST_CASE("cli: serve takes a secret only from its settings file, never from the command line") {
  Poco::Pipe err_pipe;
  Poco::ProcessHandle refused = Poco::Process::launch(
      ALIGNKIT_CLI, {"serve", "--port", "0", "--read-token", "visible-to-every-user"}, nullptr, nullptr, &err_pipe);
  Poco::PipeInputStream err(err_pipe);
  const std::string said(std::istreambuf_iterator<char>(err), {});
  CHECK(refused.wait() == 2);
  CHECK(said.find("give read-token in the settings file") != std::string::npos);

  // The same token from a settings file: the service starts and reading needs it.
  const auto folder = std::filesystem::temp_directory_path() / ("alignkit-cli-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "alignkit.conf") << "read-token = kept-in-the-file\n";
  // Readable by every user of the machine: the service refuses to start, naming the file and its mode.
  std::filesystem::permissions(folder / "alignkit.conf", std::filesystem::perms(0644));
  Poco::Pipe open_pipe;
  Poco::ProcessHandle too_open = Poco::Process::launch(
      ALIGNKIT_CLI, {"serve", "--port", "0", "--config", (folder / "alignkit.conf").string()}, nullptr, nullptr, &open_pipe);
  Poco::PipeInputStream open_err(open_pipe);
  const std::string open_said(std::istreambuf_iterator<char>(open_err), {});
  CHECK(too_open.wait() == 2);
  CHECK(open_said.find((folder / "alignkit.conf").string() + " holds secrets but may be read or written by every user of this machine (mode 0644)") !=
        std::string::npos);
  std::filesystem::permissions(folder / "alignkit.conf", std::filesystem::perms(0600));
  Poco::Pipe out_pipe;
  Poco::ProcessHandle server = Poco::Process::launch(
      ALIGNKIT_CLI, {"serve", "--port", "0", "--templates", ALIGNKIT_TEMPLATES_DIR, "--config", (folder / "alignkit.conf").string()},
      nullptr, &out_pipe, nullptr);
  Poco::PipeInputStream out(out_pipe);
  std::string line;
  std::getline(out, line);
  REQUIRE(line.starts_with("listening on port "));
  const auto port = static_cast<std::uint16_t>(std::stoi(line.substr(18)));
  CHECK(http(port, "GET", "/v1/templates/inside_sales.json").status == 401);
  CHECK(http(port, "GET", "/v1/templates/inside_sales.json", "", "", {{"Authorization", "Bearer kept-in-the-file"}}).status == 200);
  Poco::Process::requestTermination(server.id());
  CHECK(server.wait() == 0);
  std::filesystem::remove_all(folder);
}

TEST_CASE("cli: templates, users and store commands say what is wrong, with exit codes") {
  using alignkit::service::run_store;
  using alignkit::service::run_templates;
  using alignkit::service::run_users;
  const auto run = [](auto command, std::vector<std::string> args) {
    std::ostringstream out, err;
    const int code = command(args, out, err);
    return Run{code, out.str(), err.str()};
  };
  CHECK(run(run_templates, {"list"}).code == 2);  // no --server
  CHECK(run(run_templates, {"frobnicate", "--server", "http://127.0.0.1:9"}).code == 2);
  CHECK(run(run_templates, {"push", "x.json", "--server", "http://127.0.0.1:9"}).code == 2);  // no --name
  const auto unreachable = run(run_templates, {"list", "--server", "http://127.0.0.1:9"});
  CHECK(unreachable.code == 1);
  CHECK(unreachable.err.find("cannot reach http://127.0.0.1:9") != std::string::npos);
  CHECK(run(run_templates, {"list", "--sever", "http://127.0.0.1:9"}).code == 2);

  const std::string users = (std::filesystem::temp_directory_path() / "alignkit-cli-users.json").string();
  std::filesystem::remove(users);
  CHECK(run(run_users, {"add", "hr", "--users", users}).code == 2);  // no --owns
  CHECK(run(run_users, {"add", "hr", "--owns", "people"}).code == 2);  // no --users
  CHECK(run(run_users, {"add", "../hr", "--owns", "people", "--users", users}).code == 1);
  const auto added = run(run_users, {"add", "hr", "--owns", "people", "--users", users});
  CHECK(added.code == 0);
  CHECK(added.out.starts_with("ak_"));
  CHECK(added.err.find("not shown again") != std::string::npos);
  CHECK(run(run_users, {"list", "--users", users}).out == "hr\towns people\n");
  CHECK(run(run_users, {"remove", "nobody", "--users", users}).code == 1);
  CHECK(run(run_users, {"remove", "hr", "--users", users}).code == 0);
  std::filesystem::remove(users);

  CHECK(run(run_store, {"import", "/nonexistent", "--store", "sqlite:/tmp/x.db"}).code == 1);
  CHECK(run(run_store, {"import", "."}).code == 2);  // no --store
  CHECK(run(run_store, {"import", ".", "--store", "mysql:db"}).code == 1);
}

TEST_CASE("cli: alignkit --help lists every command, and every command answers --help with exit 0") {
  const auto run = [](const std::vector<std::string>& args) {
    Poco::Pipe out_pipe;
    Poco::ProcessHandle process = Poco::Process::launch(ALIGNKIT_CLI, args, nullptr, &out_pipe, &out_pipe);
    Poco::PipeInputStream out(out_pipe);
    std::string said(std::istreambuf_iterator<char>(out), {});
    return std::pair<int, std::string>(process.wait(), said);
  };
  const auto [code, listed] = run({"--help"});
  CHECK(code == 0);
  for (const char* command : {"eval", "functions", "serve", "templates", "users", "store", "check"}) {
    CAPTURE(command);
    CHECK(listed.find(std::string("alignkit ") + command) != std::string::npos);
    const auto [help_code, help] = run({command, "--help"});
    CHECK(help_code == 0);
    CHECK_FALSE(help.empty());
  }
  // The administrator's commands by name, as the README's runbook uses them.
  for (const char* words : {"users rotate", "store backup", "store restore", "store copy", "users add NAME --reads"}) {
    CAPTURE(words);
    const std::string command = std::string(words).substr(0, std::string(words).find(' '));
    CHECK(run({command, "--help"}).second.find(std::string("alignkit ") + words) != std::string::npos);
  }
}
