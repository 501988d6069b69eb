#include "commands/settings_file.hpp"

#include <fstream>
#include <stdexcept>

#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include "access/secrets.hpp"

namespace alignkit::service {

std::map<std::string, std::string> read_settings(const std::filesystem::path& file) {
  std::map<std::string, std::string> settings;
  try {
    Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> config(new Poco::Util::PropertyFileConfiguration(file.string()));
    Poco::Util::AbstractConfiguration::Keys keys;
    config->keys(keys);
    for (const auto& key : keys) settings[key] = config->getString(key);
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("cannot read the settings file " + file.string() + ": " + e.displayText());
  }
  const bool secret = settings.count("read-token") != 0 ||
                      (settings.count("store") != 0 && settings["store"].find("password") != std::string::npos);
  if (secret) {
    if (auto problem = too_open(file)) throw std::runtime_error(*problem);
  }
  return settings;
}

std::vector<std::string> read_setting_lines(const std::filesystem::path& file, std::string_view key) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read the settings file " + file.string());
  std::vector<std::string> values;
  for (std::string line; std::getline(in, line);) {
    const auto start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#' || line.compare(start, key.size(), key) != 0) continue;
    const auto equals = line.find_first_not_of(" \t", start + key.size());
    if (equals == std::string::npos || line[equals] != '=') continue;  // another key that starts the same
    std::string value = line.substr(equals + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    value.erase(value.find_last_not_of(" \t\r") + 1);
    values.push_back(value);
  }
  return values;
}

}  // namespace alignkit::service
