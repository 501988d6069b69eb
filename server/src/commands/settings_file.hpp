#pragma once
// The service's settings file (/etc/alignkit/alignkit.conf): KEY = VALUE lines, read by
// `alignkit serve --config` and by the commands an administrator's timers run with it.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace alignkit::service {

/// The file's settings; throws std::runtime_error saying why it cannot be read, or — when it
/// holds a secret (read-token, a store password) — why it is not private enough.
std::map<std::string, std::string> read_settings(const std::filesystem::path& file);

/// Every value of a key the file may hold on many lines ("ldap-group = … -> owns people"), in order.
std::vector<std::string> read_setting_lines(const std::filesystem::path& file, std::string_view key);

}  // namespace alignkit::service
