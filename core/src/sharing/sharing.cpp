#include "alignkit/sharing/sharing.hpp"

#include "alignkit/templates/template_changes.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>

namespace alignkit::sharing {
namespace {
using nlohmann::json;

bool is_group(const json& document, const std::string& key) { return document.contains(key) && document[key].is_object(); }

void add_once(std::vector<std::string>& list, const std::string& item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

bool is_control(unsigned char byte) { return byte < 0x20 || byte == 0x7f; }

// At most `limit` bytes of UTF-8 text, never cutting a character in two.
std::string_view utf8_prefix(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}
}  // namespace

std::string bearer(std::string_view token) { return "Bearer " + std::string(token); }

std::optional<std::string> token_of(std::string_view authorization) {
  constexpr std::string_view kScheme = "Bearer ";
  if (!authorization.starts_with(kScheme) || authorization.size() <= kScheme.size()) return std::nullopt;
  return std::string(authorization.substr(kScheme.size()));
}

std::string etag(Version version) { return "\"" + std::to_string(version) + "\""; }

std::optional<Version> if_match_version(std::string_view tag) {
  const auto version = version_of(tag);
  if (!version || tag != etag(*version)) return std::nullopt;
  return version;
}

std::optional<Version> version_of(std::string_view tag) {
  if (tag.starts_with("W/")) tag.remove_prefix(2);
  if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') tag = tag.substr(1, tag.size() - 2);
  Version version = 0;
  // from_chars refuses a sign and a number past the type's range (4294967297 is not 1).
  const auto [end, error] = std::from_chars(tag.data(), tag.data() + tag.size(), version);
  if (error != std::errc() || end != tag.data() + tag.size() || tag.empty() || version < 1) return std::nullopt;
  return version;
}

std::optional<Version> version_from_number(double number) {
  if (!(number >= 1 && number <= std::numeric_limits<Version>::max()) || number != std::floor(number)) return std::nullopt;
  return static_cast<Version>(number);
}

namespace {
// The length of the UTF-8 character at `at`, or 0 where the bytes there are not UTF-8
// (overlong forms, surrogates and code points past U+10FFFF included).
std::size_t utf8_length(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u; };
  const unsigned lead = byte(at);
  const auto follows = [&](std::size_t i) { return (byte(i) & 0xC0) == 0x80; };
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return follows(at + 1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    const unsigned second = byte(at + 1);
    if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F)) return 0;
    return follows(at + 1) && follows(at + 2) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    const unsigned second = byte(at + 1);
    if ((lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F)) return 0;
    return follows(at + 1) && follows(at + 2) && follows(at + 3) ? 4 : 0;
  }
  return 0;
}

// A C1 control (U+0080 to U+009F) is C2 80 to C2 9F in UTF-8.
bool is_c1(std::string_view text, std::size_t at, std::size_t length) {
  return length == 2 && static_cast<unsigned char>(text[at]) == 0xC2 && static_cast<unsigned char>(text[at + 1]) <= 0x9F;
}
}  // namespace

std::optional<std::string> control_character_in(std::string_view text) {
  char described[64];
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = utf8_length(text, at);
    const auto byte = static_cast<unsigned char>(text[at]);
    if (length == 0) {
      std::snprintf(described, sizeof described, "bytes that are not UTF-8 text (at byte %zu)", at);
      return std::string(described);
    }
    if (length == 1 && is_control(byte)) {
      std::snprintf(described, sizeof described, "a control character (0x%02x)", byte);
      return std::string(described);
    }
    if (is_c1(text, at, length)) {
      std::snprintf(described, sizeof described, "a control character (U+%04X)", static_cast<unsigned char>(text[at + 1]));
      return std::string(described);
    }
    at += length;
  }
  return std::nullopt;
}

std::string kept_message(std::string_view text) { return std::string(utf8_prefix(text, kMaxMessageLength)); }

std::string printable(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = utf8_length(text, at);
    const auto byte = static_cast<unsigned char>(text[at]);
    if (length == 0 || (length == 1 && is_control(byte))) {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
      ++at;
    } else if (is_c1(text, at, length)) {
      const auto code = static_cast<unsigned char>(text[at + 1]);
      out += "\\u00";
      out += kHex[code >> 4];
      out += kHex[code & 0xf];
      at += 2;
    } else {
      out.append(text.substr(at, length));
      at += length;
    }
  }
  return out;
}

std::string utc_time(std::chrono::system_clock::time_point moment) {
  return utc_time(std::chrono::floor<std::chrono::seconds>(moment));
}

std::string utc_time(std::chrono::sys_seconds seconds_since) {
  using namespace std::chrono;
  const auto day = floor<days>(seconds_since);
  const year_month_day date{day};
  const hh_mm_ss time{seconds_since - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
  return text;
}

namespace {
// Digits at `at`, `count` of them, as a number; nothing when any is not a digit.
std::optional<int> digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

std::optional<std::chrono::sys_seconds> moment_of(int y, int mo, int d, int h, int mi, int s) {
  using namespace std::chrono;
  const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!date.ok() || h > 23 || mi > 59 || s > 59) return std::nullopt;
  return sys_days{date} + hours{h} + minutes{mi} + seconds{s};
}
}  // namespace

bool is_utc_time(std::string_view text) {
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z') {
    return false;
  }
  const auto y = digits(text, 0, 4), mo = digits(text, 5, 2), d = digits(text, 8, 2);
  const auto h = digits(text, 11, 2), mi = digits(text, 14, 2), s = digits(text, 17, 2);
  return y && mo && d && h && mi && s && moment_of(*y, *mo, *d, *h, *mi, *s);
}

std::optional<std::string> utc_instant(std::string_view text) {
  const auto y = digits(text, 0, 4), mo = digits(text, 5, 2), d = digits(text, 8, 2);
  if (text.size() < 10 || !y || !mo || !d || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (text.size() == 10) {  // a date: the end of that day
    const auto moment = moment_of(*y, *mo, *d, 23, 59, 59);
    return moment ? std::optional(utc_time(*moment)) : std::nullopt;
  }
  const auto h = digits(text, 11, 2), mi = digits(text, 14, 2), s = digits(text, 17, 2);
  if (text.size() < 20 || (text[10] != 'T' && text[10] != ' ') || text[13] != ':' || text[16] != ':' || !h || !mi || !s) {
    return std::nullopt;
  }
  auto moment = moment_of(*y, *mo, *d, *h, *mi, *s);
  if (!moment) return std::nullopt;
  std::size_t at = 19;
  if (text[at] == '.') {  // a fraction of a second: dropped
    ++at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
  }
  const std::string_view zone = text.substr(at);
  if (zone == "Z") return utc_time(*moment);
  if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') return std::nullopt;
  const auto zh = digits(zone, 1, 2), zm = digits(zone, 4, 2);
  if (!zh || !zm || *zh > 23 || *zm > 59) return std::nullopt;
  const auto offset = std::chrono::hours{*zh} + std::chrono::minutes{*zm};
  // An offset may carry the first or last instant past year 0 or 9999: held at the edge, so the
  // text still orders as a time (before the first version; the latest).
  const auto first = *moment_of(0, 1, 1, 0, 0, 0), last = *moment_of(9999, 12, 31, 23, 59, 59);
  return utc_time(std::clamp<std::chrono::sys_seconds>(zone[0] == '+' ? *moment - offset : *moment + offset, first, last));
}

std::vector<std::string> changed_groups(const json& before, const json& after) {
  std::set<std::string> keys;
  for (const auto& [key, value] : before.items()) keys.insert(key);
  for (const auto& [key, value] : after.items()) keys.insert(key);
  std::vector<std::string> changed;
  for (const auto& key : keys) {
    if (!before.contains(key) || !after.contains(key) || before[key] != after[key]) changed.push_back(key);
  }
  return changed;
}

bool Owner::owns(std::string_view group) const {
  return std::any_of(groups.begin(), groups.end(), [&](const std::string& g) { return g == "*" || g == group; });
}

std::string group_of(const json& before, const json& after, const std::string& key) {
  return is_group(before, key) || is_group(after, key) ? key : std::string(kTemplateGroup);
}

std::vector<std::string> touched_groups(const json& before, const json& after) {
  std::vector<std::string> groups;
  for (const auto& key : changed_groups(before, after)) add_once(groups, group_of(before, after, key));
  return groups;
}

std::optional<std::string> refusal(const Owner& owner, const json& before, const json& after,
                                   const std::vector<std::string>& changed) {
  std::vector<std::string> not_owned;
  for (const auto& key : changed) {
    if (const auto group = group_of(before, after, key); !owner.owns(group)) add_once(not_owned, group);
  }
  if (before.empty()) {  // a new template: every group it holds
    for (const auto& [key, value] : after.items()) {
      if (const auto group = group_of(before, after, key); !owner.owns(group)) add_once(not_owned, group);
    }
  }
  if (not_owned.empty()) return std::nullopt;
  std::string list;
  for (const auto& g : not_owned) list += (list.empty() ? "" : ", ") + g;
  return owner.name + " does not own the group" + (not_owned.size() > 1 ? "s " : " ") + list +
         ": ask its owner to publish that change";
}

std::string ambiguous_key_refusal(std::string_view pointer) {
  return "the key " + printable(pointer) + " has a name that is empty or holds a '.': such a name reads like a path "
         "through groups (people.monthly_quota), so rename it";
}

Owner owner_of(const UserRecord& user) { return {user.name, user.owns}; }

int status_of(Outcome::Kind kind) {
  for (const auto& row : kOutcomeStatuses) {
    if (row.kind == kind) return row.status;
  }
  return 500;
}

Outcome::Kind outcome_of(int status) {
  for (const auto& row : kOutcomeStatuses) {
    if (row.status == status) return row.kind;  // the first row of a status: 200 is `done`
  }
  return Outcome::Kind::unexpected;
}

Outcome publish(VersionStore& store, const std::string& name, std::optional<Version> based_on, const json& document,
                const Owner& publisher, std::string_view message, std::string_view proposer) {
  const auto latest = store.latest(name);
  const Version newest = latest ? latest->info.version : 0;
  if (latest && !based_on) {
    return {Outcome::Kind::version_required, newest, {},
            "send If-Match with the version you edited (the latest is " + std::to_string(newest) + ")"};
  }
  const Version expected = based_on.value_or(0);
  if (newest != expected || (!latest && based_on)) return {Outcome::Kind::conflict, newest, {}, {}};
  if (auto control = control_character_in(message)) {
    return {Outcome::Kind::invalid, newest, {}, "a message may not hold " + *control};
  }

  if (auto key = templates::ambiguous_key_in(document)) {
    return {Outcome::Kind::invalid, newest, {}, ambiguous_key_refusal(*key)};
  }
  const json before = latest ? json::parse(latest->document) : json::object();
  auto changed = changed_groups(before, document);
  if (auto why = refusal(publisher, before, document, changed)) return {Outcome::Kind::forbidden, newest, changed, *why};
  if (latest && changed.empty()) return {Outcome::Kind::unchanged, newest, changed, {}};

  VersionInfo about;
  about.author = proposer.empty() ? publisher.name : std::string(proposer);
  about.approved_by = proposer.empty() ? std::string() : publisher.name;
  about.message = kept_message(message);
  about.groups_changed = changed;
  const auto stored = store.write_next(name, expected, document.dump(), about);
  switch (stored.result) {
    case StoreWrite::Result::created: return {Outcome::Kind::created, stored.version, std::move(changed), {}};
    case StoreWrite::Result::next: return {Outcome::Kind::done, stored.version, std::move(changed), {}};
    case StoreWrite::Result::conflict: break;
  }
  return {Outcome::Kind::conflict, stored.version, std::move(changed), {}};
}

}  // namespace alignkit::sharing
