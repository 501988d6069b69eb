#pragma once
// One undo step for several changes: entered on construction, left however the change ends, so
// the document's undo stack stays whole.
#include <string>

#include <com/sun/star/document/XUndoManager.hpp>
#include <com/sun/star/document/XUndoManagerSupplier.hpp>
#include <com/sun/star/frame/XModel.hpp>

#include "office_text.hpp"

namespace alignkit::addin {

namespace css = ::com::sun::star;

class UndoContext {
 public:
  UndoContext(const css::uno::Reference<css::frame::XModel>& document, const std::string& title) {
    css::uno::Reference<css::document::XUndoManagerSupplier> supplier(document, css::uno::UNO_QUERY);
    if (supplier.is()) manager_ = supplier->getUndoManager();
    if (manager_.is()) manager_->enterUndoContext(to_office(title));
  }
  ~UndoContext() {
    try {
      if (manager_.is()) manager_->leaveUndoContext();
    } catch (...) {
    }
  }
  UndoContext(const UndoContext&) = delete;
  UndoContext& operator=(const UndoContext&) = delete;

 private:
  css::uno::Reference<css::document::XUndoManager> manager_;
};

}  // namespace alignkit::addin
