// The browser side of the page's tests: Debian's Chromium, headless, driven by puppeteer-core, and
// what a person does on the page (sign in, open a template, type a value, publish).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const browserArguments = ["--headless=new", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,1000",
  ...(process.getuid && process.getuid() === 0 ? ["--no-sandbox"] : [])];

export async function newBrowser(language = "en-US") {
  const browser = await puppeteer.launch({ executablePath: process.env.ALIGNKIT_CHROMIUM || "/usr/bin/chromium", args: [...browserArguments, `--lang=${language}`] });
  browser.dialogs = [];
  return browser;
}

export async function newPage(browser, language = "en-US") {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 1000 });
  await page.evaluateOnNewDocument((languages) => {
    Object.defineProperty(navigator, "languages", { get: () => languages });
    Object.defineProperty(navigator, "language", { get: () => languages[0] });
  }, [language, language.split("-")[0]]);
  page.on("dialog", async (dialog) => {
    browser.dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  page.on("pageerror", (error) => console.log(`page error: ${error.message} ${error.stack}`));
  page.on("console", (message) => console.log(`page says: ${message.text()}`));
  return page;
}

export async function signIn(page, service, token) {
  await page.goto(`${service.origin}/`, { waitUntil: "networkidle0" });
  await page.waitForSelector("#token");
  await page.type("#token", token);
  await page.click("#sign-in");
  await page.waitForSelector("#templates");
}

/** Opens a template's tab and waits until the page shows that view, drawn whole. */
export async function openTemplate(page, service, name, tab = "") {
  const hash = `#/t/${name}${tab ? `/${tab}` : ""}`;
  const url = `${service.origin}/${hash}`;
  if (page.url() === url) await page.reload({ waitUntil: "networkidle0" });
  else await page.goto(url, { waitUntil: "networkidle0" });
  await page.waitForSelector(`main[data-view="${hash}"]`);
}

export async function setValue(page, key, text) {
  // As a person replaces a value: into the field, everything in it selected, the new text typed.
  const selector = `[data-key="${key}"]`;
  await page.focus(selector);
  await page.$eval(selector, (input) => input.select());
  await page.type(selector, text);
}

export async function publish(page, message) {
  await page.type("textarea[name=message]", message);
  await page.waitForFunction(() => !document.querySelector("#publish").disabled);
  await page.click("#publish");
}

/** What axe-core finds against WCAG 2.1 A and AA on the page as it is: one line per violation. */
export async function axeViolations(page) {
  await page.evaluate(axeSource);  // through the DevTools protocol: the page's CSP forbids inline scripts, rightly
  return page.evaluate(async () => {
    const found = await window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] });
    return found.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}
