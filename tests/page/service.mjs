// The real `alignkit serve` for the page's tests and benchmark: a store (SQLite, or the PostgreSQL
// server tests/server/with_postgres.sh started), users made with the real command, a free port
// on loopback; and HTTP calls to it from the test's side.
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

export class Checks {
  constructor() {
    this.passed = 0;
    this.failed = [];
  }
  check(ok, what) {
    if (ok) {
      this.passed += 1;
      console.log(`ok    ${what}`);
    } else {
      this.failed.push(what);
      console.log(`FAIL  ${what}`);
    }
    return ok;
  }
  finish() {
    console.log(`${this.passed} passed, ${this.failed.length} failed`);
    return this.passed > 0 && this.failed.length === 0 ? 0 : 1;
  }
}

export async function startService(alignkit, { backend = "sqlite", samples, users = {}, settings = "" } = {}) {
  const folder = mkdtempSync(join(tmpdir(), "alignkit-page-"));
  const store = backend === "sqlite" ? `sqlite:${folder}/store.db` : process.env.ALIGNKIT_TEST_POSTGRES;
  if (!store) throw new Error("run under tests/server/with_postgres.sh for PostgreSQL");
  if (samples) execFileSync(alignkit, ["store", "import", samples, "--store", store], { stdio: "ignore" });
  const tokens = {};
  for (const [name, owns] of Object.entries(users)) {
    const args = ["users", "add", name, ...(owns === "reads" ? ["--reads"] : ["--owns", owns]), "--users", `${folder}/users.json`];
    tokens[name] = execFileSync(alignkit, args, { stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
  }
  const config = join(folder, "alignkit.conf");
  writeFileSync(config, `reading = token\n${settings}`);
  chmodSync(config, 0o600);
  const child = spawn(alignkit, ["serve", "--port", "0", "--config", config, "--store", store, "--users", `${folder}/users.json`],
                      { stdio: ["ignore", "pipe", "pipe"] });
  const log = [];
  child.stderr.on("data", (chunk) => log.push(chunk.toString()));
  const port = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      const match = /^listening on port (\d+)/.exec(line);
      if (match) resolve(Number(match[1]));
    });
    child.on("exit", (code) => reject(new Error(`the service exited (${code}): ${log.join("")}`)));
  });
  return {
    alignkit, folder, store, port, tokens, child,
    origin: `http://127.0.0.1:${port}`,
    log: () => log.join(""),
    users: `${folder}/users.json`,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.on("exit", resolve));
      rmSync(folder, { recursive: true, force: true });
    },
    /** One HTTP call from the test's side: {status, body (parsed JSON or text), headers}. */
    async call(method, path, { token, body, headers = {} } = {}) {
      const sent = { method, headers: { ...headers } };
      if (token) sent.headers.Authorization = `Bearer ${token}`;
      if (body !== undefined) {
        sent.headers["Content-Type"] = "application/json";
        sent.body = typeof body === "string" ? body : JSON.stringify(body);
      }
      const response = await fetch(`http://127.0.0.1:${port}${path}`, sent);
      const text = await response.text();
      let parsed = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: the page's files
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
  };
}
