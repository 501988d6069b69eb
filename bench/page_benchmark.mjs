// The owners' page at scale, in Debian's Chromium against the real service on loopback (SQLite):
//  - first render of the template list with 200 templates of 50 versions each (targets: < 1 s);
//  - the differences between two versions of a 1 MB template: the service's answer alone, and
//    the page's Compare from click to table (target: < 200 ms).
// Prints medians and spreads of several rounds; asserts nothing.
//   cmake --build --preset release --target page-benchmark
//   (node page_benchmark.mjs PAGE_TESTS_DIR ALIGNKIT SAMPLE_TEMPLATES)
// PAGE_TESTS_DIR holds tests/page/service.mjs and the npm packages of tests/page/package-lock.json.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pageTests, alignkit, samples] = process.argv.slice(2).map((path) => resolve(path));
const fromPageTests = createRequire(join(pageTests, "package.json"));
const puppeteer = (await import(pathToFileURL(fromPageTests.resolve("puppeteer-core")))).default;
const { startService } = await import(pathToFileURL(join(pageTests, "service.mjs")));

const kTemplates = 200;
const kVersions = 50;
const kRounds = 7;
const kFigures = 19000;  // keys of 60 characters: just under 1 MiB

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const spread = (values) => `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}`;
const line = (what, values, target) =>
  console.log(`${what.padEnd(58)} median ${median(values).toFixed(1).padStart(7)} ms  (${spread(values)} ms over ${values.length})  target ${target}`);

/** A backup holding kTemplates sample-based templates of kVersions versions each, restored in one go. */
function storeAtScale(folder) {
  const base = readdirSync(samples).filter((file) => file.endsWith(".json")).map((file) => JSON.parse(readFileSync(join(samples, file), "utf8")));
  const versions = [];
  const start = Date.parse("2026-01-01T00:00:00Z");
  for (let t = 0; t < kTemplates; ++t) {
    const document = structuredClone(base[t % base.length]);
    for (let v = 1; v <= kVersions; ++v) {
      document.people.annual_salary = 50000 + 100 * v + t;
      versions.push({ name: `team_${String(t).padStart(3, "0")}`, version: v, author: "hr", message: `salary review ${v}`,
                      published: new Date(start + (t * kVersions + v) * 60000).toISOString().replace(/\.\d+Z$/, "Z"),
                      groups_changed: v === 1 ? Object.keys(document) : ["people"], document: JSON.stringify(document) });
    }
  }
  const file = join(folder, "scale-backup.json");
  writeFileSync(file, JSON.stringify({ format: "alignkit-store-backup-1", versions }));
  return file;
}

/** A template just under the service's 1 MiB limit: the sample plus a group of 19,000 keyed figures. */
function megabyteTemplate(changedEvery) {
  const document = JSON.parse(readFileSync(join(samples, "inside_sales.json"), "utf8"));
  document.regions = {};
  for (let k = 0; k < kFigures; ++k) {
    document.regions[`territory_${String(k).padStart(5, "0")}_monthly_quota_of_the_region`] = k % changedEvery === 0 ? 61000 + k : 60000 + k;
  }
  return JSON.stringify(document);
}

async function main() {
  const service = await startService(alignkit, { users: { hr: "*" } });
  const browser = await puppeteer.launch({ executablePath: process.env.ALIGNKIT_CHROMIUM || "/usr/bin/chromium",
    args: ["--headless=new", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1280,1000",
           ...(process.getuid && process.getuid() === 0 ? ["--no-sandbox"] : [])] });
  try {
    const backup = storeAtScale(service.folder);
    const restoreStart = performance.now();
    execFileSync(alignkit, ["store", "restore", backup, "--store", service.store], { stdio: "ignore" });
    console.log(`restored ${kTemplates} templates × ${kVersions} versions in ${((performance.now() - restoreStart) / 1000).toFixed(1)} s`);

    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 1000 });
    await page.goto(`${service.origin}/`, { waitUntil: "networkidle0" });
    await page.type("#token", service.tokens.hr);
    await page.click("#sign-in");
    await page.waitForSelector("#templates");

    const firstRender = [];
    for (let round = 0; round < kRounds; ++round) {
      const start = performance.now();
      await page.goto(`${service.origin}/?round=${round}`, { waitUntil: "domcontentloaded" });
      await page.waitForSelector(`#templates tbody tr:nth-child(${kTemplates})`);
      firstRender.push(performance.now() - start);
    }
    line(`first render: ${kTemplates} templates of ${kVersions} versions`, firstRender, "< 1000 ms");

    // Two versions of a 1 MB template; one figure in 7 differs.
    const first = megabyteTemplate(Number.MAX_SAFE_INTEGER);
    const second = megabyteTemplate(7);
    console.log(`a template of ${(first.length / 1e6).toFixed(2)} MB, ${Math.ceil(kFigures / 7)} figures changed`);
    for (const [body, headers] of [[first, {}], [second, { "If-Match": '"1"' }]]) {
      const put = await service.call("PUT", "/v1/templates/territories", { token: service.tokens.hr, body, headers });
      if (put.status !== 200 && put.status !== 201) throw new Error(`publishing the 1 MB template: ${put.status} ${JSON.stringify(put.body)}`);
    }

    const served = [];
    for (let round = 0; round < kRounds; ++round) {
      const start = performance.now();
      const answer = await service.call("GET", "/v1/templates/territories/changes?from=1&to=2", { token: service.tokens.hr });
      served.push(performance.now() - start);
      if (answer.status !== 200) throw new Error(`changes: ${answer.status}`);
    }
    line("differences of two 1 MB versions: the service's answer", served, "< 200 ms");

    const shown = [];
    for (let round = 0; round < kRounds; ++round) {
      await page.goto(`${service.origin}/?round=${round}#/t/territories/history`, { waitUntil: "networkidle0" });
      await page.waitForSelector("#compare-button");
      const selects = await page.$$("#compare select");
      await selects[0].select("1");
      await selects[1].select("2");
      const start = performance.now();
      await page.click("#compare-button");
      await page.waitForSelector("#differences table");
      shown.push(performance.now() - start);
    }
    line("differences of two 1 MB versions: Compare, click to table", shown, "< 200 ms");
  } finally {
    await browser.close();
    await service.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
