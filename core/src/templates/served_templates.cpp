#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>

#include "alignkit/templates/served_templates.hpp"

#include "alignkit/templates/recently_used.hpp"

namespace alignkit::templates {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

bool plain_template_name(std::string_view name) {
  return !name.empty() && name.size() <= 64 && name.front() != '.' &&
         std::all_of(name.begin(), name.end(), [](unsigned char c) {
           return std::isalnum(c) != 0 || c == '_' || c == '-' || c == '.';
         });
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The kept copy's file name: a hash of the address (the address itself is inside, and checked).
std::string kept_file_name(std::string_view url) {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a
  for (unsigned char c : url) hash = (hash ^ c) * 1099511628211ull;
  char name[32];
  std::snprintf(name, sizeof name, "%016llx.json", static_cast<unsigned long long>(hash));
  return name;
}

std::int64_t unix_seconds(std::chrono::system_clock::time_point moment) {
  return std::chrono::duration_cast<std::chrono::seconds>(moment.time_since_epoch()).count();
}

void keep(const WebAccess& web, const std::string& url, const ServedCopy& copy, const std::string& body) {
  if (web.kept_folder.empty()) return;
  const json kept = {{"source", url},
                     {"version", copy.version},
                     {"author", copy.author},
                     {"approved_by", copy.approved_by},
                     {"published", copy.published},
                     {"checked", unix_seconds(copy.checked)},
                     {"document", body}};
  write_atomically(web.kept_folder / kept_file_name(url), kept.dump());
}

std::optional<ServedCopy> kept_copy(const WebAccess& web, const std::string& url) {
  if (web.kept_folder.empty()) return std::nullopt;
  std::ifstream in(web.kept_folder / kept_file_name(url), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().size() > 2 * kMaxFileBytes || !nesting_within(text.str(), 4)) return std::nullopt;
  const json kept = json::parse(text.str(), nullptr, false);
  if (!kept.is_object() || kept.value("source", "") != url || !kept.contains("document") ||
      !kept["document"].is_string()) {
    return std::nullopt;
  }
  auto document = parse(kept["document"].get<std::string>());
  if (!document) return std::nullopt;
  ServedCopy copy;
  copy.document = std::make_shared<const json>(std::move(document).value());
  // A copy kept by alignkit 0.1.0 holds its version as text, its time as "updated".
  const json& version = kept.contains("version") ? kept["version"] : json();
  copy.version = version.is_number_integer() ? version.get<sharing::Version>()
                 : version.is_string()       ? sharing::version_of(version.get<std::string>()).value_or(0)
                                             : 0;
  copy.author = kept.value("author", "");
  copy.approved_by = kept.value("approved_by", "");
  copy.published = kept.contains("published") ? kept.value("published", "") : kept.value("updated", "");
  copy.checked = std::chrono::system_clock::time_point(std::chrono::seconds(kept.value("checked", std::int64_t{0})));
  return copy;
}

std::string service_answer(const ServedSource& source, const sharing::Outcome& outcome) {
  using Kind = sharing::Outcome::Kind;
  switch (outcome.kind) {
    case Kind::not_found: return "the service at " + source.origin + " has no template '" + source.name + "'" +
                                 (source.version || !source.at.empty() ? " (" + outcome.message + ")" : "");
    case Kind::unauthorized:
    case Kind::forbidden:
      return "the service at " + source.origin +
             " needs a token to read templates: connect to it in the alignkit templates panel with your token";
    default: return "the service at " + source.origin + " refused '" + source.name + "': " + outcome.message;
  }
}

}  // namespace

bool is_web_address(std::string_view source) {
  const std::string start = lowercase(source.substr(0, 8));
  return start.starts_with("http://") || start.starts_with("https://");
}

Result<ServedSource> served_source(std::string_view url) {
  const std::string shown(url.substr(0, 200));
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return Error{"'" + shown + "' is not a web address"};
  const std::string scheme = lowercase(url.substr(0, scheme_end));
  if (scheme != "http" && scheme != "https") return Error{"'" + shown + "' is not an http(s) address"};
  const std::string_view rest = url.substr(scheme_end + 3);
  const std::string_view authority = rest.substr(0, rest.find('/'));
  const std::string_view path = rest.substr(authority.size());
  if (authority.empty() || authority.find('@') != std::string_view::npos) {
    return Error{"'" + shown + "' does not name a host (names and passwords do not belong in the address)"};
  }
  std::string host;
  std::string_view port_text;
  if (authority.front() == '[') {  // [IPv6]
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return Error{"'" + shown + "' has an unclosed [ in its host"};
    host = lowercase(authority.substr(0, close + 1));
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') return Error{"'" + shown + "' has something after its host"};
      port_text = authority.substr(close + 2);
    }
  } else {
    const std::size_t colon = authority.find(':');
    host = lowercase(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  unsigned port = scheme == "https" ? 443 : 80;
  if (!port_text.empty()) {
    if (port_text.size() > 5 || !std::all_of(port_text.begin(), port_text.end(), [](unsigned char c) { return std::isdigit(c); }) ||
        std::stoul(std::string(port_text)) == 0 || std::stoul(std::string(port_text)) > 65535) {
      return Error{"'" + shown + "' has no valid port"};
    }
    port = static_cast<unsigned>(std::stoul(std::string(port_text)));
  }
  const bool host_ok = !host.empty() && std::all_of(host.begin(), host.end(), [](unsigned char c) {
    return std::isalnum(c) != 0 || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
  });
  if (!host_ok) return Error{"'" + shown + "' does not name a host"};
  constexpr std::string_view kPrefix = "/v1/templates/";
  ServedSource source;
  source.url = std::string(url);
  source.host = host;
  source.origin = scheme + "://" + host + ":" + std::to_string(port);
  if (path.empty() || path == "/") {
    source.path = "/";
    return source;  // a service's address alone: what a user connects to or trusts
  }
  std::string_view name = path.starts_with(kPrefix) ? path.substr(kPrefix.size()) : std::string_view();
  const std::size_t at = name.find('@');
  const std::string_view pin = at == std::string_view::npos ? std::string_view() : name.substr(at + 1);
  name = name.substr(0, at);
  if (!plain_template_name(name)) {
    return Error{"'" + shown + "' is not a template on an alignkit service (http(s)://host:port/v1/templates/NAME)"};
  }
  if (at != std::string_view::npos) {
    if (auto version = sharing::version_of(pin); version && pin == std::to_string(*version)) {
      source.version = version;
    } else if (auto instant = pin.size() == 10 ? sharing::utc_instant(pin) : std::nullopt) {
      source.at = *instant;
    } else {
      return Error{"'" + shown + "': after @ comes a version (NAME@3) or a date (NAME@2026-03-31)"};
    }
  }
  source.name = std::string(name);
  source.path = std::string(kPrefix) + source.name;
  return source;
}

Served::Served(std::shared_ptr<const WebAccess> access, std::size_t capacity)
    : web_(std::move(access)), remembered_(std::make_unique<RecentlyUsed<std::string, Remembered>>(capacity)) {}
Served::~Served() = default;

Served::Known Served::known(const ServedSource& source, std::chrono::steady_clock::time_point now) {
  Known known;
  std::lock_guard lock(mutex_);
  if (const Remembered* remembered = remembered_->find(source.url)) known.remembered = *remembered;
  const auto failed = unreachable_.find(source.origin);
  known.recently_failed = failed != unreachable_.end() && now - failed->second < web_->recheck_after;
  return known;
}

ServedCopy Served::remember(const ServedSource& source, ServedCopy copy, Origin origin,
                            std::chrono::steady_clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (origin == Origin::answered) unreachable_.erase(source.origin);
  if (origin == Origin::failed_now) unreachable_[source.origin] = now;
  remembered_->put(source.url, Remembered{copy, now});
  return copy;
}

Result<ServedCopy> Served::unreachable(const ServedSource& source, std::optional<ServedCopy> known, Origin origin,
                                       const std::string& why, std::chrono::steady_clock::time_point now) {
  if (!known) {
    std::lock_guard lock(mutex_);
    if (origin == Origin::failed_now) unreachable_[source.origin] = now;
    return Error{"cannot reach " + source.origin + " (" + why + ") and there is no kept copy of '" + source.name + "' yet"};
  }
  known->stale = true;
  return remember(source, *known, origin, now);
}

Result<ServedCopy> Served::copy(std::string_view url) {
  auto source = served_source(url);
  if (!source) return source.error();
  if (source->name.empty()) {
    return Error{"'" + source->url + "' names a service, not a template: add /v1/templates/NAME"};
  }
  const auto now = std::chrono::steady_clock::now();
  const Known state = known(*source, now);
  if (state.remembered && now - state.remembered->asked < web_->recheck_after) return state.remembered->copy;
  // Everything below runs outside the lock: a slow service never holds up other sources.
  if (!web_->trusted(source->origin)) {
    return Error{"'" + source->host + "' is not a template service you trust, so nothing was sent to it: connect to " +
                 source->origin + " in the alignkit templates panel, or add it to the trusted services there"};
  }
  std::optional<ServedCopy> known_copy;
  if (state.remembered) known_copy = state.remembered->copy;
  else known_copy = kept_copy(*web_, source->url);
  // One failed service is not asked again for every cell of the same recalculation.
  if (state.recently_failed) return unreachable(*source, known_copy, Origin::failed_before, "it did not answer a moment ago", now);

  const auto fetched = web_->fetch(*source, known_copy ? std::optional(known_copy->version) : std::nullopt);
  using Kind = sharing::Outcome::Kind;
  if (fetched.outcome.kind == Kind::unreachable || fetched.outcome.kind == Kind::unexpected) {
    return unreachable(*source, known_copy, Origin::failed_now, fetched.outcome.message, now);
  }
  if (fetched.outcome.kind == Kind::unchanged && known_copy) {
    ServedCopy copy = *known_copy;
    copy.stale = false;
    copy.checked = std::chrono::system_clock::now();
    return remember(*source, copy, Origin::answered, now);
  }
  if (!fetched.outcome.succeeded() || fetched.outcome.kind == Kind::unchanged) {
    return Error{service_answer(*source, fetched.outcome)};
  }
  auto document = parse(fetched.body);
  if (!document) return Error{"'" + source->name + "' from " + source->origin + ": " + document.error().message};
  ServedCopy copy;
  copy.document = std::make_shared<const json>(std::move(document).value());
  copy.version = fetched.version;
  copy.author = fetched.author;
  copy.approved_by = fetched.approved_by;
  copy.published = fetched.published;
  copy.checked = std::chrono::system_clock::now();
  keep(*web_, source->url, copy, fetched.body);
  return remember(*source, copy, Origin::answered, now);
}

}  // namespace alignkit::templates
