// The owners' page as an owner opens it on a packaged server: through nginx over HTTPS, in
// Debian's Chromium. Signs in with a token, checks the session cookie is Secure and HttpOnly,
// publishes a change from the page (so the Origin nginx forwards is the service's own) and reads
// it back as the next version. Used by scripts/fresh-deb-check.sh against the fresh root.
//   node through_nginx.mjs ORIGIN TOKEN TEMPLATE SCREENSHOT
// ORIGIN's certificate is the test authority's: Chromium is told to accept it (the chain itself
// is checked by the runbook's `alignkit templates list --cacert`).
import puppeteer from "puppeteer-core";
import { Checks } from "./service.mjs";

const [origin, token, template, screenshot] = process.argv.slice(2);
const checks = new Checks();

async function main() {
  const browser = await puppeteer.launch({
    executablePath: process.env.ALIGNKIT_CHROMIUM || "/usr/bin/chromium",
    args: ["--headless=new", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage", "--ignore-certificate-errors",
           ...(process.getuid && process.getuid() === 0 ? ["--no-sandbox"] : [])],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 1000 });
    const answer = await page.goto(`${origin}/`, { waitUntil: "networkidle0" });
    const policy = answer.headers()["content-security-policy"] || "";
    checks.check(answer.status() === 200 && policy.includes("frame-ancestors 'none'"),
                 `the page through nginx: ${answer.status()}, Content-Security-Policy ${policy.slice(0, 60)}…`);
    await page.type("#token", token);
    await page.click("#sign-in");
    await page.waitForSelector("#templates");
    const cookies = await page.cookies();
    checks.check(cookies.length === 1 && cookies[0].secure && cookies[0].httpOnly && cookies[0].value !== token,
                 `signed in: one session cookie, Secure and HttpOnly, not the token (${cookies.map((c) => c.name).join(", ")})`);

    await page.goto(`${origin}/#/t/${template}`, { waitUntil: "networkidle0" });
    await page.waitForSelector(`main[data-view="#/t/${template}"]`);
    const before = await page.$eval("#template-version", (element) => element.textContent);
    const field = 'input[data-key="people.vacancy_months"]';
    await page.click(field, { clickCount: 3 });
    await page.keyboard.press("Backspace");
    await page.type(field, "2.5");
    await page.type("textarea[name=message]", "published from the page, through nginx");
    await page.waitForFunction(() => !document.querySelector("#publish").disabled);
    await page.click("#publish");
    await page.waitForFunction((was) => document.querySelector("#template-version")?.textContent !== was, { timeout: 10000 }, before);
    const after = await page.$eval("#template-version", (element) => element.textContent);
    checks.check(/version 2\b/.test(after), `a publish from the page passes nginx's Origin: ${before} → ${after}`);
    await page.screenshot({ path: screenshot, fullPage: true });
  } finally {
    await browser.close();
  }
}

main().then(() => process.exit(checks.finish()), (error) => {
  checks.check(false, `the page through nginx: ${error.message}`);
  process.exit(checks.finish());
});
