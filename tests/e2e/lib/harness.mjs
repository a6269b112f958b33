// What every browser test needs: a real atelier-server on a free loopback port with its own
// RocksDB directory and the built web app, Debian's Chromium driven by playwright-core, the
// HTTP API, an axe-core accessibility check and screenshots under tests/e2e/screenshots/.
//
// Env: ATELIER_SERVER (default build/server/net/atelier-server), ATELIER_WEB_DIST (default
// clients/web/dist), CHROMIUM (default /usr/bin/chromium-headless-shell).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
export const repoRoot = new URL("../../../", import.meta.url).pathname;
export const screenshotDir = new URL("../screenshots/", import.meta.url).pathname;
const serverBinary = process.env.ATELIER_SERVER ?? join(repoRoot, "build/server/net/atelier-server");
const webDist = process.env.ATELIER_WEB_DIST ?? join(repoRoot, "clients/web/dist");

/** One atelier-server process; restart() keeps its port and data directory. */
export class Server {
  #child = null;
  #exited = null;
  constructor(dataDir, args) {
    this.dataDir = dataDir;
    this.args = args;
    this.port = 0;
  }

  /** args: more flags for atelier-server (e.g. --organizer-keys FILE). */
  static async start({ args = [] } = {}) {
    for (const [what, path] of [["server binary", serverBinary], ["web app build", join(webDist, "index.html")]]) {
      if (!existsSync(path)) throw new Error(`${what} missing at ${path}: run make build web first`);
    }
    const server = new Server(mkdtempSync(join(tmpdir(), "atelier-e2e-")), args);
    await server.#spawn();
    return server;
  }

  get base() {
    return `http://127.0.0.1:${this.port}`;
  }

  async #spawn() {
    const child = spawn(serverBinary, ["--listen", `127.0.0.1:${this.port}`, "--data", this.dataDir, "--static", webDist, ...this.args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.#child = child;
    this.#exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
    child.stderr.on("data", (d) => process.stderr.write(`[server] ${d}`));
    const port = await new Promise((resolve, reject) => {
      let out = "";
      const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 15000);
      child.stdout.on("data", (d) => {
        out += d;
        const m = /listening on [0-9.]+:([0-9]+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${out}`)));
    });
    this.port = port;
  }

  /** SIGTERM (drain and close with 1001), then start again on the same port and data. */
  async restart() {
    await this.stop({ keepData: true });
    await this.#spawn();
  }

  async stop({ keepData = false } = {}) {
    if (this.#child) {
      this.#child.kill("SIGTERM");
      const { code } = await this.#exited;
      this.#child = null;
      assert.equal(code, 0, "the server exits cleanly on SIGTERM");
    }
    if (!keepData) rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** POST /api/workshops with a CreateWorkshopRequest in protobuf JSON; the parsed response. */
  async createWorkshop(request) {
    const res = await fetch(`${this.base}/api/workshops`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(request),
    });
    const body = await res.json();
    assert.equal(res.status, 201, `create workshop: ${JSON.stringify(body)}`);
    return body;
  }

  /** GET the results as the animateur sees them (protobuf JSON of Results). */
  async results(workshopId, animateurToken) {
    const res = await fetch(`${this.base}/api/workshops/${workshopId}/results`, {
      headers: { authorization: `Bearer ${animateurToken}` },
    });
    const body = await res.json();
    assert.equal(res.status, 200, `results: ${JSON.stringify(body)}`);
    return body;
  }
}

/** How the tests' Chromium is started (here, or once for a whole run by lib/browser_server.mjs). */
export function browserOptions() {
  return {
    // Debian's chromium-headless-shell: half the CPU of the full browser run headless, on this
    // 2-core machine the difference between 10 and 5 minutes for the folder.
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium-headless-shell",
    // The machine's network is closed: background networking would only make refused
    // connections. --no-sandbox: CI runs as root.
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  };
}

/**
 * A browser for a test file: the run's shared one when `make test-web` started it
 * (ATELIER_E2E_BROWSER_WS, lib/browser_server.mjs; close() then only disconnects), else one of
 * its own.
 */
export async function launchBrowser() {
  const shared = process.env.ATELIER_E2E_BROWSER_WS;
  if (shared) return chromium.connect(shared);
  return chromium.launch(browserOptions());
}

const devices = {
  tablet: { viewport: { width: 1280, height: 800 }, hasTouch: true }, // a 10-inch tablet, landscape
  phone: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true },
  laptop: { viewport: { width: 1366, height: 900 } },
  projector: { viewport: { width: 1920, height: 1080 } },
};

/**
 * A page in its own browser context (its own storage: one device in the room). Browser errors
 * are collected in page.errors, so that a test can assert none happened.
 */
export async function openDevice(browser, kind, url) {
  const context = await browser.newContext({ ...devices[kind], locale: "fr-FR" });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error" && !/WebSocket|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED/.test(m.text())) {
      page.errors.push(m.text());
    }
  });
  if (url) await page.goto(url);
  return page;
}

/**
 * Resizes the page's viewport and waits until a frame has been drawn at the new size. The
 * screens measure their sticky header with a ResizeObserver, whose callback runs in the frame
 * after the resize: layout read before it would be the old size's.
 */
export async function resize(page, size) {
  await page.setViewportSize(size);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** Runs axe-core (WCAG 2.1 A/AA rules) on the page; fails on any serious or critical violation. */
export async function expectAccessible(page, screen) {
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const violations = await page.evaluate(async () => {
    const result = await globalThis.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    }));
  });
  const blocking = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(blocking, [], `${screen}: serious or critical accessibility violations`);
  return violations;
}

export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  // From the top: a sticky header would otherwise be drawn where the page was scrolled to.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Waits until fn() (run in Node) returns a truthy value; fails with what it last returned. */
export async function eventually(fn, what, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Waits until fn() (run in Node) deep-equals `expected`; fails showing the last value against
 * it. (Not eventually(() => equal || value): a value is truthy, so that would not wait.)
 */
export async function eventuallyEqual(fn, expected, what, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = await fn();
    if (isDeepStrictEqual(last, expected)) return last;
    if (Date.now() > deadline) assert.deepEqual(last, expected, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * For a test file: a server and a browser started before its tests and stopped after them.
 * Returns a holder whose .server and .browser are set once started. options: as Server.start.
 */
export function useServerAndBrowser(options = {}) {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await Server.start(options);
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

/**
 * A tablet joining the workshop with `code` as a new table named `name` (and, when given, the
 * table number it picks), connected.
 */
export async function joinTable({ server, browser }, code, name, number) {
  const page = await openDevice(browser, "tablet", `${server.base}/?code=${code}`);
  await page.getByLabel("Nom de la table (facultatif)").fill(name);
  if (number) await page.getByLabel("Numéro de la table (facultatif)").fill(String(number));
  await page.getByRole("button", { name: "Rejoindre" }).click();
  await page.getByRole("status").filter({ hasText: "Connecté" }).waitFor();
  return page;
}

/**
 * The bytes of a finished download (a Playwright Download), read through its stream: a browser
 * the test connected to (the run's shared one) keeps its files on its side, where path() fails.
 */
export async function downloadedBytes(download) {
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  return Buffer.concat(chunks);
}
