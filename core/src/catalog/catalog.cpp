// The catalog: the one table of every function and its arguments. Longer than 400 lines on
// purpose — adding a function is adding one row here, and every front end follows the table.
#include "alignkit/catalog/catalog.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>
#include <new>

#include "alignkit/metrics/funnel.hpp"
#include "alignkit/metrics/goals.hpp"
#include "alignkit/metrics/ramp.hpp"
#include "alignkit/metrics/survey.hpp"
#include "alignkit/templates/template_reader.hpp"
#include "alignkit/metrics/turnover.hpp"
#include "catalog/call.hpp"

namespace alignkit {
namespace {

constexpr std::string_view kFunnel = "Funnel budgeting";
constexpr std::string_view kRamp = "Ramp and capacity";
constexpr std::string_view kTurnover = "Turnover cost";
constexpr std::string_view kGoals = "Goal alignment";
constexpr std::string_view kSurvey = "Partnership and profiles";
constexpr std::string_view kTemplates = "Shared templates";
constexpr std::string_view kPlanning = "Planning over time";

// Defaults, spelled the way rows read: a value, or a choice the function makes.
Default defaults_to(double value, std::string_view meaning = {}) { return {value, meaning}; }
Default defaults_to_flag(bool value) { return {value, {}}; }
Default defaults_to_text(std::string_view value) { return {value, {}}; }
Default left_to_function(std::string_view meaning) { return {std::monostate{}, meaning}; }

// Arguments that recur across families, declared once.
const ArgumentInfo kUnitsWanted{"target", "Units wanted at the bottom of the funnel"};
const ArgumentInfo kRates = ArgumentInfo{"rates", "Stage conversion rates in funnel order, top first (fractions in (0, 1])",
                                          ArgKind::numbers}.fed_by("funnel.rates").share_in({0, 1, true, true});
const ArgumentInfo kCostPerTop =
    ArgumentInfo{"cost_per_top", "Cost of one entry at the top of the funnel (cost per click, or CPM/1000)"}.fed_by(
        "funnel.cost_per_click").in(Unit::money);
const ArgumentInfo kRoundStagesUp{"round_up", "TRUE rounds every stage up to a whole number", ArgKind::flag,
                                  defaults_to_flag(false)};
const ArgumentInfo kRampArg =
    ArgumentInfo{"ramp", "Ramp months (linear ramp), or a range of monthly productivity fractions, month 1 first",
                 ArgKind::ramp}.fed_by("people.ramp_months").in(Unit::months);
const ArgumentInfo kAttainment =
    ArgumentInfo{"attainment", "Expected share of quota reached", ArgKind::number, defaults_to(1)}.fed_by("people.attainment")
        .share_in({0, 2});
const ArgumentInfo kCurrentReps{"current_reps", "Fully ramped reps at the start", ArgKind::number, defaults_to(0)};
const ArgumentInfo kRatings{"ratings", "Survey ratings, 1 to scale_max; empty cells are skipped", ArgKind::numbers};
const ArgumentInfo kScaleMax =
    ArgumentInfo{"scale_max", "Highest rating on the scale", ArgKind::whole, defaults_to(5)}.fed_by("survey.scale_max");
const ArgumentInfo kBox = ArgumentInfo{"box", "How many top (or bottom) categories form the box", ArgKind::whole,
                                        defaults_to(2)}.fed_by("survey.box");
const ArgumentInfo kActuals{"actuals", "Actual results, one per goal or person", ArgKind::numbers};
const ArgumentInfo kTargets{"targets", "Targets in the same order as the actuals", ArgKind::numbers};
const ArgumentInfo kHeadcount{"headcount", "People in the team"};
const ArgumentInfo kCostPerDeparture{"cost_per_departure", "Cost of one departure (see TURNOVER.COST)"};
const ArgumentInfo kTemplateSource{
    "source", "Template: a path (relative to this workbook), a file:// URL or a service's http(s) address", ArgKind::text};

survey::Scale scale_of(const Call& call) {
  return {call.whole_number("scale_max"), call.whole_number("box")};
}

// A column of per-period numbers where a blank period is 0, keeping every row (its period).
std::vector<double> periods_of(const Call& call, std::string_view argument, const char* what) {
  const auto cells = call.maybe_numbers(argument);
  if (std::none_of(cells.begin(), cells.end(), [](const auto& cell) { return cell.has_value(); })) {
    call.fail(argument, std::string("are empty: give ") + what + ", one per row");
  }
  std::vector<double> values;
  for (const auto& cell : cells) values.push_back(cell.value_or(0.0));
  return values;
}

// Paired score/weight rows; a row with neither is skipped, a row with one of them is an error.
std::pair<std::vector<double>, std::vector<double>> paired(const Call& call, std::string_view a, std::string_view b) {
  const auto left = call.maybe_numbers(a);
  const auto right = call.maybe_numbers(b);
  if (left.size() != right.size()) {
    call.fail(b, "(" + std::to_string(right.size()) + " cells) must be the same size as the other range (" +
                     std::to_string(left.size()) + " cells)");
  }
  std::pair<std::vector<double>, std::vector<double>> rows;
  for (std::size_t i = 0; i < left.size(); ++i) {
    if (!left[i] && !right[i]) continue;
    if (!left[i] || !right[i]) call.fail(!left[i] ? a : b, "has an empty cell in row " + std::to_string(i + 1));
    rows.first.push_back(*left[i]);
    rows.second.push_back(*right[i]);
  }
  return rows;
}

// What TEMPLATE.* read through, or why they cannot read here.
Result<templates::Reader*> template_reader(const CallContext& context) {
  if (!context.templates_readable) return Error{"reading templates here needs a token (Authorization: Bearer …)"};
  if (!context.templates) return Error{"templates are not read here"};
  return context.templates;
}

// A template reader's answer (a number or a text) as the catalog's Output.
template <class Value>
Result<Output> template_answer(Result<Value> value) {
  if (!value) return value.error();
  return std::visit([](const auto& v) { return Output{v}; }, *value);
}

// An argument that takes a value of any kind and judges it itself (GOAL.SMART).
ArgumentInfo any_value(std::string_view name, std::string_view description, ArgKind typical) {
  ArgumentInfo argument{name, description, ArgKind::value};
  argument.typical = typical;
  return argument;
}

// A function of data rows that also exists over a table's rows, one row's values so named.
FunctionInfo over_rows(FunctionInfo function, std::vector<std::string_view> one_row) {
  function.one_row = std::move(one_row);
  return function;
}

FunctionInfo with_columns(FunctionInfo function, std::vector<std::string_view> columns) {
  function.columns = std::move(columns);
  return function;
}

std::vector<FunctionInfo> build_table() {
  using enum ResultShape;
  return {
      // --- Funnel budgeting
      {"FUNNEL.VOLUME", "funnelVolume", kFunnel, "Entries needed at the top of a funnel to end with the target at the bottom",
       {kUnitsWanted, kRates, kRoundStagesUp},
       number,
       [](const Call& c) { return answer(funnel::volume(c.number("target"), c.numbers("rates"), c.flag("round_up"))); }},
      {"FUNNEL.STAGES", "funnelStages", kFunnel, "Volume of every funnel stage, top first, ending with the target",
       {kUnitsWanted, kRates, kRoundStagesUp},
       column,
       [](const Call& c) { return answer(funnel::stages(c.number("target"), c.numbers("rates"), c.flag("round_up"))); }},
      {"FUNNEL.BUDGET", "funnelBudget", kFunnel, "Budget that sells the target number of units through the funnel",
       {kUnitsWanted, kRates, kCostPerTop, kRoundStagesUp},
       number,
       [](const Call& c) {
         return answer(funnel::budget(c.number("target"), c.numbers("rates"), c.number("cost_per_top"), c.flag("round_up")));
       }},
      {"FUNNEL.UNITS", "funnelUnits", kFunnel, "Units a budget sells through the funnel (inverse of FUNNEL.BUDGET)",
       {{"budget", "Money spent at the top of the funnel"}, kRates, kCostPerTop,
        {"round_down", "TRUE rounds every stage down to a whole number", ArgKind::flag, defaults_to_flag(false)}},
       number,
       [](const Call& c) {
         return answer(funnel::units(c.number("budget"), c.numbers("rates"), c.number("cost_per_top"), c.flag("round_down")));
       }},
      {"FUNNEL.CAC", "funnelCac", kFunnel, "Customer acquisition cost: budget per unit sold",
       {{"budget", "Money spent"}, {"units", "Units sold with that budget"}},
       number,
       [](const Call& c) { return answer(funnel::cac(c.number("budget"), c.number("units"))); }},

      // --- Ramp and capacity
      {"RAMP.CURVE", "rampCurve", kRamp, "Monthly productivity of a new rep while ramping, month 1 first",
       {{"ramp_months", "Months until a new rep is fully productive"},
        {"shape", "\"linear\" or \"scurve\"", ArgKind::text, defaults_to_text("linear")}},
       column,
       [](const Call& c) {
         const auto shape = ramp::parse_shape(c.text("shape"));
         if (!shape) c.fail("shape", "must be \"linear\" or \"scurve\"");
         return answer(ramp::curve(c.number("ramp_months"), *shape));
       }},
      {"RAMP.LOSS", "rampLoss", kRamp, "Output lost while a new rep ramps up",
       {{"monthly_output", "Output of a fully ramped rep per month"}, kRampArg},
       number,
       [](const Call& c) { return answer(ramp::loss(c.number("monthly_output"), c.ramp("ramp"))); }},
      {"CAPACITY.REPS", "capacityReps", kRamp, "Fully ramped reps needed to reach a target",
       {{"target", "Bookings target for the period"},
        ArgumentInfo{"quota_per_rep", "Quota of one rep for the same period"}.fed_by("people.monthly_quota").in(Unit::money), kAttainment},
       number,
       [](const Call& c) {
         return answer(capacity::reps(c.number("target"), c.number("quota_per_rep"), c.number("attainment")));
       }},
      over_rows({"CAPACITY.RRE", "capacityRre", kRamp, "Ramped rep equivalents of a team, from each rep's tenure month",
       {{"tenure_months", "Tenure month of each rep (1 = first month); empty cells are skipped", ArgKind::numbers}, kRampArg},
       number,
       [](const Call& c) { return answer(capacity::rre(c.numbers("tenure_months"), c.ramp("ramp"))); }}, {"tenure_months"}),
      {"HIRING.PLAN", "hiringPlan", kRamp, "New hires to start each month so that every monthly target is met",
       {{"targets", "Bookings target of each month, one per row", ArgKind::numbers},
        ArgumentInfo{"quota", "Monthly quota of a fully ramped rep"}.fed_by("people.monthly_quota").in(Unit::money),
        kRampArg,
        ArgumentInfo{"monthly_attrition", "Share of reps leaving each month (0 to below 1)"}.fed_by("people.monthly_attrition")
            .share_in({0, 0.5}),
        kCurrentReps,
        kAttainment,
        {"lead_months", "Months a hire starts before the month that needs it", ArgKind::number,
         left_to_function("ramp months")}},
       column,
       [](const Call& c) {
         hiring::PlanInput input;
         const auto targets = c.maybe_numbers("targets");
         if (std::none_of(targets.begin(), targets.end(), [](const auto& t) { return t.has_value(); })) {
           c.fail("targets", "are empty: give one monthly target per row");
         }
         for (const auto& target : targets) input.targets.push_back(target.value_or(0.0));  // a blank month is 0
         input.quota = c.number("quota");
         const Ramp ramp = c.ramp("ramp");
         input.monthly_attrition = c.number("monthly_attrition");
         input.current_reps = c.number("current_reps");
         input.attainment = c.number("attainment");
         input.lead_months = c.optional_number("lead_months");
         return answer(hiring::plan(input, ramp));
       }},

      // --- Turnover cost
      {"TURNOVER.RATE", "turnoverRate", kTurnover, "Annualised turnover rate",
       {{"separations", "People who left in the period"}, {"average_headcount", "Average headcount in the period"},
        {"months", "Length of the period in months", ArgKind::number, defaults_to(12)}},
       number,
       [](const Call& c) {
         return answer(turnover::rate(c.number("separations"), c.number("average_headcount"), c.number("months")));
       }},
      {"TURNOVER.COST", "turnoverCost", kTurnover, "Cost of one departure and its replacement",
       {ArgumentInfo{"annual_salary", "Yearly salary of the rep who leaves"}.fed_by("people.annual_salary").in(Unit::money),
        ArgumentInfo{"monthly_quota", "Monthly quota (bookings) of a fully ramped rep"}.fed_by("people.monthly_quota").in(Unit::money),
        kRampArg,
        ArgumentInfo{"vacancy_months", "Months the seat stays empty"}.fed_by("people.vacancy_months").in(Unit::months),
        ArgumentInfo{"recruiting_cost", "Cost of recruiting the replacement", ArgKind::number, defaults_to(0)}.fed_by(
            "people.recruiting_cost").in(Unit::money),
        ArgumentInfo{"onboarding_cost", "Cost of onboarding and training", ArgKind::number, defaults_to(0)}.fed_by(
            "people.onboarding_cost").in(Unit::money),
        ArgumentInfo{"margin", "Share of bookings that is gross margin", ArgKind::number, defaults_to(1, "= count revenue")}
            .share_in({0, 1})
            .fed_by("people.margin"),
        ArgumentInfo{"separation_cost", "Cost of the departure itself", ArgKind::number, defaults_to(0)}.fed_by(
            "people.separation_cost").in(Unit::money)},
       number,
       [](const Call& c) {
         turnover::DepartureCost input;
         input.annual_salary = c.number("annual_salary");
         input.monthly_quota = c.number("monthly_quota");
         const Ramp ramp = c.ramp("ramp");
         input.vacancy_months = c.number("vacancy_months");
         input.recruiting_cost = c.number("recruiting_cost");
         input.onboarding_cost = c.number("onboarding_cost");
         input.margin = c.number("margin");
         input.separation_cost = c.number("separation_cost");
         return answer(turnover::cost(input, ramp));
       }},
      {"TURNOVER.ANNUAL", "turnoverAnnual", kTurnover, "Yearly cost of turnover for a team",
       {kHeadcount, ArgumentInfo{"turnover_rate", "Annual turnover rate (fraction)"}.share_in({0, 2}), kCostPerDeparture},
       number,
       [](const Call& c) {
         return answer(turnover::annual(c.number("headcount"), c.number("turnover_rate"), c.number("cost_per_departure")));
       }},
      {"TURNOVER.SAVINGS", "turnoverSavings", kTurnover, "Net yearly saving of a retention programme",
       {kHeadcount, ArgumentInfo{"rate_now", "Annual turnover rate today (fraction)"}.share_in({0, 2}),
        ArgumentInfo{"rate_target", "Annual turnover rate the programme aims for (fraction)"}.share_in({0, 2}),
        kCostPerDeparture,
        {"program_cost", "Yearly cost of the programme", ArgKind::number, defaults_to(0)}},
       number,
       [](const Call& c) {
         return answer(turnover::savings(c.number("headcount"), c.number("rate_now"), c.number("rate_target"),
                                         c.number("cost_per_departure"), c.number("program_cost")));
       }},

      // --- Goal alignment
      over_rows({"GOAL.ALLOCATE", "goalAllocate", kGoals, "Splits a total in proportion to weights, optionally rounded so parts still add up",
       {{"total", "Target to split"},
        {"weights", "Weight of each part (capacity, potential, last year's bookings); empty cells weigh 0", ArgKind::block},
        ArgumentInfo{"buffer", "Over-assignment on top of the total, e.g. 0.1", ArgKind::number, defaults_to(0)}
            .fed_by("goals.buffer")
            .share_in({0, 1, false, true}),
        {"decimals", "Round the parts to this many decimals by largest remainder", ArgKind::whole,
         left_to_function("no rounding")}},
       same_shape,
       [](const Call& c) -> Result<Output> {
         std::vector<double> weights;
         for (const auto& weight : c.maybe_numbers_of_block("weights")) weights.push_back(weight.value_or(0.0));
         auto parts = goals::allocate(c.number("total"), weights, c.number("buffer"), c.optional_whole_number("decimals"));
         if (!parts) return parts.error();
         const auto [rows, cols] = c.shape("weights");
         return Output{NumberBlock{rows, cols, std::move(parts).value(), {}}};
       }}, {"weight"}),
      {"GOAL.OVERASSIGN", "goalOverassign", kGoals, "How far child targets over-assign (or fall short of) the parent target",
       {{"child_targets", "Targets of the teams or people under the parent", ArgKind::numbers}, {"parent_target", "Target of the parent"}},
       number,
       [](const Call& c) { return answer(goals::overassign(c.numbers("child_targets"), c.number("parent_target"))); }},
      over_rows({"GOAL.ROLLUP", "goalRollup", kGoals, "Progress of a parent goal from its children's actuals and targets",
       {kActuals, kTargets,
        {"weights", "Weight of each goal", ArgKind::numbers, left_to_function("weight by target value")}},
       number,
       [](const Call& c) {
         const auto actuals = c.maybe_numbers("actuals");
         const auto targets = c.maybe_numbers("targets");
         if (!c.given("weights")) return answer(goals::rollup(actuals, targets));
         const auto weights = c.maybe_numbers("weights");
         return answer(goals::rollup(actuals, targets, std::span<const goals::MaybeNumber>(weights)));
       }}, {"actual", "target", "weight"}),
      over_rows({"GOAL.ATTAINMENT", "goalAttainment", kGoals, "Share of people at or above a threshold of their target",
       {kActuals, kTargets,
        ArgumentInfo{"threshold", "Share of target that counts as attained", ArgKind::number, defaults_to(1)}.share_in({0, 2})},
       number,
       [](const Call& c) {
         return answer(goals::attainment(c.maybe_numbers("actuals"), c.maybe_numbers("targets"), c.number("threshold")));
       }}, {"actual", "target"}),
      {"GOAL.PACE", "goalPace", kGoals, "Actual against the target pro-rated to today; 1 or more is on pace",
       {{"actual", "Result so far"}, {"target", "Target for the whole period"}, {"start_date", "First day of the period", ArgKind::date},
        {"end_date", "Last day of the period", ArgKind::date}, {"as_of", "Date of the actual", ArgKind::date}},
       number,
       [](const Call& c) {
         return answer(goals::pace(c.number("actual"), c.number("target"), c.number("start_date"), c.number("end_date"),
                                   c.number("as_of")));
       }},
      over_rows({"GOAL.ALIGNMENT", "goalAlignment", kGoals, "Share of goals linked to a parent goal",
       {{"linked", "Per goal: TRUE, a parent goal id or a non-zero number when linked", ArgKind::cells},
        {"weights", "Weight of each goal", ArgKind::numbers, left_to_function("all equal")}},
       number,
       [](const Call& c) {
         const auto linked = c.cells("linked");
         if (!c.given("weights")) return answer(goals::alignment(linked));
         const auto weights = c.maybe_numbers("weights");
         return answer(goals::alignment(linked, std::span<const goals::MaybeNumber>(weights)));
       }}, {"linked", "weight"}),
      {"GOAL.SMART", "goalSmart", kGoals, "SMART check of a goal: each failed letter becomes '-'",
       {any_value("description", "Goal text (Specific: at least three words)", ArgKind::text),
        any_value("target", "Target value (Measurable: a positive number)", ArgKind::number),
        any_value("baseline", "Today's value (Achievable: target within baseline*(1+max_growth))", ArgKind::number),
        any_value("due_date", "Due date (Time-bound: a valid date)", ArgKind::date),
        any_value("parent", "Parent goal id (Relevant: not empty)", ArgKind::text),
        ArgumentInfo{"max_growth", "Largest achievable growth over the baseline", ArgKind::number, defaults_to(0.5)}
            .share_in({0, 3})},
       text,
       [](const Call& c) {
         return answer(goals::smart({c.cell("description"), c.cell("target"), c.cell("baseline"), c.cell("due_date"),
                                     c.cell("parent"), c.number("max_growth")}));
       }},

      // --- Partnership survey and profiles
      over_rows({"SURVEY.TOPBOX", "surveyTopbox", kSurvey, "Share of ratings in the top box (4s and 5s on a 1-5 scale)",
       {kRatings, kScaleMax, kBox},
       number,
       [](const Call& c) { return answer(survey::topbox(c.numbers("ratings"), scale_of(c))); }}, {"rating"}),
      over_rows({"SURVEY.BOTTOMBOX", "surveyBottombox", kSurvey, "Share of ratings in the bottom box (1s and 2s on a 1-5 scale)",
       {kRatings, kScaleMax, kBox},
       number,
       [](const Call& c) { return answer(survey::bottombox(c.numbers("ratings"), scale_of(c))); }}, {"rating"}),
      {"SURVEY.GAP", "surveyGap", kSurvey, "Top-box share of one group minus that of another (e.g. HR minus Sales)",
       {{"ratings_a", "Ratings of the first group", ArgKind::numbers},
        {"ratings_b", "Ratings of the second group", ArgKind::numbers}, kScaleMax, kBox},
       number,
       [](const Call& c) { return answer(survey::gap(c.numbers("ratings_a"), c.numbers("ratings_b"), scale_of(c))); }},
      over_rows({"SURVEY.NPS", "surveyNps", kSurvey, "Net promoter score of 0-10 answers (-100 to 100)",
       {{"scores", "Answers from 0 to 10; empty cells are skipped", ArgKind::numbers}},
       number,
       [](const Call& c) { return answer(survey::nps(c.numbers("scores"))); }}, {"score"}),
      {"PROFILE.FIT", "profileFit", kSurvey, "How well a candidate matches a role profile, 0 to 1",
       {{"candidate_scores", "Candidate's score on each competency (0 to scale_max)", ArgKind::numbers},
        {"role_weights", "Weight of each competency for the role", ArgKind::numbers},
        {"scale_max", "Highest score on the scale", ArgKind::number, defaults_to(5)}},
       number,
       [](const Call& c) {
         const auto [scores, weights] = paired(c, "candidate_scores", "role_weights");
         return answer(profile::fit(scores, weights, c.number("scale_max")));
       }},

      // --- Shared templates
      {"TEMPLATE.VALUE", "templateValue", kTemplates, "A named assumption from a shared JSON template",
       {kTemplateSource, {"key", "Dotted key, e.g. funnel.rates.demo_to_sale", ArgKind::text}},
       number_or_text,
       [](const Call& c) {
         auto reader = template_reader(c.context());
         if (!reader) return Result<Output>(reader.error());
         return template_answer((*reader)->value(c.text("source"), c.text("key"), c.context().base_dir, c.context().confined));
       },
       Reads::template_files},
      {"TEMPLATE.INFO", "templateInfo", kTemplates, "What a workbook needs to know about the template it follows",
       {kTemplateSource,
        {"field", "\"name\", \"version\", \"updated\", \"author\", \"approved_by\", \"stale\" or \"checked\"", ArgKind::text}},
       number_or_text,
       [](const Call& c) {
         auto reader = template_reader(c.context());
         if (!reader) return Result<Output>(reader.error());
         return template_answer((*reader)->info(c.text("source"), c.text("field"), c.context().base_dir, c.context().confined));
       },
       Reads::template_files},

      // --- Planning over time
      with_columns({"FUNNEL.SCHEDULE", "funnelSchedule", kPlanning,
       "The inverted funnel over time: what must enter each stage in each period, lead-in periods first",
       {{"targets", "Units wanted at the bottom in each period, one per row", ArgKind::numbers},
        kRates,
        {"lags", "Whole periods from entering each stage to arriving in the next, same order as rates", ArgKind::numbers},
        {"round_up", "TRUE rounds every volume up to a whole number", ArgKind::flag, defaults_to_flag(false)}},
       block,
       [](const Call& c) {
         return answer(funnel::schedule(periods_of(c, "targets", "the units wanted in each period"), c.numbers("rates"),
                                        c.numbers("lags"), c.flag("round_up")));
       }}, {"volumes[]", "units"}),
      with_columns({"CAPACITY.PLAN", "capacityPlan", kPlanning,
       "What a hiring plan delivers each period: headcount, ramped rep equivalents, bookings capacity",
       {{"hires", "New hires starting in each period, one per row", ArgKind::numbers},
        {"quota", "Quota per period of a fully ramped rep"},
        kRampArg,
        ArgumentInfo{"monthly_attrition", "Share of reps leaving each period", ArgKind::number, defaults_to(0)}.share_in({0, 0.5}),
        kCurrentReps,
        kAttainment},
       block,
       [](const Call& c) -> Result<Output> {
         const auto hires = periods_of(c, "hires", "the new hires of each period");
         hiring::PlanInput input;
         input.quota = c.number("quota");
         const Ramp ramp = c.ramp("ramp");
         input.monthly_attrition = c.number("monthly_attrition");
         input.current_reps = c.number("current_reps");
         input.attainment = c.number("attainment");
         auto rows = hiring::capacity_plan(input, ramp, hires);
         if (!rows) return rows.error();
         NumberBlock block{rows->size(), 3, {}, {}};
         for (const auto& row : *rows) block.values.insert(block.values.end(), {row.headcount, row.ramped_equivalents, row.capacity});
         return Output{std::move(block)};
       }}, {"headcount", "ramped_reps", "capacity"}),
      {"GOAL.PRORATE", "goalProrate", kPlanning,
       "One person's target per period when they start part-way through the year",
       {{"annual_target", "The target for a whole year"},
        {"seasonality", "Weight of each period (12 months or 4 quarters), not all 0", ArgKind::numbers},
        {"start_period", "First period the person works (1 = the first)", ArgKind::whole},
        {"ramp", "Ramp months, or a range of productivity fractions, from the start", ArgKind::ramp,
         left_to_function("none")}},
       column,
       [](const Call& c) {
         const std::optional<Ramp> ramp = c.optional_ramp("ramp");
         return answer(goals::prorate(c.number("annual_target"), periods_of(c, "seasonality", "one weight per period"),
                                      c.number("start_period"), ramp ? &*ramp : nullptr));
       }},
  };
}

std::string canonical(std::string_view name) {
  std::string key(name);
  for (char& ch : key) ch = ch == '_' ? '.' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return key;
}

}  // namespace

std::string_view kind_name(ArgKind kind) {
  switch (kind) {
    case ArgKind::number: return "a number";
    case ArgKind::whole: return "a whole number";
    case ArgKind::flag: return "TRUE or FALSE";
    case ArgKind::date: return "a date";
    case ArgKind::text: return "a text";
    case ArgKind::value: return "a value";
    case ArgKind::numbers: return "a range of numbers";
    case ArgKind::block: return "a block of numbers";
    case ArgKind::cells: return "a range of values";
    case ArgKind::ramp: return "ramp months or a ramp curve";
  }
  return "an argument";
}

std::string_view unit_key(Unit unit) {
  switch (unit) {
    case Unit::money: return "money";
    case Unit::months: return "months";
    case Unit::none: break;
  }
  return "";
}

std::string_view kind_key(ArgKind kind) {
  switch (kind) {
    case ArgKind::number: return "number";
    case ArgKind::whole: return "whole";
    case ArgKind::flag: return "flag";
    case ArgKind::date: return "date";
    case ArgKind::text: return "text";
    case ArgKind::value: return "value";
    case ArgKind::numbers: return "numbers";
    case ArgKind::block: return "block";
    case ArgKind::cells: return "cells";
    case ArgKind::ramp: return "ramp";
  }
  return "argument";
}

std::string default_text(const Default& fallback) {
  if (const auto* number = std::get_if<double>(&fallback.value)) {
    char text[32];
    std::snprintf(text, sizeof text, "%.15g", *number);
    return text;
  }
  if (const auto* flag = std::get_if<bool>(&fallback.value)) return *flag ? "TRUE" : "FALSE";
  std::string quoted;  // appended, not "\"" + text: GCC 12 warns falsely (-Wrestrict) on that at -O3
  if (const auto* text = std::get_if<std::string_view>(&fallback.value)) quoted.append("\"").append(*text).append("\"");
  return quoted;
}

ArgumentInfo::ArgumentInfo(std::string_view name, std::string_view description, ArgKind kind,
                           std::optional<Default> fallback)
    : name(name), description(description), summary(description), kind(kind), fallback(std::move(fallback)) {
  if (!this->fallback) return;
  const std::string value = default_text(*this->fallback);
  const std::string_view meaning = this->fallback->meaning;
  if (value.empty()) {
    this->description.append(" (default: ").append(meaning).append(")");
  } else {
    this->description.append(" (default ").append(value);
    if (!meaning.empty()) this->description.append(" ").append(meaning);
    this->description.append(")");
  }
}

bool FunctionInfo::answers_columns() const {
  return shape == ResultShape::number &&
         std::any_of(arguments.begin(), arguments.end(), [](const ArgumentInfo& a) { return takes_column(a.kind); });
}

std::size_t FunctionInfo::required_arguments() const {
  return static_cast<std::size_t>(
      std::count_if(arguments.begin(), arguments.end(), [](const ArgumentInfo& a) { return !a.optional(); }));
}

std::span<const FunctionInfo> functions() {
  static const std::vector<FunctionInfo> table = build_table();
  return table;
}

const FunctionInfo* find_function(std::string_view name) {
  const std::string wanted = canonical(name);
  for (const auto& function : functions()) {
    if (canonical(function.name) == wanted || canonical(function.method) == wanted) return &function;
  }
  return nullptr;
}

namespace {

Result<Output> evaluate_one(const FunctionInfo& function, std::span<const Arg> args, const CallContext& context) noexcept {
  try {
    auto result = function.evaluate(Call(function, args, context));
    if (!result) return result;
    if (const auto* number = std::get_if<double>(&*result); number && !std::isfinite(*number)) {
      return Error{"the result is not a finite number (inputs too large or too small)"};
    }
    if (const auto* block = std::get_if<NumberBlock>(&*result)) {
      if (!std::all_of(block->values.begin(), block->values.end(), [](double v) { return std::isfinite(v); })) {
        return Error{"the result is not a finite number (inputs too large or too small)"};
      }
    }
    return result;
  } catch (const ArgumentError& e) {
    return Error{e.what()};
  } catch (const std::bad_alloc&) {
    return Error{"not enough memory for these inputs"};
  } catch (const std::exception& e) {
    return Error{std::string("unexpected problem: ") + e.what()};
  } catch (...) {
    return Error{"unexpected problem"};
  }
}

// "Columns at once": the arguments that take one number but were given a column, and its length.
struct Columns {
  std::vector<std::size_t> arguments;
  std::size_t rows = 0;
};

// True when some argument that takes one number was given more than one value: most calls
// are not, and this costs nothing to ask.
bool any_column(const FunctionInfo& function, std::span<const Arg> args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto* range = std::get_if<Range>(&args[i]);
    if (range && range->size() > 1 && takes_column(function.arguments[i].kind)) return true;
  }
  return false;
}

Result<Columns> columns_in(const FunctionInfo& function, std::span<const Arg> args) {
  Columns columns;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto* range = std::get_if<Range>(&args[i]);
    if (!range || range->size() <= 1 || !takes_column(function.arguments[i].kind)) continue;
    const std::string name(function.arguments[i].name);
    if (range->cols != 1) {
      return Error{name + " takes one number or a column of numbers, not " + std::to_string(range->rows) + " x " +
                   std::to_string(range->cols) + " cells"};
    }
    if (columns.rows != 0 && range->rows != columns.rows) {
      return Error{name + " has " + std::to_string(range->rows) + " rows but " +
                   std::string(function.arguments[columns.arguments.front()].name) + " has " +
                   std::to_string(columns.rows) + ": columns given together must be as long"};
    }
    columns.rows = range->rows;
    columns.arguments.push_back(i);
  }
  return columns;
}

// Row k of a column as the argument one cell would pass: a number, a text, or left out when empty.
void read_row(const Range& column, std::size_t k, Arg& into) {
  if (column.holds_numbers()) {
    const double number = column.numbers[k];
    if (number == number) {
      into = number;
    } else {
      into = Missing{};  // NaN: an empty cell, as Calc passes one cell that is empty
    }
    return;
  }
  const Cell& cell = column.cells[k];
  if (const auto* number = std::get_if<double>(&cell)) {
    into = *number;
  } else if (const auto* text = std::get_if<std::string>(&cell)) {
    into = *text;
  } else {
    into = Missing{};
  }
}

// Row k from row k of every column; a one-value argument applies to every row. A bad row is
// NaN with its message, and the other rows keep their numbers. This runs for every row of the
// column: a range that applies to every row (the funnel's rates) is turned into numbers once
// here, so that no row copies it again.
Output evaluate_rows(const FunctionInfo& function, std::span<const Arg> args, const CallContext& context,
                     const Columns& columns) {
  std::vector<Arg> row;
  row.reserve(args.size());
  for (std::size_t i = 0; i < args.size(); ++i) {
    const bool is_column = std::find(columns.arguments.begin(), columns.arguments.end(), i) != columns.arguments.end();
    row.push_back(is_column ? Arg{Missing{}} : args[i]);
    if (auto* range = std::get_if<Range>(&row.back()); range && !is_column) hold_as_numbers(*range);
  }
  NumberBlock block{columns.rows, 1, std::vector<double>(columns.rows), {}};
  for (std::size_t k = 0; k < columns.rows; ++k) {
    for (std::size_t i : columns.arguments) read_row(std::get<Range>(args[i]), k, row[i]);
    auto result = evaluate_one(function, row, context);
    const double* number = result ? std::get_if<double>(&*result) : nullptr;
    if (number) {
      block.values[k] = *number;
    } else {
      block.values[k] = std::numeric_limits<double>::quiet_NaN();
      block.errors.push_back({k, "row " + std::to_string(k + 1) + ": " +
                                     (result ? std::string("the answer is not a number") : result.error().message)});
    }
  }
  return block;
}

}  // namespace

Result<Output> evaluate(const FunctionInfo& function, std::span<const Arg> args, const CallContext& context) noexcept {
  if (args.size() > function.arguments.size()) {
    return Error{std::string(function.name) + " takes at most " + std::to_string(function.arguments.size()) +
                 " arguments, not " + std::to_string(args.size())};
  }
  if (function.answers_columns() && any_column(function, args)) {
    try {
      auto columns = columns_in(function, args);
      if (!columns) return columns.error();
      if (!columns->arguments.empty()) return evaluate_rows(function, args, context, *columns);
    } catch (const std::bad_alloc&) {
      return Error{"not enough memory for these inputs"};
    }
  }
  return evaluate_one(function, args, context);
}

}  // namespace alignkit
