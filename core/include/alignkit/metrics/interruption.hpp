#pragma once
// Long work in the core stops when its host asks (PostgreSQL's cancel and statement_timeout):
// the host sets, for its thread, a check that throws the host's own exception; the core's loops
// that can run long call it every so often. The core knows nothing of the host, and work in a
// host that sets no check (Calc, the service) is not slowed.
#include <cstddef>

namespace alignkit {

using InterruptionCheck = void (*)();
/// The check for this thread; nullptr for none.
void set_interruption_check(InterruptionCheck check);

namespace detail {
extern thread_local InterruptionCheck interruption_check;
}

/// Every 16,384th step of a loop (and its first), asks the host whether to stop.
inline void interruption_point(std::size_t step) {
  if ((step & 0x3fff) == 0 && detail::interruption_check != nullptr) detail::interruption_check();
}

}  // namespace alignkit
