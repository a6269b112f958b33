// What the big screen tests measure in the page: that nothing scrolls, what is really on screen
// (inside the viewport and not on another page), and how large its text is.
import assert from "node:assert/strict";

/** Fails unless the page fits its viewport: no vertical or sideways scroll. */
export async function assertNoScroll(page, what) {
  const [height, innerHeight, width, innerWidth] = await page.evaluate(() => [
    document.documentElement.scrollHeight, window.innerHeight, document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(height <= innerHeight, `${what}: the page is ${height} px tall in a ${innerHeight} px window`);
  assert.ok(width <= innerWidth, `${what}: the page is ${width} px wide in a ${innerWidth} px window`);
}

/**
 * The elements matching selector that are drawn on screen: not on another page (.off-page), with
 * a box wholly inside the viewport and inside every ancestor that clips. Each as
 * { text, top, bottom, left, right, ...dataset }.
 */
export async function onScreen(page, selector) {
  return page.locator(selector).evaluateAll((els) => els.filter((el) => {
    if (el.closest(".off-page")) return false;
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return false;
    if (r.top < -0.5 || r.left < -0.5 || r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5) return false;
    for (let a = el.parentElement; a; a = a.parentElement) {
      if (getComputedStyle(a).overflow === "visible") continue;
      const b = a.getBoundingClientRect();
      if (r.top < b.top - 0.5 || r.bottom > b.bottom + 0.5 || r.left < b.left - 0.5 || r.right > b.right + 0.5) return false;
    }
    return true;
  }).map((el) => {
    const r = el.getBoundingClientRect();
    return { text: el.textContent.trim(), top: r.top, bottom: r.bottom, left: r.left, right: r.right, ...el.dataset };
  }));
}

/** The smallest computed font size (px) among the elements matching selector that are on screen. */
export async function smallestFont(page, selector) {
  const sizes = await page.locator(selector).evaluateAll((els) => els
    .filter((el) => !el.closest(".off-page") && el.getBoundingClientRect().height > 0)
    .map((el) => parseFloat(getComputedStyle(el).fontSize)));
  assert.ok(sizes.length > 0, `nothing on screen matches ${selector}`);
  return Math.min(...sizes);
}

/** Fails unless every element of selector on screen is at least px large. */
export async function assertFontAtLeast(page, selector, px) {
  const smallest = await smallestFont(page, selector);
  assert.ok(smallest >= px - 0.1, `${selector}: ${smallest} px, at least ${px} px wanted`);
}

/** Waits until the page's animations (a post-it fading in, cards sliding) have ended. */
export async function settled(page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
}

/**
 * Every text the room reads on screen, at least px large: each element drawn in the viewport
 * (inside every box that clips it, not off-page, not visually hidden) with text of its own, in
 * the header, the stage and the strip below, except the corner (the connection and the pager's
 * pause, for the animateur at the projector). Fails listing the smallest offenders.
 */
export async function assertTextAtLeast(page, px, what) {
  const small = await page.evaluate((floor) => {
    const out = [];
    for (const el of document.querySelectorAll("header *, main *, footer *")) {
      if (el.closest(".corner, .off-page, .sr-only")) continue;
      const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent.trim()).join("");
      if (!own) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none") continue;
      const r = el.getBoundingClientRect();
      if (r.width < 2 || r.height < 2 || r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth) continue;
      let clipped = false;
      for (let a = el.parentElement; a && !clipped; a = a.parentElement) {
        if (getComputedStyle(a).overflow === "visible") continue;
        const b = a.getBoundingClientRect();
        clipped = r.bottom <= b.top || r.top >= b.bottom || r.right <= b.left || r.left >= b.right;
      }
      if (clipped) continue;
      const size = parseFloat(style.fontSize);
      if (size < floor - 0.1) out.push({ text: own.slice(0, 40), size, class: el.className });
    }
    return out.sort((a, b) => a.size - b.size);
  }, px);
  assert.deepEqual(small.slice(0, 8), [], `${what}: text smaller than ${px} px on screen`);
}

/** Fails unless every element of the stage (#stage) drawn on screen lies inside the boxes that clip it. */
export async function assertNothingCut(page, what) {
  const cut = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll("#stage li.postit, #stage li.cluster-card, #stage li.hbar, #stage li.rank-row, #stage figure")) {
      if (el.closest(".off-page, .sr-only")) continue;
      const r = el.getBoundingClientRect();
      if (r.height < 2 || r.width < 2) continue;
      for (let a = el.parentElement; a; a = a.parentElement) {
        if (getComputedStyle(a).overflow === "visible") continue;
        const b = a.getBoundingClientRect();
        if (r.bottom > b.bottom + 0.5 || r.right > b.right + 0.5 || r.top < b.top - 0.5 || r.left < b.left - 0.5) {
          out.push(`${el.tagName}.${el.className} « ${el.textContent.trim().slice(0, 30)} »`);
          break;
        }
      }
    }
    return out;
  });
  assert.deepEqual(cut.slice(0, 5), [], `${what}: cut by the edge of its box`);
}
