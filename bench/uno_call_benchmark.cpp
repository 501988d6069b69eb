// Benchmark: what the office's way of calling an add-in costs for a column, beside alignkit's own
// work. Calc calls every add-in function through UNO's core reflection (XIdlMethod::invoke), which
// copies a column's rows on the way in; the same call made directly in C++ is alignkit's whole
// part (reading the values, checks, math, the answer). Prints figures; asserts nothing.
//
// The benchmark target runs it as: URE_BOOTSTRAP=vnd.sun.star.pathname:<office>/program/fundamentalrc
// alignkit_uno_call_benchmark build/release/idl/alignkit.rdb
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <com/sun/star/container/XSet.hpp>
#include <com/sun/star/reflection/XIdlClass.hpp>
#include <com/sun/star/reflection/XIdlMethod.hpp>
#include <com/sun/star/reflection/XIdlReflection.hpp>
#include <cppuhelper/bootstrap.hxx>
#include <osl/file.hxx>

#include "addin.hpp"

namespace {
namespace css = ::com::sun::star;
using Clock = std::chrono::steady_clock;
constexpr sal_Int32 kRows = 100'000;

// Rows of one value each, as Calc hands a column to an `any` argument.
css::uno::Any column_as_calc_passes_it(const std::vector<double>& values) {
  css::uno::Sequence<css::uno::Sequence<css::uno::Any>> rows(static_cast<sal_Int32>(values.size()));
  auto* row = rows.getArray();
  for (std::size_t r = 0; r < values.size(); ++r) {
    const css::uno::Any cell(values[r]);
    row[r] = css::uno::Sequence<css::uno::Any>(&cell, 1);
  }
  return css::uno::Any(rows);
}

double row_value(const css::uno::Any& answer, sal_Int32 row) {
  css::uno::Sequence<css::uno::Sequence<double>> rows;
  return (answer >>= rows) ? rows[row][0] : -1;
}

template <class Call>
double median_ms(Call call, double& check) {
  std::vector<double> times;
  for (int round = 0; round < 9; ++round) {
    const auto from = Clock::now();
    check = call();  // the answer is read and released inside, as Calc does
    times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - from).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s ALIGNKIT_TYPES.rdb  (with URE_BOOTSTRAP naming the office's fundamentalrc)\n", argv[0]);
    return 2;
  }
  try {
    const auto context = cppu::defaultBootstrap_InitialComponentContext();
    // The office knows XAlignkit from the extension; here the type manager is told of it directly.
    css::uno::Reference<css::container::XSet> types(
        context->getValueByName("/singletons/com.sun.star.reflection.theTypeDescriptionManager"), css::uno::UNO_QUERY_THROW);
    ::rtl::OUString rdb_url;
    const std::string rdb_path = std::filesystem::absolute(argv[1]).string();
    osl::FileBase::getFileURLFromSystemPath(::rtl::OUString::createFromAscii(rdb_path.c_str()), rdb_url);
    types->insert(css::uno::Any(rdb_url));
    css::uno::Reference<css::reflection::XIdlReflection> reflection(
        context->getValueByName("/singletons/com.sun.star.reflection.theCoreReflection"), css::uno::UNO_QUERY_THROW);
    const auto method = reflection->forName("org.alignkit.calc.XAlignkit")->getMethod("funnelBudget");

    const css::uno::Reference<org::alignkit::calc::XAlignkit> addin(new alignkit::addin::FunctionsAddIn(nullptr));
    std::vector<double> targets;
    for (sal_Int32 r = 0; r < kRows; ++r) targets.push_back(r % 1000 + 1);
    const css::uno::Any target = column_as_calc_passes_it(targets);
    const css::uno::Any rates = column_as_calc_passes_it({0.02, 0.05, 0.2});
    const css::uno::Any cost(0.008);
    const css::uno::Any round_up;  // left out
    const css::uno::Any in_order[] = {target, rates, cost, round_up};
    css::uno::Sequence<css::uno::Any> arguments(in_order, 4);

    double direct_check = 0, invoked_check = 0;
    const double direct = median_ms([&] { return row_value(addin->funnelBudget(target, rates, cost, round_up), 99); },
                                    direct_check);
    const double invoked = median_ms(
        [&] { return row_value(method->invoke(css::uno::Any(addin), arguments), 99); }, invoked_check);
    std::printf("FUNNEL.BUDGET on a column of %d rows, handed over as Calc does (median of 9; row 100 = %g, %g):\n",
                kRows, direct_check, invoked_check);
    std::printf("  called directly in C++ (alignkit's whole part)        %7.1f ms\n", direct);
    std::printf("  called through UNO's core reflection, as Calc calls    %7.1f ms  (+%.1f ms for the call itself)\n",
                invoked, invoked - direct);
    return 0;
  } catch (const css::uno::Exception& e) {
    std::fprintf(stderr, "UNO: %s\n", ::rtl::OUStringToOString(e.Message, RTL_TEXTENCODING_UTF8).getStr());
    return 1;
  }
}
