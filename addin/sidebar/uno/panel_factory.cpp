#include "panel_factory.hpp"

#include "identity.hpp"

#include <array>
#include <string_view>

#include <com/sun/star/container/NoSuchElementException.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/lang/IllegalArgumentException.hpp>
#include <com/sun/star/uno/RuntimeException.hpp>

#include "alignkit/catalog/catalog.hpp"
#include "panels.hpp"
#include "settings.hpp"
#include "translation.hpp"

namespace alignkit::sidebar {

using css::uno::Reference;
using css::uno::UNO_QUERY;

namespace {
constexpr std::string_view kUrlPrefix = "private:resource/toolpanel/AlignkitPanelFactory/";

struct PanelKind {
  std::string_view name;  // the last part of the panel's ImplementationURL
  PanelBuilder build;
  std::string_view help_function;  // its Help button opens the help page of this function's family
};
constexpr std::array<PanelKind, 6> kPanels{{
    {"Funnel", make_funnel_panel, "FUNNEL.BUDGET"},
    {"Turnover", make_turnover_panel, "TURNOVER.COST"},
    {"GoalCascade", make_goal_cascade_panel, "GOAL.ALLOCATE"},
    {"Hiring", make_hiring_panel, "HIRING.PLAN"},
    {"Templates", make_templates_panel, "TEMPLATE.VALUE"},
    {"Alignment", make_alignment_panel, "TEMPLATE.VALUE"},
}};
}  // namespace

Reference<css::ui::XUIElement> PanelFactory::createUIElement(
    const ::rtl::OUString& resource_url, const css::uno::Sequence<css::beans::PropertyValue>& arguments) {
  const std::string url = from_office(resource_url);
  const PanelKind* kind = nullptr;
  for (const auto& candidate : kPanels) {
    if (url.size() == kUrlPrefix.size() + candidate.name.size() && url.starts_with(kUrlPrefix) &&
        url.ends_with(candidate.name)) {
      kind = &candidate;
    }
  }
  if (!kind) throw css::container::NoSuchElementException(resource_url, static_cast<cppu::OWeakObject*>(this));

  Reference<css::frame::XFrame> frame;
  Reference<css::awt::XWindow> parent;
  for (const auto& argument : arguments) {
    if (argument.Name == "Frame") argument.Value >>= frame;
    if (argument.Name == "ParentWindow") argument.Value >>= parent;
  }
  if (!parent.is()) {
    throw css::lang::IllegalArgumentException("a sidebar panel needs a ParentWindow",
                                              static_cast<cppu::OWeakObject*>(this), 1);
  }
  try {
    // The panels speak the office's language (a change of it takes a restart of the office).
    translation::set_ui_language(ui_language_tag(context_));
    return new PanelElement(context_, frame, parent, resource_url, kind->build,
                            find_function(kind->help_function)->family);
  } catch (const css::uno::RuntimeException&) {
    throw;
  } catch (const css::uno::Exception& error) {
    throw css::uno::RuntimeException("alignkit could not build its panel: " + error.Message);
  } catch (const std::exception& error) {
    throw css::uno::RuntimeException(to_office(std::string("alignkit could not build its panel: ") + error.what()));
  }
}

::rtl::OUString PanelFactory::getImplementationName() { return identity::kPanelFactoryImplementation; }

sal_Bool PanelFactory::supportsService(const ::rtl::OUString& name) { return name == kPanelFactoryService; }

css::uno::Sequence<::rtl::OUString> PanelFactory::getSupportedServiceNames() { return supported_service_names(); }

css::uno::Sequence<::rtl::OUString> PanelFactory::supported_service_names() {
  const ::rtl::OUString service(kPanelFactoryService);
  return css::uno::Sequence<::rtl::OUString>(&service, 1);
}

}  // namespace alignkit::sidebar
