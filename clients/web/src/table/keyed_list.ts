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

  /**
   * Brings one item up to date, or adds it in its place: before the first of the items it
   * comes before (`before(a, b)`: key a comes before key b in the list's order), which must be
   * in that order already. Nothing else is touched.
   */
  put(data: T, before: (a: number, b: number) => boolean): void {
    const k = this.key(data);
    const item = this.items.get(k);
    if (item) {
      item.update(data);
      return;
    }
    const created = this.create(data);
    // The first item, in the list's order, of those the new one comes before.
    let next: number | null = null;
    for (const other of this.items.keys()) {
      if (before(k, other) && (next === null || before(other, next))) next = other;
    }
    this.items.set(k, created);
    this.element.insertBefore(created.node, next === null ? null : (this.items.get(next) as I).node);
  }

  /** Takes an item away, if it is shown. */
  delete(key: number): void {
    const item = this.items.get(key);
    if (!item) return;
    item.node.remove();
    this.items.delete(key);
  }

  /** The item shown for a key, if any. */
  get(key: number): I | undefined {
    return this.items.get(key);
  }
}

/**
 * Items grouped in runs by key (a bucket of `size` consecutive keys), in the order given, which
 * must be sorted by key (either way): each bucket's items are contiguous. Pure.
 */
export function buckets<T>(list: readonly T[], key: (item: T) => number, size: number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of list) {
    const b = Math.floor(key(item) / size);
    const run = out.get(b);
    if (run) run.push(item);
    else out.set(b, [item]);
  }
  return out;
}

/**
 * A KeyedList split in chunks of `size` consecutive keys, each in a <div class="chunk"> of its
 * own (kept by bucket, as the items are). A chunk out of view is skipped by the browser
 * (content-visibility: auto in table.css): an item added or changed costs the layout of its chunk
 * and of the chunks' boxes, not of every item (500 ideas on an old tablet). An item never changes
 * chunk (its key does not change), so its node is never moved to another parent. The list given
 * to update() must be sorted by key, in the order given to the constructor; put() and delete()
 * change one item, and cost one chunk, not the list. The element should carry role="list" and the items
 * role="listitem": the chunks between them are generic and left out of the accessibility tree.
 */
export class ChunkedList<T, I extends KeyedItem<T>> {
  private readonly chunks = new Map<number, KeyedList<T, I>>();

  private count = 0;
  private readonly before: (a: number, b: number) => boolean;

  /** order: the order of the lists given to update(), by key. */
  constructor(
    readonly element: HTMLElement,
    private readonly key: (item: T) => number,
    private readonly create: (item: T) => I,
    order: "ascending" | "descending",
    private readonly chunkSize = 32,
  ) {
    this.before = order === "ascending" ? (a, b) => a < b : (a, b) => a > b;
  }

  /** How many items are shown. */
  get size(): number {
    return this.count;
  }

  /** Brings one item up to date, or adds it in its place (in its chunk, made if need be); the
   * other items and chunks are not looked at. */
  put(data: T): void {
    const b = Math.floor(this.key(data) / this.chunkSize);
    let chunk = this.chunks.get(b);
    if (!chunk) {
      chunk = this.newChunk();
      let next: number | null = null;
      for (const other of this.chunks.keys()) {
        if (this.before(b, other) && (next === null || this.before(other, next))) next = other;
      }
      this.chunks.set(b, chunk);
      this.element.insertBefore(chunk.element, next === null ? null : (this.chunks.get(next) as KeyedList<T, I>).element);
    }
    const had = chunk.size;
    chunk.put(data, this.before);
    this.count += chunk.size - had;
  }

  /** Takes an item away, if it is shown (and its chunk, once empty). */
  delete(key: number): void {
    const b = Math.floor(key / this.chunkSize);
    const chunk = this.chunks.get(b);
    if (!chunk) return;
    const had = chunk.size;
    chunk.delete(key);
    this.count -= had - chunk.size;
    if (chunk.size === 0) {
      chunk.element.remove();
      this.chunks.delete(b);
    }
  }

  private newChunk(): KeyedList<T, I> {
    const node = document.createElement("div");
    node.className = "chunk";
    return new KeyedList(node, this.key, this.create);
  }

  update(list: readonly T[]): void {
    this.count = list.length;
    const active = document.activeElement as HTMLElement | null;
    const runs = buckets(list, this.key, this.chunkSize);
    for (const [b, chunk] of this.chunks) {
      if (!runs.has(b)) {
        chunk.element.remove();
        this.chunks.delete(b);
      }
    }
    let cursor = this.element.firstChild;
    for (const [b, items] of runs) {
      let chunk = this.chunks.get(b);
      if (!chunk) {
        chunk = this.newChunk();
        this.chunks.set(b, chunk);
      }
      chunk.update(items);
      if (chunk.element === cursor) cursor = cursor.nextSibling;
      else this.element.insertBefore(chunk.element, cursor);
    }
    if (active && active !== document.activeElement && active.isConnected && this.element.contains(active)) {
      active.focus({ preventScroll: true });
    }
  }

  /** The item shown for a key, if any. */
  get(key: number): I | undefined {
    return this.chunks.get(Math.floor(key / this.chunkSize))?.get(key);
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
