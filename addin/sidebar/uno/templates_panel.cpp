// Templates panel: pick a shared template, read its assumptions, fill the other panels.
#include <com/sun/star/ui/dialogs/ExecutableDialogResults.hpp>
#include <com/sun/star/ui/dialogs/XFolderPicker2.hpp>
#include <osl/file.hxx>

#include "panels.hpp"
#include "settings.hpp"
#include "sheet_writer.hpp"
#include "template_listing.hpp"
#include "template_sharing.hpp"

namespace alignkit::sidebar {
namespace {

class TemplatesPanel final : public PanelView, public TemplateSubscriber {
 public:
  explicit TemplatesPanel(const PanelSetting& setting)
      : context_(setting.context), frame_(setting.frame), controls_(setting.controls) {
    using Kind = PanelControls::Kind;
    auto& c = controls_;
    c.add("place_label", Kind::label, "Template folder or file");
    c.add("place", Kind::edit);
    c.add("browse", Kind::button, "Browse…");
    c.add("templates", Kind::list);
    c.add("assumptions", Kind::text_area);
    c.add("follow", Kind::check, "Insert formulas that follow the file");
    c.set_checked("follow", true);
    c.add("use", Kind::button, "Use in Funnel and Turnover");
    c.add("message", Kind::label);

    auto place = last_template_place(context_);
    if (place.empty()) place = bundled_templates(context_);
    updating_ = true;
    c.set_text("place", place.string());
    updating_ = false;
    list_templates();

    c.on_change("place", [this] { if (!updating_) list_templates(); });
    c.on_change("browse", [this] { browse(); });
    c.on_change("templates", [this] { template_selected(); });
    c.on_change("follow", [this] { set_follow_template(frame_key(frame_), controls_.checked("follow")); });
    c.on_change("use", [this] { use(); });
    subscribe(frame_key(frame_), this);  // keeps the window's choice alive while the deck is
  }

  ~TemplatesPanel() override { unsubscribe(frame_key(frame_), this); }

  [[nodiscard]] std::vector<LayoutRow> rows() const override {
    return {full_width("place_label", kLabelHeight),
            {kLineHeight, {{"place", 3}, {"browse", 1}}},
            full_width("templates", 80),
            full_width("assumptions", 160),
            full_width("follow"),
            full_width("use"),
            full_width("message", 3 * kLabelHeight)};
  }

  void use_template(const ChosenTemplate&) override {}

 private:
  void list_templates() {
    files_ = template_files(controls_.text("place"));
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
                 files_.empty() ? "No .json templates here." : std::to_string(files_.size()) + " templates; pick one.",
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
    ::rtl::OUString path;
    if (osl::FileBase::getSystemPathFromFileURL(picker->getDirectory(), path) != osl::FileBase::E_None) return;
    controls_.set_text("place", from_office(path));  // lists the folder through the text event
  }

  void template_selected() {
    const int index = controls_.selected("templates");
    if (index < 0 || index >= static_cast<int>(files_.size())) return;
    const auto& file = files_[static_cast<std::size_t>(index)];
    auto loaded = templates::shared_store().load(file);
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
    chosen_ = ChosenTemplate{file, *loaded, {}};
    controls_.set_enabled("use", true);
    remember_template_place(context_, controls_.text("place"));
    const auto& document = **loaded;
    const std::string name = document.contains("name") && document["name"].is_string() ? document["name"].get<std::string>()
                                                                                          : file.stem().string();
    show_message(controls_, "message", name, false);
  }

  void use() {
    if (!chosen_) return;
    chosen_->link = {formula_source(chosen_->file, document_folder(frame_)), controls_.checked("follow")};
    publish(frame_key(frame_), *chosen_);
    show_message(controls_, "message",
                 "Funnel and Turnover now use " + chosen_->file.filename().string() +
                     (chosen_->link.write_formulas ? "; insertions follow the file." : "."),
                 false);
  }

  css::uno::Reference<css::uno::XComponentContext> context_;
  css::uno::Reference<css::frame::XFrame> frame_;
  PanelControls& controls_;
  std::vector<std::filesystem::path> files_;
  std::optional<ChosenTemplate> chosen_;
  bool updating_ = false;
};

}  // namespace

std::unique_ptr<PanelView> make_templates_panel(const PanelSetting& setting) {
  return std::make_unique<TemplatesPanel>(setting);
}

}  // namespace alignkit::sidebar
