// Templates panel: pick a shared template, read its assumptions, fill the other panels.
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/ui/dialogs/ExecutableDialogResults.hpp>
#include <com/sun/star/ui/dialogs/XFolderPicker2.hpp>
#include <osl/file.hxx>

#include <algorithm>
#include <filesystem>

#include "alignkit/templates/templates.hpp"
#include "extension_files.hpp"
#include "form.hpp"
#include "identity.hpp"
#include "panels.hpp"
#include "service_access.hpp"
#include "settings.hpp"
#include "sheet_writer.hpp"
#include "template_listing.hpp"
#include "served_template.hpp"
#include "template_sharing.hpp"
#include "translation.hpp"

namespace alignkit::sidebar {

using translation::fill;
using translation::tr;
namespace {

class TemplatesPanel final : public PanelView, public TemplateSubscriber {
 public:
  explicit TemplatesPanel(const PanelSetting& setting)
      : context_(setting.context),
        frame_(setting.frame),
        place_caption_(setting.controls, "place_label", tr("Template folder, file or service (https://host:port)")),
        place_(setting.controls, "place"),
        browse_(setting.controls, "browse", tr("Browse…")),
        token_caption_(setting.controls, "token_label", tr("Your token for the service (kept in the office's password store)")),
        token_(setting.controls, "token"),
        connect_(setting.controls, "connect", tr("Connect")),
        remember_(setting.controls, "remember", tr("Remember my token on this computer"), true),
        templates_(setting.controls, "templates"),
        assumptions_(setting.controls, "assumptions"),
        follow_(setting.controls, "follow", tr("Insert formulas that follow the template"), true),
        use_(setting.controls, "use", tr("Use in Funnel and Turnover")),
        message_(setting.controls, "message"),
        proposals_(setting.controls, "proposals"),
        trusted_caption_(setting.controls, "trusted_label",
                         tr("Trusted services: workbooks read templates only from these (one per line)")),
        trusted_(setting.controls, "trusted"),
        samples_caption_(setting.controls, "samples_label", tr("Sample workbooks that come with alignkit")),
        samples_(setting.controls, "samples"),
        new_from_sample_(setting.controls, "new_from_sample", tr("New from sample")) {
    token_.hide_typing();
    trusted_.make_editable();

    // The folder used last, else the planner's own documents (never the extension's inner folder).
    auto place = last_template_place(context_);
    if (place.empty()) place = documents_folder(context_);
    {
      ProgrammaticUpdate guard(updating_);
      place_.set_text(place.string());
      std::string trusted;
      for (const auto& service : addin::trusted_services(context_)) trusted += service + "\n";
      trusted_.set_text(trusted);
    }
    list_templates();

    place_.on_typed([this] { if (!updating_) list_templates(); });
    browse_.on_press([this] { browse(); });
    connect_.on_press([this] { connect(); });
    trusted_.on_typed([this] { if (!updating_) trusted_edited(); });
    templates_.on_select([this] { template_selected(); });
    follow_.on_toggle([this] { set_follow_template(frame_key(frame_), follow_.checked()); });
    use_.on_press([this] { use(); });
    list_samples();
    samples_.on_select([this] { new_from_sample_.set_enabled(samples_.selected() >= 0); });
    new_from_sample_.on_press([this] { new_from_sample(); });
    subscribe(frame_key(frame_), this);  // keeps the window's choice alive while the deck is
  }

  ~TemplatesPanel() override { unsubscribe(frame_key(frame_), this); }

  [[nodiscard]] std::vector<LayoutRow> rows() const override {
    return {place_caption_.row(2 * kLabelHeight),
            {kLineHeight, {{place_.name(), 3}, {browse_.name(), 2}}},
            token_caption_.row(2 * kLabelHeight),
            {kLineHeight, {{token_.name(), 3}, {connect_.name(), 2}}},
            remember_.row(),
            // Sized so the whole panel, New from sample included, fits a 1000-pixel screen.
            templates_.row(60),
            assumptions_.row(120),
            follow_.row(),
            use_.row(),
            message_.row(3 * kLabelHeight),
            proposals_.row(3 * kLabelHeight),
            trusted_caption_.row(2 * kLabelHeight),
            trusted_.row(44),
            samples_caption_.row(kLabelHeight),
            samples_.row(60),
            new_from_sample_.row()};
  }

  void use_template(const ChosenTemplate&) override {}

 private:
  void list_templates() {
    proposals_.set_text("");
    const std::string place = place_.text();
    listings_.clear();
    service_origin_.clear();
    connect_.set_enabled(templates::is_web_address(place));
    browse_.set_enabled(!templates::is_web_address(place));
    if (templates::is_web_address(place)) {
      files_.clear();
      templates_.set_items({}, -1);
      assumptions_.set_text("");
      chosen_.reset();
      use_.set_enabled(false);
      message_.say(tr("Press Connect to list the service's templates."), false);
      return;
    }
    files_ = template_files(place);
    std::vector<std::string> names;
    for (const auto& file : files_) names.push_back(file.filename().string());
    // A single template (or a path to one) is picked at once.
    templates_.set_items(names, files_.size() == 1 ? 0 : -1);
    assumptions_.set_text("");
    chosen_.reset();
    use_.set_enabled(false);
    if (files_.size() == 1) {
      template_selected();
      return;
    }
    message_.say(files_.empty() ? std::string(tr("No .json templates here.")) : fill(tr("{1} templates; pick one."), {std::to_string(files_.size())}),
                 files_.empty());
  }

  // The sample workbooks in the extension's folder, by name ("funnel budget planner").
  void list_samples() {
    sample_files_.clear();
    const auto folder = bundled_samples(context_, identity::kExtensionIdentifier);
    std::error_code ec;
    for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() == ".fods") sample_files_.push_back(it->path());
    }
    std::sort(sample_files_.begin(), sample_files_.end());
    std::vector<std::string> names;
    for (const auto& file : sample_files_) {
      std::string name = file.stem().string();
      std::replace(name.begin(), name.end(), '_', ' ');
      names.push_back(name);
    }
    samples_.set_items(names, -1);
    new_from_sample_.set_enabled(false);
  }

  // A new, untitled workbook made from the sample, in a window of its own: the installed file is
  // never opened for editing (Save asks where), and its template paths read the extension's copies.
  void new_from_sample() {
    const int index = samples_.selected();
    if (index < 0 || index >= static_cast<int>(sample_files_.size())) return;
    try {
      ::rtl::OUString url;
      osl::FileBase::getFileURLFromSystemPath(to_office(sample_files_[static_cast<std::size_t>(index)].string()), url);
      css::uno::Sequence<css::beans::PropertyValue> load(1);
      load.getArray()[0].Name = "AsTemplate";
      load.getArray()[0].Value <<= true;
      css::frame::Desktop::create(context_)->loadComponentFromURL(url, "_blank", 0, load);
    } catch (const css::uno::Exception& e) {
      message_.say(fill(tr("The sample cannot be opened: {1}"), {from_office(e.Message)}), true);
    }
  }

  void browse() {
    auto picker = css::uno::Reference<css::ui::dialogs::XFolderPicker2>(
        context_->getServiceManager()->createInstanceWithContext("com.sun.star.ui.dialogs.FolderPicker", context_),
        css::uno::UNO_QUERY_THROW);
    ::rtl::OUString url;
    if (osl::FileBase::getFileURLFromSystemPath(to_office(place_.text()), url) == osl::FileBase::E_None) {
      picker->setDisplayDirectory(url);
    }
    if (picker->execute() != css::ui::dialogs::ExecutableDialogResults::OK) return;
    const auto folder = path_of_url(picker->getDirectory());
    if (folder.empty()) return;
    place_.set_text(folder.string());  // lists the folder through the text event
  }

  void connect() {
    auto source = templates::served_source(place_.text());
    if (!source) return message_.say(source.error().message, true);
    const std::string origin = source->origin;
    std::string kept;
    if (const std::string token = token_.text(); !token.empty()) {
      switch (addin::keep_token(context_, origin, token, remember_.checked())) {
        case addin::TokenKept::across_sessions: kept = tr("Your token is kept in the office's password store. "); break;
        case addin::TokenKept::this_session: kept = tr("Your token is kept until the office closes. "); break;
        case addin::TokenKept::not_kept: kept = tr("Your token could not be kept. "); break;
      }
      ProgrammaticUpdate guard(updating_);
      token_.set_text("");
    }
    auto listed = addin::service_at(context_, origin).list();
    if (!listed.ok()) return message_.say(fill(tr("Cannot list {1}: {2}"), {origin, refusal_text(listed.outcome, origin)}), true);
    // Connecting is trusting: workbooks may now read from this service.
    auto services = addin::trusted_services(context_);
    services.push_back(origin);
    show_trusted(addin::set_trusted_services(context_, services));
    service_origin_ = origin;
    listings_ = listed.value;
    std::vector<std::string> items;
    for (const auto& listing : listings_) {
      items.push_back(listing.name + "  ·  v" + std::to_string(listing.latest.version) + "  ·  " +
                      (listing.latest.author.empty() ? "?" : listing.latest.author) + "  ·  " + listing.latest.updated.substr(0, 10));
    }
    templates_.set_items(items, -1);
    remember_template_place(context_, place_.text());
    message_.say(kept + fill(tr("Connected to {1}: {2} templates; pick one."), {origin, std::to_string(listings_.size())}), false);
  }

  void show_trusted(const std::vector<std::string>& services) {
    std::string text;
    for (const auto& service : services) text += service + "\n";
    ProgrammaticUpdate guard(updating_);
    trusted_.set_text(text);
  }

  void trusted_edited() {
    std::vector<std::string> lines;
    const std::string text = trusted_.text();
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
      message_.say(tr("The trusted services could not be saved."), true);
    }
  }

  void served_selected(int index) {
    const auto& listing = listings_[static_cast<std::size_t>(index)];
    ServedTemplate served{service_origin_ + sharing::path(sharing::RouteName::template_read, {listing.name}), service_origin_, listing.name, 0};
    auto latest = read_latest(context_, served);
    if (!latest) {
      chosen_.reset();
      use_.set_enabled(false);
      return message_.say(listing.name + ": " + latest.error().message, true);
    }
    std::string text;
    for (const auto& line : assumption_lines(*latest->document)) text += line + "\n";
    assumptions_.set_text(text);
    chosen_ = *latest;
    use_.set_enabled(true);
    message_.say(fill(listing.latest.author.empty() ? tr("{1}, version {2}") : tr("{1}, version {2} by {3}"),
                      {listing.name, std::to_string(latest->served->version), listing.latest.author}),
                 false);
    show_own_proposals(listing.name);
  }

  // What became of the planner's proposals for this template: choosing it again asks anew.
  void show_own_proposals(const std::string& name) {
    proposals_.set_text("");
    const auto service = addin::service_at(context_, service_origin_);
    const auto me = service.me();
    if (!me.ok()) return;  // no token for this service: nothing of theirs to show
    const auto listed = service.proposals(name, true);
    if (!listed.ok()) return proposals_.say(fill(tr("Your proposals cannot be listed: {1}"), {refusal_text(listed.outcome, service_origin_)}), true);
    std::string text;
    for (const auto& proposal : listed.value) {
      if (proposal.author == me.value.name) text += "\n" + proposal_outcome(proposal);
    }
    if (!text.empty()) proposals_.say(tr("Your proposals:") + text, false);
  }

  static std::string proposal_outcome(const client::Proposal& proposal) {
    std::string groups;
    for (const auto& group : proposal.groups) groups += (groups.empty() ? "" : ", ") + group;
    const std::string id = std::to_string(proposal.id);
    if (proposal.status == "approved") {
      return fill(tr("{1} ({2}): approved by {3} as version {4}"), {id, groups, proposal.decided_by, std::to_string(proposal.version)});
    }
    if (proposal.status == "declined") return fill(tr("{1} ({2}): declined by {3}: {4}"), {id, groups, proposal.decided_by, proposal.reason});
    if (proposal.status == "withdrawn") return fill(tr("{1} ({2}): withdrawn"), {id, groups});
    return fill(tr("{1} ({2}): waiting for the owners"), {id, groups});
  }

  void template_selected() {
    const int index = templates_.selected();
    if (!service_origin_.empty()) {
      if (index >= 0 && index < static_cast<int>(listings_.size())) served_selected(index);
      return;
    }
    if (index < 0 || index >= static_cast<int>(files_.size())) return;
    const auto& file = files_[static_cast<std::size_t>(index)];
    auto loaded = templates::read_file(file);
    if (!loaded) {
      chosen_.reset();
      assumptions_.set_text("");
      use_.set_enabled(false);
      message_.say(file.filename().string() + ": " + loaded.error().message, true);
      return;
    }
    std::string text;
    for (const auto& line : assumption_lines(**loaded)) text += line + "\n";
    assumptions_.set_text(text);
    chosen_ = ChosenTemplate{file.filename().string(), file, std::nullopt, *loaded, {}};
    use_.set_enabled(true);
    remember_template_place(context_, place_.text());
    const auto& document = **loaded;
    const std::string name = document.contains("name") && document["name"].is_string() ? document["name"].get<std::string>()
                                                                                          : file.stem().string();
    message_.say(name, false);
  }

  void use() {
    if (!chosen_) return;
    const std::string source =
        chosen_->served ? chosen_->served->url : formula_source(chosen_->file, document_folder(frame_));
    chosen_->link = {source, follow_.checked()};
    share_template(frame_key(frame_), *chosen_);
    message_.say(fill(!chosen_->link.write_formulas ? tr("Funnel and Turnover now use {1}.")
                      : chosen_->served             ? tr("Funnel and Turnover now use {1}; insertions follow the service.")
                                                    : tr("Funnel and Turnover now use {1}; insertions follow the file."),
                      {chosen_->title}),
                 false);
  }

  css::uno::Reference<css::uno::XComponentContext> context_;
  css::uno::Reference<css::frame::XFrame> frame_;
  form::Label place_caption_;
  form::Edit place_;
  form::Button browse_;
  form::Label token_caption_;
  form::Edit token_;
  form::Button connect_;
  form::CheckBox remember_;  // across sessions, in the office's saved passwords
  form::ListBox templates_;
  form::TextArea assumptions_;
  form::CheckBox follow_;
  form::Button use_;
  form::Label message_;
  form::Label proposals_;  // the planner's own proposals for the chosen served template
  form::Label trusted_caption_;
  form::TextArea trusted_;
  form::Label samples_caption_;
  form::ListBox samples_;
  form::Button new_from_sample_;
  std::vector<std::filesystem::path> sample_files_;
  std::vector<std::filesystem::path> files_;
  std::optional<ChosenTemplate> chosen_;
  std::string service_origin_;  // connected: the list shows this service's templates
  std::vector<sharing::TemplateSummary> listings_;
  bool updating_ = false;
};

}  // namespace

std::unique_ptr<PanelView> make_templates_panel(const PanelSetting& setting) {
  return std::make_unique<TemplatesPanel>(setting);
}

}  // namespace alignkit::sidebar
