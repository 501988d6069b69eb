#include "alignkit/metrics/interruption.hpp"

namespace alignkit {

namespace detail {
thread_local InterruptionCheck interruption_check = nullptr;
}

void set_interruption_check(InterruptionCheck check) { detail::interruption_check = check; }

}  // namespace alignkit
