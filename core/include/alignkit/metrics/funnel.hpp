#pragma once
// Funnel budgeting: conversion rates in funnel order (top first) link a budget at the
// top of the funnel to units at the bottom.
#include <span>
#include <vector>

#include "alignkit/metrics/result.hpp"
#include "alignkit/metrics/values.hpp"

namespace alignkit::funnel {

/// Entries needed at the top to end with `target` at the bottom.
Result<double> volume(double target, std::span<const double> rates, bool round_up = false);

/// The n+1 stage volumes, top first; the last one is `target`.
Result<std::vector<double>> stages(double target, std::span<const double> rates, bool round_up = false);

/// Budget that buys enough top-of-funnel entries to reach `target`.
Result<double> budget(double target, std::span<const double> rates, double cost_per_top,
                      bool round_up = false);

/// Units a budget buys; the inverse of budget().
Result<double> units(double budget, std::span<const double> rates, double cost_per_top,
                     bool round_down = false);

/// Acquisition cost per unit.
Result<double> cac(double budget, double units);

/// The inverted funnel over time (FUNNEL.SCHEDULE): `targets` units per period (T), n `rates`
/// and n whole `lags` (periods from entering stage i to arriving in stage i+1). A block of
/// T + SUM(lags) rows (the lead-in periods first) and n + 1 columns, stages top first, units last.
Result<NumberBlock> schedule(std::span<const double> targets, std::span<const double> rates,
                             std::span<const double> lags, bool round_up = false);

}  // namespace alignkit::funnel
