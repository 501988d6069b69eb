// The page in the reader's language: the words come from the same po/ catalogs as the add-in's
// (the build writes words-<language>.json from them), numbers and dates in the reader's format.
const languages = ["de", "fr", "es"];
let words = {};
let language = "en";

/** The language the browser prefers, of those alignkit speaks; English otherwise. */
export function preferredLanguage(preferences = navigator.languages || [navigator.language || "en"]) {
  for (const preference of preferences) {
    const primary = String(preference).toLowerCase().split("-")[0];
    if (primary === "en") return "en";
    if (languages.includes(primary)) return primary;
  }
  return "en";
}

export async function loadWords(wanted) {
  language = wanted;
  document.documentElement.lang = wanted;
  if (wanted === "en") return;
  const response = await fetch(`/page/words-${wanted}.json`, { credentials: "same-origin" });
  if (response.ok) words = await response.json();
}

/** A word translated in a context, as the translators' catalogs keep it ("argument name"). */
export function tc(context, english) {
  return words[`${context}\u0004${english}`] || english;
}

/** The text in the page's language: `english` is the translators' key. {1}, {2}… take `values`. */
export function t(english, ...values) {
  const text = words[english] || english;
  return text.replace(/\{([1-9])\}/g, (all, n) => (values[n - 1] === undefined ? all : String(values[n - 1])));
}

export function currentLanguage() {
  return language;
}

const numberFormat = () => new Intl.NumberFormat(language, { maximumFractionDigits: 10 });

/** A computed figure (a budget, a cost, a count of reps) to two decimals at most, as the reader writes numbers. */
export function formatFigure(value) {
  if (typeof value !== "number" || !Number.isFinite(value)) return String(value);
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value);
}

/** A number as the reader writes it; a share as a percent. */
export function formatNumber(value, share = false) {
  if (typeof value !== "number" || !Number.isFinite(value)) return String(value);
  return share ? `${numberFormat().format(roundShare(value * 100))} %` : numberFormat().format(value);
}

// value * 100 in binary floating point (0.035 * 100 = 3.5000000000000004): as the reader typed it.
function roundShare(percent) {
  return Number(percent.toPrecision(12));
}

/** The separators of the reader's numbers. */
function separators() {
  const parts = new Intl.NumberFormat(language).formatToParts(12345.6);
  return {
    group: (parts.find((p) => p.type === "group") || { value: "," }).value,
    decimal: (parts.find((p) => p.type === "decimal") || { value: "." }).value,
  };
}

/**
 * A number typed in the reader's format ("65.000" and "0,5" in German); for a share, percent
 * ("3,5" or "3,5 %" is 0.035). Nothing when it is not a number written so.
 */
export function parseNumber(text, share = false) {
  const { group, decimal } = separators();
  let clean = String(text).trim().replace(/\s*%$/, "").replace(/[\s\u00a0\u202f]/g, "");
  if (!clean) return undefined;
  const groups = group === "\u00a0" || group === "\u202f" ? "" : group;
  const wellFormed = new RegExp(`^[-+]?(\\d{1,3}(${escape(groups)}\\d{3})+|\\d+)(${escape(decimal)}\\d+)?$`);
  if (!wellFormed.test(clean) && !/^[-+]?\d+$/.test(clean)) return undefined;
  if (groups) clean = clean.split(groups).join("");
  clean = clean.replace(decimal, ".");
  const value = Number(clean);
  if (!Number.isFinite(value)) return undefined;
  return share ? Number((value / 100).toPrecision(12)) : value;
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** An example of a number in the reader's format, for hints. */
export function numberExample(share = false) {
  return share ? formatNumber(0.035, true) : formatNumber(65000.5);
}

/** A template's value as the reader reads it: a number in their format (a share as a percent),
 *  a list joined, anything else as written. */
export function formatValue(value, share = false) {
  if (typeof value === "number") return formatNumber(value, share);
  if (Array.isArray(value) && value.every((item) => item === null || typeof item !== "object")) return value.join(", ");
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** A time the service wrote (ISO 8601, UTC) in the reader's format and time zone. */
export function formatTime(iso) {
  const moment = new Date(iso);
  if (Number.isNaN(moment.getTime())) return iso || "";
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" }).format(moment);
}
