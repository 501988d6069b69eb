#include "admin_commands.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
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
    "       alignkit users rotate NAME --users FILE      a new token; the old one stops working\n"
    "       alignkit users remove NAME --users FILE\n"
    "       alignkit users list --users FILE\n";
constexpr const char* kStoreUsage =
    "usage: alignkit store import DIR --store STORE       template files as version 1 of each\n"
    "       alignkit store backup FILE --store STORE      every version, while the service runs\n"
    "       alignkit store restore FILE --store STORE     a backup into a store that lacks its templates\n"
    "       alignkit store copy --store STORE --to STORE  every version, author, time and message\n"
    "  STORE is sqlite:PATH or postgresql:CONNECTION\n";
constexpr const char* kBackupFormat = "alignkit-store-backup-1";

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
    if (action == "rotate" && parsed.words.size() == 2) {
      const auto token = users.rotate(parsed.words[1]);
      if (!token) {
        err << "alignkit: no user '" << parsed.words[1] << "' in " << *file << '\n';
        return kInvalidInput;
      }
      out << *token << '\n';
      err << "new token for " << parsed.words[1] << " (owning what they owned); their old token no longer works.\n"
          << "The line above is their token: give it to them now; it is not shown again and only its hash is kept.\n";
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

namespace {

nlohmann::json version_json(const StoredTemplate& kept) {
  return {{"name", kept.info.name},         {"version", kept.info.version},
          {"author", kept.info.author},     {"published", kept.info.published},
          {"message", kept.info.message},   {"groups_changed", kept.info.groups_changed},
          {"document", kept.document}};  // the text exactly as stored
}

std::optional<StoredTemplate> version_from(const nlohmann::json& item) {
  try {
    StoredTemplate kept;
    kept.info.name = item.at("name").get<std::string>();
    kept.info.version = item.at("version").get<int>();
    kept.info.author = item.at("author").get<std::string>();
    kept.info.published = item.at("published").get<std::string>();
    kept.info.message = item.at("message").get<std::string>();
    kept.info.groups_changed = item.at("groups_changed").get<std::vector<std::string>>();
    kept.document = item.at("document").get<std::string>();
    if (!is_plain_name(kept.info.name) || kept.info.version < 1 || !templates::parse(kept.document)) return std::nullopt;
    return kept;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

// Every version into `to`, oldest first; a template `to` already holds is left as it is.
int keep_all(const std::vector<StoredTemplate>& versions, TemplateStore& to, std::ostream& out, std::ostream& err) {
  std::set<std::string> refused;
  std::map<std::string, int> kept;
  for (const auto& version : versions) {
    if (refused.contains(version.info.name)) continue;
    if (!to.keep(version)) {
      err << version.info.name << ": the store already holds it (or its versions are not all in the source), left as it is\n";
      refused.insert(version.info.name);
      continue;
    }
    ++kept[version.info.name];
  }
  for (const auto& [name, count] : kept) out << name << ": " << count << (count == 1 ? " version\n" : " versions\n");
  return refused.empty() ? kOk : kInvalidInput;
}

int backup(TemplateStore& store, const fs::path& file, std::ostream& out) {
  const auto versions = store.everything();
  nlohmann::json all = nlohmann::json::array();
  for (const auto& version : versions) all.push_back(version_json(version));
  const nlohmann::json backup_file = {{"format", kBackupFormat}, {"versions", all}};
  if (!templates::write_atomically(file, backup_file.dump(1) + "\n")) {
    throw std::runtime_error("cannot write " + file.string());
  }
  out << versions.size() << " versions of " << store.list().size() << " templates written to " << file.string()
      << " (readable by you only)\n";
  return kOk;
}

int restore(TemplateStore& store, const fs::path& file, std::ostream& out, std::ostream& err) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    err << "alignkit: cannot read " << file.string() << '\n';
    return kInvalidInput;
  }
  const auto parsed = nlohmann::json::parse(in, nullptr, false);
  if (!parsed.is_object() || parsed.value("format", "") != kBackupFormat || !parsed.contains("versions") ||
      !parsed["versions"].is_array()) {
    err << "alignkit: " << file.string() << " is not an alignkit store backup\n";
    return kInvalidInput;
  }
  std::vector<StoredTemplate> versions;
  for (const auto& item : parsed["versions"]) {
    auto version = version_from(item);
    if (!version) {
      err << "alignkit: " << file.string() << " holds a damaged version (nothing was restored)\n";
      return kInvalidInput;
    }
    versions.push_back(std::move(*version));
  }
  return keep_all(versions, store, out, err);
}

}  // namespace

int run_store(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const ParsedArgs parsed = parse_args(args, {"store", "to"});
  if (!parsed.problem.empty()) return usage(err, parsed.problem, kStoreUsage);
  const auto spec = parsed.get("store");
  const std::string command = parsed.words.empty() ? "" : parsed.words[0];
  if (!spec) return usage(err, "", kStoreUsage);
  if (command == "copy" && parsed.words.size() == 1 && parsed.get("to")) {
    try {
      auto from = TemplateStore::open(*spec, 1);
      auto to = TemplateStore::open(*parsed.get("to"), 1);
      return keep_all(from->everything(), *to, out, err);
    } catch (const std::exception& e) {
      err << "alignkit: " << e.what() << '\n';
      return kInvalidInput;
    }
  }
  if ((command == "backup" || command == "restore") && parsed.words.size() == 2) {
    try {
      auto store = TemplateStore::open(*spec, 1);
      return command == "backup" ? backup(*store, parsed.words[1], out) : restore(*store, parsed.words[1], out, err);
    } catch (const std::exception& e) {
      err << "alignkit: " << e.what() << '\n';
      return kInvalidInput;
    }
  }
  if (parsed.words.size() != 2 || command != "import") return usage(err, "", kStoreUsage);
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
