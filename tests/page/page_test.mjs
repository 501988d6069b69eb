// The owners' page in a real headless Chromium (Debian's), driven by puppeteer-core, against the
// real `alignkit serve` on SQLite or PostgreSQL: sign in; change a value in an owned group and
// publish; a read-only group; two browsers racing (412, then theirs applied on top); differences
// between versions 1 and 3; revert (and a revert refused for another owner's group); what a change
// does, equal to /v1/eval's numbers; the chart's points; hostile values shown as text with no
// dialog; a publish by keyboard alone; axe-core finding no WCAG 2.1 A/AA violation; the page in
// German; proposals approved from the page; signing out, and a rotated token ending the session;
// the security headers, the Origin check and no token in a URL, storage or the log. Screenshots
// are written for a person to look at.
//   node page_test.mjs ALIGNKIT SAMPLE_TEMPLATES ARTEFACTS sqlite|postgresql
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { axeViolations, newBrowser, newPage, openTemplate, publish, setValue, signIn } from "./browser.mjs";
import { Checks, startService } from "./service.mjs";

const [alignkit, samples, artefacts, backend = "sqlite"] = process.argv.slice(2);
const checks = new Checks();
const check = checks.check.bind(checks);
rmSync(artefacts, { recursive: true, force: true });  // only this run's pictures
mkdirSync(artefacts, { recursive: true });

async function axe(page, where) {
  const result = await axeViolations(page);
  check(result.length === 0, `axe-core finds no WCAG 2.1 A/AA violation on ${where}${result.length ? `: ${result.join("; ")}` : ""}`);
}

/** A screenshot for a person to look at; and what a person would spot at once: a JavaScript
 *  null or undefined written out as text. */
async function shot(page, name) {
  await page.screenshot({ path: join(artefacts, `page-${backend}-${name}.png`), fullPage: true });
  const slips = await page.evaluate(() => document.body.innerText.split("\n").filter((line) => /\b(null|undefined|NaN)\b/.test(line)));
  check(slips.length === 0, `the ${name} view writes no null, undefined or NaN: ${JSON.stringify(slips)}`);
}

const latest = async (service, token, name = "inside_sales") => {
  const reply = await service.call("GET", `/v1/templates/${name}`, { token });
  return { version: Number(reply.headers.get("X-Template-Version")), document: reply.body };
};

async function main() {
  const service = await startService(alignkit, {
    backend, samples, users: { hr: "people", sales: "funnel,goals", admin: "*", planner: "reads" },
  });
  const browser = await newBrowser();
  const other = await newBrowser();
  try {
    // The page and its headers.
    const home = await service.call("GET", "/");
    const policy = home.headers.get("Content-Security-Policy") || "";
    check(home.status === 200 && policy.includes("script-src 'self'") && !policy.includes("unsafe-inline") &&
          policy.includes("frame-ancestors 'none'"), `GET / is the page, under a CSP with no inline script and frame-ancestors 'none': ${policy}`);

    const page = await newPage(browser);
    await page.goto(`${service.origin}/`, { waitUntil: "networkidle0" });
    await page.waitForSelector("#token");
    await axe(page, "the sign-in page");
    await shot(page, "sign-in");
    // A wrong token: said in words.
    await page.type("#token", "ak_wrong");
    await page.click("#sign-in");
    await page.waitForSelector(".error-summary");
    const said = await page.$eval(".error-summary", (element) => element.textContent);
    check(said.includes("not valid"), `a wrong token is refused in words: ${said}`);

    await signIn(page, service, service.tokens.hr);
    const whoText = await page.$eval("#who", (element) => element.textContent);
    check(whoText.includes("Signed in as hr"), `signed in with the token: ${whoText}`);
    const stored = await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie, location.href]);
    check(stored[0] === 0 && stored[1] === 0 && stored[2] === "" && !stored[3].includes(service.tokens.hr),
          "the token is in no URL, no storage, and the session cookie is HttpOnly (not readable by scripts)");
    const rows = await page.$$eval("#templates tbody tr", (all) => all.map((row) => row.textContent));
    check(rows.length === 2 && rows.some((row) => row.includes("inside_sales")), `every template is listed: ${rows.length}`);
    await axe(page, "the list of templates");
    await shot(page, "templates");

    // One template: hr's group editable, Sales' read-only and said whose.
    await openTemplate(page, service, "inside_sales");
    const salaryInput = await page.$eval('input[data-key="people.annual_salary"]', (input) => [input.readOnly, input.value]);
    const funnelInput = await page.$eval('input[data-key="funnel.cost_per_click"]', (input) => input.readOnly);
    const funnelLegend = await page.$eval("#group-funnel legend", (legend) => legend.textContent);
    check(!salaryInput[0] && salaryInput[1] === "65,000", `people.annual_salary is editable, in the reader's format: ${salaryInput[1]}`);
    check(funnelInput && funnelLegend.includes("owned by sales"), `the funnel group is read-only and says who owns it: ${funnelLegend}`);
    const rate = await page.$eval('input[data-key="funnel.rates.demo_to_sale"]', (input) => [input.value, input.labels[0].textContent]);
    check(rate[0] === "25" && rate[1].includes("%"), `a rate is shown as a percent: ${rate.join(" ")}`);
    await axe(page, "a template's values");
    // Names people use: the key in words with its unit, the JSON key in small type; keys no function
    // reads folded apart; a source beside the value it cites; a long text wrapped, not cut.
    const label = (key) => page.$eval(`[data-key="${key}"]`, (input) => input.labels[0].textContent);
    const salaryLabel = await label("people.annual_salary");
    check(salaryLabel.startsWith("Annual salary (USD)") && salaryLabel.endsWith("people.annual_salary"),
          `a key is named with its unit, its JSON key in small type: ${salaryLabel}`);
    check((await label("people.vacancy_months")).startsWith("Vacancy months") && (await label("people.attainment")).startsWith("Attainment (%)"),
          `months and rates say their unit once: ${await label("people.vacancy_months")}, ${await label("people.attainment")}`);
    const folded = await page.$$eval("#group-people details.unread [data-key]", (inputs) => inputs.map((input) => input.dataset.key));
    const shownOpen = await page.$$eval("#group-people > .grid [data-key]", (inputs) => inputs.map((input) => input.dataset.key));
    check(folded.includes("people.role") && folded.includes("people.annual_turnover") && !shownOpen.includes("people.role") &&
          shownOpen.includes("people.annual_salary"), `keys no function reads are folded apart: ${folded.join(", ")}`);
    const cited = await page.$eval('[data-field="people.ramp_months"] .source', (source) => source.textContent);
    check(cited.startsWith("Source: ") && cited.includes("Bridge Group"), `a source is shown beside the value it cites: ${cited}`);
    const description = await page.$eval('[data-key="description"]', (field) => [field.tagName, field.value.length, field.scrollWidth <= field.clientWidth]);
    check(description[0] === "TEXTAREA" && description[2], `a long read-only text wraps in its field (${description[1]} characters)`);
    // A fraction typed in a percent field is asked about, and nothing is changed unasked.
    await setValue(page, "people.attainment", "0.8");
    await page.waitForSelector('[data-field="people.attainment"] .typo-text:not([hidden])');
    const typo = await page.$eval('[data-field="people.attainment"] .typo-text', (text) => text.textContent);
    check(typo === "0.8 is read as 0.8 % — did you mean 80 %?", `a likely typo in a percent field is asked about: ${typo}`);
    await setValue(page, "people.attainment", "80");
    await page.waitForFunction(() => document.querySelector('[data-field="people.attainment"] .typo-text').hidden, { polling: 100 });

    // What the change does, before publishing: the service's own numbers, equal to /v1/eval's.
    await setValue(page, "people.annual_salary", "70,000");
    await setValue(page, "people.ramp_months", "4");
    await page.waitForFunction(() => [...document.querySelectorAll("#effects-table td[data-after]")]
      .some((cell) => cell.closest("tr").dataset.function === "TURNOVER.COST"), { polling: 100 });
    await new Promise((resolve) => setTimeout(resolve, 600));
    const figures = await page.$$eval("#effects-table tr[data-function]", (all) => Object.fromEntries(all.map((row) => [
      row.dataset.function, [Number(row.querySelector("[data-before]").dataset.before), Number(row.querySelector("[data-after]").dataset.after)]])));
    const base = (await latest(service, service.tokens.hr)).document;
    const people = base.people;
    const turnover = (salary, ramp) => ({ function: "TURNOVER.COST", args: [salary, people.monthly_quota, ramp, people.vacancy_months,
      people.recruiting_cost, people.onboarding_cost, people.margin, people.separation_cost] });
    const evaluated = async (call) => (await service.call("POST", "/v1/eval", { body: call })).body.value;
    const before = await evaluated(turnover(65000, 3));
    const after = await evaluated(turnover(70000, 4));
    check(figures["TURNOVER.COST"] && figures["TURNOVER.COST"][0] === before && figures["TURNOVER.COST"][1] === after,
          `the cost of one departure, before and after, is /v1/eval's: ${figures["TURNOVER.COST"]} = ${before}, ${after}`);
    const budget = await evaluated({ function: "FUNNEL.BUDGET", args: [100, [base.funnel.rates.visit_to_demo, base.funnel.rates.demo_to_sale],
                                                                     base.funnel.cost_per_click] });
    check(figures["FUNNEL.BUDGET"] && figures["FUNNEL.BUDGET"][1] === budget, `the budget for 100 units is /v1/eval's: ${budget}`);
    await shot(page, "effects");
    const listed = await page.$$eval("#your-changes li", (items) => items.map((item) => item.textContent));
    check(listed.includes("people.annual_salary: 65,000 → 70,000"), `your changes in the reader's format: ${listed.join("; ")}`);
    // The change stays beside the edit: with the last group in view, Publish and the figures are too.
    await page.$eval('[data-key="survey.box"]', (field) => field.scrollIntoView());
    const besides = await page.evaluate(() => ["#publish", "#effects-table"].map((selector) => {
      const box = document.querySelector(selector).getBoundingClientRect();
      return box.top >= 0 && box.top < window.innerHeight;
    }));
    check(besides.every(Boolean), `Publish and what the change does stay in view while editing the last group: ${besides}`);
    // A phone: nothing wider than the screen, Publish at its foot.
    await page.setViewport({ width: 375, height: 800 });
    await page.$eval('[data-key="people.annual_salary"]', (field) => field.scrollIntoView());
    const phone = await page.evaluate(() => {
      const publish = document.querySelector("#publish").getBoundingClientRect();
      return [document.documentElement.scrollWidth, publish.bottom <= window.innerHeight && publish.top >= 0];
    });
    check(phone[0] <= 375 && phone[1], `at 375 px: ${phone[0]} px wide, Publish in view: ${phone[1]}`);
    await shot(page, "values-375");
    await page.setViewport({ width: 1280, height: 1000 });

    // Publish: a new version with the message.
    await publish(page, "2027 salary band");
    await page.waitForFunction(() => document.querySelector("#template-version")?.textContent.includes("version 2"), { polling: 100 });
    let now = await latest(service, service.tokens.hr);
    check(now.version === 2 && now.document.people.annual_salary === 70000 && now.document.people.ramp_months === 4,
          `published as version 2: salary ${now.document.people.annual_salary}`);

    // Two browsers racing on version 2: hr publishes first, admin meets 412 and applies theirs on top.
    const racer = await newPage(other);
    await signIn(racer, service, service.tokens.admin);
    await openTemplate(racer, service, "inside_sales");
    await openTemplate(page, service, "inside_sales");
    await setValue(page, "people.vacancy_months", "2");
    await publish(page, "longer vacancies");
    await page.waitForFunction(() => document.querySelector("#template-version")?.textContent.includes("version 3"), { polling: 100 });
    await setValue(racer, "funnel.cost_per_click", "4.5");
    await publish(racer, "Q1 clicks");
    await racer.waitForSelector("#conflict");
    const conflict = await racer.$eval("#outcome", (element) => element.textContent);
    check(conflict.includes("Version 3 was published after yours (2)") && conflict.includes("people.vacancy_months"),
          `the second publisher is told who published first and what changed: ${conflict.slice(0, 120)}`);
    await shot(racer, "conflict");
    await racer.click("#apply-mine");
    await racer.waitForFunction(() => document.querySelector("#template-version")?.textContent.includes("version 4"), { polling: 100 });
    now = await latest(service, service.tokens.hr);
    check(now.version === 4 && now.document.people.vacancy_months === 2 && now.document.funnel.cost_per_click === 4.5,
          "applied on top: version 4 keeps hr's vacancy and adds admin's cost per click, nothing overwritten");

    // History: differences between versions 1 and 3, as the service computes them.
    await openTemplate(page, service, "inside_sales", "history");
    await page.select("#compare select:first-of-type", "1");
    const selects = await page.$$("#compare select");
    await selects[1].select("3");
    await page.click("#compare-button");
    await page.waitForSelector("#differences table");
    const shownKeys = await page.$$eval("#differences tbody th", (all) => all.map((cell) => cell.textContent));
    const served = (await service.call("GET", "/v1/templates/inside_sales/changes?from=1&to=3", { token: service.tokens.hr })).body.changes;
    check(JSON.stringify(shownKeys) === JSON.stringify(["people.annual_salary", "people.ramp_months", "people.vacancy_months"]) &&
          served.length === 3, `the differences between versions 1 and 3: ${shownKeys.join(", ")}`);
    const points = await page.$$eval("#chart circle.point", (all) => all.length);
    check(points === 4, `the chart of people.annual_salary has one point per version: ${points}`);
    await axe(page, "the history");
    await shot(page, "history");

    // Differences of 450 keys come 200 at a time; the rest a key press away, focus where they begin.
    const territories = (quota) => ({ template_version: 1, name: "Territories", territories: Object.fromEntries(
      Array.from({ length: 450 }, (_, k) => [`region_${String(k).padStart(3, "0")}`, quota + k])) });
    const created = await service.call("PUT", "/v1/templates/territories", { token: service.tokens.admin, body: territories(1000) });
    const changed = await service.call("PUT", "/v1/templates/territories", { token: service.tokens.admin, body: territories(2000), headers: { "If-Match": '"1"' } });
    check(created.status === 201 && changed.status === 200, `a template of 450 regions, published twice: ${created.status}, ${changed.status}`);
    await openTemplate(page, service, "territories", "history");
    await page.click("#compare-button");
    await page.waitForSelector("#differences table");
    const rowsShown = async () => page.$$eval("#differences tbody tr", (all) => all.length);
    const firstPage = await rowsShown();
    const moreText = await page.$eval("#more-changes", (element) => element.textContent);
    check(firstPage === 200 && moreText === "Show 200 more of 250 keys", `450 differences: the first 200 shown, then "${moreText}"`);
    await page.focus("#more-changes");
    await page.keyboard.press("Enter");
    const focused = await page.evaluate(() => document.activeElement.textContent);
    check(await rowsShown() === 400 && focused === "territories.region_200", `the next 200 by keyboard, focus on the first of them: ${focused}`);
    await page.focus("#more-changes");
    await page.keyboard.press("Enter");
    check(await rowsShown() === 450 && await page.$("#more-changes") === null, "the last 50, and no button left");
    await openTemplate(page, service, "inside_sales", "history");

    // Revert: hr may not revert version 1 (it would change Sales' cost per click back), admin may.
    await page.click("#revert-1");
    await page.waitForSelector("#revert-refused");
    // Judged before anything is sent: which keys of which groups it would undo, and what is allowed.
    const refusedText = await page.$eval("#revert-outcome", (element) => element.textContent);
    check(refusedText.includes("groups you do not own") && refusedText.includes("funnel.cost_per_click: 4.5 → 4.22 (owned by sales, admin)"),
          `a revert touching Sales' group says which keys of whose group it would undo: ${refusedText}`);
    const offered = await page.$$eval("#revert-outcome button", (buttons) => buttons.map((button) => button.textContent));
    check(offered.includes("Revert only people to version 1") && offered.includes("Propose funnel back to version 1"),
          `and offers what is allowed: ${offered.join(" | ")}`);
    await page.click("#propose-rest");
    await page.waitForSelector("#revert-proposed");
    const open = (await service.call("GET", "/v1/templates/inside_sales/proposals", { token: service.tokens.sales })).body.proposals;
    const rest = open.find((item) => item.author === "hr");
    check(rest && JSON.stringify(rest.groups) === '["funnel"]' && rest.message === "Back to version 1 for funnel",
          `the rest is proposed to the funnel's owners: ${JSON.stringify(rest)}`);
    await openTemplate(racer, service, "inside_sales", "history");
    await racer.click("#revert-1");
    await racer.waitForFunction(() => document.querySelector("#template-version")?.textContent.includes("version 5"), { polling: 100 });
    now = await latest(service, service.tokens.hr);
    const first = (await service.call("GET", "/v1/templates/inside_sales/versions/1", { token: service.tokens.hr })).body;
    check(now.version === 5 && JSON.stringify(now.document) === JSON.stringify(first), "revert publishes version 1's values as version 5");

    // A proposal to hr's group by sales, approved from the page.
    const proposed = structuredClone(now.document);
    proposed.people.ramp_months = 5;
    const proposal = await service.call("POST", "/v1/templates/inside_sales/proposals",
      { token: service.tokens.sales, body: proposed, headers: { "If-Match": '"5"', "X-Message": "reps ramp slower" } });
    check(proposal.status === 201, `sales proposes a change to people: ${proposal.status}`);
    await openTemplate(page, service, "inside_sales", "proposals");
    await page.waitForSelector(`#proposal-${proposal.body.id}`);
    const card = await page.$eval(`#proposal-${proposal.body.id}`, (element) => element.textContent);
    check(card.includes("people.ramp_months") && card.includes("reps ramp slower") && card.includes("Cost of one departure"),
          "hr sees the proposal with its changes and what it does");
    await axe(page, "the proposals");
    await shot(page, "proposals");
    await page.click(`#approve-${proposal.body.id}`);
    await page.waitForFunction(() => document.querySelector("#template-version")?.textContent.includes("version 6"), { polling: 100 });
    const approvedHistory = (await service.call("GET", "/v1/templates/inside_sales/versions", { token: service.tokens.hr })).body.versions;
    const six = approvedHistory[approvedHistory.length - 1];
    check(six.version === 6 && six.author === "sales" && six.approved_by === "hr", `approved as version 6 by sales, approved by hr: ${six.author}/${six.approved_by}`);

    // Hostile values and messages are text: no dialog, the characters shown.
    const hostile = structuredClone((await latest(service, service.tokens.admin)).document);
    hostile.people.role = "<img src=x onerror=alert(1)>";
    const hostilePut = await service.call("PUT", "/v1/templates/inside_sales",
      { token: service.tokens.admin, body: hostile, headers: { "If-Match": '"6"', "X-Message": "<script>alert(2)</script>" } });
    check(hostilePut.status === 200, `a value and a message holding markup are published: ${hostilePut.status}`);
    await openTemplate(page, service, "inside_sales");
    const role = await page.$eval('input[data-key="people.role"]', (input) => input.value);
    await openTemplate(page, service, "inside_sales", "history");
    const message = await page.$eval("#versions", (table) => table.textContent);
    await new Promise((resolve) => setTimeout(resolve, 300));
    check(role === "<img src=x onerror=alert(1)>" && message.includes("<script>alert(2)</script>") && browser.dialogs.length === 0 &&
          (await page.$$("img")).length === 0, "hostile markup is shown as its characters, and no dialog is raised");

    // Keyboard alone: tab to a field, type, tab to Publish, press Enter.
    await openTemplate(page, service, "inside_sales");
    await page.evaluate(() => document.activeElement.blur());
    let reached = false;
    for (let k = 0; k < 80 && !reached; ++k) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(() => document.activeElement && document.activeElement.dataset.key === "people.recruiting_cost");
    }
    await page.keyboard.down("Control");
    await page.keyboard.press("a");
    await page.keyboard.up("Control");
    await page.keyboard.type("5,000");
    await new Promise((resolve) => setTimeout(resolve, 400));
    let onPublish = false;
    for (let k = 0; k < 200 && !onPublish; ++k) {
      await page.keyboard.press("Tab");
      onPublish = await page.evaluate(() => document.activeElement && document.activeElement.id === "publish");
    }
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector("#template-version")?.textContent.includes("version 8"), { timeout: 10000 })
      .catch(() => {});
    now = await latest(service, service.tokens.hr);
    check(reached && onPublish && now.version === 8 && now.document.people.recruiting_cost === 5000,
          `published by keyboard alone: version ${now.version}, recruiting_cost ${now.document.people.recruiting_cost}`);

    // The page in German: its words and numbers.
    const german = await newBrowser("de-DE");
    try {
      const seite = await newPage(german, "de-DE");
      await seite.goto(`${service.origin}/`, { waitUntil: "networkidle0" });
      await seite.waitForSelector("#token");
      const anmelden = await seite.$eval("#sign-in", (button) => button.textContent);
      await seite.type("#token", service.tokens.hr);
      await seite.click("#sign-in");
      await seite.waitForSelector("#templates");
      const heading = await seite.$eval("h1", (element) => element.textContent);
      await openTemplate(seite, service, "inside_sales");
      const salary = await seite.$eval('input[data-key="people.annual_salary"]', (input) => input.value);
      const legend = await seite.$eval("#group-people legend", (element) => element.textContent);
      // What a key feeds, in German: the argument's words from po/de.po, its default said apart.
      const feeds = await seite.$eval('[data-field="people.attainment"] .hint', (hint) => hint.textContent);
      check(feeds.startsWith("Erwarteter Anteil der erreichten Quote (Standard 1)"), `a key's description in German: "${feeds}"`);
      check(anmelden === "Anmelden" && heading === "Die Vorlagen des Teams" && salary === "65.000" && legend.includes("Sie können sie ändern"),
            `the page in German: "${anmelden}", "${heading}", salary ${salary}`);
      await axe(seite, "the page in German");
      await shot(seite, "values-de");
      await seite.setViewport({ width: 375, height: 800 });
      await shot(seite, "values-de-375");
    } finally {
      await german.close();
    }

    // A write with the session cookie from another origin: refused.
    const cookies = await page.cookies();
    const session = cookies.find((cookie) => cookie.name === "alignkit_session");
    check(session && session.httpOnly && session.sameSite === "Strict", `the session cookie is HttpOnly and SameSite=Strict`);
    const forged = await service.call("PUT", "/v1/templates/inside_sales", { body: now.document,
      headers: { Cookie: `alignkit_session=${session.value}`, Origin: "http://evil.example", "If-Match": `"${now.version}"` } });
    check(forged.status === 403, `a cookie write from another origin is refused: ${forged.status}`);
    check(!service.log().includes(service.tokens.hr) && !service.log().includes(session.value), "the log holds no token and no session id");

    // Sign out; and a rotated token ends the session.
    await page.click("#sign-out");
    await page.waitForSelector("#token");
    check(true, "signing out returns to signing in");
    await signIn(page, service, service.tokens.hr);
    execFileSync(alignkit, ["users", "rotate", "hr", "--users", service.users], { stdio: "ignore" });
    await page.goto(`${service.origin}/#/t/inside_sales`, { waitUntil: "networkidle0" });
    await page.waitForSelector("#token");
    const ended = await page.$eval("main", (element) => element.textContent);
    check(ended.includes("session has ended"), "after the token was rotated, the session is over and the page says so");
    await shot(page, "session-ended");
  } catch (error) {
    check(false, `the test ran to its end: ${error.stack}`);
    for (const [k, open] of (await browser.pages()).entries()) {
      await open.screenshot({ path: join(artefacts, `page-${backend}-failure-${k}.png`), fullPage: true }).catch(() => {});
    }
  } finally {
    await browser.close();
    await other.close();
    await service.stop();
  }
  return checks.finish();
}

process.exitCode = await main();
