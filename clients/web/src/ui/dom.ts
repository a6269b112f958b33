// Small DOM helpers: build elements declaratively, and replace a region's content while keeping
// the keyboard focus on the "same" control (matched by data-key), so that a live update never
// throws a screen-reader or keyboard user back to the top of the page.
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      el.addEventListener(name.slice(2), value as EventListener);
    } else if (name === "value" && "value" in el) {
      (el as HTMLInputElement).value = String(value);
    } else {
      el.setAttribute(name, value === true ? "" : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Replaces region's children, restoring focus to the element with the same data-key. */
export function replaceChildren(region: HTMLElement, ...children: (Child | Child[])[]): void {
  const active = document.activeElement as HTMLElement | null;
  const key = active && region.contains(active) ? active.dataset.key : undefined;
  region.replaceChildren(
    ...children.flat().filter((c): c is Node | string | number => c !== null && c !== undefined && c !== false).map((c) => (c instanceof Node ? c : String(c))),
  );
  if (key) {
    const again = region.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
    again?.focus();
  }
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from the page`);
  return el as T;
}

/** Calls fn once calls have stopped for ms. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let handle: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    if (handle !== undefined) clearTimeout(handle);
    handle = setTimeout(() => fn(...args), ms);
  };
}

/** "4:05" for 245,000 ms; rounds up so that 0:00 means the time is really over. */
export function formatDuration(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, "0")}`;
}
