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
