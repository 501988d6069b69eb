// The page's frame, shared by every view: who is signed in, the status line, refusals in words,
// the error summary. The views ask the page to redraw or to sign in again through hooks the page
// sets, so no view imports the page that imports it.
import { ServiceError } from "./api.js";
import { clear, h } from "./dom.js";
import { ownerNames } from "./template_model.js";
import { t } from "./words.js";

const status = document.getElementById("status");

export const session = { me: null, owners: [], functions: [] };

/** A refusal said in words: 401, 403, 412 and 429 as a planner reads them. */
export function explain(error) {
  if (!(error instanceof ServiceError)) return t("The service cannot be reached: {1}", error.message);
  switch (error.status) {
    case 401: return t("Your session has ended, or your token is not valid: sign in again.");
    case 403: return t("Not allowed: {1}", error.message);
    case 409: return t("No longer possible: {1}", error.message);
    case 412: return t("Someone published a newer version first: {1}", error.message);
    case 429: return t("Too many refused tokens from this address: wait a minute, then try again.");
    default: return t("The service answered: {1}", error.message);
  }
}

/** Who owns a group, as the page names them (a directory group said to be one), or "nobody". */
export function ownersOfGroup(group) {
  return ownerNames(session.owners, group, ownerWord).join(", ") || t("nobody");
}

/** A user of the owners' list as the page names them. */
export function ownerWord(name, user = {}) {
  return user.signed_in === "directory group" ? t("{1} (directory group)", name) : name;
}

export function say(text) {
  status.textContent = text;
}

/** Moves the reader to a heading (keyboard and screen reader users land where the change is). */
export function focusOn(element) {
  element.setAttribute("tabindex", "-1");
  element.focus();
}

const hooks = { redraw: async () => {}, signedOut: () => {} };

/** page.js hands over how to draw the current view anew and how to go back to signing in. */
export function setPageHooks(redraw, signedOut) {
  hooks.redraw = redraw;
  hooks.signedOut = signedOut;
}

/** The current view drawn anew (after a publish, revert or approval), its message kept. */
export function redraw() {
  return hooks.redraw();
}

/** The session ended (signed out, or the service no longer knows it): back to signing in. */
export function signedOut(message) {
  return hooks.signedOut(message);
}

/** An error summary at the top linking to the field, and the message beside it (GOV.UK's pattern). */
export function showProblem(summary, field, message) {
  clear(summary);
  const link = h("a", { href: `#${field.id}`, text: message });
  link.addEventListener("click", (event) => {
    event.preventDefault();
    field.focus();
  });
  const box = h("div", { class: "error-summary", role: "alert", tabindex: "-1" },
    h("h2", { text: t("There is a problem") }), h("ul", {}, h("li", {}, link)));
  summary.append(box);
  box.focus();
}
