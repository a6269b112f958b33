// Issue 12, bug 10, on a 390x844 phone and a 1024x768 tablet: a long idea was cut at the length
// limit mid-sentence without warning. The box says how many characters are left (from the
// workshop's max_idea_length), stops at the limit while typing, says so politely near the limit,
// and says when a paste did not fit; what is posted is what the box shows.
import assert from "node:assert/strict";
import { test } from "node:test";
import { expectAccessible, useServerAndBrowser } from "./lib/harness.mjs";
import { assertInViewport, ideation, joinAt, phases, shot } from "./lib/tablet.mjs";

const env = useServerAndBrowser();

const max = 120;
const sentence = "Ouvrir la salle municipale aux associations du quartier le soir en semaine, avec une permanence de bénévoles et un planning partagé en ligne.";

test("a long idea: characters left, a stop at the limit said politely, a paste that did not fit said", async () => {
  const { server } = env;
  const { created, animateur } = await ideation(server, "Comment optimiser l'utilisation de la salle municipale ?", [], { maxIdeaLength: max });
  for (const size of ["phone", "tablet"]) {
    const page = await joinAt(env, size, created.joinCode, `Table ${size}`);
    if (size === "phone") phases(animateur, "PHASE_DIVERGENCE");
    const box = page.getByLabel("Votre idée");
    const counter = page.locator("#idea-count");
    const live = page.locator("#idea-count + [aria-live=polite]");
    await counter.filter({ hasText: `Encore ${max} caractères possibles (${max} au plus).` }).waitFor();
    assert.equal(await box.getAttribute("maxlength"), String(max));

    // Typing: nothing said before 50 left, then once at each of 50, 20, 10 and 0.
    await box.pressSequentially(sentence.slice(0, 60));
    await counter.filter({ hasText: "Encore 60 caractères possibles" }).waitFor();
    assert.equal(await live.textContent(), "", "nothing announced far from the limit");
    await box.pressSequentially(sentence.slice(60, 75));
    await counter.filter({ hasText: "Encore 45 caractères possibles" }).waitFor();
    assert.equal(await live.textContent(), `Encore 50 caractères possibles (${max} au plus).`, "announced once at 50 left");
    await box.pressSequentially(sentence.slice(75));
    assert.equal(await box.inputValue(), sentence.slice(0, max), "typing stops at the limit");
    await counter.filter({ hasText: `Limite atteinte : ${max} caractères au plus.` }).waitFor();
    assert.match(await live.textContent(), /^Limite atteinte/, "the limit is announced");
    await assertInViewport(counter, "the counter");
    await expectAccessible(page, `${size}: idea at the limit`);
    await shot(page, `tablet-idea-limit-${size}`);

    // A paste that does not fit is said, not cut silently.
    await box.fill("");
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.base });
    await page.evaluate((text) => navigator.clipboard.writeText(text), sentence);
    await box.focus();
    await page.keyboard.press("Control+V");
    assert.equal(await box.inputValue(), sentence.slice(0, max));
    await counter.filter({ hasText: `Le texte collé était trop long : seuls les ${max} premiers caractères sont dans la case.` }).waitFor();
    await shot(page, `tablet-idea-paste-${size}`);

    // What is posted is exactly what the box shows.
    await page.getByRole("button", { name: "Publier l'idée" }).click();
    await page.locator("li.card.own").filter({ hasText: sentence.slice(0, max) }).waitFor();
    await counter.filter({ hasText: `Encore ${max} caractères possibles` }).waitFor();
    assert.deepEqual(page.errors, []);
  }
  const results = await animateur.results();
  assert.equal(results.participation.ideas, 2);
});
