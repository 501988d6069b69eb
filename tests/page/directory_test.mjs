// Company sign-in, end to end: the real `alignkit serve` asking a real directory (Debian's slapd,
// started by tests/server/with_directory.sh with alice in HR's owners, bob in Sales' readers, carol
// in no group), the owners' page in Debian's Chromium. alice signs in on the page and publishes
// what HR owns and is refused the funnel; bob only reads; carol, a wrong password and a filter
// injected into the user name are refused in words; wrong passwords are limited per name and
// address without locking out anyone else; the password is in no log; a directory whose
// certificate does not name its host is refused, as is plain LDAP to another machine; alice,
// moved out of HR's group, loses the right at her next sign-in and within her open session.
// Prints a transcript of what each person could and could not do.
//   node directory_test.mjs ALIGNKIT SAMPLE_TEMPLATES ARTEFACTS   (under with_directory.sh)
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { axeViolations, newBrowser, newPage, openTemplate, publish, setValue } from "./browser.mjs";
import { Checks, startService } from "./service.mjs";

const [alignkit, samples, artefacts] = process.argv.slice(2);
const env = process.env;
if (!env.ALIGNKIT_TEST_LDAP_URL) throw new Error("run under tests/server/with_directory.sh");
const checks = new Checks();
const check = checks.check.bind(checks);
const transcript = [];
const said = (who, what) => transcript.push(`${who.padEnd(6)} ${what}`);
rmSync(artefacts, { recursive: true, force: true });
mkdirSync(artefacts, { recursive: true });

const people = "ou=people,dc=example,dc=com";
const groups = env.ALIGNKIT_TEST_LDAP_GROUPS;
const passwords = { alice: "alice-secret-1", bob: "bob-secret-2", carol: "carol-secret-3" };

function directorySettings(url, secrets) {
  const passwordFile = join(secrets, "ldap-password");
  writeFileSync(passwordFile, "service-secret-4\n");
  chmodSync(passwordFile, 0o600);
  return [
    `ldap-url = ${url}`,
    `ldap-ca-file = ${env.ALIGNKIT_TEST_LDAP_CA}`,
    `ldap-base = ${env.ALIGNKIT_TEST_LDAP_BASE}`,
    `ldap-bind-dn = cn=alignkit,${people}`,
    `ldap-bind-password-file = ${passwordFile}`,
    `ldap-group = cn=hr-owners,${groups} -> owns people`,
    `ldap-group = cn=sales-readers,${groups} -> reads`,
    "ldap-recheck-seconds = 2",
    "",
  ].join("\n");
}

// Changes the directory as its administrator would (ldapmodify over plain LDAP on loopback).
function moveToReaders(name) {
  const change = [
    `dn: cn=hr-owners,${groups}`, "changetype: modify", "delete: member", `member: uid=${name},${people}`, "",
    `dn: cn=sales-readers,${groups}`, "changetype: modify", "add: member", `member: uid=${name},${people}`, "",
  ].join("\n");
  execFileSync("ldapmodify", ["-x", "-H", env.ALIGNKIT_TEST_LDAP_PLAIN_URL, "-D", env.ALIGNKIT_TEST_LDAP_ADMIN_DN,
                              "-w", env.ALIGNKIT_TEST_LDAP_ADMIN_PASSWORD], { input: change, stdio: ["pipe", "ignore", "inherit"] });
}

// A sign-in from the test's side, as the page sends it: JSON, from the service's own origin.
async function signInCall(service, user, password, origin = service.origin) {
  const response = await fetch(`${service.origin}/v1/session`, {
    method: "POST", headers: { "Content-Type": "application/json", Origin: origin }, body: JSON.stringify({ user, password }),
  });
  const text = await response.text();
  const cookie = (response.headers.get("set-cookie") || "").split(";")[0];
  return { status: response.status, text, cookie, retry: response.headers.get("retry-after") };
}

async function meWith(service, cookie) {
  const response = await fetch(`${service.origin}/v1/me`, { headers: { Cookie: cookie } });
  return { status: response.status, body: response.status === 200 ? await response.json() : await response.text() };
}

async function signInOnPage(page, service, user, password) {
  await page.goto(`${service.origin}/`, { waitUntil: "networkidle0" });
  await page.waitForSelector("#user, #sign-out");
  if (await page.$("#sign-out")) {  // whoever signed in before signs out, as a person would
    await page.click("#sign-out");
    await page.waitForSelector("#user");
  }
  await page.type("#user", user);
  await page.type("#password", password);
  await page.click("#sign-in-account");
  await page.waitForFunction(() => document.querySelector("#templates") || document.querySelector(".error-summary"));
  return page.evaluate(() => (document.querySelector(".error-summary") || {}).textContent || "");
}

async function main() {
  const secrets = mkdtempSync(join(tmpdir(), "alignkit-directory-"));
  const service = await startService(alignkit, {
    samples, users: { admin: "*" }, settings: directorySettings(env.ALIGNKIT_TEST_LDAP_URL, secrets),
  });
  const browser = await newBrowser();
  try {
    const health = await service.call("GET", "/v1/health");
    check(JSON.stringify(health.body.sign_in) === JSON.stringify(["token", "directory"]),
          `/v1/health says how people sign in: ${JSON.stringify(health.body.sign_in)}`);

    // The page offers the company account first, the token below it.
    const page = await newPage(browser);
    await page.goto(`${service.origin}/`, { waitUntil: "networkidle0" });
    await page.waitForSelector("#user");
    check(await page.$("#token") !== null, "the page offers a company account and a token");
    const violations = await axeViolations(page);
    check(violations.length === 0, `axe-core finds no WCAG 2.1 A/AA violation on the two sign-ins: ${violations.join("; ")}`);
    await page.screenshot({ path: join(artefacts, "sign-in-directory-1280.png"), fullPage: true });
    await page.setViewport({ width: 375, height: 800 });
    await page.screenshot({ path: join(artefacts, "sign-in-directory-375.png"), fullPage: true });
    const narrow = await page.evaluate(() => document.documentElement.scrollWidth);
    check(narrow <= 375, `the sign-in fits a 375-pixel phone: ${narrow} px wide`);
    await page.setViewport({ width: 1280, height: 1000 });

    // A wrong password and an injected filter: refused in words, on the page.
    let refusal = await signInOnPage(page, service, "alice", "not-her-password");
    check(refusal.includes("not right"), `a wrong password is refused in words: ${refusal}`);
    said("alice", `wrong password → refused: "${refusal.replace("There is a problem", "").trim()}"`);
    refusal = await signInOnPage(page, service, "*)(uid=*", passwords.alice);
    check(refusal.includes("not right"), `a filter injected into the user name matches nobody: ${refusal}`);
    said("*)(uid=*", `with alice's password → refused: "${refusal.replace("There is a problem", "").trim()}"`);

    // alice: owns people. She publishes a salary; the funnel is HR's to read only.
    refusal = await signInOnPage(page, service, "alice", passwords.alice);
    check(refusal === "", `alice signs in with her company account: ${refusal}`);
    const who = await page.$eval("#who", (element) => element.textContent);
    check(who.includes("alice") && who.includes("people"), `the page says who she is and what she owns: ${who}`);
    await openTemplate(page, service, "inside_sales");
    const funnelEditable = await page.$$eval('input[data-key^="funnel."]', (inputs) => inputs.filter((i) => !i.disabled && !i.readOnly).length);
    check(funnelEditable === 0, `the funnel's values are not hers to change: ${funnelEditable} editable`);
    await setValue(page, "people.annual_salary", "71000");
    await publish(page, "HR's new salary band");
    await page.waitForFunction(() => document.querySelector("#template-version")?.textContent.includes("version 2"), { polling: 100 });
    const published = await service.call("GET", "/v1/templates/inside_sales", { token: service.tokens.admin });
    check(published.headers.get("X-Template-Version") === "2" && published.headers.get("X-Template-Author") === "alice" &&
          published.body.people.annual_salary === 71000, `alice's publish is version 2 by alice: ${published.headers.get("X-Template-Author")}`);
    said("alice", "signed in (owns people) → published people.annual_salary 71000 (version 2); funnel fields read-only");
    await page.screenshot({ path: join(artefacts, "signed-in-alice.png"), fullPage: true });

    // What the page could not do, the service refuses too: her session cannot publish the funnel.
    const alice = await signInCall(service, "alice", passwords.alice);
    const me = await meWith(service, alice.cookie);
    check(me.status === 200 && me.body.signed_in === "directory" && JSON.stringify(me.body.owns) === '["people"]',
          `/v1/me says she signed in with the directory and owns people: ${JSON.stringify(me.body)}`);
    const funnel = { ...published.body, funnel: { ...published.body.funnel, cost_per_click: 9 } };
    const refused = await fetch(`${service.origin}/v1/templates/inside_sales`, {
      method: "PUT", body: JSON.stringify(funnel),
      headers: { Cookie: alice.cookie, Origin: service.origin, "Content-Type": "application/json", "If-Match": '"2"' },
    });
    const refusedText = await refused.text();
    check(refused.status === 403 && refusedText.includes("funnel"), `the funnel is refused to her: ${refused.status} ${refusedText}`);
    said("alice", `PUT funnel.cost_per_click → ${refused.status}: ${refusedText.trim()}`);

    // bob reads; carol is in no group.
    const bob = await signInCall(service, "bob", passwords.bob);
    const bobMe = await meWith(service, bob.cookie);
    check(bob.status === 204 && bobMe.body.reads_only === true, `bob signs in and reads only: ${JSON.stringify(bobMe.body)}`);
    said("bob", "signed in (reads) → reads and proposes, owns nothing");
    const owners = await fetch(`${service.origin}/v1/owners`, { headers: { Cookie: bob.cookie } }).then((reply) => reply.json());
    check(owners.users.some((user) => user.name === "hr-owners" && user.signed_in === "directory group" &&
                                      JSON.stringify(user.owns) === '["people"]'),
          `the owners' list names the directory group that owns people: ${JSON.stringify(owners.users)}`);
    const carol = await signInCall(service, "carol", passwords.carol);
    check(carol.status === 403 && carol.text.includes("no group"), `carol, in no group, is refused in words: ${carol.status} ${carol.text}`);
    said("carol", `right password, no group → ${carol.status}: ${carol.text.trim()}`);
    refusal = await signInOnPage(page, service, "carol", passwords.carol);
    check(refusal.includes("no group"), `the page says so to carol: ${refusal}`);

    // No sign-in from another site, nor a password of nothing (an anonymous bind).
    const foreign = await signInCall(service, "alice", passwords.alice, "https://evil.example");
    check(foreign.status === 403, `a sign-in posted from another origin is refused: ${foreign.status}`);
    const empty = await signInCall(service, "alice", "");
    check(empty.status === 401, `an empty password is never an anonymous bind: ${empty.status}`);

    // Five wrong passwords for bob from here: bob waits here; alice signs in from the same address.
    const wrongs = [];
    for (let i = 0; i < 6; i += 1) wrongs.push((await signInCall(service, "bob", `wrong-${i}`)).status);
    const blocked = await signInCall(service, "bob", passwords.bob);
    check(wrongs.slice(0, 5).every((status) => status === 401) && wrongs[5] === 429 && blocked.status === 429 && Number(blocked.retry) > 0,
          `wrong passwords are limited per name and address: ${wrongs.join(",")}, then ${blocked.status} (Retry-After ${blocked.retry})`);
    const stillAlice = await signInCall(service, "alice", passwords.alice);
    check(stillAlice.status === 204, `and nobody else is locked out by them: alice ${stillAlice.status}`);
    said("bob", `6 wrong passwords → ${wrongs.join(", ")}; the right one then → ${blocked.status} (wait ${blocked.retry} s); alice meanwhile → ${stillAlice.status}`);

    // No password reaches the log.
    const log = service.log();
    const leaked = Object.values(passwords).filter((password) => log.includes(password));
    check(leaked.length === 0 && !log.includes("service-secret-4"), `no password in the service's log (${log.split("\n").length} lines)`);

    // alice moves to the readers' group: the right is gone in her open session within the recheck,
    // and at her next sign-in.
    moveToReaders("alice");
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const after = await meWith(service, stillAlice.cookie);
    check(after.status === 200 && after.body.owns.length === 0, `within her open session, the right is gone: ${JSON.stringify(after.body)}`);
    refusal = await signInOnPage(page, service, "alice", passwords.alice);
    await openTemplate(page, service, "inside_sales");
    const peopleEditable = await page.$$eval('input[data-key^="people."]', (inputs) => inputs.filter((i) => !i.disabled && !i.readOnly).length);
    const legend = await page.$eval("#group-people legend", (element) => element.textContent);
    check(refusal === "" && peopleEditable === 0 && legend.includes("hr-owners (directory group)"),
          `signed in again, she reads people only, owned by the directory group: ${peopleEditable} editable; ${legend}`);
    said("alice", "moved to the readers' group → her open session owns nothing within 2 s; signed in again: people read-only");
  } finally {
    await browser.close();
    await service.stop();
    rmSync(secrets, { recursive: true, force: true });
  }

  // The service refuses directories it must not trust: plain LDAP to another machine at start, a
  // certificate that does not name the host at sign-in.
  const bad = mkdtempSync(join(tmpdir(), "alignkit-directory-"));
  try {
    const config = join(bad, "alignkit.conf");
    writeFileSync(config, directorySettings("ldap://192.0.2.10", bad));
    chmodSync(config, 0o600);
    const started = spawnSync(alignkit, ["serve", "--port", "0", "--config", config], { encoding: "utf8", timeout: 20000 });
    check(started.status !== 0 && started.stderr.includes("in clear"), `plain LDAP to another machine is refused at start: ${started.stderr.trim()}`);
    // One address trying one password on many names is stopped at the address's limit of refusals.
    const spray = await startService(alignkit, { samples, settings: `${directorySettings(env.ALIGNKIT_TEST_LDAP_URL, bad)}max-token-failures = 3\n` });
    try {
      const tried = [];
      for (const name of ["alice", "bob", "carol", "dave"]) tried.push((await signInCall(spray, name, "Summer2026!")).status);
      check(tried.join(",") === "401,401,401,429", `one password tried on many names from one address: ${tried.join(",")}`);
      said("spray", `one password on alice, bob, carol, dave from one address (limit 3) → ${tried.join(", ")}`);
    } finally {
      await spray.stop();
    }
    const wrongName = await startService(alignkit, { samples, settings: directorySettings(env.ALIGNKIT_TEST_LDAP_WRONG_NAME_URL, bad) });
    try {
      const attempt = await signInCall(wrongName, "alice", passwords.alice);
      check(attempt.status === 503, `a directory whose certificate names another host is not trusted: ${attempt.status} ${attempt.text}`);
      said("alice", `via a directory whose certificate names another host → ${attempt.status}`);
    } finally {
      await wrongName.stop();
    }
  } finally {
    rmSync(bad, { recursive: true, force: true });
  }
  console.log(`\nWhat each person could and could not do:\n${transcript.join("\n")}\n`);
}

await main();
process.exit(checks.finish());
