// Smoke run of the table tablet against a real atelier-server, in Debian's Chromium:
// join as a table, post an idea (another table, driven by the CLI, posted a similar one first),
// reload and resume the same table, vote in convergence, see a rejection explained in French.
// Screenshots go to e2e/screenshots/ (not committed).
//
//   node e2e/table_smoke.mjs http://127.0.0.1:PORT JOIN_CODE WORKSHOP_ID ANIMATEUR_TOKEN
// Env: ATELIER_CLI (default ../../build/clients/cli/atelier), CHROMIUM (default /usr/bin/chromium).
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const [base, code, workshop, animateurToken] = process.argv.slice(2);
if (!animateurToken) {
  console.error("usage: node e2e/table_smoke.mjs BASE_URL JOIN_CODE WORKSHOP_ID ANIMATEUR_TOKEN");
  process.exit(2);
}
const cli = process.env.ATELIER_CLI ?? new URL("../../../build/clients/cli/atelier", import.meta.url).pathname;
const server = new URL(base).host;
const shots = new URL("./screenshots/", import.meta.url).pathname;
mkdirSync(shots, { recursive: true });

const atelier = (...args) => execFileSync(cli, [args[0], "--server", server, ...args.slice(1)], { encoding: "utf8" });
const animateur = (command) => atelier("send", "--animateur", workshop, animateurToken, JSON.stringify(command));
const phase = (p) => animateur({ setPhase: { phase: p } });
const check = (ok, what) => {
  if (!ok) throw new Error(`FAILED: ${what}`);
  console.log(`ok: ${what}`);
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 768 }, locale: "fr-FR" });
  page.on("console", (m) => m.type() === "error" && console.log("browser:", m.text()));
  await page.goto(`${base}/?code=${code}`);
  await page.getByLabel("Nom de la table (facultatif)").fill("Table des Lilas");
  await page.getByRole("button", { name: "Rejoindre" }).click();
  await page.getByRole("status").filter({ hasText: "Connecté" }).waitFor();
  check(true, "joined as a table");

  const other = JSON.parse(atelier("join", "--code", code, "--table-name", "Table des Tilleuls", "--json"));
  phase("PHASE_DIVERGENCE");
  atelier("send", "--workshop", workshop, "--token", other.token, JSON.stringify({ postIdea: { text: "Un repair café le samedi matin" } }));
  await page.getByText("Un repair café le samedi matin").waitFor();
  check(true, "another table's idea appears live");

  await page.getByLabel("Votre idée").pressSequentially("Un repair café une fois par mois", { delay: 5 });
  await page.getByText("Déjà proposé ?").waitFor();
  check(true, "« déjà proposé ? » hints while typing");
  await page.screenshot({ path: `${shots}table-divergence.png`, fullPage: true });
  await page.getByRole("button", { name: "Publier l'idée" }).click();
  await page.getByText("Notre idée").waitFor();
  check(true, "our idea is posted and marked as ours");

  await page.reload();
  await page.getByText("Notre idée").waitFor();
  check((await page.getByLabel("Code de l'atelier").count()) === 0, "a reload resumes the same table");

  phase("PHASE_GROUPING");
  phase("PHASE_CONVERGENCE");
  await page.getByText("Répartissez vos points").waitFor();
  const plus = page.getByRole("group", { name: /samedi matin/ }).getByRole("button", { name: "Ajouter un point" });
  for (let i = 0; i < 4; i++) {
    await plus.click();
    await page.waitForTimeout(150);
  }
  await page.getByRole("alert").filter({ hasText: "Au plus 3 points" }).waitFor();
  check(true, "a cap rejection is explained in French");
  await page.getByText("Il vous reste 27 points sur 30").waitFor();
  check(true, "points left out of 30 are shown");
  check((await page.getByText("vous ne votez pas pour vos propres idées").count()) === 1, "our own idea is not votable, with the reason");
  await page.screenshot({ path: `${shots}table-convergence.png`, fullPage: true });
  console.log(atelier("results", "--workshop", workshop, "--token", animateurToken));
} finally {
  await browser.close();
}
