// Live lists on the big screen that change calmly: a node per key is kept from one update to the
// next (only its content is refreshed), nodes are moved rather than rebuilt, and when things
// move the change is animated from where each was (FLIP): a new idea fades in at its place, the
// others slide to theirs instead of jumping. No animation for people who ask for reduced motion.

const reduced = typeof matchMedia === "function" ? matchMedia("(prefers-reduced-motion: reduce)") : null;
const kMoveMs = 600;

/** Puts `nodes` into `parent` in this order, moving only what must move, removing the rest. */
export function placeChildren(parent: Element, nodes: readonly Node[]): void {
  let cursor = parent.firstChild;
  for (const n of nodes) {
    if (n === cursor) {
      cursor = cursor.nextSibling;
      continue;
    }
    parent.insertBefore(n, cursor);
  }
  while (cursor) {
    const next = cursor.nextSibling;
    parent.removeChild(cursor);
    cursor = next;
  }
}

/** Nodes by key, built once and refreshed on every update; the ones not seen are dropped. */
export class KeyedNodes<T, E extends HTMLElement> {
  private nodes = new Map<string, E>();

  constructor(
    private readonly build: (item: T) => E,
    private readonly refresh: (node: E, item: T) => void,
  ) {}

  /** The nodes for items, in order. */
  update(items: readonly T[], keyOf: (item: T) => string): E[] {
    const next = new Map<string, E>();
    const out = items.map((item) => {
      const key = keyOf(item);
      let node = this.nodes.get(key);
      if (node) this.refresh(node, item);
      else node = this.build(item);
      node.dataset.flip = key;
      next.set(key, node);
      return node;
    });
    this.nodes = next;
    return out;
  }
}

/** Runs `change` (which moves, adds or removes [data-flip] nodes in root) and animates it. */
export function animateMoves(root: Element, change: () => void): void {
  const canAnimate = !reduced?.matches && typeof (root as HTMLElement).animate === "function";
  if (!canAnimate) {
    change();
    return;
  }
  const before = new Map<Element, DOMRect>();
  root.querySelectorAll("[data-flip]").forEach((el) => before.set(el, el.getBoundingClientRect()));
  change();
  root.querySelectorAll<HTMLElement>("[data-flip]").forEach((el) => {
    if (el.classList.contains("off-page")) return;
    const was = before.get(el);
    if (!was) {
      el.animate([{ opacity: 0, transform: "scale(0.9)" }, { opacity: 1, transform: "none" }], { duration: kMoveMs, easing: "ease-out" });
      return;
    }
    const now = el.getBoundingClientRect();
    const dx = was.left - now.left;
    const dy = was.top - now.top;
    if (Math.abs(dx) < 1 && Math.abs(dy) < 1) return;
    el.animate([{ transform: `translate(${dx}px, ${dy}px)` }, { transform: "none" }], { duration: kMoveMs, easing: "ease-in-out" });
  });
}
