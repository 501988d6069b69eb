#include "commands/admin_commands.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "alignkit/sharing/sharing.hpp"
#include "alignkit/templates/template_changes.hpp"
#include "alignkit/templates/templates.hpp"
#include "commands/backup_entries.hpp"
#include "commands/command_line.hpp"
#include "commands/eval_command.hpp"
#include "commands/settings_file.hpp"
#include "store/template_store.hpp"
#include "access/users.hpp"

namespace alignkit::service {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using sharing::printable;

constexpr const char* kUsersUsage =
    "usage: alignkit users add NAME --owns GROUP[,GROUP…] --users FILE   (GROUP * owns every group)\n"
    "       alignkit users add NAME --reads --users FILE   reads and proposes, never publishes\n"
    "       alignkit users rotate NAME --users FILE      a new token; the old one stops working\n"
    "       alignkit users remove NAME --users FILE\n"
    "       alignkit users list --users FILE\n"
    "  Each new token is printed once; the file keeps only its salted hash.\n";
constexpr const char* kStoreUsage =
    "usage: alignkit store import DIR --store STORE       template files as version 1 of each\n"
    "       alignkit store backup FILE --store STORE      every version and proposal, while the service runs\n"
    "       alignkit store backup --folder DIR [--keep N] --store STORE   a dated backup; the newest N kept\n"
    "       alignkit store backup --config FILE           the same, as the settings file says (store,\n"
    "                                                     backup-folder, backup-keep): the backup timer's command\n"
    "       alignkit store restore FILE --store STORE     a backup into a store that lacks its templates\n"
    "       alignkit store copy --store STORE --to STORE  every version, author, time, message and proposal\n"
    "       alignkit store mirror --store STORE --to STORE   the versions the copy lacks, added: a copy kept\n"
    "                                                     current (--config FILE: store and mirror-to; the mirror timer)\n"
    "  STORE is sqlite:PATH or postgresql:CONNECTION\n";
constexpr const char* kBackupFormat = "alignkit-store-backup-2";
constexpr const char* kFirstBackupFormat = "alignkit-store-backup-1";  // 0.1.0's: versions only
constexpr const char* kBackupPrefix = "alignkit-";
int usage(std::ostream& err, const std::string& problem, const char* text) {
  if (!problem.empty()) err << "alignkit: " << problem << '\n';
  err << text;
  return kUsage;
}

}  // namespace

int run_users(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const ParsedArgs parsed = parse_args(args, {"owns", "users"}, {"reads"});
  if (parsed.help) {
    out << kUsersUsage;
    return kOk;
  }
  if (!parsed.problem.empty()) return usage(err, parsed.problem, kUsersUsage);
  const auto file = parsed.get("users");
  if (parsed.words.empty() || !file) return usage(err, file ? "" : "--users FILE is needed", kUsersUsage);
  const std::string& action = parsed.words[0];
  try {
    UserDirectory users(*file);
    if (action == "add" && parsed.words.size() == 2) {
      const auto owns = split_commas(parsed.get("owns").value_or(""));
      if (owns.empty() == !parsed.has("reads")) {
        return usage(err, "say what the user may do: --owns people,goals (publishes those groups) or --reads", kUsersUsage);
      }
      const std::string token = users.add(parsed.words[1], owns);
      out << token << '\n';
      err << "added " << parsed.words[1] << " ("
          << (owns.empty() ? std::string("reads and proposes") : "owns " + parsed.get("owns").value_or("")) << ") to " << *file
          << ".\nThe line above is their token: give it to them now; it is not shown again and only its hash is kept.\n";
      return kOk;
    }
    if (action == "rotate" && parsed.words.size() == 2) {
      const auto token = users.rotate(parsed.words[1]);
      if (!token) {
        err << "alignkit: no user '" << printable(parsed.words[1]) << "' in " << *file << '\n';
        return kInvalidInput;
      }
      out << *token << '\n';
      err << "new token for " << parsed.words[1] << " (owning what they owned); their old token no longer works.\n"
          << "The line above is their token: give it to them now; it is not shown again and only its hash is kept.\n";
      return kOk;
    }
    if (action == "remove" && parsed.words.size() == 2) {
      if (!users.remove(parsed.words[1])) {
        err << "alignkit: no user '" << printable(parsed.words[1]) << "' in " << *file << '\n';
        return kInvalidInput;
      }
      err << "removed " << parsed.words[1] << ": their token no longer works\n";
      return kOk;
    }
    if (action == "list" && parsed.words.size() == 1) {
      for (const auto& user : users.users()) {
        std::string owns;
        for (const auto& g : user.groups) owns += (owns.empty() ? "" : ",") + g;
        out << printable(user.name) << '\t' << (owns.empty() ? std::string("reads") : "owns " + printable(owns)) << '\n';
      }
      return kOk;
    }
  } catch (const std::exception& e) {
    err << "alignkit: " << printable(e.what()) << '\n';
    return kInvalidInput;
  }
  return usage(err, "", kUsersUsage);
}

namespace {

// Every template's versions into `to`, whole or not at all; a template `to` already holds is
// left as it is (never a version added to it), as is a proposal it holds.
int keep_all(const TemplateStore::Snapshot& snapshot, TemplateStore& to, std::ostream& out, std::ostream& err) {
  std::map<std::string, std::vector<StoredTemplate>> by_name;
  for (const auto& version : snapshot.versions) by_name[version.info.name].push_back(version);
  bool refused = false;
  for (auto& [name, versions] : by_name) {
    std::sort(versions.begin(), versions.end(), [](const auto& a, const auto& b) { return a.info.version < b.info.version; });
    switch (to.restore(versions)) {
      case Restored::restored:
        out << name << ": " << versions.size() << (versions.size() == 1 ? " version\n" : " versions\n");
        break;
      case Restored::already_held:
        err << name << ": the store already holds it, left as it is (nothing added to it)\n";
        refused = true;
        break;
      case Restored::not_whole:
        err << name << ": its versions are not 1, 2, … without a gap, so none was restored\n";
        refused = true;
        break;
    }
  }
  std::size_t proposals = 0;
  for (const auto& proposal : snapshot.proposals) {
    if (to.restore(proposal)) {
      ++proposals;
    } else {
      err << "proposal " << proposal.id << ": the store already holds it, left as it is\n";
      refused = true;
    }
  }
  if (!snapshot.proposals.empty()) out << proposals << (proposals == 1 ? " proposal\n" : " proposals\n");
  return refused ? kInvalidInput : kOk;
}

// A copy kept current for readers elsewhere (an analyst's PostgreSQL beside a SQLite store):
// versions only — proposals are the service's business. Says how many each template gained.
int mirror(const TemplateStore::Snapshot& snapshot, TemplateStore& copy, std::ostream& out, std::ostream& err) {
  std::map<std::string, std::vector<StoredTemplate>> by_name;
  for (const auto& version : snapshot.versions) by_name[version.info.name].push_back(version);
  std::size_t added = 0;
  bool differs = false;
  for (auto& [name, versions] : by_name) {
    std::sort(versions.begin(), versions.end(), [](const auto& a, const auto& b) { return a.info.version < b.info.version; });
    const auto caught_up = copy.catch_up(versions);
    if (caught_up.differs_at != 0) {
      err << name << ": the copy's version " << caught_up.differs_at
          << " is not the store's; nothing added (copy it anew into an empty store)\n";
      differs = true;
    }
    added += caught_up.added;
  }
  // A template the copy holds and the store does not: someone wrote to the copy.
  for (const auto& held : copy.list()) {
    if (by_name.count(held.name) == 0) {
      err << printable(held.name) << ": the copy holds this template, which the store does not (written to the copy by "
          << "hand?); it was left as it is\n";
      differs = true;
    }
  }
  const std::string when = sharing::utc_time(std::chrono::system_clock::now());
  if (!differs) copy.mark_mirrored(when);  // what SQL reads to say how far behind the copy is
  out << added << (added == 1 ? " version" : " versions") << " added; the copy holds every version of " << by_name.size()
      << " templates as of " << when << '\n';
  return differs ? kInvalidInput : kOk;
}

void write_backup(TemplateStore& store, const fs::path& file, std::ostream& out) {
  const auto snapshot = store.everything();
  json versions = json::array(), proposals = json::array();
  for (const auto& version : snapshot.versions) versions.push_back(version_json(version));
  for (const auto& proposal : snapshot.proposals) proposals.push_back(proposal_json(proposal));
  const json backup_file = {{"format", kBackupFormat}, {"versions", versions}, {"proposals", proposals}};
  if (!templates::write_atomically(file, backup_file.dump(1, ' ', false, json::error_handler_t::replace) + "\n")) throw std::runtime_error("cannot write " + file.string());
  std::set<std::string> names;
  for (const auto& version : snapshot.versions) names.insert(version.info.name);
  out << snapshot.versions.size() << " versions of " << names.size() << " templates and " << snapshot.proposals.size()
      << " proposals written to " << file.string() << " (readable by you only)\n";
}

// A dated backup in `folder`, then all but the newest `keep` of them removed.
int dated_backup(TemplateStore& store, const fs::path& folder, int keep, std::ostream& out) {
  const std::string stamp = sharing::utc_time(std::chrono::system_clock::now());
  std::string name = kBackupPrefix;
  for (const char c : stamp) {
    if (c != '-' && c != ':') name += c;  // alignkit-20261206T053725Z.json
  }
  write_backup(store, folder / (name + ".json"), out);
  std::vector<fs::path> backups;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string file = entry.path().filename().string();
    if (file.starts_with(kBackupPrefix) && file.ends_with("Z.json") && entry.is_regular_file(ec)) backups.push_back(entry.path());
  }
  std::sort(backups.begin(), backups.end());  // the names sort by time
  for (std::size_t i = 0; i + static_cast<std::size_t>(keep) < backups.size(); ++i) {
    fs::remove(backups[i], ec);
    out << "removed the older " << backups[i].filename().string() << '\n';
  }
  return kOk;
}

int restore(TemplateStore& store, const fs::path& file, std::ostream& out, std::ostream& err) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    err << "alignkit: cannot read " << file.string() << '\n';
    return kInvalidInput;
  }
  const auto parsed = json::parse(in, nullptr, false);
  const std::string format = parsed.is_object() ? parsed.value("format", "") : "";
  if ((format != kBackupFormat && format != kFirstBackupFormat) || !parsed["versions"].is_array()) {
    err << "alignkit: " << file.string() << " is not an alignkit store backup\n";
    return kInvalidInput;
  }
  TemplateStore::Snapshot snapshot;
  std::size_t at = 0;
  try {
    for (const auto& item : parsed["versions"]) {
      snapshot.versions.push_back(version_from(item));
      ++at;
    }
    if (parsed.contains("proposals")) {
      for (const auto& item : parsed.at("proposals")) snapshot.proposals.push_back(proposal_from(item));
    }
    recompute_groups(snapshot);
  } catch (const std::exception& e) {  // invalid_argument and the JSON library's own
    err << "alignkit: " << file.string() << " holds a damaged entry (" << (at < parsed["versions"].size() ? "version " + std::to_string(at + 1) : std::string("a proposal"))
        << ": " << printable(e.what()) << "); nothing was restored\n";
    return kInvalidInput;
  }
  return keep_all(snapshot, store, out, err);
}

int import_folder(TemplateStore& store, const fs::path& folder, std::ostream& out, std::ostream& err) {
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
  for (const auto& file : files) {
    const std::string name = file.stem().string();
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto document = templates::parse(text.str());
    if (!is_plain_name(name) || !document) {
      err << "skipped " << file.string() << ": " << (document ? "its name is not a template name" : document.error().message) << '\n';
      ++failed;
      continue;
    }
    VersionInfo about;
    about.author = "import";
    about.message = "imported from " + file.filename().string();
    about.groups_changed = sharing::changed_groups(json::object(), *document);
    const auto result = store.write_next(name, 0, document->dump(), about);
    if (result.result == StoreWrite::Result::conflict) {
      out << name << ": already in the store (version " << result.version << "), left as it is\n";
    } else {
      out << name << ": version " << result.version << " from " << file.string() << '\n';
    }
  }
  return failed == 0 ? kOk : kInvalidInput;
}

}  // namespace

int run_store(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const ParsedArgs parsed = parse_args(args, {"store", "to", "folder", "keep", "config"});
  if (parsed.help) {
    out << kStoreUsage;
    return kOk;
  }
  if (!parsed.problem.empty()) return usage(err, parsed.problem, kStoreUsage);
  const std::string command = parsed.words.empty() ? "" : parsed.words[0];
  try {
    std::map<std::string, std::string> settings;
    if (const auto config = parsed.get("config")) settings = read_settings(*config);
    const auto setting = [&](const char* option, const char* key) -> std::optional<std::string> {
      if (auto given = parsed.get(option)) return given;
      if (auto found = settings.find(key); found != settings.end()) return found->second;
      return std::nullopt;
    };
    const auto spec = setting("store", "store");
    if (!spec) return usage(err, "say which store: --store STORE (or --config FILE)", kStoreUsage);
    if (command == "copy" && parsed.words.size() == 1 && parsed.get("to")) {
      auto from = TemplateStore::open(*spec, 1);
      const auto snapshot = from->everything();
      try {
        for (const auto& version : snapshot.versions) check_version(version);
        for (const auto& proposal : snapshot.proposals) check_proposal(proposal);
      } catch (const std::exception& e) {
        err << "alignkit: the source store holds a damaged entry (" << printable(e.what()) << "); nothing was copied\n";
        return kInvalidInput;
      }
      auto to = TemplateStore::open(*parsed.get("to"), 1);
      return keep_all(snapshot, *to, out, err);
    }
    if (command == "mirror" && parsed.words.size() == 1) {
      const auto to = setting("to", "mirror-to");
      if (!to) return usage(err, "say where: --to STORE (mirror-to in the settings)", kStoreUsage);
      auto from = TemplateStore::open(*spec, 1);
      auto copy = TemplateStore::open(*to, 1);
      return mirror(from->everything(), *copy, out, err);
    }
    if (command == "backup" && parsed.words.size() == 1) {
      const auto folder = setting("folder", "backup-folder");
      if (!folder) return usage(err, "say where: backup FILE, or --folder DIR (backup-folder in the settings)", kStoreUsage);
      int keep = 14;
      if (const auto text = setting("keep", "backup-keep")) {
        try {
          keep = std::stoi(*text);
        } catch (const std::exception&) {
          keep = 0;
        }
        if (keep < 1 || keep > 10000) return usage(err, "--keep (backup-keep) takes 1 to 10000 backups", kStoreUsage);
      }
      auto store = TemplateStore::open(*spec, 1);
      return dated_backup(*store, *folder, keep, out);
    }
    if ((command == "backup" || command == "restore") && parsed.words.size() == 2) {
      auto store = TemplateStore::open(*spec, 1);
      if (command == "backup") {
        write_backup(*store, parsed.words[1], out);
        return kOk;
      }
      return restore(*store, parsed.words[1], out, err);
    }
    if (command == "import" && parsed.words.size() == 2) {
      auto store = TemplateStore::open(*spec, 1);
      return import_folder(*store, parsed.words[1], out, err);
    }
  } catch (const std::exception& e) {
    err << "alignkit: " << printable(e.what()) << '\n';
    return kInvalidInput;
  }
  return usage(err, "", kStoreUsage);
}

}  // namespace alignkit::service
