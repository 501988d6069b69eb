// A template's history: every version with who, when and why; the differences between any two
// (computed by the service, key by key); reverting to a version (published anew, on top of the
// latest, by its own owners' rule); and one assumption over the versions as a chart.
import { api, ServiceError } from "./api.js";
import { append, clear, h, newId, svg } from "./dom.js";
import { explain, ownersOfGroup, redraw, say, session, signedOut } from "./page_shell.js";
import { changedKeys, groupOf, groupsByOwner, holdsShare, infoFor, keyInfo, leaves, valueAt, withGroupsFrom } from "./template_model.js";
import { formatNumber, formatTime, formatValue, t } from "./words.js";

export async function showHistory(body, name, current) {
  let versions;
  try {
    versions = await api.history(name);
  } catch (error) {
    if (error instanceof ServiceError && error.status === 401) return signedOut();
    body.append(h("p", { class: "notice error", role: "alert", text: explain(error) }));
    return;
  }
  const outcome = h("div", { id: "revert-outcome", "aria-live": "polite" });
  const chart = await chartSection(name, versions);  // the view appears whole, never half drawn
  body.append(h("h2", { text: t("Versions") }), outcome, h("table", { id: "versions" },
    h("caption", { text: t("Every version of {1}, newest first", name) }),
    h("thead", {}, h("tr", {}, [t("Version"), t("Published"), t("By"), t("Approved by"), t("Groups changed"), t("Message"), ""]
      .map((label, k) => h("th", { scope: "col", class: k === 0 ? "number" : false, text: label })))),
    h("tbody", {}, [...versions].reverse().map((version) => h("tr", { "data-version": version.version },
      h("th", { scope: "row", class: "number", text: String(version.version) }),
      h("td", { text: formatTime(version.updated) }),
      h("td", { text: version.author }),
      h("td", { text: version.approved_by || "" }),
      h("td", { text: (version.groups_changed || []).join(", ") }),
      h("td", { text: version.message }),
      h("td", {}, version.version === current.version ? h("span", { class: "pill", text: t("latest") })
        : h("button", { type: "button", class: "secondary", id: `revert-${version.version}`,
                        onclick: () => revert(name, version.version, current, outcome),
                        text: t("Revert to version {1}", version.version) })))))));
  body.append(compareForm(name, versions), chart);
}

// Reverting to a version: what it would change is judged first, as the service will judge it. A
// revert that would also undo another group's change says which keys of which groups, and offers
// what is allowed: revert only the reader's groups, and propose the rest to their owners.
async function revert(name, version, current, outcome) {
  clear(outcome);
  try {
    const old = await api.version(name, version);
    const { mine, others } = groupsByOwner(session.me, current.document, old);
    if (!others.length) return publishRevert(name, current, old, t("Revert to version {1}", version), outcome);
    const share = (key) => holdsShare(session.functions, key);
    const undone = changedKeys(current.document, old).filter((key) => others.includes(groupOfKey(current.document, old, key)));
    const buttons = [];
    if (mine.length) {
      buttons.push(h("button", { type: "button", id: "revert-mine",
        onclick: () => publishRevert(name, current, withGroupsFrom(current.document, old, mine),
                                     t("Revert {1} to version {2}", mine.join(", "), version), outcome),
        text: t("Revert only {1} to version {2}", mine.join(", "), version) }));
    }
    buttons.push(h("button", { type: "button", class: mine.length ? "secondary" : false, id: "propose-rest",
      onclick: () => proposeRevert(name, current, withGroupsFrom(current.document, old, others),
                                   t("Back to version {1} for {2}", version, others.join(", ")), outcome),
      text: t("Propose {1} back to version {2}", others.join(", "), version) }));
    const heading = h("h3", { id: "revert-refused", text: t("Reverting to version {1} would also undo changes to groups you do not own", version) });
    outcome.append(h("div", { class: "notice error", role: "alert" }, heading,
      h("ul", {}, undone.map((key) => h("li", {}, `${key}: `,
        h("span", { class: "change-from", text: formatValue(valueAt(current.document, key) ?? t("(none)"), share(key)) }), " → ",
        h("span", { class: "change-to", text: formatValue(valueAt(old, key) ?? t("(none)"), share(key)) }),
        ` (${t("owned by {1}", ownersOfGroup(groupOfKey(current.document, old, key)))})`))),
      h("div", { class: "actions" }, buttons)));
    heading.focus?.();
  } catch (error) {
    if (error instanceof ServiceError && error.status === 401) return signedOut();
    outcome.append(h("p", { class: "notice error", role: "alert", id: "revert-refused", text: explain(error) }));
  }
}

const groupOfKey = (current, old, key) => {
  const top = key.split(".")[0];
  return groupOf(top in current ? current : old, top);
};


async function publishRevert(name, current, document, message, outcome) {
  clear(outcome);
  try {
    const published = await api.publish(name, current.version, document, message);
    say(t("Published version {1} of {2}.", published.version, name));
    redraw();
  } catch (error) {
    if (error instanceof ServiceError && error.status === 401) return signedOut();
    outcome.append(h("p", { class: "notice error", role: "alert", id: "revert-failed", text: explain(error) }));
  }
}

async function proposeRevert(name, current, document, message, outcome) {
  clear(outcome);
  try {
    const proposal = await api.propose(name, current.version, document, message);
    outcome.append(h("p", { class: "notice ok", role: "status", id: "revert-proposed",
                            text: t("Proposed as proposal {1}: its owners decide.", proposal.id) }));
  } catch (error) {
    if (error instanceof ServiceError && error.status === 401) return signedOut();
    outcome.append(h("p", { class: "notice error", role: "alert", id: "revert-failed", text: explain(error) }));
  }
}

function compareForm(name, versions) {
  const numbers = versions.map((version) => version.version);
  const fromId = newId("from");
  const toId = newId("to");
  const select = (id, chosen) => h("select", { id, name: id }, numbers.map((n) => h("option", { value: n, selected: n === chosen, text: String(n) })));
  const from = select(fromId, numbers[0]);
  const to = select(toId, numbers[numbers.length - 1]);
  const result = h("div", { id: "differences", "aria-live": "polite" });
  const form = h("form", { id: "compare" },
    h("h2", { text: t("Differences between two versions") }),
    h("div", { class: "actions" },
      h("div", {}, h("label", { for: fromId, text: t("From version") }), from),
      h("div", {}, h("label", { for: toId, text: t("To version") }), to),
      h("button", { type: "submit", id: "compare-button", text: t("Compare") })),
    result);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clear(result);
    try {
      const changes = await api.changes(name, from.value, to.value);
      if (!changes.length) return result.append(h("p", { text: t("Versions {1} and {2} hold the same values.", from.value, to.value) }));
      const body = h("tbody", {});
      result.append(h("table", {},
        h("caption", { text: t("From version {1} to version {2}: {3} keys", from.value, to.value, changes.length) }),
        h("thead", {}, h("tr", {}, [t("Key"), t("Was"), t("Is")].map((label) => h("th", { scope: "col", text: label })))),
        body));
      showChanges(result, body, changes, 0);
    } catch (error) {
      result.append(h("p", { class: "notice error", role: "alert", text: explain(error) }));
    }
  });
  return form;
}

// A table of thousands of rows takes the browser longer to lay out than the owner to read the
// first screen: the rows come a page at a time, the rest a button press away.
const kChangesShownAtOnce = 200;

function showChanges(result, body, changes, start) {
  const end = Math.min(changes.length, start + kChangesShownAtOnce);
  const share = (change) => holdsShare(session.functions, change.key);
  append(body, changes.slice(start, end).map((change) => h("tr", {},
    h("th", { scope: "row", text: change.key }),
    h("td", { class: "change-from", text: "from" in change ? formatValue(change.from, share(change)) : t("(added)") }),
    h("td", { class: "change-to", text: "to" in change ? formatValue(change.to, share(change)) : t("(removed)") }))));
  result.querySelector("#more-changes")?.remove();
  if (end === changes.length) return;
  const more = h("button", { type: "button", class: "secondary", id: "more-changes",
                             text: t("Show {1} more of {2} keys", Math.min(kChangesShownAtOnce, changes.length - end), changes.length - end) });
  more.addEventListener("click", () => {
    showChanges(result, body, changes, end);
    const next = body.rows[end].querySelector("th");  // keyboard users read on where the new rows begin
    next.setAttribute("tabindex", "-1");
    next.focus();
  });
  result.append(more);
}

// One numeric assumption over the template's versions, drawn as SVG by the page.
async function chartSection(name, versions) {
  const documents = await Promise.all(versions.map((version) => api.version(name, version.version)));
  const info = keyInfo(session.functions);
  const keys = [...new Set(documents.flatMap((document) => leaves(document).filter((leaf) => typeof leaf.value === "number").map((leaf) => leaf.key)))].sort();
  const chosen = keys.includes("people.annual_salary") ? "people.annual_salary" : keys[0];
  const selectId = newId("assumption");
  const select = h("select", { id: selectId, name: "assumption" }, keys.map((key) => h("option", { value: key, selected: key === chosen, text: key })));
  const figure = h("figure", { class: "chart", id: "chart" });
  const draw = () => {
    clear(figure);
    const key = select.value;
    const about = infoFor(info, key);
    const share = Boolean(about && about.share);
    const points = documents.map((document, k) => ({ version: versions[k].version, value: valueAt(document, key) }))
      .filter((point) => typeof point.value === "number");
    figure.append(lineChart(points, share, key), h("figcaption", { text: t("{1} in each of the {2} versions that hold it", key, points.length) }),
      h("table", { class: "muted" }, h("caption", { text: t("The chart's values") }),
        h("thead", {}, h("tr", {}, h("th", { scope: "col", text: t("Version") }), h("th", { scope: "col", class: "number", text: key }))),
        h("tbody", {}, points.map((point) => h("tr", {}, h("th", { scope: "row", text: String(point.version) }),
          h("td", { class: "number", text: formatNumber(point.value, share) }))))));
  };
  select.addEventListener("change", draw);
  draw();
  return h("section", { "aria-labelledby": "chart-title" },
    h("h2", { id: "chart-title", text: t("One assumption over its versions") }),
    h("label", { for: selectId, text: t("Assumption") }), select, figure);
}

function lineChart(points, share, key) {
  const width = 640, height = 260, left = 80, right = 20, top = 20, bottom = 40;
  const values = points.map((point) => point.value);
  let low = Math.min(...values), high = Math.max(...values);
  if (low === high) {
    low -= Math.abs(low) * 0.1 || 1;
    high += Math.abs(high) * 0.1 || 1;
  }
  // Positions on the drawing: arithmetic of pixels, not of the assumptions themselves.
  const x = (k) => left + (points.length === 1 ? (width - left - right) / 2 : (k * (width - left - right)) / (points.length - 1));
  const y = (value) => top + ((high - value) * (height - top - bottom)) / (high - low);
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": t("{1} over the versions", key) });
  chart.append(svg("line", { class: "axis", x1: left, y1: top, x2: left, y2: height - bottom }),
    svg("line", { class: "axis", x1: left, y1: height - bottom, x2: width - right, y2: height - bottom }),
    svg("text", { x: left - 6, y: top + 4, "text-anchor": "end", text: formatNumber(high, share) }),
    svg("text", { x: left - 6, y: height - bottom, "text-anchor": "end", text: formatNumber(low, share) }),
    svg("text", { x: (left + width - right) / 2, y: height - 8, "text-anchor": "middle", text: t("Version") }));
  if (points.length > 1) {
    chart.append(svg("polyline", { class: "line", points: points.map((point, k) => `${x(k)},${y(point.value)}`).join(" ") }));
  }
  points.forEach((point, k) => {
    chart.append(svg("circle", { class: "point", cx: x(k), cy: y(point.value), r: 4, "data-version": point.version },
      svg("title", { text: `${t("Version")} ${point.version}: ${formatNumber(point.value, share)}` })),
      svg("text", { x: x(k), y: height - bottom + 16, "text-anchor": "middle", text: String(point.version) }));
  });
  return chart;
}
