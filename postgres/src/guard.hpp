#pragma once
// The one boundary between C++ and PostgreSQL, at every entry point. C++ code runs inside
// guarded(): whatever it throws is caught there, and the PostgreSQL error is raised only after
// the C++ frames are gone, so no exception crosses into PostgreSQL and no longjmp skips a C++
// destructor. The code outside guarded() (reading arguments, building results) holds only
// plain data, so a PostgreSQL error raised there skips nothing.
#include <exception>
#include <new>
#include <stdexcept>
#include <string>

#include "postgres.hpp"

namespace alignkit::pg {

/// Bad input: raised as SQLSTATE 22023 with the planner's message.
class BadInput : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// PostgreSQL asked this backend to stop (cancel, statement_timeout): checked in long C++ loops.
class Interrupted : public std::exception {};

inline void check_for_interrupts() {
  // InterruptPending alone also means "a parallel worker sent a message": not a reason to stop.
  if (InterruptPending && (QueryCancelPending || ProcDiePending)) throw Interrupted{};
}

enum class Failure { none, bad_input, interrupted, out_of_memory, internal };

/// Raises the PostgreSQL error for a failure; returns only for Failure::none.
void raise(Failure failure, const char* message);

/// A message in PostgreSQL's style: lower case first word, no trailing period.
void copy_message(char (&buffer)[1024], const char* message);

template <class Body>
auto guarded(Body&& body) -> decltype(body()) {
  Failure failure = Failure::none;
  char message[1024];  // not zeroed: this runs for every row
  message[0] = '\0';
  decltype(body()) result{};
  try {
    result = body();
  } catch (const BadInput& e) {
    failure = Failure::bad_input;
    copy_message(message, e.what());
  } catch (const Interrupted&) {
    failure = Failure::interrupted;
  } catch (const std::bad_alloc&) {
    failure = Failure::out_of_memory;
  } catch (const std::exception& e) {
    failure = Failure::internal;
    copy_message(message, e.what());
  } catch (...) {
    failure = Failure::internal;
    copy_message(message, "unexpected problem");
  }
  raise(failure, message);  // here no C++ object is left on the stack
  return result;
}

/// Memory for a result, in the current memory context; never raises a PostgreSQL error.
template <class T>
T* allocate(std::size_t count) {
  void* memory = palloc_extended(sizeof(T) * (count ? count : 1), MCXT_ALLOC_NO_OOM | MCXT_ALLOC_HUGE);
  if (!memory) throw std::bad_alloc();
  return static_cast<T*>(memory);
}

}  // namespace alignkit::pg
