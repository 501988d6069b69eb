#pragma once
// `alignkit eval`: one function from the command line, or a batch of JSON calls.
#include <iosfwd>
#include <string>
#include <vector>

namespace alignkit::templates {
class Reader;
}

namespace alignkit::service {

enum ExitCode : int { kOk = 0, kInvalidInput = 1, kUsage = 2 };

/// args are what follows "eval". Results go to out, messages to err; TEMPLATE.* read through `reader`.
int run_eval(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err,
             templates::Reader& reader);

}  // namespace alignkit::service
