// alignkit's words in other languages: the lookup, the placeholders, and the sidebar's texts
// following the office's language. Expected texts are the translators' (po/*.po).
#include <doctest/doctest.h>

#include "funnel_plan.hpp"
#include "number_text.hpp"
#include "translation.hpp"

namespace tr = alignkit::translation;
using namespace alignkit::sidebar;

namespace {
// Sets the sidebar's language for one test and puts English back after it.
struct UiLanguage {
  explicit UiLanguage(std::string_view language) { tr::set_ui_language(language); }
  ~UiLanguage() { tr::set_ui_language(""); }
};
}  // namespace

TEST_CASE("translation: shipped languages and the language of a locale") {
  CHECK(tr::languages().size() == 3);
  CHECK(tr::language_of("de-DE") == "de");
  CHECK(tr::language_of("fr_FR.UTF-8") == "fr");
  CHECK(tr::language_of("es") == "es");
  CHECK(tr::language_of("ES-mx") == "es");
  CHECK(tr::language_of("it-IT").empty());   // not shipped: English
  CHECK(tr::language_of("deu").empty());     // a three-letter code is another language
  CHECK(tr::language_of("C.UTF-8").empty());
  CHECK(tr::language_of("").empty());
}

TEST_CASE("translation: a context keeps a function's name apart from ordinary text") {
  CHECK(tr::translate("de", "function name", "FUNNEL.BUDGET") == "TRICHTER.BUDGET");
  CHECK(tr::translate("fr", "function name", "GOAL.ALLOCATE") == "OBJECTIF.RÉPARTIR");
  CHECK(tr::translate("es", "argument name", "target") == "objetivo");
  CHECK(tr::translate("es", "", "Target") == "Objetivo");
  CHECK(tr::translate("de", "", "FUNNEL.BUDGET") == "FUNNEL.BUDGET");  // no such text without the context
  CHECK(tr::translate("de", "", "a text nobody translated") == "a text nobody translated");
  CHECK(tr::translate("", "function name", "FUNNEL.BUDGET") == "FUNNEL.BUDGET");
  CHECK(tr::translate("it", "function name", "FUNNEL.BUDGET") == "FUNNEL.BUDGET");
}

TEST_CASE("translation: placeholders filled in the translator's order") {
  CHECK(tr::fill("{1} of {2}", {"3", "12"}) == "3 of 12");
  CHECK(tr::fill("{2}, {1}", {"a", "b"}) == "b, a");
  CHECK(tr::fill("4{2}000 and {2}", {"x", "."}) == "4.000 and .");
  CHECK(tr::fill("{3} stays", {"a"}) == "{3} stays");  // no value for it: left as written
  CHECK(tr::fill("100% {", {}) == "100% {");
}

TEST_CASE("translation: the sidebar's texts follow the office's language") {
  CHECK(std::string(tr::tr("Insert into sheet")) == "Insert into sheet");
  {
    const UiLanguage french("fr-FR");
    CHECK(tr::ui_language() == "fr");
    CHECK(std::string(tr::tr("Insert into sheet")) == "Insérer dans la feuille");
    // The inserted block's labels and a field's message, as a French planner sees them.
    const auto block = funnel_block(seed_funnel(), {}, 0, 0);
    CHECK(block.rows().front().front().text == "Plan d'entonnoir : budget pour une cible d'unités");
    CHECK(field_problem("Quota", alignkit::Error{""}) == "Quota : saisissez un nombre.");
  }
  {
    const UiLanguage german("de_DE.UTF-8");
    const auto number = parse_number("0.5", NumberFormat{",", "."});
    REQUIRE_FALSE(number);
    CHECK(number.error().message == "„0.5“ ist keine Zahl: hier ist das Dezimaltrennzeichen „,“ und „.“ gruppiert Tausender (4.000).");
  }
  CHECK(tr::ui_language().empty());
  CHECK(std::string(tr::tr("Insert into sheet")) == "Insert into sheet");
}

TEST_CASE("translation: a function's reason for bad input in the planner's language, by its shape") {
  using alignkit::translation::translate_message;
  // The core's own messages, as FUNNEL.BUDGET and TURNOVER.COST give them.
  CHECK(translate_message("de", "rate 2 (3) is outside (0, 1]") == "Quote 2 (3) liegt außerhalb von (0, 1]");
  CHECK(translate_message("fr", "rate 2 (3) is outside (0, 1]") == "le taux 2 (3) est hors de (0, 1]");
  // An argument's name as the Function Wizard shows it; an interval in words is a shape of its own.
  CHECK(translate_message("de", "monthly_quota (-1) must be more than 0") == "monatsquote (-1) muss größer als 0 sein");
  CHECK(translate_message("es", "attainment (3) is outside (0, 2]") == "cumplimiento (3) está fuera de (0, 2]");
  // Other shapes, English and unknown languages stay as the function said them.
  CHECK(translate_message("de", "targets cover more than 1200 months") == "targets cover more than 1200 months");
  CHECK(translate_message("", "rate 2 (3) is outside (0, 1]") == "rate 2 (3) is outside (0, 1]");
  CHECK(translate_message("xx", "rate 2 (3) is outside (0, 1]") == "rate 2 (3) is outside (0, 1]");
}
