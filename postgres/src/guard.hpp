#pragma once
// The one boundary between C++ and PostgreSQL, in both directions, enforced by types.
// C++ code runs inside guarded(): whatever it throws is caught there, and the PostgreSQL error is
// raised only after the C++ frames are gone, so no exception crosses into PostgreSQL and no
// longjmp skips a C++ destructor. What guarded() hands back to the plain stage (reading arguments,
// building results: where PostgreSQL may raise) must be plain data — a static_assert refuses any
// type with a destructor, so a C++ object can never be left on a stack a longjmp unwinds.
// C++ code that calls into PostgreSQL does it through from_postgres(): a PostgreSQL error raised
// there is caught (PG_TRY), copied, and carried out of the C++ frames as an exception, then raised
// again as it was by guarded().
#include <exception>
#include <new>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "alignkit/metrics/result.hpp"
#include "postgres.hpp"

namespace alignkit::pg {

/// Bad input: raised as SQLSTATE 22023 with the planner's message.
class BadInput : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Valid input asking for more work than a stated limit (memory): raised as SQLSTATE 54000.
class OverLimit : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A core function's error as the exception guarded() raises it: OverLimit or BadInput.
[[noreturn]] inline void throw_error(const Error& error) {
  if (error.over_limit) throw OverLimit(error.message);
  throw BadInput(error.message);
}

/// PostgreSQL asked this backend to stop (cancel, statement_timeout): checked in long C++ loops.
class Interrupted : public std::exception {};

inline void check_for_interrupts() {
  // InterruptPending alone also means "a parallel worker sent a message": not a reason to stop.
  if (InterruptPending && (QueryCancelPending || ProcDiePending)) throw Interrupted{};
}

/// A PostgreSQL error raised inside C++ code (caught by from_postgres), carried out as an exception.
class PostgresError : public std::exception {
 public:
  explicit PostgresError(ErrorData* error) : error_(error) {}
  [[nodiscard]] ErrorData* error() const { return error_; }
  [[nodiscard]] const char* what() const noexcept override { return "a PostgreSQL error"; }

 private:
  ErrorData* error_;  // in the memory context the call was made in
};

/// Calls into PostgreSQL from C++ code: `call` (a lambda that holds no C++ object with a
/// destructor, calling PostgreSQL's functions) runs inside PG_TRY; an error it raises becomes a
/// PostgresError, which guarded() raises again once the C++ frames are gone.
template <class Call>
auto from_postgres(Call&& call) -> decltype(call()) {
  using Result = decltype(call());
  static_assert(std::is_scalar_v<Result> || std::is_void_v<Result>,
                "what PostgreSQL hands back across PG_TRY is one plain value (a number, a pointer)");
  MemoryContext caller = CurrentMemoryContext;
  ErrorData* volatile error = nullptr;  // volatile: set after a longjmp
  if constexpr (std::is_void_v<Result>) {
    PG_TRY();
    { call(); }
    PG_CATCH();
    {
      MemoryContextSwitchTo(caller);
      error = CopyErrorData();
      FlushErrorState();
    }
    PG_END_TRY();
    if (error) throw PostgresError(error);
  } else {
    volatile Result answer{};
    PG_TRY();
    { answer = call(); }
    PG_CATCH();
    {
      MemoryContextSwitchTo(caller);
      error = CopyErrorData();
      FlushErrorState();
    }
    PG_END_TRY();
    if (error) throw PostgresError(error);
    return static_cast<Result>(answer);
  }
}

enum class Failure { none, bad_input, over_limit, interrupted, out_of_memory, internal, postgres };

/// Raises the PostgreSQL error for a failure (for Failure::postgres, `error` as it was raised);
/// returns only for Failure::none.
void raise(Failure failure, const char* message, ErrorData* error = nullptr);

/// A message in PostgreSQL's style: lower case first word, no trailing period.
void copy_message(char (&buffer)[1024], const char* message);

template <class Body>
auto guarded(Body&& body) -> decltype(body()) {
  using Result = decltype(body());
  static_assert(std::is_trivially_destructible_v<Result> && std::is_trivially_copyable_v<Result>,
                "guarded() hands the plain stage plain data only: a PostgreSQL error there must skip no destructor");
  Failure failure = Failure::none;
  char message[1024];  // not zeroed: this runs for every row
  message[0] = '\0';
  ErrorData* error = nullptr;
  Result result{};
  try {
    result = body();
  } catch (const PostgresError& e) {
    failure = Failure::postgres;
    error = e.error();
  } catch (const BadInput& e) {
    failure = Failure::bad_input;
    copy_message(message, e.what());
  } catch (const OverLimit& e) {
    failure = Failure::over_limit;
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
  raise(failure, message, error);  // here no C++ object is left on the stack
  return result;
}

/// Memory for a result, in the current memory context, from C++ code: out of memory is
/// std::bad_alloc, any other PostgreSQL error (a size past its limit) a PostgresError.
template <class T>
T* allocate(std::size_t count) {
  void* memory = from_postgres([&] { return palloc_extended(sizeof(T) * (count ? count : 1), MCXT_ALLOC_NO_OOM | MCXT_ALLOC_HUGE); });
  if (!memory) throw std::bad_alloc();
  return static_cast<T*>(memory);
}

}  // namespace alignkit::pg
