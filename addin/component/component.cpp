// The shared library's entry point: the factory that the office asks for our implementation.
#include <cppuhelper/factory.hxx>
#include <cppuhelper/implementationentry.hxx>

#include "addin.hpp"
#include "alignment_job.hpp"
#include "panel_factory.hpp"
#include "service_access.hpp"

namespace {
using namespace alignkit::addin;

css::uno::Reference<css::uno::XInterface> SAL_CALL create_functions(const css::uno::Reference<css::uno::XComponentContext>& context) {
  return static_cast<cppu::OWeakObject*>(new FunctionsAddIn(office_templates(context)));  // owned by the returned reference
}

::rtl::OUString SAL_CALL functions_implementation_name() { return alignkit::identity::kFunctionsImplementation; }

css::uno::Sequence<::rtl::OUString> SAL_CALL functions_service_names() {
  return FunctionsAddIn::supported_service_names();
}

css::uno::Reference<css::uno::XInterface> SAL_CALL create_panel_factory(
    const css::uno::Reference<css::uno::XComponentContext>& context) {
  return static_cast<cppu::OWeakObject*>(new alignkit::sidebar::PanelFactory(context));
}

::rtl::OUString SAL_CALL panel_factory_implementation_name() { return alignkit::identity::kPanelFactoryImplementation; }

css::uno::Sequence<::rtl::OUString> SAL_CALL panel_factory_service_names() {
  return alignkit::sidebar::PanelFactory::supported_service_names();
}

css::uno::Reference<css::uno::XInterface> SAL_CALL create_alignment_job(
    const css::uno::Reference<css::uno::XComponentContext>& context) {
  return static_cast<cppu::OWeakObject*>(new alignkit::addin::AlignmentJob(context));
}

::rtl::OUString SAL_CALL alignment_job_implementation_name() { return alignkit::identity::kAlignmentCheckImplementation; }

css::uno::Sequence<::rtl::OUString> SAL_CALL alignment_job_service_names() {
  return alignkit::addin::AlignmentJob::supported_service_names();
}

const cppu::ImplementationEntry kImplementations[] = {
    {create_functions, functions_implementation_name, functions_service_names, cppu::createSingleComponentFactory,
     nullptr, 0},
    {create_panel_factory, panel_factory_implementation_name, panel_factory_service_names,
     cppu::createSingleComponentFactory, nullptr, 0},
    {create_alignment_job, alignment_job_implementation_name, alignment_job_service_names,
     cppu::createSingleComponentFactory, nullptr, 0},
    {nullptr, nullptr, nullptr, nullptr, nullptr, 0},
};
}  // namespace

extern "C" SAL_DLLPUBLIC_EXPORT void* SAL_CALL component_getFactory(const char* implementation_name,
                                                                    void* service_manager, void* registry_key) {
  return cppu::component_getFactoryHelper(implementation_name, service_manager, registry_key, kImplementations);
}
