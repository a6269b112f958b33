// Issue 14, each of the nine methods run to its results with the screens in a real browser: the
// server's template is created and played over the real protocol by `atelier demo --template`
// (tables with their profiles post the method's ideas in each facet, every voter casts each
// step's ballot, every participant scores on its phone, the animateur moves through the agenda
// and reveals), while the animateur's console (1366x768) and the big screen (1920x1080) follow it
// live. At the end both show the method's results: the console its votes and scores in the
// agenda's order, the big screen its results (a journey map: the map with its smileys and the
// opportunities' dots), with no browser
// error. (Creating each from its card in the console: templates_create.test.mjs.) Screenshots:
// templates-play-KEY-1920x1080.png.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { test } from "node:test";
import { openDevice, repoRoot, resize, screenshot, useServerAndBrowser } from "./lib/harness.mjs";

const env = useServerAndBrowser();
const cli = process.env.ATELIER_CLI ?? join(repoRoot, "build/clients/cli/atelier");

/** Starts the demo of `key`; resolves with its console and observer paths once printed, and `done`. */
function playDemo(server, key) {
  const child = spawn(cli, ["demo", "--server", `127.0.0.1:${server.port}`, "--template", key, "--pace-ms", "150", "--seed", "3"],
    { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stderr.on("data", (d) => { err += d; });
  const done = new Promise((resolve) => child.on("close", (code) => resolve({ code, out, err })));
  const links = new Promise((resolve, reject) => {
    const found = {};
    createInterface({ input: child.stdout }).on("line", (line) => {
      out += `${line}\n`;
      const observer = line.match(/écran des observateurs : \S*?(\/observer\?\S+)/);
      const console_ = line.match(/console de l'animateur : \S*?(\/console\?\S+)/);
      if (observer) found.observer = observer[1];
      if (console_) found.console = console_[1];
      if (found.observer && found.console) resolve(found);
    });
    done.then(({ code }) => reject(new Error(`demo ${key} ended (${code}) before its links:\n${out}\n${err}`)));
  });
  return { links, done };
}

const methods = ["ideation", "evaluation", "sprint", "cartes-de-role", "parcours-usager", "election-des-futurs",
  "jurisprudence", "bilan-de-mandature", "barometre"];

test("each of the nine methods runs to its results, the console and the big screen following it", async () => {
  const { server, browser } = env;
  for (const key of methods) {
    const demo = playDemo(server, key);
    const links = await demo.links;
    const observer = await openDevice(browser, "projector", `${server.base}${links.observer}`);
    await resize(observer, { width: 1920, height: 1080 });
    const console_ = await openDevice(browser, "laptop", `${server.base}${links.console}`);
    await resize(console_, { width: 1366, height: 768 });
    const { code, out, err } = await demo.done;
    assert.equal(code, 0, `${key}: the demo ran to its end\n${out}\n${err}`);
    assert.match(out, /L'animateur révèle les résultats\./, key);

    // The console: the results of every vote and every scoring step of the agenda.
    const results = console_.locator("#console-results");
    // Each kind titles its results in its own words (Points, Gommettes, Idées choisies, Classement…).
    const votes = /^(Points|Gommettes|Idées choisies|Classement|Tri)/;
    const scores = key === "evaluation" || key === "barometre" || key === "parcours-usager";
    const voted = key !== "evaluation" && key !== "barometre";
    if (voted) await results.locator("#vote-results-title").waitFor();
    if (scores) await results.locator("#evaluation-results").waitFor({ state: "attached" }); // a table, or cards
    if (voted) assert.match(await results.locator("#vote-results-title").textContent(), votes, `${key}: the vote's results`);
    if (voted) assert.ok(await results.locator("#points-results > li").count() > 0, `${key}: its rows`);
    if (scores) assert.match(await results.locator("#evaluation-results").textContent(), /\d,\d|\d/, `${key}: the scores`);

    // The big screen: the results, revealed.
    await observer.waitForFunction(() => ["points", "evaluation", "profiles"].includes(document.body.dataset.stage),
      null, { timeout: 15000 }).catch(async () => {
      assert.fail(`${key}: the big screen shows no results (stage « ${await observer.evaluate(() => document.body.dataset.stage)} »)`);
    });
    if (key === "parcours-usager") {
      // « La carte et ses smileys »: the map, each stage's smileys, the opportunities' dots on them.
      await observer.locator("#journey-grid tr.journey-ratings td[data-idea-id]").first().waitFor();
      assert.equal(await observer.locator("#journey-grid tr.journey-ratings td[data-idea-id]").count(), 5, "five stages rated");
      assert.match((await observer.locator("#journey-grid .journey-votes").allTextContents()).join(" "), /\d+ gommettes?/);
    }
    await screenshot(observer, `templates-play-${key}-1920x1080`);
    assert.deepEqual([...observer.errors, ...console_.errors], [], key);
    await observer.context().close();
    await console_.context().close();
  }
});
