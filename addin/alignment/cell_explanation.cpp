// "Why this cell?": each alignkit call of one cell, where each argument comes from, and the answer.
#include "workbook_alignment.hpp"

#include <algorithm>

#include <com/sun/star/text/XText.hpp>

#include "alignkit/templates/template_reader.hpp"
#include "formula_reading.hpp"
#include "service_access.hpp"

namespace alignkit::addin {
using namespace formulas;  // the formulas' reading (formula_reading.hpp)

CellExplained::Cause CellExplained::cause() const {
  if (error_code == 0) return Cause::none;
  if (std::any_of(calls.begin(), calls.end(), [](const CallExplained& call) { return call.error.has_value(); })) return Cause::alignkit;
  // Every call was worked out here and none is the error: it comes from elsewhere in the formula.
  if (!calls.empty() && std::all_of(calls.begin(), calls.end(), [](const CallExplained& call) { return call.evaluated; })) {
    return Cause::not_alignkit;
  }
  return calls.empty() ? Cause::not_alignkit : Cause::unknown;
}

CellExplained explain_cell(templates::Reader& reader, const Reference<css::frame::XModel>& document, const CellAddress& at) {
  const OpenWorkbook book(document);
  CellExplained explained;
  explained.cell = book.name(at);
  const auto cell = book.cell(at);
  explained.error_code = static_cast<int>(cell->getError());
  explained.shown = from_office(Reference<css::text::XText>(cell, UNO_QUERY_THROW)->getString());
  if (cell->getType() != css::table::CellContentType_FORMULA) return explained;
  const Tokens tokens = Reference<css::sheet::XFormulaTokens>(cell, UNO_QUERY_THROW)->getTokens();
  const auto calls = calls_in(tokens, book.ops);
  const auto base_dir = folder_of_url(document->getURL());
  for (const auto& call : calls) {
    // A link inside another call's argument is explained there, as where that argument comes from.
    if (is_link_call(call) && std::any_of(calls.begin(), calls.end(), [&](const FoundCall& outer) {
          return &outer != &call && outer.at < call.at && call.end <= outer.end;
        })) {
      continue;
    }
    CallExplained one;
    one.function = std::string(call.function->name);
    std::vector<alignment::Seen> seen;
    std::vector<Arg> values;
    bool known = true;
    for (std::size_t i = 0; i < call.function->arguments.size(); ++i) {
      const ArgumentInfo& info = call.function->arguments[i];
      ArgumentExplained argument;
      argument.name = std::string(info.name);
      if (i >= call.arguments.size() || call.arguments[i].begin == call.arguments[i].end) {
        if (i >= call.arguments.size() && !info.optional()) break;  // too few: the office said so already
        argument.from = ArgumentExplained::From::left_out;
        if (info.fallback) argument.default_text = default_text(*info.fallback);
        argument.value = Arg{Missing{}};
        seen.push_back({alignment::Seen::Kind::left_out, {}, {}, {}, Arg{Missing{}}});
        values.push_back(Missing{});
        one.arguments.push_back(std::move(argument));
        continue;
      }
      const TokenRange span = call.arguments[i];
      ArgumentSeen held = seen_argument(book, tokens, calls, span, at);
      if (const FoundCall* link = link_at(calls, span)) {
        argument.from = ArgumentExplained::From::template_key;
        argument.where = link->arguments.size() == 2 ? text_token(tokens, link->arguments[1]) : std::string();
        if (auto source = source_named(book, tokens, *link, at)) argument.source = source->text;
        if (!argument.source.empty() && !argument.where.empty()) {
          if (auto value = reader.value(argument.source, argument.where, base_dir)) {
            if (const auto* number = std::get_if<double>(&*value)) held.seen.value = Arg{*number};
            if (const auto* text = std::get_if<std::string>(&*value)) held.seen.value = Arg{*text};
          }
        }
      } else if (held.in_formula) {
        argument.from = ArgumentExplained::From::formula;
      } else if (const std::string where = reference_text(book, tokens[span.begin], at);
                 !where.empty() && span.end - span.begin == 1) {
        argument.from = ArgumentExplained::From::cell;
        argument.where = where;
      } else if (held.seen.kind != alignment::Seen::Kind::other || span.end - span.begin != 1) {
        argument.from = ArgumentExplained::From::calculation;
      }
      if (span.end - span.begin == 1) {  // a text typed in the formula (a template's source, a shape)
        if (::rtl::OUString text; tokens[span.begin].Data >>= text) {
          argument.from = ArgumentExplained::From::formula;
          held.seen.value = Arg{from_office(text)};
        }
      }
      argument.value = held.seen.value;
      known = known && held.seen.value.has_value();
      if (held.seen.value) values.push_back(*held.seen.value);
      seen.push_back(held.seen);
      one.arguments.push_back(std::move(argument));
    }
    if (known) {
      CallContext context;
      context.base_dir = base_dir;
      context.templates = &reader;
      const auto result = evaluate(*call.function, values, context);
      one.evaluated = true;
      if (!result) one.error = result.error().message;
    }
    one.unlikely = alignment::check_call(*call.function, seen, nlohmann::json::object()).unlikely;
    explained.calls.push_back(std::move(one));
  }
  return explained;
}

}  // namespace alignkit::addin
