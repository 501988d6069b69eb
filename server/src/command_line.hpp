#pragma once
// Small helpers shared by the alignkit subcommands: "--name VALUE" options and exit codes.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace alignkit::service {

/// The words of a subcommand split into options ("--store X", "--store=X") and positional words.
/// Unknown options and options missing their value are usage errors.
struct ParsedArgs {
  std::map<std::string, std::string> options;
  std::vector<std::string> words;
  std::string problem;  // empty when the arguments are well formed

  [[nodiscard]] std::optional<std::string> get(const std::string& name) const;
};

ParsedArgs parse_args(const std::vector<std::string>& args, const std::set<std::string>& known_options);

/// An environment variable's value; empty when it is not set.
std::string environment(const char* name);

/// "a,b,c" -> {"a", "b", "c"} (empty parts dropped).
std::vector<std::string> split_commas(const std::string& text);

}  // namespace alignkit::service
