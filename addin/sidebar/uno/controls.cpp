#include "controls.hpp"

#include <com/sun/star/awt/FontWeight.hpp>
#include <com/sun/star/awt/ImageScaleMode.hpp>
#include <com/sun/star/awt/PosSize.hpp>
#include <com/sun/star/awt/Size.hpp>
#include <com/sun/star/awt/XLayoutConstrains.hpp>
#include <com/sun/star/awt/XButton.hpp>
#include <com/sun/star/awt/XCheckBox.hpp>
#include <com/sun/star/awt/XListBox.hpp>
#include <com/sun/star/awt/XRadioButton.hpp>
#include <com/sun/star/awt/XTextComponent.hpp>
#include <com/sun/star/awt/XToolkit.hpp>
#include <com/sun/star/awt/XWindowPeer.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/graphic/GraphicProvider.hpp>
#include <com/sun/star/graphic/XGraphic.hpp>
#include <com/sun/star/io/SequenceInputStream.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/lang/XMultiComponentFactory.hpp>
#include <rtl/ref.hxx>

namespace alignkit::sidebar {

using css::uno::Any;
using css::uno::Reference;
using css::uno::UNO_QUERY;
using css::uno::UNO_QUERY_THROW;

void EventForwarder::fire() noexcept {
  if (!callback_) return;
  try {
    callback_();
  } catch (...) {
    // A failing handler must not unwind into the toolkit; the panel shows its own messages.
  }
}

namespace {
Reference<css::uno::XInterface> create(const Reference<css::uno::XComponentContext>& context, const char* service) {
  return context->getServiceManager()->createInstanceWithContext(::rtl::OUString::createFromAscii(service), context);
}

struct KindServices {
  const char* control;
  const char* model;
};
KindServices services(PanelControls::Kind kind) {
  using Kind = PanelControls::Kind;
  switch (kind) {
    case Kind::label: return {"com.sun.star.awt.UnoControlFixedText", "com.sun.star.awt.UnoControlFixedTextModel"};
    case Kind::button: return {"com.sun.star.awt.UnoControlButton", "com.sun.star.awt.UnoControlButtonModel"};
    case Kind::check: return {"com.sun.star.awt.UnoControlCheckBox", "com.sun.star.awt.UnoControlCheckBoxModel"};
    case Kind::radio: return {"com.sun.star.awt.UnoControlRadioButton", "com.sun.star.awt.UnoControlRadioButtonModel"};
    case Kind::list: return {"com.sun.star.awt.UnoControlListBox", "com.sun.star.awt.UnoControlListBoxModel"};
    case Kind::picture: return {"com.sun.star.awt.UnoControlImageControl", "com.sun.star.awt.UnoControlImageControlModel"};
    case Kind::edit:
    case Kind::text_area: break;
  }
  return {"com.sun.star.awt.UnoControlEdit", "com.sun.star.awt.UnoControlEditModel"};
}
}  // namespace

PanelControls::PanelControls(const Reference<css::uno::XComponentContext>& context,
                             const Reference<css::awt::XWindow>& parent)
    : context_(context) {
  Reference<css::awt::XControl> container(create(context, "com.sun.star.awt.UnoControlContainer"), UNO_QUERY_THROW);
  Reference<css::awt::XControlModel> model(create(context, "com.sun.star.awt.UnoControlContainerModel"), UNO_QUERY_THROW);
  container->setModel(model);
  Reference<css::awt::XToolkit> toolkit(create(context, "com.sun.star.awt.Toolkit"), UNO_QUERY_THROW);
  container->createPeer(toolkit, Reference<css::awt::XWindowPeer>(parent, UNO_QUERY_THROW));
  container_.set(container, UNO_QUERY_THROW);
  window()->setVisible(true);
}

PanelControls::~PanelControls() { dispose(); }

Reference<css::awt::XWindow> PanelControls::window() const { return Reference<css::awt::XWindow>(container_, UNO_QUERY); }

void PanelControls::hide_typing(const std::string& name) {
  model(name)->setPropertyValue("EchoChar", Any(static_cast<sal_Int16>(u'\u2022')));
}

void PanelControls::set_read_only(const std::string& name, bool read_only) {
  model(name)->setPropertyValue("ReadOnly", Any(read_only));
}

void PanelControls::add(const std::string& name, Kind kind, std::string_view text) {
  const auto [control_service, model_service] = services(kind);
  Reference<css::awt::XControl> control(create(context_, control_service), UNO_QUERY_THROW);
  Reference<css::beans::XPropertySet> properties(create(context_, model_service), UNO_QUERY_THROW);
  switch (kind) {
    case Kind::label:
    case Kind::button:
    case Kind::check:
    case Kind::radio: properties->setPropertyValue("Label", Any(to_office(text))); break;
    case Kind::edit: properties->setPropertyValue("Text", Any(to_office(text))); break;
    case Kind::text_area:
      properties->setPropertyValue("MultiLine", Any(true));
      properties->setPropertyValue("ReadOnly", Any(true));
      properties->setPropertyValue("VScroll", Any(true));
      break;
    case Kind::list: break;
    case Kind::picture:
      properties->setPropertyValue("Border", Any(sal_Int16{0}));
      properties->setPropertyValue("ScaleMode", Any(css::awt::ImageScaleMode::ISOTROPIC));  // the panel's width, never distorted
      break;
  }
  // Texts wrap, and the layout gives them the lines they need (check boxes and radio buttons too).
  if (kind == Kind::label || kind == Kind::check || kind == Kind::radio) properties->setPropertyValue("MultiLine", Any(true));
  control->setModel(Reference<css::awt::XControlModel>(properties, UNO_QUERY_THROW));
  container_->addControl(to_office(name), control);
  kinds_[name] = kind;
}

void PanelControls::on_change(const std::string& name, std::function<void()> callback) {
  rtl::Reference<EventForwarder> forwarder(new EventForwarder(std::move(callback)));
  auto control = this->control(name);
  switch (kinds_.at(name)) {
    case Kind::button: Reference<css::awt::XButton>(control, UNO_QUERY_THROW)->addActionListener(forwarder.get()); break;
    case Kind::check: Reference<css::awt::XCheckBox>(control, UNO_QUERY_THROW)->addItemListener(forwarder.get()); break;
    case Kind::radio: Reference<css::awt::XRadioButton>(control, UNO_QUERY_THROW)->addItemListener(forwarder.get()); break;
    case Kind::list: Reference<css::awt::XListBox>(control, UNO_QUERY_THROW)->addItemListener(forwarder.get()); break;
    case Kind::edit:
    case Kind::text_area: Reference<css::awt::XTextComponent>(control, UNO_QUERY_THROW)->addTextListener(forwarder.get()); break;
    case Kind::label:
    case Kind::picture: break;
  }
  forwarders_.push_back(forwarder);
}

int PanelControls::text_height(const std::string& name, int width) const {
  const auto kind = kinds_.find(name);
  if (kind == kinds_.end() || (kind->second != Kind::label && kind->second != Kind::check && kind->second != Kind::radio)) return 0;
  try {
    Reference<css::awt::XLayoutConstrains> measure(control(name), UNO_QUERY);
    if (!measure.is()) return 0;
    return measure->calcAdjustedSize(css::awt::Size(width, 0)).Height;
  } catch (const css::uno::Exception&) {
    return 0;  // no peer yet: the height the row was made with
  }
}

void PanelControls::show_svg(const std::string& name, std::string_view svg) {
  Reference<css::graphic::XGraphic> graphic;
  if (!svg.empty()) {
    const css::uno::Sequence<sal_Int8> bytes(reinterpret_cast<const sal_Int8*>(svg.data()), static_cast<sal_Int32>(svg.size()));
    css::uno::Sequence<css::beans::PropertyValue> source(2);
    source.getArray()[0].Name = "InputStream";
    source.getArray()[0].Value <<= css::io::SequenceInputStream::createStreamFromSequence(context_, bytes);
    source.getArray()[1].Name = "MimeType";
    source.getArray()[1].Value <<= ::rtl::OUString("image/svg+xml");
    graphic = css::graphic::GraphicProvider::create(context_)->queryGraphic(source);
  }
  model(name)->setPropertyValue("Graphic", Any(graphic));
}

Reference<css::awt::XControl> PanelControls::control(const std::string& name) const {
  Reference<css::awt::XControl> found = container_->getControl(to_office(name));
  if (!found.is()) throw std::out_of_range("no control " + name);
  return found;
}

Reference<css::beans::XPropertySet> PanelControls::model(const std::string& name) const {
  return Reference<css::beans::XPropertySet>(control(name)->getModel(), UNO_QUERY_THROW);
}

std::string PanelControls::text(const std::string& name) const {
  return from_office(Reference<css::awt::XTextComponent>(control(name), UNO_QUERY_THROW)->getText());
}

void PanelControls::set_text(const std::string& name, std::string_view text) {
  switch (kinds_.at(name)) {
    case Kind::edit:
    case Kind::text_area: model(name)->setPropertyValue("Text", Any(to_office(text))); break;
    default: model(name)->setPropertyValue("Label", Any(to_office(text))); break;
  }
}

bool PanelControls::checked(const std::string& name) const {
  sal_Int16 state = 0;
  model(name)->getPropertyValue("State") >>= state;
  return state == 1;
}

void PanelControls::set_checked(const std::string& name, bool checked) {
  model(name)->setPropertyValue("State", Any(sal_Int16(checked ? 1 : 0)));
}

void PanelControls::set_items(const std::string& name, const std::vector<std::string>& items, int selected) {
  css::uno::Sequence<::rtl::OUString> strings(static_cast<sal_Int32>(items.size()));
  for (std::size_t i = 0; i < items.size(); ++i) strings.getArray()[i] = to_office(items[i]);
  auto properties = model(name);
  properties->setPropertyValue("StringItemList", Any(strings));
  css::uno::Sequence<sal_Int16> selection;
  if (selected >= 0 && selected < static_cast<int>(items.size())) {
    const sal_Int16 index = static_cast<sal_Int16>(selected);
    selection = css::uno::Sequence<sal_Int16>(&index, 1);
  }
  properties->setPropertyValue("SelectedItems", Any(selection));
}

int PanelControls::selected(const std::string& name) const {
  return Reference<css::awt::XListBox>(control(name), UNO_QUERY_THROW)->getSelectedItemPos();
}

void PanelControls::set_enabled(const std::string& name, bool enabled) {
  model(name)->setPropertyValue("Enabled", Any(enabled));
}

void PanelControls::set_text_color(const std::string& name, sal_Int32 color) {
  model(name)->setPropertyValue("TextColor", color < 0 ? Any() : Any(color));
}

void PanelControls::set_bold(const std::string& name) {
  model(name)->setPropertyValue("FontWeight", Any(css::awt::FontWeight::BOLD));
}

void PanelControls::set_tooltip(const std::string& name, std::string_view text) {
  model(name)->setPropertyValue("HelpText", Any(to_office(text)));
}

void PanelControls::place(const std::string& name, int x, int y, int width, int height) {
  Reference<css::awt::XWindow>(control(name), UNO_QUERY_THROW)
      ->setPosSize(x, y, std::max(width, 1), std::max(height, 1), css::awt::PosSize::POSSIZE);
}

void PanelControls::resize_window(int width, int height) {
  window()->setPosSize(0, 0, std::max(width, 1), std::max(height, 1), css::awt::PosSize::POSSIZE);
}

void PanelControls::dispose() noexcept {
  for (auto& forwarder : forwarders_) forwarder->detach();
  forwarders_.clear();
  try {
    Reference<css::lang::XComponent> component(container_, UNO_QUERY);
    if (component.is()) component->dispose();  // releases every control window with it
  } catch (...) {
  }
  container_.clear();
}

}  // namespace alignkit::sidebar
