// One template: its values by owner group (the signed-in user's groups editable, the others
// read-only with their owners named), what a change does before it is published, and publishing
// it with a message and the version it builds on.
import { api, ServiceError } from "./api.js";
import { clear, h, newId } from "./dom.js";
import { explain, focusOn, ownersOfGroup, redraw, say, session, showProblem, signedOut } from "./page_shell.js";
import { showHistory } from "./history_view.js";
import { showProposals, effectsTable } from "./proposals_view.js";
import { changedKeys, holdsShare, infoFor, keyInfo, leaves, owns, reapply, touchedGroups, valueAt, withValue } from "./template_model.js";
import { formatNumber, formatTime, formatValue, numberExample, parseNumber, t, tc } from "./words.js";

// What a key feeds, in the reader's language: the argument's words as translators translate
// them, and its default said apart (as the Function Wizard says it).
function describe(about) {
  if (!about.summary) return about.description;
  const fallback = about.default;
  if (!fallback) return t(about.summary);
  const value = /^-?\d+(\.\d+)?$/.test(fallback.value ?? "") ? formatNumber(Number(fallback.value)) : fallback.value;
  const said = value && fallback.meaning ? t("(default {1} {2})", value, t(fallback.meaning))
             : value ? t("(default {1})", value)
             : t("(default: {1})", t(fallback.meaning));
  return `${t(about.summary)} ${said}`;
}

/** One template's tab, drawn into `view`; returns the heading to move the reader to. */
export async function showTemplate(view, name, tab) {
  let current;
  try {
    current = await api.template(name);
  } catch (error) {
    if (error instanceof ServiceError && error.status === 401) return signedOut();
    view.append(h("p", { class: "notice error", role: "alert", text: explain(error) }));
    return null;
  }
  const title = typeof current.document.name === "string" ? current.document.name : name;
  const heading = h("h1", { text: title });
  view.append(h("p", {}, h("a", { href: "#", text: t("All templates") })), heading,
    h("p", { class: "muted", id: "template-version",
             text: t("{1}, version {2}, published {3} by {4}", name, current.version, formatTime(current.published), current.author) }));
  const tabs = [["values", t("Values")], ["history", t("History")], ["proposals", t("Proposals")]];
  view.append(h("nav", { "aria-label": t("Views of this template") },
    h("div", { class: "tabs" }, tabs.map(([id, label]) => h("button", {
      type: "button", id: `tab-${id}`, "aria-current": tab === id ? "page" : false,
      onclick: () => { window.location.hash = `#/t/${encodeURIComponent(name)}${id === "values" ? "" : `/${id}`}`; }, text: label })))));
  const body = h("div", { id: "view" });
  view.append(body);
  if (tab === "history") await showHistory(body, name, current);
  else if (tab === "proposals") await showProposals(body, name, current);
  else showValues(body, name, current);
  return heading;
}



// What a person calls a key: its own name in words (in the reader's language where an argument
// of that name is translated), with the unit of the argument it feeds: "Annual salary (USD)",
// "Ramp months" (a key that says its unit says it once).
function labelOf(leaf, about, currency) {
  if (!about) return leaf.key;
  const words = tc("argument name", leaf.key.slice(leaf.key.lastIndexOf(".") + 1));
  const name = words.replace(/_/g, " ").replace(/^./, (first) => first.toUpperCase());
  const unit = about.unit === "percent" ? "%" : about.unit === "money" ? currency
             : about.unit === "months" && !words.toLowerCase().includes(t("months").toLowerCase()) ? t("months") : "";
  return unit ? `${name} (${unit})` : name;
}

// The text a source cites for a key (sources.annual_turnover for people.annual_turnover).
function sourceOf(document, leaf) {
  const sources = document.sources;
  if (leaf.group === "sources" || !sources || typeof sources !== "object") return "";
  const cited = sources[leaf.key.slice(leaf.key.lastIndexOf(".") + 1)];
  return typeof cited === "string" ? cited : "";
}

// One field per value the template keeps: a share as a percent, a long text wrapped.
function valueField(leaf, info, editable, document) {
  const id = newId("value");
  const hintId = `${id}-hint`;
  const about = infoFor(info, leaf.key);
  const share = Boolean(about && about.share) && typeof leaf.value === "number";
  const isNumber = typeof leaf.value === "number";
  const shown = isNumber ? formatNumber(leaf.value, share).replace(/\s*%$/, "")
              : Array.isArray(leaf.value) ? leaf.value.join(", ") : String(leaf.value ?? "");
  const long = !isNumber && shown.length > 40;
  const attributes = { id, name: leaf.key, class: `value-input${isNumber ? "" : " text"}`,
                       readonly: !editable || !isEditableValue(leaf.value), "aria-describedby": hintId, "data-key": leaf.key,
                       "data-share": share ? "1" : "0", "data-kind": isNumber ? "number" : Array.isArray(leaf.value) ? "list" : "text" };
  const input = long ? h("textarea", { ...attributes, rows: String(Math.min(6, Math.ceil(shown.length / 42))) })
                     : h("input", { ...attributes, type: "text", inputmode: isNumber ? "decimal" : false, value: shown });
  if (long) input.value = shown;
  const hint = [about ? describe(about) : t("No function reads this key")];
  if (share && editable) hint.push(t("Written as a percentage: {1} for {1} %", formatNumber(25)));
  else if (isNumber && editable) hint.push(t("Numbers are written like {1}", numberExample(share).replace(/\s*%$/, "")));
  const currency = typeof document.currency === "string" ? document.currency : "";
  const source = sourceOf(document, leaf);
  return h("div", { class: "field", "data-field": leaf.key },
    h("label", { for: id }, labelOf(leaf, about, currency), about ? h("span", { class: "key", text: leaf.key }) : null),
    h("p", { class: "hint", id: hintId, text: hint.join(" · ") }),
    input,
    source ? h("p", { class: "source", text: t("Source: {1}", source) }) : null,
    h("p", { class: "typo-text", id: `${id}-typo`, role: "status", hidden: true }),
    h("p", { class: "error-text", id: `${id}-error`, hidden: true }));
}

// A group's fields: those a function reads first; the rest together, folded away.
function groupFields(group, groupLeaves, info, editable, document) {
  const read = groupLeaves.filter((leaf) => infoFor(info, leaf.key));
  const unread = groupLeaves.filter((leaf) => !infoFor(info, leaf.key));
  const parts = [];
  if (read.length) parts.push(h("div", { class: "grid" }, read.map((leaf) => valueField(leaf, info, editable, document))));
  if (unread.length) {
    const title = group === "sources" ? t("Sources ({1}), shown beside the values they cite", unread.length)
                                      : t("{1} more kept with the template, read by no function", unread.length);
    parts.push(h("details", { class: "unread", "data-unread": group },
      h("summary", { text: title }),
      h("div", { class: "grid" }, unread.map((leaf) => valueField(leaf, info, editable, document)))));
  }
  return parts;
}

function isEditableValue(value) {
  return typeof value === "number" || typeof value === "string";
}

function showValues(body, name, current) {
  const info = keyInfo(session.functions);
  const base = current.document;
  const summary = h("div", { id: "problems" });
  const form = h("form", { id: "values", novalidate: true });
  const byGroup = new Map();
  for (const leaf of leaves(base)) {
    if (!byGroup.has(leaf.group)) byGroup.set(leaf.group, []);
    byGroup.get(leaf.group).push(leaf);
  }
  for (const [group, groupLeaves] of byGroup) {
    const editable = owns(session.me, group);
    const note = editable ? t("yours to change") : t("read-only: owned by {1}", ownersOfGroup(group));
    form.append(h("fieldset", { id: `group-${group}`, "data-group": group },
      h("legend", {}, group, " ", h("span", { class: "owner", text: `(${note})` })),
      ...groupFields(group, groupLeaves, info, editable, base)));
  }
  // The change beside the edit: its message, what it changes and does, and Publish, kept in view.
  const messageId = newId("message");
  const message = h("div", { class: "field" },
    h("label", { for: messageId, text: t("What changed, and why") }),
    h("p", { class: "hint", id: `${messageId}-hint`, text: t("Kept with the version and shown in its history.") }),
    h("textarea", { id: messageId, name: "message", form: "values", "aria-describedby": `${messageId}-hint`, maxlength: "500" }));
  const changes = h("div", { id: "your-changes", "aria-live": "polite" });
  // A narrow screen scrolls the table sideways: a region the keyboard can reach.
  const effectsTableHolder = h("div", { id: "effects-table", class: "scrolls", tabindex: "0", role: "region", "aria-labelledby": "effects-title" });
  const effects = h("section", { id: "effects", "aria-labelledby": "effects-title" },
    h("h2", { id: "effects-title", text: t("What this change does") }), effectsTableHolder);
  const publishButton = h("button", { type: "submit", id: "publish", form: "values", text: t("Publish") });
  const outcome = h("div", { id: "outcome", "aria-live": "polite" });
  const panel = h("aside", { id: "change-panel", "aria-label": t("Your change") },
    message, changes, h("div", { class: "actions publish-bar" }, publishButton), outcome, effects);
  body.append(summary, h("div", { class: "values-layout" }, form, panel));

  let state = { base, version: current.version };
  const draft = () => readDraft(form, state.base);
  let pending = 0;
  const refresh = async () => {
    const made = draft();
    showChanges(changes, state.base, made.document, made.problems);
    const groups = touchedGroups(state.base, made.document);
    publishButton.disabled = made.problems.length > 0 || groups.length === 0;
    const asked = ++pending;
    if (made.problems.length) return;
    try {
      const figures = await api.effects(name, state.version, made.document);
      if (asked === pending) effectsTable(effectsTableHolder, figures);
    } catch (error) {
      if (asked === pending) clear(effectsTableHolder).append(h("p", { class: "notice error", text: explain(error) }));
    }
  };
  let timer;
  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const made = draft();
    if (made.problems.length) return showProblem(summary, made.problems[0].field, made.problems[0].message);
    clear(summary);
    const message = form.elements.message.value.trim();  // the panel's textarea belongs to the form
    await send(name, state, made.document, message, outcome, (published) => {
      state = published;
      redraw();
    });
  });
  refresh();
}

// The draft as typed: the document with every editable field's value, and what cannot be read.
// A fraction typed in a percent field (0.3 for 30 %) is kept as typed and asked about.
function readDraft(form, base) {
  let draft = structuredClone(base);
  const problems = [];
  for (const input of form.querySelectorAll("[data-key]")) {
    if (input.readOnly) continue;
    const key = input.dataset.key;
    const errorText = form.querySelector(`#${input.id}-error`);
    const typoText = form.querySelector(`#${input.id}-typo`);
    input.closest(".field").classList.remove("invalid");
    errorText.hidden = true;
    typoText.hidden = true;
    input.removeAttribute("aria-invalid");
    if (input.dataset.kind === "number") {
      const share = input.dataset.share === "1";
      const value = parseNumber(input.value, share);
      if (value === undefined) {
        const message = t("{1}: “{2}” is not a number written as {3}", key, input.value, numberExample(share).replace(/\s*%$/, ""));
        problems.push({ field: input, message });
        errorText.textContent = message;
        errorText.hidden = false;
        input.setAttribute("aria-invalid", "true");
        input.closest(".field").classList.add("invalid");
        continue;
      }
      if (share && !/%\s*$/.test(input.value) && value > 0 && value < 0.01) {
        typoText.textContent = t("{1} is read as {2} — did you mean {3}?", input.value.trim(), formatNumber(value, true),
                                 formatNumber(value * 100, true));
        typoText.hidden = false;
      }
      if (value !== valueAt(base, key)) draft = withValue(draft, key, value);
    } else if (input.dataset.kind === "text" && input.value !== valueAt(base, key)) {
      draft = withValue(draft, key, input.value);
    }
  }
  return { document: draft, problems };
}

// A value of a key as the reader reads it (a share as a percent), or that there is none.
function shownValue(value, share) {
  return value === undefined ? t("(none)") : formatValue(value, share);
}

const shareKey = (key) => holdsShare(session.functions, key);

function showChanges(element, base, draft, problems) {
  clear(element);
  const keys = changedKeys(base, draft);
  if (!keys.length || problems.length) return;
  element.append(h("h2", { text: t("Your changes") }),
    h("ul", {}, keys.map((key) => h("li", {}, `${key}: `,
      h("span", { class: "change-from", text: shownValue(valueAt(base, key), shareKey(key)) }),
      " → ", h("span", { class: "change-to", text: shownValue(valueAt(draft, key), shareKey(key)) })))));
}

/** Publishes a draft built on state.version; on 412 shows what was published first and offers to
 *  apply the draft on top of it — never overwriting. */
export async function send(name, state, draft, message, outcome, done) {
  clear(outcome);
  try {
    const published = await api.publish(name, state.version, draft, message);
    say(t("Published version {1} of {2}.", published.version, name));
    done({ base: draft, version: published.version });
  } catch (error) {
    if (error instanceof ServiceError && error.status === 401) return signedOut();
    if (error instanceof ServiceError && error.status === 412) return showConflict(name, state, draft, message, outcome, done);
    outcome.append(h("p", { class: "notice error", role: "alert", id: "refused", text: explain(error) }));
  }
}

async function showConflict(name, state, draft, message, outcome, done) {
  const latest = await api.template(name);
  const theirs = changedKeys(state.base, latest.document);
  const heading = h("h2", { id: "conflict", text: t("Version {1} was published after yours ({2})", latest.version, state.version) });
  const apply = h("button", { type: "button", id: "apply-mine", text: t("Apply mine on top of version {1}", latest.version) });
  const reload = h("button", { type: "button", class: "secondary", id: "load-theirs", text: t("Discard mine and show version {1}", latest.version) });
  apply.addEventListener("click", () => send(name, { base: latest.document, version: latest.version },
                                            reapply(state.base, draft, latest.document), message, outcome, done));
  reload.addEventListener("click", () => done({ base: latest.document, version: latest.version }));
  outcome.append(h("div", { class: "notice error", role: "alert" }, heading,
    h("p", { text: t("Nothing of yours was written. {1} changed:", latest.author) }),
    h("ul", {}, theirs.map((key) => h("li", { text: `${key}: ${shownValue(valueAt(state.base, key), shareKey(key))} → ${shownValue(valueAt(latest.document, key), shareKey(key))}` }))),
    h("div", { class: "actions" }, apply, reload)));
  focusOn(heading);
}

