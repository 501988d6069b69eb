// The owners' page: sign in with a token (a session cookie stands for it afterwards), see every
// template, and open one to read, change, compare and revert the team's shared numbers.
import { api, ServiceError } from "./api.js";
import { append, clear, h } from "./dom.js";
import { explain, focusOn, ownerWord, say, session, setPageHooks, showProblem } from "./page_shell.js";
import { formatTime, loadWords, preferredLanguage, t } from "./words.js";
import { showTemplate } from "./template_view.js";

const main = document.getElementById("main");
const who = document.getElementById("who");

async function start() {
  await loadWords(preferredLanguage());
  document.title = t("alignkit — the team's numbers");
  document.getElementById("brand").textContent = t("alignkit — the team's numbers");
  document.getElementById("skip").textContent = t("Skip to the content");
  window.addEventListener("hashchange", () => route());
  try {
    session.me = await api.me();
  } catch {
    session.me = null;
  }
  route();
}

// Each route draws its view away from the page and shows it whole; when the reader moves on
// before a slow view is drawn (tabs pressed quickly), only the newest is shown.
let newestRoute = 0;

async function route({ keepStatus = false } = {}) {
  const ticket = ++newestRoute;
  if (!keepStatus) say("");
  showWho();
  if (!session.me) return showSignIn();
  try {
    if (!session.functions.length) session.functions = await api.functions();
    session.owners = await api.owners();
  } catch (error) {
    if (error instanceof ServiceError && error.status === 401) return signedOut();
    say(explain(error));
  }
  const hash = window.location.hash;
  const match = /^#\/t\/([^/]+)(?:\/(history|proposals))?$/.exec(hash);
  const view = h("div", {});
  const heading = match ? await showTemplate(view, decodeURIComponent(match[1]), match[2] || "values") : await showList(view);
  if (ticket !== newestRoute || !session.me) return;
  main.replaceChildren(...view.childNodes);
  main.dataset.view = hash || "#";  // what is shown, for tests and styles
  if (heading) focusOn(heading);
}

/** The current view drawn anew (after a publish, revert or approval), its message kept. */
function redraw() {
  return route({ keepStatus: true });
}

function showWho() {
  clear(who);
  if (!session.me) return;
  const owns = session.me.owns.length ? t("owns {1}", session.me.owns.join(", ")) : t("reads and proposes");
  who.append(h("span", { text: t("Signed in as {1} ({2})", session.me.name, owns) }),
             h("button", { type: "button", id: "sign-out", onclick: signOut, text: t("Sign out") }));
}

/** The session ended (signed out, or the service no longer knows it): back to signing in. */
function signedOut(message) {
  session.me = null;
  showWho();
  showSignIn(message || t("Your session has ended, or your token is not valid: sign in again."));
}

async function signOut() {
  try {
    await api.signOut();
  } catch {
    // Signed out either way: the cookie is cleared by the answer or ends on its own.
  }
  session.me = null;
  window.location.hash = "";
  showWho();
  showSignIn(t("You have signed out."));
}

// How this service lets people sign in ("token", "directory"), asked once.
let signInWays = null;

// Signs in with `attempt`, then shows the view the reader came for; the secret typed is cleared
// either way, and a refusal is said (by `refusal`) at `field`.
async function completeSignIn(attempt, secret, problem, field, refusal) {
  try {
    await attempt();
    secret.value = "";
    session.me = await api.me();
    await route();
  } catch (error) {
    secret.value = "";
    showProblem(problem, field, refusal(error));
  }
}

function tokenForm(problem) {
  const field = h("input", { id: "token", name: "token", type: "password", autocomplete: "current-password",
                             "aria-describedby": "token-hint" });
  const form = h("form", { class: "sign-in", novalidate: true, "aria-labelledby": "token-heading" },
    h("div", { class: "field" },
      h("label", { for: "token", text: t("Your token") }),
      h("p", { class: "hint", id: "token-hint", text: t("The token your administrator gave you. It is sent once, to sign in, and never kept by this page.") }),
      field),
    h("div", { class: "actions" }, h("button", { type: "submit", id: "sign-in", text: t("Sign in") })));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clear(problem);
    const token = field.value.trim();
    if (!token) return showProblem(problem, field, t("Enter your token"));
    await completeSignIn(() => api.signIn(token), field, problem, field, explain);
  });
  return { form, field };
}

// Why the directory sign-in did not happen, in words (the service's own words are English).
function accountRefusal(error) {
  if (!(error instanceof ServiceError)) return explain(error);
  switch (error.status) {
    case 401: return t("The user name or password is not right.");
    case 403: return t("Your company account is in no group that alignkit knows: ask your administrator to add you.");
    case 429: return t("Too many wrong passwords for this name: try again in {1} seconds.", (error.headers && error.headers.get("Retry-After")) || "60");
    case 503: return t("The company directory cannot be asked now: try again soon.");
    default: return explain(error);
  }
}

// The company account's form: user name and password, checked by the company directory.
function accountForm(problem) {
  const user = h("input", { id: "user", name: "username", type: "text", autocomplete: "username", spellcheck: "false",
                            autocapitalize: "none" });
  const password = h("input", { id: "password", name: "password", type: "password", autocomplete: "current-password",
                                "aria-describedby": "password-hint" });
  const form = h("form", { class: "sign-in", novalidate: true },
    h("div", { class: "field" }, h("label", { for: "user", text: t("User name") }), user),
    h("div", { class: "field" },
      h("label", { for: "password", text: t("Password") }),
      h("p", { class: "hint", id: "password-hint", text: t("Your company account, as you sign in to your computer. The page never keeps it.") }),
      password),
    h("div", { class: "actions" }, h("button", { type: "submit", id: "sign-in-account", text: t("Sign in") })));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clear(problem);
    if (!user.value.trim()) return showProblem(problem, user, t("Enter your user name"));
    if (!password.value) return showProblem(problem, password, t("Enter your password"));
    await completeSignIn(() => api.signInWithAccount(user.value.trim(), password.value), password, problem, password, accountRefusal);
  });
  return { form, field: user };
}

async function showSignIn(message) {
  newestRoute += 1;
  const ticket = newestRoute;
  if (!signInWays) {
    try {
      signInWays = (await api.health()).sign_in || ["token"];
    } catch {
      signInWays = ["token"];
    }
  }
  if (ticket !== newestRoute) return;
  clear(main);
  main.dataset.view = "sign-in";
  const problem = h("div", { id: "sign-in-problem" });
  const heading = h("h1", { text: t("Sign in") });
  append(main, heading, message ? h("p", { class: "notice", role: "status", text: message }) : null, problem);
  const token = tokenForm(problem);
  if (signInWays.includes("directory")) {
    const account = accountForm(problem);
    append(main, h("h2", { text: t("With your company account") }), account.form,
           h("h2", { id: "token-heading", text: t("Or with a token") }), token.form);
    account.field.focus();
  } else {
    append(main, token.form);
    token.field.focus();
  }
}

/** Every template, drawn into `view`; returns the heading to move the reader to. */
async function showList(view) {
  const heading = h("h1", { text: t("The team's templates") });
  view.append(heading);
  let templates;
  try {
    templates = await api.templates();
  } catch (error) {
    if (error instanceof ServiceError && error.status === 401) return signedOut();
    view.append(h("p", { class: "notice error", role: "alert", text: explain(error) }));
    return;
  }
  const rows = templates.map((item) => h("tr", {},
    h("th", { scope: "row" }, item.version ? h("a", { href: `#/t/${encodeURIComponent(item.name)}`, text: item.name }) : item.name),
    h("td", { class: "number", text: item.version ? String(item.version) : t("file") }),
    h("td", { text: item.updated ? formatTime(item.updated) : "" }),
    h("td", { text: item.author || "" })));
  view.append(h("table", { id: "templates" },
    h("caption", { text: t("{1} templates; open one to see, change or compare its numbers", templates.length) }),
    h("thead", {}, h("tr", {}, h("th", { scope: "col", text: t("Template") }), h("th", { scope: "col", class: "number", text: t("Version") }),
      h("th", { scope: "col", text: t("Published") }), h("th", { scope: "col", text: t("By") }))),
    h("tbody", {}, rows)));
  view.append(ownersTable());
  return heading;
}

/** Who owns each group: what the users file says, as the service lists it. */
function ownersTable() {
  const byGroup = {};
  for (const user of session.owners) for (const group of user.owns) (byGroup[group] = byGroup[group] || []).push(ownerWord(user.name, user));
  const readers = session.owners.filter((user) => user.reads_only).map((user) => user.name);
  return h("table", { id: "owners" },
    h("caption", { text: t("Who owns which group") }),
    h("thead", {}, h("tr", {}, h("th", { scope: "col", text: t("Group") }), h("th", { scope: "col", text: t("Owners") }))),
    h("tbody", {},
      Object.keys(byGroup).sort().map((group) => h("tr", {},
        h("th", { scope: "row", text: group === "*" ? t("every group") : group }), h("td", { text: byGroup[group].join(", ") }))),
      readers.length ? h("tr", {}, h("th", { scope: "row", text: t("reads and proposes") }), h("td", { text: readers.join(", ") })) : null));
}

setPageHooks(redraw, signedOut);
start();
