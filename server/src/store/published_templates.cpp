#include "store/published_templates.hpp"


#include "alignkit/sharing/sharing.hpp"
#include "store/template_store.hpp"

namespace alignkit::service {

PublishedTemplates::PublishedTemplates(std::shared_ptr<TemplateStore> store, std::size_t capacity)
    : store_(std::move(store)), parsed_(capacity) {}

std::optional<Result<templates::ServedCopy>> PublishedTemplates::find(std::string_view source) {
  if (!store_) return std::nullopt;
  const std::size_t at = source.find('@');
  const std::string name(source.substr(0, at));
  if (name.empty() || name.size() > 128) return std::nullopt;
  std::optional<sharing::StoredTemplate> found;
  if (at == std::string_view::npos) {
    found = store_->latest(name);
    if (!found) return std::nullopt;  // not published: perhaps a file of the folder
  } else {
    const std::string_view pin = source.substr(at + 1);
    if (const auto version = sharing::version_of(pin); version && pin == std::to_string(*version)) {
      found = store_->version(name, *version);
      if (!found) return Result<templates::ServedCopy>(Error{"'" + name + "' has no published version " + std::string(pin)});
    } else if (const auto instant = pin.size() == 10 ? sharing::utc_instant(pin) : std::nullopt) {
      found = store_->latest_at(name, *instant);
      if (!found) {
        return Result<templates::ServedCopy>(
            Error{"'" + name + "' had no published version yet at the end of " + std::string(pin) + " (UTC)"});
      }
    } else {
      return Result<templates::ServedCopy>(Error{"'" + std::string(source.substr(0, 200)) +
                                                 "': after @ comes a version (" + name + "@3) or a date (" + name +
                                                 "@2026-03-31)"});
    }
  }
  const std::string key = name + "@" + std::to_string(found->info.version);
  templates::Document document;
  {
    std::lock_guard lock(mutex_);
    if (const auto* kept = parsed_.find(key)) document = *kept;
  }
  if (!document) {
    auto parsed = templates::parse(found->document);
    if (!parsed) return Result<templates::ServedCopy>(Error{"'" + key + "': " + parsed.error().message});
    document = std::make_shared<const nlohmann::json>(std::move(parsed).value());
    std::lock_guard lock(mutex_);
    parsed_.put(key, document);
  }
  templates::ServedCopy copy;
  copy.document = std::move(document);
  copy.version = found->info.version;
  copy.author = found->info.author;
  copy.approved_by = found->info.approved_by;
  copy.published = found->info.updated;
  copy.checked = std::chrono::system_clock::now();
  return Result<templates::ServedCopy>(std::move(copy));
}

templates::Reader::Published PublishedTemplates::reader_source() {
  return [this](std::string_view source) { return find(source); };
}

}  // namespace alignkit::service
