#pragma once
// The admin's commands, run on the service's machine:
//   alignkit users add NAME --owns GROUP,… --users FILE     (prints the new token, once)
//   alignkit users remove NAME --users FILE
//   alignkit users list --users FILE
//   alignkit store import DIR --store sqlite:PATH|postgresql:CONNECTION
#include <iosfwd>
#include <string>
#include <vector>

namespace alignkit::service {

int run_users(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_store(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace alignkit::service
