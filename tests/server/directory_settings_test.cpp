// What alignkit.conf may say of the company directory, read as the service reads it at start:
// the ldap-group lines, and the settings it refuses (passwords in clear to another machine, a
// filter with nowhere for the name, a password file others may read).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <sys/stat.h>
#include <unistd.h>

#include "access/directory.hpp"
#include "commands/settings_file.hpp"

namespace {
using alignkit::service::directory_settings;

std::map<std::string, std::string> base_settings(std::string url) {
  return {{"ldap-url", std::move(url)}, {"ldap-base", "ou=people,dc=example,dc=com"}};
}
const std::vector<std::string> kOneGroup = {"cn=hr,ou=groups,dc=example,dc=com -> owns people, funnel"};

std::string refusal(const std::map<std::string, std::string>& settings, const std::vector<std::string>& groups = kOneGroup) {
  try {
    directory_settings(settings, groups);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("directory settings: groups give rights, line by line") {
  const auto settings = directory_settings(base_settings("ldaps://ldap.example.com:636"),
                                           {"cn=hr,ou=groups,dc=example,dc=com -> owns people, funnel",
                                            "CN=Planners,OU=Groups,DC=corp,DC=example,DC=com->reads"});
  REQUIRE(settings.groups.size() == 2);
  CHECK(settings.groups[0].group_dn == "cn=hr,ou=groups,dc=example,dc=com");
  CHECK(settings.groups[0].owns == std::vector<std::string>{"people", "funnel"});
  CHECK(settings.groups[1].group_dn == "CN=Planners,OU=Groups,DC=corp,DC=example,DC=com");
  CHECK(settings.groups[1].reads);
  CHECK(settings.groups[1].owns.empty());
  CHECK(settings.user_filter == "(uid=%s)");
  CHECK(settings.recheck == std::chrono::seconds(900));
}

TEST_CASE("directory settings: never a password in clear to another machine, never a setting that cannot work") {
  CHECK(refusal(base_settings("ldap://ldap.example.com")).find("in clear") != std::string::npos);
  CHECK(refusal(base_settings("ldap://10.0.0.7:389")).find("in clear") != std::string::npos);
  CHECK(refusal(base_settings("ldap://127.0.0.1:3389")) == "");  // this machine
  auto starttls = base_settings("ldap://ldap.example.com");
  starttls["ldap-starttls"] = "yes";
  CHECK(refusal(starttls) == "");
  CHECK(refusal(base_settings("https://ldap.example.com")).find("LDAP address") != std::string::npos);
  CHECK(refusal({{"ldap-url", "ldaps://ldap.example.com"}}).find("ldap-base") != std::string::npos);
  auto no_place = base_settings("ldaps://ldap.example.com");
  no_place["ldap-user-filter"] = "(uid=alice)";
  CHECK(refusal(no_place).find("%s") != std::string::npos);
  CHECK(refusal(base_settings("ldaps://ldap.example.com"), {}).find("ldap-group") != std::string::npos);
  CHECK(refusal(base_settings("ldaps://ldap.example.com"), {"cn=hr -> publishes people"}).find("owns") != std::string::npos);
  auto account = base_settings("ldaps://ldap.example.com");
  account["ldap-bind-dn"] = "cn=alignkit,dc=example,dc=com";
  CHECK(refusal(account).find("ldap-bind-password-file") != std::string::npos);
}

TEST_CASE("directory settings: the search account's password file is read once and must be private") {
  const auto folder = std::filesystem::temp_directory_path() / ("alignkit-ldap-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  const auto file = folder / "ldap-password";
  std::ofstream(file) << "s3cret-for-search\n";
  auto settings = base_settings("ldaps://ldap.example.com");
  settings["ldap-bind-dn"] = "cn=alignkit,dc=example,dc=com";
  settings["ldap-bind-password-file"] = file.string();
  ::chmod(file.c_str(), 0644);
  CHECK(refusal(settings).find(file.string()) != std::string::npos);  // every user of the machine could read it
  ::chmod(file.c_str(), 0600);
  CHECK(directory_settings(settings, kOneGroup).bind_password == "s3cret-for-search");
  // ldap-group is the one key written on many lines of the settings file.
  const auto conf = folder / "alignkit.conf";
  std::ofstream(conf) << "ldap-url = ldaps://x\n# ldap-group = cn=commented -> reads\nldap-group = cn=a -> owns people\n"
                         "ldap-groups = cn=not-this-key -> reads\n  ldap-group=cn=b,dc=x -> reads  \n";
  CHECK(alignkit::service::read_setting_lines(conf, "ldap-group") == std::vector<std::string>{"cn=a -> owns people", "cn=b,dc=x -> reads"});
  std::filesystem::remove_all(folder);
}
