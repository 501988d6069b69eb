#pragma once
// `alignkit check WORKBOOK… --template SOURCE`: the alignment check of planning workbooks, run
// by the real office headless (the add-in's org.alignkit.calc.AlignmentCheck), for an
// administrator's scheduled audit. Exit 0: no drift; 1: drifts; 2: something could not be read.
#include <ostream>
#include <string>
#include <vector>

namespace alignkit::service {

int run_check(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace alignkit::service
