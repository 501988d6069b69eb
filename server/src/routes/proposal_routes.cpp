// Proposals: a change to groups one does not own goes to their owners instead of being refused.
// Any user proposes; an owner of every group it touches (never its author) approves it, which
// publishes it as the proposer's version approved by them; an owner of one of its groups declines
// it with a reason; its author withdraws it. Every step and every refusal is logged.
#include <Poco/Logger.h>

#include "alignkit/sharing/sharing.hpp"
#include "alignkit/templates/template_changes.hpp"
#include "alignkit/templates/templates.hpp"
#include "access/authentication.hpp"
#include "http/routes.hpp"
#include "http/service_state.hpp"
#include "store/template_store.hpp"

namespace alignkit::service {
namespace {
using nlohmann::json;
using Poco::Net::HTTPResponse;
using Kind = sharing::Outcome::Kind;

Poco::Logger& log() { return Poco::Logger::get("alignkit.templates"); }

// The record without the document the store keeps beside it.
json proposal_json(const StoredProposal& p) { return static_cast<const sharing::Proposal&>(p); }

std::string groups_text(const std::vector<std::string>& groups) {
  std::string text;
  for (const auto& g : groups) text += (text.empty() ? "" : ", ") + g;
  return text;
}

// The store, or why there is none to propose to.
std::optional<Reply> no_store(const ServiceOptions& options) {
  if (options.store && (options.users || options.directory)) return std::nullopt;
  return error_reply(HTTPResponse::HTTP_NOT_FOUND, "this service keeps no proposals: start it with --store and --users");
}

struct Loaded {
  std::optional<StoredProposal> proposal;
  std::optional<Reply> refusal;
};

Loaded load(RequestScope& scope) {
  if (auto missing = no_store(scope.options)) return {std::nullopt, missing};
  // Who may not read proposals learns nothing of which ids exist: the same 401 for every id.
  if (!may_read_templates(scope)) {
    return {std::nullopt, error_reply(HTTPResponse::HTTP_UNAUTHORIZED, "reading proposals here needs a token")};
  }
  std::int64_t id = 0;
  const std::string& text = scope.param("id");
  try {
    std::size_t used = 0;
    id = std::stoll(text, &used);
    if (used != text.size() || id < 1) throw std::invalid_argument("id");
  } catch (const std::exception&) {
    return {std::nullopt, error_reply(HTTPResponse::HTTP_NOT_FOUND, "a proposal's id is a whole number from 1")};
  }
  auto proposal = scope.options.store->proposal(id);
  if (!proposal) return {std::nullopt, error_reply(HTTPResponse::HTTP_NOT_FOUND, "no proposal " + text)};
  return {std::move(proposal), std::nullopt};
}

Reply not_open(const StoredProposal& p) {
  return outcome_reply(Kind::closed, "proposal " + std::to_string(p.id) + " is " + p.status + ", no longer open");
}

// The acting user for a change of a proposal, or the refusal (logged).
std::optional<Account> actor(RequestScope& scope, const std::string& what, Reply& refusal) {
  const auto who = identify(scope);
  if (who.account) return who.account;
  log_refusal(scope, what, "", who.why);
  refusal = refusal_reply(who);
  return std::nullopt;
}

Reply refused(RequestScope& scope, const std::string& what, const std::string& who, Kind kind, const std::string& why) {
  log_refusal(scope, what, who, why);
  return outcome_reply(kind, why);
}

}  // namespace

Reply proposal_create(RequestScope& scope) {
  const std::string& name = scope.param("name");
  if (!is_plain_name(name)) return outcome_reply(Kind::invalid, "a template name is 1-64 letters, digits, '_', '-' or '.'");
  if (auto missing = no_store(scope.options)) return *missing;
  const std::string what = "a proposal for " + name;
  Reply refusal;
  const auto account = actor(scope, what, refusal);
  if (!account) return refusal;
  const std::string& author = account->user.name;
  const auto& options = scope.options;
  const std::size_t max_bytes = std::min(options.max_body_bytes, options.max_proposal_bytes);
  auto body = read_body(scope.request, max_bytes);
  if (!body) {
    scope.close_connection = true;
    return refused(scope, what, author, Kind::too_large,
                   "the proposed template is larger than " + std::to_string(max_bytes / 1024) + " KiB, the most a proposal may be");
  }
  if (const long long wait = scope.state.proposals_made.wait_seconds(author); wait > 0) {
    Reply reply = refused(scope, what, author, Kind::throttled,
                          author + " made " + std::to_string(options.max_proposals_per_hour) +
                              " proposals within the hour: the next one can be made in " + std::to_string(wait / 60 + 1) + " minutes");
    reply.headers = {{sharing::kRetryAfterHeader, std::to_string(wait)}};
    return reply;
  }
  const auto open = options.store->open_proposals(name, author);
  if (open.of_author >= options.max_open_proposals_per_user) {
    return refused(scope, what, author, Kind::throttled,
                   author + " has " + std::to_string(open.of_author) +
                       " open proposals, the most one person may have: withdraw one, or wait until owners decide");
  }
  if (open.of_template >= options.max_open_proposals_per_template) {
    return refused(scope, what, author, Kind::throttled,
                   "'" + name + "' has " + std::to_string(open.of_template) +
                       " open proposals, the most a template may have: its owners must decide some first");
  }
  auto proposed = templates::parse(*body);
  if (!proposed) return refused(scope, what, author, Kind::invalid, "not a valid template: " + proposed.error().message);
  if (auto key = templates::ambiguous_key_in(*proposed)) {
    return refused(scope, what, author, Kind::invalid, sharing::ambiguous_key_refusal(*key));
  }
  const std::string message = scope.request.get(sharing::kMessageHeader, "");
  if (auto control = sharing::control_character_in(message)) {
    return refused(scope, what, author, Kind::invalid, "a message may not hold " + *control);
  }
  const auto base = sharing::if_match_version(scope.request.get(sharing::kIfMatchHeader, ""));
  if (!base) return refused(scope, what, author, Kind::invalid, "send If-Match with the version your change starts from, e.g. \"3\"");
  const auto base_version = scope.options.store->version(name, *base);
  if (!base_version) {
    return refused(scope, what, author, Kind::conflict, "'" + name + "' has no version " + std::to_string(*base));
  }
  const json before = json::parse(base_version->document);
  const auto groups = sharing::touched_groups(before, *proposed);
  if (groups.empty()) return refused(scope, what, author, Kind::invalid, "the proposal changes nothing in version " + std::to_string(*base));
  StoredProposal proposal;
  proposal.name = name;
  proposal.base = *base;
  proposal.author = author;
  proposal.message = sharing::kept_message(message);
  proposal.groups = groups;
  proposal.document = proposed->dump();
  proposal = scope.options.store->propose(std::move(proposal));
  scope.state.proposals_made.failed(author);  // counts it
  log().information("%s proposed %s on version %d (proposal %s, groups %s)", author, name, static_cast<int>(*base),
                    std::to_string(proposal.id), groups_text(groups));
  Reply reply = json_reply(HTTPResponse::HTTP_CREATED, proposal_json(proposal));
  reply.headers = {{sharing::kLocationHeader, sharing::path(sharing::RouteName::proposal_read, {std::to_string(proposal.id)})}};
  return reply;
}

Reply proposals_list(RequestScope& scope) {
  const std::string& name = scope.param("name");
  if (!is_plain_name(name)) return outcome_reply(Kind::invalid, "a template name is 1-64 letters, digits, '_', '-' or '.'");
  if (auto missing = no_store(scope.options)) return *missing;
  if (!may_read_templates(scope)) return error_reply(HTTPResponse::HTTP_UNAUTHORIZED, "reading proposals here needs a token");
  const auto status = scope.query("status").value_or("open");
  if (status != "open" && status != "all") return outcome_reply(Kind::invalid, "status is open or all");
  json list = json::array();
  for (const auto& p : scope.options.store->proposals(name, status == "all")) list.push_back(proposal_json(p));
  return json_reply(HTTPResponse::HTTP_OK, {{"name", name}, {"proposals", list}});
}

Reply proposal_read(RequestScope& scope) {
  auto loaded = load(scope);
  if (loaded.refusal) return *loaded.refusal;
  const auto& p = *loaded.proposal;
  const auto base = scope.options.store->version(p.name, p.base);
  const json document = json::parse(p.document);
  json item = proposal_json(p);
  item["document"] = document;
  item["changes"] = json(templates::key_changes(base ? json::parse(base->document) : json::object(), document));
  return json_reply(HTTPResponse::HTTP_OK, item);
}

Reply proposal_approve(RequestScope& scope) {
  auto loaded = load(scope);
  if (loaded.refusal) return *loaded.refusal;
  const auto& p = *loaded.proposal;
  const std::string what = "approval of proposal " + std::to_string(p.id) + " (" + p.name + ")";
  Reply refusal;
  const auto account = actor(scope, what, refusal);
  if (!account) return refusal;
  const auto& approver = account->user;
  if (p.status != "open") {
    log_refusal(scope, what, approver.name, "it is " + p.status);
    return not_open(p);
  }
  if (approver.name == p.author) {
    return refused(scope, what, approver.name, Kind::forbidden,
                   "a proposal is approved by another owner of its groups than its author");
  }
  const std::string message = scope.request.get(sharing::kMessageHeader, "");
  if (auto control = sharing::control_character_in(message)) {
    return refused(scope, what, approver.name, Kind::invalid, "a message may not hold " + *control);
  }
  auto& store = *scope.options.store;
  const auto base = store.version(p.name, p.base);
  const auto latest = store.latest(p.name);
  if (!base || !latest) return refused(scope, what, approver.name, Kind::not_found, "'" + p.name + "' no longer has version " + std::to_string(p.base));
  const json before = json::parse(base->document), proposed = json::parse(p.document), newest = json::parse(latest->document);
  json document = proposed;
  if (latest->info.version != p.base) {
    // The template moved on: applied on top when nobody touched the proposal's keys meanwhile.
    const auto mine = templates::key_changes(before, proposed), theirs = templates::key_changes(before, newest);
    const auto both = templates::keys_changed_by_both(mine, theirs);
    if (!both.empty()) {
      std::vector<templates::KeyChange> meanwhile;
      for (const auto& change : theirs) {
        if (std::find(both.begin(), both.end(), change.key) != both.end()) meanwhile.push_back(change);
      }
      log_refusal(scope, what, approver.name, "its keys changed since version " + std::to_string(p.base));
      Reply reply = outcome_reply(Kind::closed, "version " + std::to_string(latest->info.version) +
                                                    " changed the proposal's keys since its base (version " +
                                                    std::to_string(p.base) + "): nothing was published");
      reply.body["changes"] = json(meanwhile);
      reply.body["latest"] = latest->info.version;
      return reply;
    }
    document = templates::reapply_changes(before, proposed, newest);
  }
  if (auto key = templates::ambiguous_key_in(document)) {
    return refused(scope, what, approver.name, Kind::invalid, sharing::ambiguous_key_refusal(*key));
  }
  // Judged on what the version written changes against the newest, never on the groups the
  // proposal was stored with (a display): the write below happens only while `latest` is newest.
  const auto changed = sharing::changed_groups(newest, document);
  if (changed.empty()) return refused(scope, what, approver.name, Kind::invalid, "the latest version already holds this proposal");
  std::vector<std::string> not_owned;
  for (const auto& group : sharing::touched_groups(newest, document)) {
    if (!approver.owns(group)) not_owned.push_back(group);
  }
  if (!not_owned.empty()) {
    return refused(scope, what, approver.name, Kind::forbidden,
                   approver.name + " does not own the group" + (not_owned.size() > 1 ? "s " : " ") + groups_text(not_owned) +
                       ": an owner of every group the approved version changes approves it");
  }
  VersionInfo about;
  about.name = p.name;
  about.author = p.author;
  about.approved_by = approver.name;
  about.message = message.empty() ? p.message : sharing::kept_message(message);
  about.groups_changed = changed;
  const auto written = store.approve(p.id, latest->info.version, document.dump(), about);
  if (written.result == StoreWrite::Result::conflict) {
    log_refusal(scope, what, approver.name, "the template or the proposal changed while it was approved");
    return outcome_reply(Kind::closed, "the template or the proposal changed meanwhile: read both again");
  }
  log().information("%s approved proposal %s of %s: %s version %d", approver.name, std::to_string(p.id), p.author,
                    p.name, static_cast<int>(written.version));
  auto decided = store.proposal(p.id);
  Reply reply = json_reply(HTTPResponse::HTTP_OK, proposal_json(decided ? *decided : p));
  reply.headers = {{sharing::kETagHeader, sharing::etag(written.version)}};
  return reply;
}

Reply proposal_decline(RequestScope& scope) {
  auto loaded = load(scope);
  if (loaded.refusal) return *loaded.refusal;
  const auto& p = *loaded.proposal;
  const std::string what = "decline of proposal " + std::to_string(p.id) + " (" + p.name + ")";
  Reply refusal;
  const auto account = actor(scope, what, refusal);
  if (!account) return refusal;
  const auto& owner = account->user;
  if (p.status != "open") {
    log_refusal(scope, what, owner.name, "it is " + p.status);
    return not_open(p);
  }
  if (std::none_of(p.groups.begin(), p.groups.end(), [&](const std::string& g) { return owner.owns(g); })) {
    return refused(scope, what, owner.name, Kind::forbidden,
                   owner.name + " owns none of the groups " + groups_text(p.groups) + ": an owner of one of them declines it");
  }
  const std::string why = scope.request.get(sharing::kMessageHeader, "");
  if (why.empty()) return refused(scope, what, owner.name, Kind::invalid, "say why in X-Message: the proposer reads it");
  if (auto control = sharing::control_character_in(why)) {
    return refused(scope, what, owner.name, Kind::invalid, "a message may not hold " + *control);
  }
  if (!scope.options.store->close(p.id, "declined", owner.name, sharing::kept_message(why))) {
    return not_open(*scope.options.store->proposal(p.id));
  }
  log().information("%s declined proposal %s of %s (%s): %s", owner.name, std::to_string(p.id), p.author, p.name,
                    sharing::printable(why));
  return json_reply(HTTPResponse::HTTP_OK, proposal_json(*scope.options.store->proposal(p.id)));
}

Reply proposal_withdraw(RequestScope& scope) {
  auto loaded = load(scope);
  if (loaded.refusal) return *loaded.refusal;
  const auto& p = *loaded.proposal;
  const std::string what = "withdrawal of proposal " + std::to_string(p.id) + " (" + p.name + ")";
  Reply refusal;
  const auto account = actor(scope, what, refusal);
  if (!account) return refusal;
  const auto& user = account->user;
  if (p.status != "open") {
    log_refusal(scope, what, user.name, "it is " + p.status);
    return not_open(p);
  }
  if (user.name != p.author) return refused(scope, what, user.name, Kind::forbidden, "only its author withdraws a proposal");
  if (!scope.options.store->close(p.id, "withdrawn", user.name, "")) return not_open(*scope.options.store->proposal(p.id));
  log().information("%s withdrew proposal %s (%s)", user.name, std::to_string(p.id), p.name);
  return json_reply(HTTPResponse::HTTP_OK, proposal_json(*scope.options.store->proposal(p.id)));
}

}  // namespace alignkit::service
