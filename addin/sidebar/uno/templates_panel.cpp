// Templates panel: pick a shared template, read its assumptions, fill the other panels.
#include <com/sun/star/ui/dialogs/ExecutableDialogResults.hpp>
#include <com/sun/star/ui/dialogs/XFolderPicker2.hpp>
#include <osl/file.hxx>

#include "alignkit/templates.hpp"
#include "panels.hpp"
#include "service_access.hpp"
#include "settings.hpp"
#include "sheet_writer.hpp"
#include "template_listing.hpp"
#include "template_service.hpp"
#include "template_sharing.hpp"
#include "translation.hpp"

namespace alignkit::sidebar {

using translation::fill;
using translation::tr;
namespace {

class TemplatesPanel final : public PanelView, public TemplateSubscriber {
 public:
  explicit TemplatesPanel(const PanelSetting& setting)
      : context_(setting.context), frame_(setting.frame), controls_(setting.controls) {
    using Kind = PanelControls::Kind;
    auto& c = controls_;
    c.add("place_label", Kind::label, tr("Template folder, file or service (https://host:port)"));
    c.add("place", Kind::edit);
    c.add("browse", Kind::button, tr("Browse…"));
    c.add("token_label", Kind::label, tr("Your token for the service (kept in the office's password store)"));
    c.add("token", Kind::edit);
    c.hide_typing("token");
    c.add("connect", Kind::button, tr("Connect"));
    c.add("templates", Kind::list);
    c.add("assumptions", Kind::text_area);
    c.add("follow", Kind::check, tr("Insert formulas that follow the template"));
    c.set_checked("follow", true);
    c.add("use", Kind::button, tr("Use in Funnel and Turnover"));
    c.add("message", Kind::label);
    c.add("trusted_label", Kind::label, tr("Trusted services: workbooks read templates only from these (one per line)"));
    c.add("trusted", Kind::text_area);
    c.set_read_only("trusted", false);

    auto place = last_template_place(context_);
    if (place.empty()) place = bundled_templates(context_);
    updating_ = true;
    c.set_text("place", place.string());
    std::string trusted;
    for (const auto& service : addin::trusted_services(context_)) trusted += service + "\n";
    c.set_text("trusted", trusted);
    updating_ = false;
    list_templates();

    c.on_change("place", [this] { if (!updating_) list_templates(); });
    c.on_change("browse", [this] { browse(); });
    c.on_change("connect", [this] { connect(); });
    c.on_change("trusted", [this] { if (!updating_) trusted_edited(); });
    c.on_change("templates", [this] { template_selected(); });
    c.on_change("follow", [this] { set_follow_template(frame_key(frame_), controls_.checked("follow")); });
    c.on_change("use", [this] { use(); });
    subscribe(frame_key(frame_), this);  // keeps the window's choice alive while the deck is
  }

  ~TemplatesPanel() override { unsubscribe(frame_key(frame_), this); }

  [[nodiscard]] std::vector<LayoutRow> rows() const override {
    return {full_width("place_label", 2 * kLabelHeight),
            {kLineHeight, {{"place", 3}, {"browse", 1}}},
            full_width("token_label", 2 * kLabelHeight),
            {kLineHeight, {{"token", 3}, {"connect", 1}}},
            full_width("templates", 80),
            full_width("assumptions", 160),
            full_width("follow"),
            full_width("use"),
            full_width("message", 3 * kLabelHeight),
            full_width("trusted_label", 2 * kLabelHeight),
            full_width("trusted", 60)};
  }

  void use_template(const ChosenTemplate&) override {}

 private:
  void list_templates() {
    const std::string place = controls_.text("place");
    listings_.clear();
    service_origin_.clear();
    controls_.set_enabled("connect", templates::is_web_address(place));
    controls_.set_enabled("browse", !templates::is_web_address(place));
    if (templates::is_web_address(place)) {
      files_.clear();
      controls_.set_items("templates", {}, -1);
      controls_.set_text("assumptions", "");
      chosen_.reset();
      controls_.set_enabled("use", false);
      show_message(controls_, "message", tr("Press Connect to list the service's templates."), false);
      return;
    }
    files_ = template_files(place);
    std::vector<std::string> names;
    for (const auto& file : files_) names.push_back(file.filename().string());
    // A single template (or a path to one) is picked at once.
    controls_.set_items("templates", names, files_.size() == 1 ? 0 : -1);
    controls_.set_text("assumptions", "");
    chosen_.reset();
    controls_.set_enabled("use", false);
    if (files_.size() == 1) {
      template_selected();
      return;
    }
    show_message(controls_, "message",
                 files_.empty() ? std::string(tr("No .json templates here.")) : fill(tr("{1} templates; pick one."), {std::to_string(files_.size())}),
                 files_.empty());
  }

  void browse() {
    auto picker = css::uno::Reference<css::ui::dialogs::XFolderPicker2>(
        context_->getServiceManager()->createInstanceWithContext("com.sun.star.ui.dialogs.FolderPicker", context_),
        css::uno::UNO_QUERY_THROW);
    ::rtl::OUString url;
    if (osl::FileBase::getFileURLFromSystemPath(to_office(controls_.text("place")), url) == osl::FileBase::E_None) {
      picker->setDisplayDirectory(url);
    }
    if (picker->execute() != css::ui::dialogs::ExecutableDialogResults::OK) return;
    const auto folder = path_of_url(picker->getDirectory());
    if (folder.empty()) return;
    controls_.set_text("place", folder.string());  // lists the folder through the text event
  }

  void connect() {
    auto source = templates::served_source(controls_.text("place"));
    if (!source) return show_message(controls_, "message", source.error().message, true);
    const std::string origin = source->origin;
    std::string kept;
    if (const std::string token = controls_.text("token"); !token.empty()) {
      switch (addin::keep_token(context_, origin, token)) {
        case addin::TokenKept::across_sessions: kept = tr("Your token is kept in the office's password store. "); break;
        case addin::TokenKept::this_session:
          kept = tr("Your token is kept for this session (to keep it, allow saving passwords in Tools ▸ Options ▸ "
                    "Security). ");
          break;
        case addin::TokenKept::not_kept: kept = tr("Your token could not be kept. "); break;
      }
      updating_ = true;
      controls_.set_text("token", "");
      updating_ = false;
    }
    auto listed = list_service(context_, origin);
    if (!listed) return show_message(controls_, "message", fill(tr("Cannot list {1}: {2}"), {origin, listed.error().message}), true);
    // Connecting is trusting: workbooks may now read from this service.
    auto services = addin::trusted_services(context_);
    services.push_back(origin);
    show_trusted(addin::set_trusted_services(context_, services));
    service_origin_ = origin;
    listings_ = *listed;
    std::vector<std::string> items;
    for (const auto& listing : listings_) {
      items.push_back(listing.name + "  ·  v" + std::to_string(listing.version) + "  ·  " +
                      (listing.author.empty() ? "?" : listing.author) + "  ·  " + listing.updated.substr(0, 10));
    }
    controls_.set_items("templates", items, -1);
    remember_template_place(context_, controls_.text("place"));
    show_message(controls_, "message",
                 kept + fill(tr("Connected to {1}: {2} templates; pick one."), {origin, std::to_string(listings_.size())}), false);
  }

  void show_trusted(const std::vector<std::string>& services) {
    std::string text;
    for (const auto& service : services) text += service + "\n";
    updating_ = true;
    controls_.set_text("trusted", text);
    updating_ = false;
  }

  void trusted_edited() {
    std::vector<std::string> lines;
    const std::string text = controls_.text("trusted");
    std::size_t begin = 0;
    while (begin < text.size()) {
      const std::size_t end = std::min(text.find('\n', begin), text.size());
      std::string line = text.substr(begin, end - begin);
      std::erase(line, '\r');
      if (!line.empty()) lines.push_back(line);
      begin = end + 1;
    }
    try {
      addin::set_trusted_services(context_, lines);  // lines that are not yet an address are left out
    } catch (const css::uno::Exception&) {
      show_message(controls_, "message", tr("The trusted services could not be saved."), true);
    }
  }

  void served_selected(int index) {
    const auto& listing = listings_[static_cast<std::size_t>(index)];
    ServedTemplate served{service_origin_ + "/v1/templates/" + listing.name, service_origin_, listing.name, 0};
    auto latest = read_latest(context_, served);
    if (!latest) {
      chosen_.reset();
      controls_.set_enabled("use", false);
      return show_message(controls_, "message", listing.name + ": " + latest.error().message, true);
    }
    std::string text;
    for (const auto& line : assumption_lines(*latest->document)) text += line + "\n";
    controls_.set_text("assumptions", text);
    chosen_ = *latest;
    controls_.set_enabled("use", true);
    show_message(controls_, "message",
                 fill(listing.author.empty() ? tr("{1}, version {2}") : tr("{1}, version {2} by {3}"),
                      {listing.name, std::to_string(latest->served->version), listing.author}),
                 false);
  }

  void template_selected() {
    const int index = controls_.selected("templates");
    if (!service_origin_.empty()) {
      if (index >= 0 && index < static_cast<int>(listings_.size())) served_selected(index);
      return;
    }
    if (index < 0 || index >= static_cast<int>(files_.size())) return;
    const auto& file = files_[static_cast<std::size_t>(index)];
    auto loaded = templates::read_file(file);
    if (!loaded) {
      chosen_.reset();
      controls_.set_text("assumptions", "");
      controls_.set_enabled("use", false);
      show_message(controls_, "message", file.filename().string() + ": " + loaded.error().message, true);
      return;
    }
    std::string text;
    for (const auto& line : assumption_lines(**loaded)) text += line + "\n";
    controls_.set_text("assumptions", text);
    chosen_ = ChosenTemplate{file.filename().string(), file, std::nullopt, *loaded, {}};
    controls_.set_enabled("use", true);
    remember_template_place(context_, controls_.text("place"));
    const auto& document = **loaded;
    const std::string name = document.contains("name") && document["name"].is_string() ? document["name"].get<std::string>()
                                                                                          : file.stem().string();
    show_message(controls_, "message", name, false);
  }

  void use() {
    if (!chosen_) return;
    const std::string source =
        chosen_->served ? chosen_->served->url : formula_source(chosen_->file, document_folder(frame_));
    chosen_->link = {source, controls_.checked("follow")};
    publish(frame_key(frame_), *chosen_);
    show_message(controls_, "message",
                 fill(!chosen_->link.write_formulas ? tr("Funnel and Turnover now use {1}.")
                      : chosen_->served             ? tr("Funnel and Turnover now use {1}; insertions follow the service.")
                                                    : tr("Funnel and Turnover now use {1}; insertions follow the file."),
                      {chosen_->title}),
                 false);
  }

  css::uno::Reference<css::uno::XComponentContext> context_;
  css::uno::Reference<css::frame::XFrame> frame_;
  PanelControls& controls_;
  std::vector<std::filesystem::path> files_;
  std::optional<ChosenTemplate> chosen_;
  std::string service_origin_;  // connected: the list shows this service's templates
  std::vector<ServiceListing> listings_;
  bool updating_ = false;
};

}  // namespace

std::unique_ptr<PanelView> make_templates_panel(const PanelSetting& setting) {
  return std::make_unique<TemplatesPanel>(setting);
}

}  // namespace alignkit::sidebar
