#pragma once
// Funnel budgeting: conversion rates in funnel order (top first) link a budget at the
// top of the funnel to units at the bottom.
#include <span>
#include <vector>

#include "alignkit/result.hpp"

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

}  // namespace alignkit::funnel
