#include "commands/backup_entries.hpp"

#include <limits>
#include <map>
#include <stdexcept>
#include <string>

#include "alignkit/sharing/sharing.hpp"
#include "alignkit/templates/template_changes.hpp"
#include "alignkit/templates/templates.hpp"
#include "access/users.hpp"
#include "commands/command_line.hpp"

namespace alignkit::service {
namespace {
using nlohmann::json;
using sharing::printable;

// The largest proposal id a backup may hold: new ids continue from the largest, and the page reads
// them as JavaScript numbers.
constexpr std::int64_t kMaxProposalId = (std::int64_t{1} << 53) - 1;

// A text that reaches a header, a log or a terminal: no control character.
std::string clean_text(const json& item, const char* key, bool may_be_empty = true) {
  const auto& value = item.at(key);
  if (!value.is_string()) throw std::invalid_argument(std::string(key) + " is not text");
  std::string text = value.get<std::string>();
  if (auto control = sharing::control_character_in(text)) throw std::invalid_argument(std::string(key) + " holds " + *control);
  if (!may_be_empty && text.empty()) throw std::invalid_argument(std::string(key) + " is empty");
  return text;
}

std::string clean_name(const json& item, const char* key, bool may_be_empty = false) {
  std::string name = clean_text(item, key, may_be_empty);
  if (!name.empty() && !is_plain_name(name)) throw std::invalid_argument(std::string(key) + " '" + printable(name) + "' is not a name");
  return name;
}

std::string clean_time(const json& item, const char* key, bool may_be_empty = false) {
  std::string time = clean_text(item, key, may_be_empty);
  if (!(may_be_empty && time.empty()) && !sharing::is_utc_time(time)) {
    throw std::invalid_argument(std::string(key) + " '" + printable(time) + "' is not a time as the store writes one");
  }
  return time;
}

sharing::Version clean_version(const json& item, const char* key, bool may_be_zero = false) {
  const auto& value = item.at(key);
  if (!value.is_number_integer() || value.get<std::int64_t>() < (may_be_zero ? 0 : 1) ||
      value.get<std::int64_t>() > std::numeric_limits<sharing::Version>::max()) {
    throw std::invalid_argument(std::string(key) + " " + value.dump() + " is not a version number");
  }
  return value.get<sharing::Version>();
}

// A template document as a publish takes one: a valid template whose key names are unambiguous.
void check_document(const std::string& text) {
  auto parsed = templates::parse(text);
  if (!parsed) throw std::invalid_argument(parsed.error().message);
  if (auto key = templates::ambiguous_key_in(*parsed)) throw std::invalid_argument(sharing::ambiguous_key_refusal(*key));
}

}  // namespace

// What a version or proposal says of itself, checked as a publish checks it (names, times, no
// control character, a version in range, a template document); throws invalid_argument.
void check_version(const StoredTemplate& kept) {
  const json item = {{"name", kept.info.name}, {"author", kept.info.author}, {"updated", kept.info.updated},
                     {"message", kept.info.message}, {"approved_by", kept.info.approved_by}, {"version", kept.info.version}};
  clean_name(item, "name");
  clean_version(item, "version");
  clean_name(item, "author");
  clean_time(item, "updated");
  clean_text(item, "message");
  clean_name(item, "approved_by", true);
  for (const auto& group : kept.info.groups_changed) clean_text(json{{"group", group}}, "group");  // worked out again
  check_document(kept.document);
}

void check_proposal(const StoredProposal& p) {
  const json item = {{"name", p.name}, {"base", p.base}, {"author", p.author}, {"message", p.message},
                     {"created", p.created}, {"status", p.status}, {"decided_by", p.decided_by},
                     {"reason", p.reason}, {"decided", p.decided}, {"version", p.version}};
  if (p.id < 1 || p.id > kMaxProposalId) throw std::invalid_argument("id is not a proposal's id (1 to 2^53 - 1)");
  clean_name(item, "name");
  clean_version(item, "base");
  clean_name(item, "author");
  clean_text(item, "message");
  clean_time(item, "created");
  const std::string status = clean_text(item, "status");
  if (status != "open" && status != "approved" && status != "declined" && status != "withdrawn") {
    throw std::invalid_argument("status '" + printable(status) + "' is not a proposal's");
  }
  clean_name(item, "decided_by", true);
  clean_text(item, "reason");
  clean_time(item, "decided", true);
  clean_version(item, "version", true);
  for (const auto& group : p.groups) clean_text(json{{"group", group}}, "group");  // worked out again
  check_document(p.document);
}

// A backup's entry: the record as the service answers it, and the document's text exactly as stored.
json version_json(const StoredTemplate& kept) {
  json item = kept.info;
  item["document"] = kept.document;
  return item;
}

json proposal_json(const StoredProposal& p) {
  json item = static_cast<const sharing::Proposal&>(p);
  item["document"] = p.document;
  return item;
}

StoredTemplate version_from(const json& item) {
  StoredTemplate kept;
  kept.info = item.get<sharing::VersionInfo>();
  kept.document = item.at("document").get<std::string>();
  check_version(kept);
  return kept;
}

StoredProposal proposal_from(const json& item) {
  StoredProposal p;
  static_cast<sharing::Proposal&>(p) = item.get<sharing::Proposal>();
  p.document = item.at("document").get<std::string>();
  check_proposal(p);
  return p;
}

void recompute_groups(TemplateStore::Snapshot& snapshot) {
  std::map<std::pair<std::string, sharing::Version>, json> documents;
  for (const auto& version : snapshot.versions) documents[{version.info.name, version.info.version}] = json::parse(version.document);
  for (auto& version : snapshot.versions) {
    const auto before = documents.find({version.info.name, version.info.version - 1});
    version.info.groups_changed = sharing::changed_groups(before == documents.end() ? json::object() : before->second,
                                                          documents.at({version.info.name, version.info.version}));
  }
  for (auto& proposal : snapshot.proposals) {
    const auto base = documents.find({proposal.name, proposal.base});
    if (base == documents.end()) {
      throw std::invalid_argument("proposal " + std::to_string(proposal.id) + " is on version " + std::to_string(proposal.base) +
                                  " of " + proposal.name + ", which the backup does not hold");
    }
    proposal.groups = sharing::touched_groups(base->second, json::parse(proposal.document));
  }
}

}  // namespace alignkit::service
