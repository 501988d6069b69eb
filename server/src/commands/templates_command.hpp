#pragma once
// `alignkit templates list|pull|push|history|diff`: a planner's side of the template service.
// Exit codes: 0 ok, 1 refused by the service or unreachable (its message on stderr), 2 usage.
#include <iosfwd>
#include <string>
#include <vector>

namespace alignkit::service {

int run_templates(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace alignkit::service
