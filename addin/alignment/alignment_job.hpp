#pragma once
// The alignment check as a service of the office (org.alignkit.calc.AlignmentCheck):
//  - XJob::execute(Document, Template[, Link]) answers one open workbook's check as JSON text
//    (Link: the index of a drift to link first, as the panel's Link button does); with
//    Explain (a table::CellAddress), "Why this cell?" for that cell instead;
//  - XJobExecutor::trigger(request) is what `alignkit check` reaches through the office's
//    service: URL handler (soffice --headless "service:org.alignkit.calc.AlignmentCheck?<request>"):
//    the request names a JSON file with the workbooks, the template and where to write the report;
//    the office ends when the report is written.
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/task/XJob.hpp>
#include <com/sun/star/task/XJobExecutor.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <cppuhelper/implbase3.hxx>

#include "identity.hpp"

namespace alignkit::addin {

namespace css = ::com::sun::star;


class AlignmentJob final
    : public cppu::WeakImplHelper3<css::task::XJob, css::task::XJobExecutor, css::lang::XServiceInfo> {
 public:
  explicit AlignmentJob(const css::uno::Reference<css::uno::XComponentContext>& context) : context_(context) {}

  css::uno::Any SAL_CALL execute(const css::uno::Sequence<css::beans::NamedValue>& arguments) override;
  void SAL_CALL trigger(const ::rtl::OUString& request) override;

  ::rtl::OUString SAL_CALL getImplementationName() override;
  sal_Bool SAL_CALL supportsService(const ::rtl::OUString& name) override;
  css::uno::Sequence<::rtl::OUString> SAL_CALL getSupportedServiceNames() override;
  static css::uno::Sequence<::rtl::OUString> supported_service_names();

 private:
  css::uno::Reference<css::uno::XComponentContext> context_;
};

}  // namespace alignkit::addin
