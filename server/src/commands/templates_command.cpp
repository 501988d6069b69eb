#include "commands/templates_command.hpp"

#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "alignkit/sharing/sharing.hpp"
#include "commands/command_line.hpp"
#include "commands/eval_command.hpp"
#include "template_client.hpp"

namespace alignkit::service {
namespace {
using nlohmann::json;
using sharing::printable;
using Kind = sharing::Outcome::Kind;

constexpr const char* kTemplatesUsage =
    "usage: alignkit templates list\n"
    "       alignkit templates pull NAME [--version N | --at DATE]  the document on stdout\n"
    "       alignkit templates push FILE --name NAME [--base V] [--message M]\n"
    "       alignkit templates history NAME\n"
    "       alignkit templates diff NAME V1 V2\n"
    "       alignkit templates propose FILE --name NAME --base V [--message M]   a change for the owners of its groups\n"
    "       alignkit templates proposals NAME [--all]\n"
    "       alignkit templates approve ID [--message M] | decline ID --message WHY | withdraw ID\n"
    "  with --server URL (or ALIGNKIT_SERVER), --token TOKEN (or ALIGNKIT_TOKEN) to publish,\n"
    "  --cacert FILE to trust a service's own certificate, --timeout SECONDS for how long one\n"
    "  exchange may take in all (default 60). --base is the version your file was\n"
    "  pulled from: publishing is refused if someone published since. --at takes a date (2026-03-31)\n"
    "  or a time (2026-03-31T12:00:00Z): the version that was the latest then.\n"
    "  Exit 0: done; 1: refused (the reason on stderr); 2: usage.\n";

std::string shown(const json& value) { return printable(value.dump()); }

// --timeout SECONDS: how long one exchange with the service may take in all (default 60).
std::chrono::milliseconds deadline_of(const ParsedArgs& parsed) {
  const auto given = parsed.get("timeout");
  if (!given) return std::chrono::seconds(60);
  try {
    const long seconds = std::stol(*given);
    if (seconds >= 1 && seconds <= 3600) return std::chrono::seconds(seconds);
  } catch (const std::exception&) {
  }
  return std::chrono::seconds(60);
}

class TemplatesCommand {
 public:
  TemplatesCommand(const ParsedArgs& parsed, std::ostream& out, std::ostream& err)
      : parsed_(parsed),
        out_(out),
        err_(err),
        client_(parsed.get("server").value_or(environment("ALIGNKIT_SERVER")),
                client::TransportOptions{.token = parsed.get("token").value_or(environment("ALIGNKIT_TOKEN")),
                                         .ca_file = parsed.get("cacert").value_or(""),
                                         .deadline = deadline_of(parsed),
                                         .proxy = {}}) {}

  int run() {
    const auto& w = parsed_.words;
    if (parsed_.get("server").value_or(environment("ALIGNKIT_SERVER")).empty()) return usage("say which service: --server URL");
    if (w.size() == 1 && w[0] == "list") return list();
    if (w.size() == 2 && w[0] == "pull") return pull(w[1]);
    if (w.size() == 2 && w[0] == "push") return push(w[1]);
    if (w.size() == 2 && w[0] == "history") return history(w[1]);
    if (w.size() == 4 && w[0] == "diff") return diff(w[1], w[2], w[3]);
    if (w.size() == 2 && w[0] == "propose") return propose(w[1]);
    if (w.size() == 2 && w[0] == "proposals") return proposals(w[1]);
    if (w.size() == 2 && (w[0] == "approve" || w[0] == "decline" || w[0] == "withdraw")) return decide(w[0], w[1]);
    return usage("");
  }

 private:
  int usage(const std::string& problem) {
    if (!problem.empty()) err_ << "alignkit templates: " << problem << '\n';
    err_ << kTemplatesUsage;
    return kUsage;
  }

  int refused(const sharing::Outcome& outcome) {
    err_ << "alignkit templates: " << printable(outcome.message) << '\n';
    return kInvalidInput;
  }

  std::optional<std::string> file_text(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  std::optional<sharing::Version> version_option(const std::string& option) {
    const auto text = parsed_.get(option);
    if (!text) return std::nullopt;
    auto version = sharing::version_of(*text);
    if (!version || *text != std::to_string(*version)) return sharing::Version{-1};
    return version;
  }

  int list() {
    const auto listed = client_.list();
    if (!listed.ok()) return refused(listed.outcome);
    for (const auto& item : listed.value) {
      out_ << printable(item.name);
      if (item.latest.version > 0) {
        out_ << "\tversion " << item.latest.version << "\t" << printable(item.latest.updated) << "\t"
             << printable(item.latest.author);
      } else {
        out_ << "\t(read-only file)";
      }
      out_ << '\n';
    }
    return kOk;
  }

  int pull(const std::string& name) {
    const auto version = version_option("version");
    if (version && *version < 1) return usage("--version takes a version: 1, 2, …");
    const auto at = parsed_.get("at");
    if (version && at) return usage("give --version or --at, not both");
    std::optional<std::string> instant;
    if (at && !(instant = sharing::utc_instant(*at))) {
      return usage("--at takes a date (2026-03-31) or a time (2026-03-31T12:00:00Z), not '" + printable(*at) + "'");
    }
    const auto read = version ? client_.read_version(name, *version) : at ? client_.read_at(name, *instant) : client_.read(name);
    if (!read.ok()) return refused(read.outcome);
    out_ << read.value.document.dump(2) << '\n';
    const auto& info = read.value.info;
    if (info.version > 0) {
      err_ << printable(name) << " version " << info.version << " by " << printable(info.author) << ", "
           << printable(info.updated) << ".\nPublish an edit of it with: alignkit templates push FILE --name "
           << printable(name) << " --base " << info.version << '\n';
    }
    return kOk;
  }

  int push(const std::string& file) {
    const auto name = parsed_.get("name");
    if (!name) return usage("say which template: --name NAME");
    const auto base = version_option("base");
    if (base && *base < 1) return usage("--base takes the version your file was pulled from: 1, 2, …");
    const auto text = file_text(file);
    if (!text) {
      err_ << "alignkit templates: cannot read " << printable(file) << '\n';
      return kInvalidInput;
    }
    const auto published = client_.publish(*name, base, *text, parsed_.get("message").value_or(""));
    if (published.outcome.kind == Kind::version_required) {
      err_ << "alignkit templates: " << printable(published.outcome.message)
           << ": add --base with the version your file was pulled from\n";
      return kInvalidInput;
    }
    if (!published.ok()) return refused(published.outcome);
    std::string groups;
    for (const auto& g : published.outcome.groups_changed) groups += (groups.empty() ? "" : ", ") + g;
    if (published.outcome.kind == Kind::unchanged) {
      out_ << printable(*name) << " is unchanged: version " << published.value << " already holds this\n";
    } else {
      out_ << "published " << printable(*name) << " version " << published.value << " (changed: "
           << (groups.empty() ? "nothing" : printable(groups)) << ")\n";
    }
    return kOk;
  }

  int history(const std::string& name) {
    const auto versions = client_.history(name);
    if (!versions.ok()) return refused(versions.outcome);
    for (const auto& v : versions.value) {
      std::string groups;
      for (const auto& g : v.groups_changed) groups += (groups.empty() ? "" : ",") + g;
      out_ << "version " << v.version << '\t' << printable(v.updated) << '\t' << printable(v.author)
           << (v.approved_by.empty() ? "" : " (approved by " + printable(v.approved_by) + ")") << "\tchanged "
           << (groups.empty() ? "-" : printable(groups)) << '\t' << printable(v.message) << '\n';
    }
    return kOk;
  }

  // What the service works out between two versions (GET …/changes), as - removed, + added, old -> new.
  int diff(const std::string& name, const std::string& first, const std::string& second) {
    const auto from = sharing::version_of(first), to = sharing::version_of(second);
    if (!from || !to || first != std::to_string(*from) || second != std::to_string(*to)) {
      return usage("diff takes two versions: 1, 2, …");
    }
    const auto changed = client_.changes(name, *from, *to);
    if (!changed.ok()) return refused(changed.outcome);
    for (const auto& change : changed.value.changes) {
      if (!change.to) {
        out_ << "- " << printable(change.key) << ": " << shown(*change.from) << '\n';
      } else if (!change.from) {
        out_ << "+ " << printable(change.key) << ": " << shown(*change.to) << '\n';
      } else {
        out_ << "  " << printable(change.key) << ": " << shown(*change.from) << " -> " << shown(*change.to) << '\n';
      }
    }
    return kOk;
  }

  void print_proposal(const client::Proposal& p) {
    std::string groups;
    for (const auto& g : p.groups) groups += (groups.empty() ? "" : ",") + g;
    out_ << "proposal " << p.id << '\t' << printable(p.name) << " on version " << p.base << '\t' << printable(p.author)
         << '\t' << printable(p.created) << '\t' << printable(p.status);
    if (!p.decided_by.empty()) out_ << " by " << printable(p.decided_by);
    if (p.version > 0) out_ << " as version " << p.version;
    out_ << "\tgroups " << printable(groups) << '\t' << printable(p.message);
    if (!p.reason.empty()) out_ << " (" << printable(p.reason) << ")";
    out_ << '\n';
    for (const auto& change : p.changes) {
      out_ << "  " << printable(change.key) << ": " << (change.from ? shown(*change.from) : std::string("(new)")) << " -> "
           << (change.to ? shown(*change.to) : std::string("(removed)")) << '\n';
    }
  }

  int propose(const std::string& file) {
    const auto name = parsed_.get("name");
    const auto base = version_option("base");
    if (!name || !base || *base < 1) return usage("propose needs --name NAME and --base V (the version your file was pulled from)");
    const auto text = file_text(file);
    if (!text) {
      err_ << "alignkit templates: cannot read " << printable(file) << '\n';
      return kInvalidInput;
    }
    const auto proposed = client_.propose(*name, *base, *text, parsed_.get("message").value_or(""));
    if (!proposed.ok()) return refused(proposed.outcome);
    print_proposal(proposed.value);
    err_ << "sent to the owners of " << printable(*name) << "; see it with: alignkit templates proposals " << printable(*name)
         << '\n';
    return kOk;
  }

  int proposals(const std::string& name) {
    const auto listed = client_.proposals(name, parsed_.has("all"));
    if (!listed.ok()) return refused(listed.outcome);
    for (const auto& p : listed.value) print_proposal(p);
    return kOk;
  }

  int decide(const std::string& action, const std::string& id_text) {
    std::int64_t id = 0;
    try {
      std::size_t used = 0;
      id = std::stoll(id_text, &used);
      if (used != id_text.size() || id < 1) throw std::invalid_argument("id");
    } catch (const std::exception&) {
      return usage("a proposal's ID is a whole number from 1");
    }
    const std::string message = parsed_.get("message").value_or("");
    if (action == "decline" && message.empty()) return usage("say why: decline ID --message WHY");
    const auto decided = action == "approve" ? client_.approve(id, message)
                         : action == "decline" ? client_.decline(id, message)
                                               : client_.withdraw(id);
    if (!decided.ok()) return refused(decided.outcome);
    print_proposal(decided.value);
    return kOk;
  }

  const ParsedArgs& parsed_;
  std::ostream& out_;
  std::ostream& err_;
  client::TemplateClient client_;
};

}  // namespace

int run_templates(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const ParsedArgs parsed =
      parse_args(args, {"server", "token", "cacert", "name", "base", "message", "version", "at", "timeout"}, {"all"});
  if (parsed.help) {
    out << kTemplatesUsage;
    return kOk;
  }
  if (!parsed.problem.empty()) {
    err << "alignkit templates: " << parsed.problem << '\n' << kTemplatesUsage;
    return kUsage;
  }
  try {
    return TemplatesCommand(parsed, out, err).run();
  } catch (const std::exception& e) {
    err << "alignkit templates: " << printable(e.what()) << '\n';
    return kInvalidInput;
  }
}

}  // namespace alignkit::service
