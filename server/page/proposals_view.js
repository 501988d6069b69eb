// Proposals of a template: owners see the open ones touching their groups, with the changes and
// what they do, and approve or decline them; a proposer sees theirs and can withdraw an open one.
import { api, ServiceError } from "./api.js";
import { append, clear, h, newId } from "./dom.js";
import { explain, redraw, say, session, signedOut } from "./page_shell.js";
import { holdsShare, owns } from "./template_model.js";
import { formatFigure, formatTime, formatValue, t } from "./words.js";

const share = (key) => holdsShare(session.functions, key);

/** "What this change does": each headline figure before and after, as the service computed them. */
export function effectsTable(element, effects) {
  clear(element);
  if (!effects.length) return element.append(h("p", { text: t("This template feeds none of the headline figures.") }));
  const shown = (value) => (typeof value === "number" ? formatFigure(value)
                            : value && value.error ? t("cannot be computed: {1}", value.error) : "–");
  element.append(h("table", { class: "effects" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col", text: t("Figure") }), h("th", { scope: "col", class: "number", text: t("Now") }),
      h("th", { scope: "col", class: "number", text: t("With this change") }))),
    h("tbody", {}, effects.map((effect) => h("tr", { "data-function": effect.function },
      h("th", { scope: "row", text: t(effect.what) }),
      h("td", { class: "number", "data-before": typeof effect.before === "number" ? effect.before : "", text: shown(effect.before) }),
      h("td", { class: "number", "data-after": typeof effect.after === "number" ? effect.after : "", text: shown(effect.after) }))))));
}

export async function showProposals(body, name) {
  let proposals;
  try {
    proposals = await api.proposals(name, true);
  } catch (error) {
    if (error instanceof ServiceError && error.status === 401) return signedOut();
    body.append(h("p", { class: "notice error", role: "alert", text: explain(error) }));
    return;
  }
  const mine = proposals.filter((p) => p.author === session.me.name);
  const toDecide = proposals.filter((p) => p.status === "open" && p.author !== session.me.name &&
                                           p.groups.some((group) => owns(session.me, group)));
  body.append(h("h2", { text: t("Proposals for your groups") }));
  if (!toDecide.length) body.append(h("p", { id: "no-proposals", text: t("No open proposal touches a group of yours.") }));
  for (const proposal of toDecide) body.append(await proposalCard(name, proposal, true));
  body.append(h("h2", { text: t("Your proposals") }));
  if (!mine.length) body.append(h("p", { text: t("You have proposed nothing for this template.") }));
  for (const proposal of mine) body.append(await proposalCard(name, proposal, false));
}

async function proposalCard(name, summary, deciding) {
  const proposal = await api.proposal(summary.id);
  const card = h("section", { class: "notice", id: `proposal-${proposal.id}`, "aria-labelledby": `proposal-${proposal.id}-title` });
  append(card, h("h3", { id: `proposal-${proposal.id}-title`,
                        text: t("Proposal {1} by {2}, on version {3}: {4}", proposal.id, proposal.author, proposal.base, statusWords(proposal)) }),
    h("p", { class: "muted", text: `${formatTime(proposal.created)} · ${t("groups")}: ${proposal.groups.join(", ")}` }),
    proposal.message ? h("p", { text: proposal.message }) : null,
    proposal.reason ? h("p", { text: t("Reason: {1}", proposal.reason) }) : null,
    h("ul", {}, proposal.changes.map((change) => h("li", {}, `${change.key}: `,
      h("span", { class: "change-from", text: "from" in change ? formatValue(change.from, share(change.key)) : t("(added)") }), " → ",
      h("span", { class: "change-to", text: "to" in change ? formatValue(change.to, share(change.key)) : t("(removed)") })))));
  if (deciding) {
    const figures = h("div", { class: "effects" });
    card.append(h("h4", { text: t("What this change does") }), figures);
    try {
      effectsTable(figures, await api.effects(name, proposal.base, proposal.document));
    } catch (error) {
      figures.append(h("p", { text: explain(error) }));
    }
    card.append(decideForm(proposal));
  } else if (proposal.status === "open") {
    const outcome = h("div", { "aria-live": "polite" });
    card.append(h("div", { class: "actions" }, h("button", { type: "button", class: "secondary", id: `withdraw-${proposal.id}`, text: t("Withdraw"),
      onclick: () => act(() => api.withdraw(proposal.id), outcome, t("Proposal {1} withdrawn.", proposal.id)) })), outcome);
  }
  return card;
}

function statusWords(proposal) {
  switch (proposal.status) {
    case "open": return t("open");
    case "approved": return t("approved by {1} as version {2}", proposal.decided_by, proposal.version);
    case "declined": return t("declined by {1}", proposal.decided_by);
    default: return t("withdrawn");
  }
}

function decideForm(proposal) {
  const reasonId = newId("reason");
  const reason = h("textarea", { id: reasonId, name: "reason", "aria-describedby": `${reasonId}-hint`, maxlength: "500" });
  const outcome = h("div", { "aria-live": "polite" });
  const approve = h("button", { type: "button", id: `approve-${proposal.id}`, text: t("Approve and publish") });
  const decline = h("button", { type: "button", class: "secondary", id: `decline-${proposal.id}`, text: t("Decline") });
  approve.addEventListener("click", () => act(() => api.approve(proposal.id, reason.value.trim()), outcome,
                                              t("Proposal {1} approved and published.", proposal.id)));
  decline.addEventListener("click", () => {
    if (!reason.value.trim()) {
      clear(outcome).append(h("p", { class: "error-text", role: "alert", text: t("Say why you decline: the proposer reads it.") }));
      return reason.focus();
    }
    return act(() => api.decline(proposal.id, reason.value.trim()), outcome, t("Proposal {1} declined.", proposal.id));
  });
  return h("div", {},
    h("div", { class: "field" }, h("label", { for: reasonId, text: t("Message to the proposer") }),
      h("p", { class: "hint", id: `${reasonId}-hint`, text: t("Needed to decline; kept with the version when you approve.") }), reason),
    h("div", { class: "actions" }, approve, decline), outcome);
}

async function act(action, outcome, done) {
  clear(outcome);
  try {
    await action();
    say(done);
    redraw();
  } catch (error) {
    if (error instanceof ServiceError && error.status === 401) return signedOut();
    outcome.append(h("p", { class: "notice error", role: "alert", text: explain(error) }));
  }
}
