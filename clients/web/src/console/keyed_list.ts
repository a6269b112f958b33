// A live list whose items are kept as long as what they show is the same: each item is built
// once per key (its content), reused while the key holds, and put in place by moving only the
// nodes whose position changed. A live update thus never detaches an item it does not change:
// a click under way on it (mousedown, then mouseup on the same node) is not lost, a form inside
// it stays where it is, and the focus stays on it.
export class KeyedList<Id> {
  private readonly items = new Map<Id, { key: string; node: HTMLElement }>();

  constructor(private readonly list: HTMLElement) {}

  /** The node for id: the one built before while its key is the same, else build()'s. */
  item(id: Id, key: string, build: () => HTMLElement): HTMLElement {
    const kept = this.items.get(id);
    if (kept && kept.key === key) return kept.node;
    const node = build();
    this.items.set(id, { key, node });
    return node;
  }

  /** Makes the list's children exactly `nodes`, in order, moving as few as it can. */
  show(ids: Id[], nodes: HTMLElement[]): void {
    const active = document.activeElement as HTMLElement | null;
    const focusKey = active && this.list.contains(active) ? active.dataset.key : undefined;
    let at = this.list.firstElementChild;
    for (const node of nodes) {
      if (node === at) {
        at = at.nextElementSibling;
      } else {
        this.list.insertBefore(node, at);
      }
    }
    while (at) {
      const next = at.nextElementSibling;
      at.remove();
      at = next;
    }
    const wanted = new Set(ids);
    for (const id of [...this.items.keys()]) if (!wanted.has(id)) this.items.delete(id);
    // An item rebuilt while it held the focus: the focus goes to the same control in the new one.
    if (focusKey && !this.list.contains(document.activeElement)) {
      this.list.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
    }
  }
}
