#pragma once
// Small helpers shared by the alignkit subcommands: "--name VALUE" options and exit codes.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace alignkit::service {

/// The words of a subcommand split into options ("--store X", "--store=X"), flags ("--json") and
/// positional words; --help (or -h) anywhere asks for the command's usage. Unknown options,
/// options missing their value and flags given one are usage errors.
struct ParsedArgs {
  std::map<std::string, std::string> options;
  std::set<std::string> flags;
  std::vector<std::string> words;
  std::string problem;  // empty when the arguments are well formed
  bool help = false;    // --help or -h: the command's usage on stdout, exit 0

  [[nodiscard]] std::optional<std::string> get(const std::string& name) const;
  [[nodiscard]] bool has(const std::string& flag) const { return flags.count(flag) != 0; }
};

ParsedArgs parse_args(const std::vector<std::string>& args, const std::set<std::string>& known_options,
                      const std::set<std::string>& known_flags = {});

/// An environment variable's value; empty when it is not set.
std::string environment(const char* name);

/// "a,b,c" -> {"a", "b", "c"} (empty parts dropped).
std::vector<std::string> split_commas(const std::string& text);

}  // namespace alignkit::service
