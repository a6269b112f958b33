// The synthesis, the raw data and the archive, from the console. A short ideation is played by
// two tablets (one idea tries to be a script); the console opens the synthesis in a new tab
// (fetched with the token in a header, shown from a Blob), Chromium renders it: the question,
// the ideas as text, the points in order, and the fingerprint equal to the one `atelier verify`
// prints for the archive the console downloads. The tab runs no script, and prints to an A4 PDF.
// The raw data downloads carry each table's points. Screenshots: the synthesis at 1366x768 and
// the console's results area at four sizes (tests/e2e/screenshots/).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { CliAnimateur, ideationRequest } from "./lib/animateur.mjs";
import { downloadedBytes, eventually, expectAccessible, joinTable, openDevice, repoRoot, resize, screenshot, screenshotDir, useServerAndBrowser } from "./lib/harness.mjs";

const env = useServerAndBrowser();
const cli = process.env.ATELIER_CLI ?? join(repoRoot, "build/clients/cli/atelier");
const question = "Comment optimiser l'utilisation de la salle municipale ?";
const hostile = "<script>alert('idée')</script> une idée piégée";

async function post(page, text) {
  await page.getByLabel("Votre idée").fill(text);
  await page.getByRole("button", { name: "Publier l'idée" }).click();
  await page.locator("li.card.own", { hasText: text }).waitFor();
}

async function give(page, text, points) {
  const card = page.locator("li.card", { hasText: text });
  for (let i = 1; i <= points; i++) {
    await card.getByRole("button", { name: "Ajouter un point" }).click();
    await card.locator("output").filter({ hasText: new RegExp(`^${i}$`) }).waitFor();
  }
}

async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.locator(selector).click()]);
  return { name: file.suggestedFilename(), bytes: await downloadedBytes(file) };
}

test("the synthesis, raw data and archive from the console; the synthesis prints", async () => {
  const { server, browser } = env;
  const created = await server.createWorkshop(ideationRequest(question));
  const animateur = new CliAnimateur(server, created);
  const console_ = await openDevice(browser, "laptop",
    `${server.base}/console?workshop=${created.workshopId}#token=${created.animateurToken}`);
  await console_.getByRole("status").filter({ hasText: "Connecté" }).waitFor();

  const lilas = await joinTable(env, created.joinCode, "Table des Lilas");
  const tilleuls = await joinTable(env, created.joinCode, "Table des Tilleuls");
  animateur.phase("PHASE_DIVERGENCE");
  await post(lilas, "Ouvrir la salle aux associations le week-end");
  await post(tilleuls, "Un planning partagé des réservations en ligne");
  await post(tilleuls, hostile);
  animateur.phase("PHASE_CONVERGENCE");
  await give(lilas, "Un planning partagé", 3);
  await give(lilas, "une idée piégée", 1);
  await give(tilleuls, "Ouvrir la salle", 2);
  animateur.phase("PHASE_CONCLUSION");
  const results = await eventually(async () => {
    const r = await animateur.results();
    return r.participation.pointsSpent === 6 ? r : null;
  }, "the six points in the results");
  await console_.locator("#points-results li").first().waitFor();

  // The archive, saved under the server's name; `atelier verify` prints its fingerprint.
  const archive = await download(console_, "#download-archive");
  assert.match(archive.name, new RegExp(`^atelier-${created.workshopId}-[0-9]+\\.atelier-archive$`));
  const archivePath = join(tmpdir(), archive.name);
  await writeFile(archivePath, archive.bytes);
  const verified = execFileSync(cli, ["verify", archivePath], { encoding: "utf8" });
  await rm(archivePath);
  const empreinte = /Empreinte \(head hash\) : ([0-9a-f]{64})/.exec(verified)?.[1];
  assert.ok(empreinte, `atelier verify prints the fingerprint: ${verified}`);

  // The synthesis in a new tab, from a Blob: the token is in no address.
  const dialogs = [];
  const [tab] = await Promise.all([console_.waitForEvent("popup"), console_.locator("#open-synthesis").click()]);
  tab.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await tab.waitForURL(/^blob:/);
  await tab.locator("#head-hash").waitFor();
  assert.ok(!tab.url().includes(created.animateurToken));
  await resize(tab, { width: 1366, height: 768 });
  assert.equal(await tab.locator("h1").textContent(), question);
  assert.equal(await tab.locator("#head-hash").textContent(), empreinte, "the fingerprint is the archive's");
  // Every idea as text, the script among them shown, not run.
  const ideas = await tab.locator("table.ideas tbody td:nth-child(2)").allTextContents();
  assert.deepEqual(ideas.sort(), ["Ouvrir la salle aux associations le week-end", "Un planning partagé des réservations en ligne", hostile].sort());
  assert.equal(await tab.locator("script").count(), 0);
  // The points in the results' order, with the same figures.
  const rows = await tab.locator("#points-table tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector("td:nth-child(2)").textContent, Number(tr.dataset.points)]));
  assert.deepEqual(rows, results.points.map((p) => [p.text, p.points]));
  assert.equal(await tab.locator("svg.chart.bars rect").count(), results.points.length);
  // A script the page tries to add does not run (the document's own policy forbids it).
  const ran = await tab.evaluate(async () => {
    const s = document.createElement("script");
    s.textContent = "window.__ran = true";
    document.body.append(s);
    await new Promise((r) => setTimeout(r, 100));
    return window.__ran === true;
  });
  assert.equal(ran, false, "no script runs in the synthesis");
  assert.deepEqual(dialogs, []);
  // axe-core is a script, which the synthesis refuses: it checks a copy without the policy.
  const copy = await browser.newPage();
  await copy.setContent((await tab.content()).replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ""));
  await expectAccessible(copy, "synthesis");
  await copy.close();
  await screenshot(tab, "synthesis");
  await tab.evaluate(() => window.scrollTo(0, 0));
  await tab.screenshot({ path: join(screenshotDir, "synthesis-first-screen.png") });
  await tab.locator("#results").screenshot({ path: join(screenshotDir, "synthesis-results.png") });

  // It prints: an A4 PDF of a few pages.
  const pdf = await tab.pdf({ format: "A4", printBackground: true });
  assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
  assert.ok(pdf.length > 10_000, `a real document (${pdf.length} bytes)`);
  const text = pdf.toString("latin1");
  assert.match(text, /\/MediaBox \[0 0 595\.9\d* 842\.8\d*\]/, "A4 pages");
  const pages = text.match(/\/Type \/Page[^s]/g)?.length ?? 0;
  assert.ok(pages >= 2 && pages <= 6, `${pages} pages: the results start on a page of their own`);

  // Raw data: each table's points, tables by name, formulas guarded; the JSON's fingerprint.
  const points = await download(console_, "#raw-points");
  assert.match(points.name, /-points\.csv$/);
  const csv = points.bytes.toString("utf8");
  assert.ok(csv.startsWith("\uFEFFtable,table_name,target_id,target_kind,target_text,points,step,step_title,seat,rank,bucket,profile\r\n"), csv);
  // Then the vote step, no title, the table's own ballot (seat 0), no rank or bucket, and no
  // profile: this workshop has none.
  assert.match(csv, /\r\n1,Table des Lilas,[0-9]+,idea,Un planning partagé des réservations en ligne,3,[0-9]+,,0,0,,\r\n/);
  assert.match(csv, /\r\n2,Table des Tilleuls,[0-9]+,idea,Ouvrir la salle aux associations le week-end,2,[0-9]+,,0,0,,\r\n/);
  assert.equal(await console_.locator("#raw-scores").isHidden(), true, "no scores in an ideation");
  const json = JSON.parse((await download(console_, "#raw-json")).bytes.toString("utf8"));
  assert.equal(json.headHash, empreinte);
  assert.deepEqual(json.tables.map((t) => t.name), ["Table des Lilas", "Table des Tilleuls"]);
  assert.ok(!JSON.stringify(json).includes(created.animateurToken));
  assert.deepEqual(console_.errors, []);

  // The console's results area at four sizes.
  for (const [width, height] of [[1024, 768], [390, 844], [1366, 768], [1920, 1080]]) {
    await resize(console_, { width, height });
    await console_.locator("section.results").scrollIntoViewIfNeeded();
    await console_.locator("section.results").screenshot({ path: join(screenshotDir, `console-results-${width}x${height}.png`) });
    // Nothing of the results area is cut or sticks out (outside its scrolling tables).
    const out = await console_.locator("section.results").evaluate((section) => {
      const right = section.getBoundingClientRect().right;
      const clipped = (e) => { for (let a = e.parentElement; a && a !== section; a = a.parentElement) { if (getComputedStyle(a).overflowX !== "visible") return true; } return false; };
      return [...section.querySelectorAll("*")].filter((e) => e.getBoundingClientRect().right > right + 1 && !clipped(e))
        .map((e) => `${e.tagName}#${e.id}.${e.className}`);
    });
    assert.deepEqual(out, [], `nothing sticks out of the results area at ${width}x${height}`);
  }
  await expectAccessible(console_, "console: results and exports");
});
