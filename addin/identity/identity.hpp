#pragma once
// The names the office knows the extension by: one place for the add-in's service, its
// implementations and its Function Wizard category. Used by the component, the sidebar's
// factory and the code generator (which writes alignkit.components and CalcAddIns.xcu).
namespace alignkit::identity {

// The extension as the Extension Manager knows it (description.xml's identifier).
inline constexpr char kExtensionIdentifier[] = "org.alignkit.calc";
inline constexpr char kFunctionsService[] = "org.alignkit.calc.Functions";
inline constexpr char kFunctionsImplementation[] = "org.alignkit.calc.FunctionsImpl";
// The alignment check, as a service the panel and `alignkit check` (through service: URLs) reach.
inline constexpr char kAlignmentCheckImplementation[] = "org.alignkit.calc.AlignmentCheck";
inline constexpr char kPanelFactoryImplementation[] = "org.alignkit.calc.PanelFactory";
// Calc shows UNO add-in functions only under its fixed categories, so not under "Sales & HR".
inline constexpr char kCategory[] = "Add-In";
// The extension's name in the Extension Manager (translated in po/).
inline constexpr char kExtensionName[] = "alignkit — HR and Sales planning functions";

}  // namespace alignkit::identity
