#include "templates_command.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "command_line.hpp"
#include "eval_command.hpp"
#include "service_client.hpp"
#include "alignkit/sharing.hpp"

namespace alignkit::service {
namespace {
using nlohmann::json;

constexpr const char* kTemplatesUsage =
    "usage: alignkit templates list\n"
    "       alignkit templates pull NAME [--version N]          the document on stdout\n"
    "       alignkit templates push FILE --name NAME [--base V] [--message M]\n"
    "       alignkit templates history NAME\n"
    "       alignkit templates diff NAME V1 V2\n"
    "  with --server URL (or ALIGNKIT_SERVER), --token TOKEN (or ALIGNKIT_TOKEN) to publish,\n"
    "  --cacert FILE to trust a service's own certificate. --base is the version your file was\n"
    "  pulled from: publishing is refused if someone published since.\n";

// Every leaf of a template as "dotted.key" -> value text, for diffs.
void flatten(const json& node, const std::string& prefix, std::map<std::string, std::string>& out) {
  if (node.is_object() || node.is_array()) {
    if (node.empty()) out[prefix] = node.dump();
    std::size_t index = 0;
    for (auto it = node.begin(); it != node.end(); ++it, ++index) {
      const std::string key = node.is_object() ? it.key() : std::to_string(index);
      flatten(*it, prefix.empty() ? key : prefix + "." + key, out);
    }
    return;
  }
  out[prefix] = node.dump();
}

class TemplatesCommand {
 public:
  TemplatesCommand(const ParsedArgs& parsed, std::ostream& out, std::ostream& err)
      : parsed_(parsed),
        out_(out),
        err_(err),
        client_(parsed.get("server").value_or(environment("ALIGNKIT_SERVER")),
                parsed.get("token").value_or(environment("ALIGNKIT_TOKEN")), parsed.get("cacert").value_or("")) {}

  int run() {
    const auto& w = parsed_.words;
    if (parsed_.get("server").value_or(environment("ALIGNKIT_SERVER")).empty()) return usage("say which service: --server URL");
    if (w.size() == 1 && w[0] == "list") return list();
    if (w.size() == 2 && w[0] == "pull") return pull(w[1]);
    if (w.size() == 2 && w[0] == "push") return push(w[1]);
    if (w.size() == 2 && w[0] == "history") return history(w[1]);
    if (w.size() == 4 && w[0] == "diff") return diff(w[1], w[2], w[3]);
    return usage("");
  }

 private:
  int usage(const std::string& problem) {
    if (!problem.empty()) err_ << "alignkit templates: " << problem << '\n';
    err_ << kTemplatesUsage;
    return kUsage;
  }

  int refused(const ClientReply& reply) {
    err_ << "alignkit templates: " << error_message(reply) << '\n';
    return kInvalidInput;
  }

  int list() {
    const auto reply = client_.request("GET", "/v1/templates");
    if (reply.status != 200) return refused(reply);
    const json answer = json::parse(reply.body);
    for (const auto& item : answer["templates"]) {
      out_ << item["name"].get<std::string>();
      if (item.contains("version")) {
        out_ << "\tversion " << item["version"] << "\t" << item.value("updated", "") << "\t" << item.value("author", "");
      } else {
        out_ << "\t(read-only file)";
      }
      out_ << '\n';
    }
    return kOk;
  }

  int pull(const std::string& name) {
    const auto version = parsed_.get("version");
    const auto reply = client_.request("GET", "/v1/templates/" + name + (version ? "/versions/" + *version : ""));
    if (reply.status != 200) return refused(reply);
    out_ << json::parse(reply.body).dump(2) << '\n';
    const auto found = reply.headers.find(sharing::kVersionHeader);
    if (found != reply.headers.end()) {
      err_ << name << " version " << found->second << " by " << reply.headers.at(sharing::kAuthorHeader) << ", "
           << reply.headers.at(sharing::kUpdatedHeader) << ".\nPublish an edit of it with: alignkit templates push FILE --name "
           << name << " --base " << found->second << '\n';
    }
    return kOk;
  }

  int push(const std::string& file) {
    const auto name = parsed_.get("name");
    if (!name) return usage("say which template: --name NAME");
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      err_ << "alignkit templates: cannot read " << file << '\n';
      return kInvalidInput;
    }
    std::stringstream text;
    text << in.rdbuf();
    std::map<std::string, std::string> headers;
    if (const auto base = parsed_.get("base")) headers["If-Match"] = "\"" + *base + "\"";  // as typed: the service judges it
    if (const auto message = parsed_.get("message")) headers[sharing::kMessageHeader] = *message;
    const auto reply = client_.request("PUT", "/v1/templates/" + *name, text.str(), headers);
    if (reply.status == 428) {
      err_ << "alignkit templates: " << error_message(reply) << ": add --base with the version your file was pulled from\n";
      return kInvalidInput;
    }
    if (reply.status != 200 && reply.status != 201) return refused(reply);
    const json answer = json::parse(reply.body);
    std::string groups;
    for (const auto& g : answer["groups_changed"]) groups += (groups.empty() ? "" : ", ") + g.get<std::string>();
    out_ << "published " << *name << " version " << answer["version"] << " (changed: " << (groups.empty() ? "nothing" : groups)
         << ")\n";
    return kOk;
  }

  int history(const std::string& name) {
    const auto reply = client_.request("GET", "/v1/templates/" + name + "/versions");
    if (reply.status != 200) return refused(reply);
    const json answer = json::parse(reply.body);
    for (const auto& v : answer["versions"]) {
      std::string groups;
      for (const auto& g : v["groups_changed"]) groups += (groups.empty() ? "" : ",") + g.get<std::string>();
      out_ << "version " << v["version"] << '\t' << v["updated"].get<std::string>() << '\t' << v["author"].get<std::string>()
           << "\tchanged " << (groups.empty() ? "-" : groups) << '\t' << v["message"].get<std::string>() << '\n';
    }
    return kOk;
  }

  int diff(const std::string& name, const std::string& first, const std::string& second) {
    std::map<std::string, std::string> leaves[2];
    const std::string versions[2] = {first, second};
    for (int i = 0; i < 2; ++i) {
      const auto reply = client_.request("GET", "/v1/templates/" + name + "/versions/" + versions[i]);
      if (reply.status != 200) return refused(reply);
      flatten(json::parse(reply.body), "", leaves[i]);
    }
    for (const auto& [key, value] : leaves[0]) {
      const auto other = leaves[1].find(key);
      if (other == leaves[1].end()) out_ << "- " << key << ": " << value << '\n';
      else if (other->second != value) out_ << "  " << key << ": " << value << " -> " << other->second << '\n';
    }
    for (const auto& [key, value] : leaves[1]) {
      if (!leaves[0].count(key)) out_ << "+ " << key << ": " << value << '\n';
    }
    return kOk;
  }

  const ParsedArgs& parsed_;
  std::ostream& out_;
  std::ostream& err_;
  ServiceClient client_;
};

}  // namespace

int run_templates(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const ParsedArgs parsed = parse_args(args, {"server", "token", "cacert", "name", "base", "message", "version"});
  if (!parsed.problem.empty()) {
    err << "alignkit templates: " << parsed.problem << '\n' << kTemplatesUsage;
    return kUsage;
  }
  try {
    return TemplatesCommand(parsed, out, err).run();
  } catch (const std::exception& e) {
    err << "alignkit templates: " << e.what() << '\n';
    return kInvalidInput;
  }
}

}  // namespace alignkit::service
