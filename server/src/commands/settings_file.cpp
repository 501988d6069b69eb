#include "commands/settings_file.hpp"

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

}  // namespace alignkit::service
