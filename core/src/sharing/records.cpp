#include "alignkit/sharing/records.hpp"

#include <limits>

namespace alignkit::sharing {
namespace {
using nlohmann::json;

// A field the record may leave out (or send as null), read as its type otherwise.
template <class T>
void read_optional(const json& in, const char* key, T& field) {
  const auto found = in.find(key);
  if (found != in.end() && !found->is_null()) found->get_to(field);
}
// A version number, refused past a Version's range rather than cut to it (4294967297 is not 1).
void read_version(const json& in, const char* key, Version& field) {
  const json& value = in.at(key);
  constexpr auto kMax = std::numeric_limits<Version>::max();
  const bool fits = value.is_number_unsigned() ? value.get<std::uint64_t>() <= static_cast<std::uint64_t>(kMax)
                    : value.is_number_integer()
                        ? value.get<std::int64_t>() >= 0 && value.get<std::int64_t>() <= kMax
                        : false;
  if (!fits) throw json::out_of_range::create(406, std::string(key) + " " + value.dump() + " is not a version number", &value);
  field = value.get<Version>();
}
}  // namespace

void to_json(json& out, const VersionInfo& info) {
  out = {{"name", info.name},        {"version", info.version}, {"author", info.author},
         {"updated", info.updated},  {"message", info.message}, {"groups_changed", info.groups_changed}};
  if (!info.approved_by.empty()) out["approved_by"] = info.approved_by;
}

void from_json(const json& in, VersionInfo& info) {
  in.at("name").get_to(info.name);
  read_version(in, "version", info.version);
  read_optional(in, "author", info.author);
  read_optional(in, in.contains("updated") ? "updated" : "published", info.updated);
  read_optional(in, "message", info.message);
  read_optional(in, "groups_changed", info.groups_changed);
  read_optional(in, "approved_by", info.approved_by);
}

void to_json(json& out, const TemplateSummary& summary) {
  if (summary.source == "store") {
    to_json(out, summary.latest);
  } else {
    out = {{"name", summary.name}};
    if (summary.error.empty()) out.update({{"title", summary.title}, {"description", summary.description}});
    else out["error"] = summary.error;
  }
  out["source"] = summary.source;
}

void from_json(const json& in, TemplateSummary& summary) {
  in.at("name").get_to(summary.name);
  read_optional(in, "source", summary.source);
  if (in.contains("version") && !in.at("version").is_null()) from_json(in, summary.latest);
  summary.latest.name = summary.name;
  read_optional(in, "title", summary.title);
  read_optional(in, "description", summary.description);
  read_optional(in, "error", summary.error);
}

void to_json(json& out, const Proposal& p) {
  out = {{"id", p.id},           {"name", p.name},     {"base", p.base},       {"author", p.author},
         {"message", p.message}, {"groups", p.groups}, {"created", p.created}, {"status", p.status}};
  if (!p.decided_by.empty()) out["decided_by"] = p.decided_by;
  if (!p.reason.empty()) out["reason"] = p.reason;
  if (!p.decided.empty()) out["decided"] = p.decided;
  if (p.version > 0) out["version"] = p.version;
}

void from_json(const json& in, Proposal& p) {
  if (!in.at("id").is_number_integer()) throw json::type_error::create(302, "a proposal's id is a whole number", &in);
  in.at("id").get_to(p.id);
  in.at("name").get_to(p.name);
  read_version(in, "base", p.base);
  in.at("author").get_to(p.author);
  read_optional(in, "message", p.message);
  read_optional(in, "groups", p.groups);
  read_optional(in, "created", p.created);
  in.at("status").get_to(p.status);
  read_optional(in, "decided_by", p.decided_by);
  read_optional(in, "reason", p.reason);
  read_optional(in, "decided", p.decided);
  if (in.contains("version") && !in.at("version").is_null()) read_version(in, "version", p.version);
}

void to_json(json& out, const UserRecord& user) {
  out = {{"name", user.name}, {"owns", user.owns}, {"reads_only", user.reads_only}};
  if (!user.signed_in.empty()) out["signed_in"] = user.signed_in;
}

void from_json(const json& in, UserRecord& user) {
  in.at("name").get_to(user.name);
  in.at("owns").get_to(user.owns);
  user.reads_only = user.owns.empty();
  read_optional(in, "reads_only", user.reads_only);
  read_optional(in, "signed_in", user.signed_in);
}

void to_json(json& out, const Published& published) {
  out = {{"name", published.name}, {"version", published.version}, {"groups_changed", published.groups_changed}};
}

void from_json(const json& in, Published& published) {
  read_optional(in, "name", published.name);
  read_version(in, "version", published.version);
  read_optional(in, "groups_changed", published.groups_changed);
}

void to_json(json& out, const Health& health) {
  out = {{"status", health.status}, {"version", health.version}, {"functions", health.functions}, {"sign_in", health.sign_in}};
}

void from_json(const json& in, Health& health) {
  in.at("status").get_to(health.status);
  read_optional(in, "version", health.version);
  read_optional(in, "functions", health.functions);
  read_optional(in, "sign_in", health.sign_in);
}

void to_json(json& out, const Changes& changes) {
  out = {{"name", changes.name}, {"from", changes.from}, {"to", changes.to}, {"changes", changes.changes}};
}

void from_json(const json& in, Changes& changes) {
  read_optional(in, "name", changes.name);
  read_version(in, "from", changes.from);
  read_version(in, "to", changes.to);
  in.at("changes").get_to(changes.changes);
}

void to_json(json& out, const Effect& effect) {
  out = {{"what", effect.what}, {"function", effect.function}, {"call", effect.call}, {"after", effect.after},
         {"before", effect.before}};
  if (!effect.call_before.is_null()) out["call_before"] = effect.call_before;
}

void from_json(const json& in, Effect& effect) {
  in.at("what").get_to(effect.what);
  read_optional(in, "function", effect.function);
  effect.call = in.value("call", json());
  effect.call_before = in.value("call_before", json());
  effect.after = in.value("after", json());
  effect.before = in.value("before", json());
}

void to_json(json& out, const Effects& effects) {
  out = {{"name", effects.name}, {"base", effects.base}, {"effects", effects.effects}};
}

void from_json(const json& in, Effects& effects) {
  read_optional(in, "name", effects.name);
  read_version(in, "base", effects.base);
  in.at("effects").get_to(effects.effects);
}

}  // namespace alignkit::sharing

namespace alignkit::templates {

void to_json(nlohmann::json& out, const KeyChange& change) {
  out = {{"key", change.key}, {"path", change.path.to_string()}};
  if (change.from) out["from"] = *change.from;
  if (change.to) out["to"] = *change.to;
}

void from_json(const nlohmann::json& in, KeyChange& change) {
  in.at("key").get_to(change.key);
  // An answer from before paths were sent names the key only.
  change.path = in.contains("path") ? nlohmann::json::json_pointer(in.at("path").get<std::string>()) : pointer_of(change.key);
  change.from = in.contains("from") ? std::optional(in.at("from")) : std::nullopt;
  change.to = in.contains("to") ? std::optional(in.at("to")) : std::nullopt;
}

}  // namespace alignkit::templates
