// A list kept by key across updates, so that an event costs what it changes, not the whole list:
// an item's node is made once, updated in place when its data changes, moved only when the order
// changes, removed when the item is gone. A node that holds the focus keeps it (a moved node is
// focused again), and nodes not touched stay under the finger. Single-threaded (one page).

/** One item's node and how to bring it up to date. */
export interface KeyedItem<T> {
  readonly node: HTMLElement;
  update(item: T): void;
}

export class KeyedList<T, I extends KeyedItem<T>> {
  private readonly items = new Map<number, I>();

  constructor(
    readonly element: HTMLElement,
    private readonly key: (item: T) => number,
    private readonly create: (item: T) => I,
  ) {}

  /** Makes the list show `list`, in that order. */
  update(list: readonly T[]): void {
    const active = document.activeElement as HTMLElement | null;
    const keys = new Set<number>();
    for (const item of list) keys.add(this.key(item));
    for (const [k, item] of this.items) {
      if (!keys.has(k)) {
        item.node.remove();
        this.items.delete(k);
      }
    }
    let cursor = this.element.firstChild;
    for (const data of list) {
      const k = this.key(data);
      let item = this.items.get(k);
      if (item) item.update(data);
      else {
        item = this.create(data);
        this.items.set(k, item);
      }
      if (item.node === cursor) cursor = cursor.nextSibling;
      else this.element.insertBefore(item.node, cursor);
    }
    if (active && active !== document.activeElement && active.isConnected && this.element.contains(active)) {
      active.focus({ preventScroll: true });
    }
  }

  get size(): number {
    return this.items.size;
  }

  /** The item shown for a key, if any. */
  get(key: number): I | undefined {
    return this.items.get(key);
  }
}

/** Sets an element's text only when it changes (no needless mutation, no re-announcement). */
export function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** Sets or removes an attribute only when it changes. */
export function setAttr(el: HTMLElement, name: string, value: string | null): void {
  if (value === null) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== value) {
    el.setAttribute(name, value);
  }
}

/** Shows or hides an element, touching it only when that changes (setting an attribute, even to
 * the value it has, makes the browser recompute styles: 500 times per event adds up). */
export function setHidden(el: HTMLElement, hidden: boolean): void {
  if (el.hidden !== hidden) el.hidden = hidden;
}
