#include "admin_commands.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "alignkit/templates.hpp"
#include "command_line.hpp"
#include "eval_command.hpp"
#include "template_store.hpp"
#include "users.hpp"
#include "alignkit/sharing.hpp"

namespace alignkit::service {
namespace {
namespace fs = std::filesystem;

constexpr const char* kUsersUsage =
    "usage: alignkit users add NAME --owns GROUP[,GROUP…] --users FILE   (GROUP * owns every group)\n"
    "       alignkit users remove NAME --users FILE\n"
    "       alignkit users list --users FILE\n";
constexpr const char* kStoreUsage = "usage: alignkit store import DIR --store sqlite:PATH|postgresql:CONNECTION\n";

int usage(std::ostream& err, const std::string& problem, const char* text) {
  if (!problem.empty()) err << "alignkit: " << problem << '\n';
  err << text;
  return kUsage;
}

}  // namespace

int run_users(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const ParsedArgs parsed = parse_args(args, {"owns", "users"});
  if (!parsed.problem.empty()) return usage(err, parsed.problem, kUsersUsage);
  const auto file = parsed.get("users");
  if (parsed.words.empty() || !file) return usage(err, file ? "" : "--users FILE is needed", kUsersUsage);
  const std::string& action = parsed.words[0];
  try {
    UserDirectory users(*file);
    if (action == "add" && parsed.words.size() == 2) {
      const auto owns = split_commas(parsed.get("owns").value_or(""));
      if (owns.empty()) return usage(err, "say which groups the user owns: --owns people,goals", kUsersUsage);
      const std::string token = users.add(parsed.words[1], owns);
      out << token << '\n';
      err << "added " << parsed.words[1] << " (owns " << parsed.get("owns").value_or("") << ") to " << *file
          << ".\nThe line above is their token: give it to them now; it is not shown again and only its hash is kept.\n";
      return kOk;
    }
    if (action == "remove" && parsed.words.size() == 2) {
      if (!users.remove(parsed.words[1])) {
        err << "alignkit: no user '" << parsed.words[1] << "' in " << *file << '\n';
        return kInvalidInput;
      }
      err << "removed " << parsed.words[1] << ": their token no longer works\n";
      return kOk;
    }
    if (action == "list" && parsed.words.size() == 1) {
      for (const auto& user : users.users()) {
        std::string owns;
        for (const auto& g : user.groups) owns += (owns.empty() ? "" : ",") + g;
        out << user.name << "\towns " << owns << '\n';
      }
      return kOk;
    }
  } catch (const std::exception& e) {
    err << "alignkit: " << e.what() << '\n';
    return kInvalidInput;
  }
  return usage(err, "", kUsersUsage);
}

int run_store(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const ParsedArgs parsed = parse_args(args, {"store"});
  if (!parsed.problem.empty()) return usage(err, parsed.problem, kStoreUsage);
  const auto spec = parsed.get("store");
  if (parsed.words.size() != 2 || parsed.words[0] != "import" || !spec) return usage(err, "", kStoreUsage);
  const fs::path folder = parsed.words[1];
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    err << "alignkit: " << folder.string() << " is not a folder\n";
    return kInvalidInput;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    if (entry.path().extension() == ".json" && entry.is_regular_file(ec)) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  int failed = 0;
  try {
    auto store = TemplateStore::open(*spec, 1);
    for (const auto& file : files) {
      const std::string name = file.stem().string();
      std::ifstream in(file, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      auto document = templates::parse(text.str());
      if (!is_plain_name(name) || !document) {
        err << "skipped " << file.string() << ": "
            << (document ? "its name is not a template name" : document.error().message) << '\n';
        ++failed;
        continue;
      }
      VersionInfo about;
      about.author = "import";
      about.message = "imported from " + file.filename().string();
      about.groups_changed = sharing::changed_groups(nlohmann::json::object(), *document);
      const auto result = store->publish(name, 0, document->dump(), about);
      if (result.outcome == PublishResult::Outcome::conflict) {
        out << name << ": already in the store (version " << result.version << "), left as it is\n";
      } else {
        out << name << ": version " << result.version << " from " << file.string() << '\n';
      }
    }
  } catch (const std::exception& e) {
    err << "alignkit: " << e.what() << '\n';
    return kInvalidInput;
  }
  return failed == 0 ? kOk : kInvalidInput;
}

}  // namespace alignkit::service
