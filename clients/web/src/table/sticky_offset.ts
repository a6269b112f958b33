// Keeps the budget banner stuck right under the page's header, whatever the header's height
// (a question on two lines, a compact header during the vote, a phone where the header scrolls
// away): sets --bar-h on <html> to the height of #bar while it is sticky, else 0, so that
// nothing scrolls between the two sticky elements, or above the banner.
//
// Returns what to call after a render that may have changed the header: nothing to do where
// ResizeObserver watches it (measuring there would force a layout in every render).
export function trackBarHeight(bar: HTMLElement): () => void {
  const root = document.documentElement;
  const update = () => {
    const sticky = !bar.hidden && getComputedStyle(bar).position === "sticky";
    const px = sticky ? `${bar.getBoundingClientRect().height}px` : "0px";
    if (root.style.getPropertyValue("--bar-h") !== px) root.style.setProperty("--bar-h", px);
  };
  window.addEventListener("resize", update);
  update();
  if (typeof ResizeObserver === "undefined") return update;
  new ResizeObserver(update).observe(bar);
  return () => {};
}
