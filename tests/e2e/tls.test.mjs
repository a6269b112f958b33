// Atelier behind nginx with TLS, as deploy/nginx/atelier.conf sets it up (lib/nginx.mjs runs
// that file with a self-signed certificate): plain HTTP is redirected to HTTPS, responses carry
// HSTS, two tablets play a short ideation over https:// and wss:// in Chromium, and the
// server's per-address limits count each real client (nginx's X-Forwarded-For, believed with
// --trusted-proxy), not nginx.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { request } from "node:https";
import { after, before, test } from "node:test";
import { launchBrowser, openDevice, Server, screenshot } from "./lib/harness.mjs";
import { Nginx } from "./lib/nginx.mjs";
import { ideation, phases, post } from "./lib/tablet.mjs";

let server;
let nginx;
let browser;

before(async () => {
  server = await Server.start({ args: ["--trusted-proxy", "127.0.0.1", "--failed-attempt-rate", "6/min,3"] });
  nginx = await Nginx.start(server.port);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await nginx?.stop();
  await server?.stop();
});

/** GET over HTTPS from a given local address, trusting the test's certificate only. */
function get(path, localAddress = "127.0.0.1") {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", servername: "localhost", port: nginx.httpsPort, path, localAddress,
      ca: readFileSync(nginx.cert) }, (res) => {
      let body = "";
      res.on("data", (d) => { body += d; });
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("plain HTTP is redirected to HTTPS, and HTTPS answers with HSTS", async () => {
  const plain = await fetch(`http://127.0.0.1:${nginx.httpPort}/console?x=1`, { redirect: "manual" });
  assert.equal(plain.status, 301);
  assert.equal(plain.headers.get("location"), "https://127.0.0.1/console?x=1", "to the same name on 443");
  const page = await get("/");
  assert.equal(page.status, 200);
  assert.match(page.headers["strict-transport-security"], /max-age=63072000/);
  assert.match(page.body, /<html/);
});

test("the per-address limits count the real client behind nginx, not nginx", async () => {
  const { created } = await ideation(server, "Qui compte-t-on ?");
  for (let i = 0; i < 3; i++) {
    const wrong = await get(`/api/join/0000000${i}`, "127.0.0.2");
    assert.equal(wrong.status, 404, wrong.body);
  }
  const limited = await get(`/api/join/${created.joinCode}`, "127.0.0.2");
  assert.equal(limited.status, 429, "that client spent its failed attempts");
  const other = await get(`/api/join/${created.joinCode}`, "127.0.0.3");
  assert.equal(other.status, 200, `another client behind the same nginx is served: ${other.body}`);
});

test("two tablets play a short ideation over https and wss", async () => {
  const { created, animateur } = await ideation(server, "Comment rendre la salle plus accueillante ?");
  const open = async (name) => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1024, height: 768 }, locale: "fr-FR" });
    const page = await context.newPage();
    page.errors = [];
    page.on("pageerror", (e) => page.errors.push(String(e)));
    await page.goto(`${nginx.base}/?code=${created.joinCode}`);
    await page.getByLabel("Nom de la table (facultatif)").fill(name);
    await page.getByRole("button", { name: "Rejoindre" }).click();
    await page.getByRole("status").filter({ hasText: "Connecté" }).waitFor();
    return page;
  };
  const lilas = await open("Lilas");
  const tilleuls = await open("Tilleuls");
  assert.equal(new URL(lilas.url()).protocol, "https:");
  phases(animateur, "PHASE_DIVERGENCE");
  await post(lilas, "Des plantes vertes et un coin lecture");
  // The other tablet sees it live, over wss:// through nginx.
  await tilleuls.locator("li.card", { hasText: "Des plantes vertes et un coin lecture" }).waitFor();
  phases(animateur, "PHASE_GROUPING", "PHASE_CONVERGENCE");
  const card = tilleuls.locator("li.card", { hasText: "Des plantes vertes et un coin lecture" });
  await card.getByRole("button", { name: /Ajouter un point/ }).click();
  await card.getByRole("button", { name: /Ajouter un point/ }).click();
  await screenshot(tilleuls, "tls-tablet-convergence");
  await eventuallyPoints(animateur, 2);
  assert.deepEqual([...lilas.errors, ...tilleuls.errors], []);
});

async function eventuallyPoints(animateur, expected) {
  const deadline = Date.now() + 10000;
  for (;;) {
    const results = await animateur.results();
    const points = results.points?.[0]?.points ?? 0;
    if (points === expected) return;
    if (Date.now() > deadline) assert.fail(`the idea has ${points} points, not ${expected}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
