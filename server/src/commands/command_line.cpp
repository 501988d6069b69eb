#include "commands/command_line.hpp"

#include <cstdlib>

namespace alignkit::service {

std::optional<std::string> ParsedArgs::get(const std::string& name) const {
  const auto found = options.find(name);
  return found == options.end() ? std::nullopt : std::optional<std::string>(found->second);
}

ParsedArgs parse_args(const std::vector<std::string>& args, const std::set<std::string>& known_options,
                      const std::set<std::string>& known_flags) {
  ParsedArgs parsed;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& word = args[i];
    if (word == "--help" || word == "-h") {
      parsed.help = true;
      continue;
    }
    if (!word.starts_with("--")) {
      parsed.words.push_back(word);
      continue;
    }
    const auto equals = word.find('=');
    const std::string name = word.substr(2, equals == std::string::npos ? std::string::npos : equals - 2);
    if (known_flags.count(name)) {
      if (equals != std::string::npos) {
        parsed.problem = std::string("--").append(name).append(" takes no value");
        return parsed;
      }
      parsed.flags.insert(name);
      continue;
    }
    if (!known_options.count(name)) {
      parsed.problem = std::string("unknown option --").append(name);
      return parsed;
    }
    if (equals != std::string::npos) {
      parsed.options[name] = word.substr(equals + 1);
    } else if (i + 1 < args.size()) {
      parsed.options[name] = args[++i];
    } else {
      parsed.problem = std::string("--").append(name).append(" needs a value");
      return parsed;
    }
  }
  return parsed;
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  std::string part;
  for (char c : text + ",") {
    if (c == ',') {
      if (!part.empty()) parts.push_back(part);
      part.clear();
    } else if (c != ' ') {
      part += c;
    }
  }
  return parts;
}

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

}  // namespace alignkit::service
