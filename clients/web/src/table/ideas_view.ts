// Every table's ideas, newest first, without authors; our own ideas marked and, during
// divergence, editable and deletable. Kept by key (keyed_list.ts): an event rebuilds only the
// cards it changes, so that 500 ideas on an old tablet still update within a frame, and a card
// being edited is left alone while other tables post.
import { t } from "../i18n/table";
import { targetOf, targets, type Mirror, type Target } from "../state/mirror";
import { h } from "../ui/dom";
import { lengthCounter } from "./idea_length";
import { ChunkedList, setHidden, type KeyedItem } from "./keyed_list";
import type { WallChanges } from "./wall_changes";
import type { Facet } from "../gen/atelier/v1/workshop_pb";
import type { IdeaView } from "../state/mirror";
import { facetTag } from "./facet_picker";
import { facetColour, ideaFacets, paint, stepFacets } from "./facets";

export interface IdeaActions {
  startEdit(ideaId: number): void;
  stopEdit(): void;
  /** false: not sent (said on the card), the edit stays open. */
  edit(ideaId: number, text: string): boolean;
  remove(ideaId: number): void;
}

/** The wall's mode, set by the app. */
export interface WallMode {
  editable: boolean;
  editing: number; // the idea being edited, 0 for none
  draft: string; // the text to edit instead of the idea's (a refused edit given back), "" for none
  errors: ReadonlyMap<number, string>; // a refusal to say on a card, by idea id
  /** Only this table's own ideas of this step (a journey map's, beside its grid); 0: every idea. */
  ownOfStep?: number;
}

/** What a card shows depends on: the wall's mode, and the target's own data. */
interface WallState extends WallMode {
  max: number; // the workshop's max_idea_length
  /** The idea's category in its step and that step's list (a coloured post-it); none: plain. */
  categoryOf(idea: IdeaView): { facet: Facet; list: Facet[] } | undefined;
}

export class IdeaWall {
  readonly element: HTMLElement;
  /** The title's text, one node set in place at every idea (not a new node each time). */
  private readonly titleText = document.createTextNode("");
  private readonly title = h("h2", { id: "ideas-title" }, this.titleText);
  private readonly empty = h("p", { class: "hint-text" }, t.noIdeas);
  // role="list": the chunks between the list and its items are not list items (and Safari
  // drops the list role of a list without bullets unless it is said).
  private readonly ul = h("ul", { class: "plain", role: "list" });
  private readonly list: ChunkedList<Target, IdeaCard>;
  private readonly state: WallState = { editable: false, editing: 0, draft: "", errors: new Map(), max: 500, categoryOf: () => undefined };
  /** The mode last shown, and the version of the wall's changes seen (WallChanges). */
  private seenMode = "";
  private seenVersion = -1;
  /** The title shown: compared here, not read back from the page (a DOM read per event). */
  private shownTitle = "";

  constructor(private readonly actions: IdeaActions) {
    this.element = h("section", { "aria-labelledby": "ideas-title", class: "wall" }, this.title, this.ul, this.empty);
    this.list = new ChunkedList(this.ul, (x) => x.id, (x) => new IdeaCard(x, this.state, this.actions), "descending");
  }

  /** changes: which ideas or clusters the events since the last update may have changed. When
   * the mode is the same, only their cards are looked at (another table's idea costs one card);
   * when it changed, or everything may have, every card is compared. */
  update(m: Mirror, mode: WallMode, changes: WallChanges): void {
    let errors = "";
    for (const [id, text] of mode.errors) errors += `|${id}:${text}`;
    const seenMode = `${mode.editable}|${mode.editing}|${m.config?.maxIdeaLength}|${mode.ownOfStep ?? 0}${errors}`;
    const changed = seenMode === this.seenMode ? changes.since(this.seenVersion) : null;
    if (changed && changed.size === 0) return;
    this.seenMode = seenMode;
    this.seenVersion = changes.version;
    Object.assign(this.state, mode);
    this.state.max = m.config?.maxIdeaLength || 500;
    this.state.categoryOf = (idea) => {
      const facet = ideaFacets(m, idea).category;
      return facet ? { facet, list: stepFacets(m, idea.stepId).category } : undefined;
    };
    const step = mode.ownOfStep ?? 0;
    const shows = (x: Target) => step === 0 || (x.own && !x.isCluster && x.ideas[0]?.stepId === step);
    if (changed) {
      for (const id of changed) {
        const target = targetOf(m, id);
        if (target && shows(target)) this.list.put(target);
        else this.list.delete(id);
      }
    } else {
      this.list.update(targets(m).filter(shows).reverse()); // newest first
    }
    const any = this.list.size > 0;
    setHidden(this.title, !any);
    setHidden(this.ul, !any);
    setHidden(this.empty, any || step !== 0);
    const title = step === 0 ? t.allIdeas(m.ideas.size) : t.ownMapIdeas(this.list.size);
    if (title !== this.shownTitle) {
      this.shownTitle = title;
      this.titleText.data = title;
    }
  }
}

/** A card as most are made: another table's idea, nothing but its text, straight in the <li>
 * (no <p>: an element and a layout object fewer per card, and one fewer to style and lay out at
 * each idea; `.card.bare` in table.css pads it as the paragraph's margin did). Cloned, not built
 * (500 cards on an old tablet, one more at each idea). */
let plainCard: HTMLLIElement | null = null;
function cardNode(id: number): HTMLLIElement {
  if (!plainCard) {
    plainCard = h("li", { role: "listitem", class: "card bare" }, document.createTextNode(""));
  }
  const node = plainCard.cloneNode(true) as HTMLLIElement;
  node.setAttribute("data-target-id", String(id));
  return node;
}

class IdeaCard implements KeyedItem<Target> {
  readonly node: HTMLElement;
  private shown = ""; // a cluster's signature(), or "edit" while edited; "" for an idea (see last)
  private last: { text: string; own: boolean; editable: boolean } | null = null; // an idea's card
  /** A refusal of an edit or a delete of this idea, said on its card: made the first time there
   * is one (a card per idea: 500 on an old tablet, where each node made counts). */
  private error: HTMLElement | null = null;
  /** Painted as a post-it (its inline colours set): read here, not from its style (a DOM read
   * for every card made). */
  private coloured = false;
  /** The class set last (the template's to begin with): set again only when it changes. */
  private classes = "card bare";
  /** The card's only node while it shows an idea's text alone (another table's idea, no
   * category, no refusal to say): a new text is set in it; null while it shows anything else. */
  private plain: Text | null;

  constructor(target: Target, private readonly wall: WallState, private readonly a: IdeaActions) {
    this.node = cardNode(target.id);
    this.plain = this.node.firstChild as Text;
    this.update(target);
  }

  update(target: Target): void {
    const idea = target.ideas[0];
    const error = target.isCluster ? "" : this.wall.errors.get(idea.id) ?? "";
    if (error && !this.error) {
      this.error = h("p", { class: "field-error", role: "alert" });
      this.node.append(this.error);
      this.last = null; // a bare card is made again with its paragraph, above the refusal
    }
    if (this.error) {
      if (this.error.textContent !== error) this.error.textContent = error;
      if (this.error.hidden !== !error) this.error.hidden = !error;
    }
    const editingThis = !target.isCluster && this.wall.editable && idea.own && this.wall.editing === idea.id;
    // While it is being edited the form stays as it is, whatever else happens. Otherwise the card
    // is rebuilt only when what it shows changed: an idea's compared field by field (no string
    // made: 500 cards at every event), a cluster's by what it lists.
    if (editingThis) {
      if (this.shown === "edit") return;
      this.shown = "edit";
      this.last = null;
    } else if (target.isCluster) {
      const shown = signature(target, this.wall.editable);
      if (shown === this.shown) return;
      this.shown = shown;
      this.last = null;
    } else {
      const editable = this.wall.editable && target.own;
      const last = this.last;
      if (last && last.text === target.text && last.own === target.own && last.editable === editable) return;
      this.shown = "";
      this.last = { text: target.text, own: target.own, editable };
    }
    // An idea with a category is a post-it of its colour, with its word (never colour alone).
    const category = !target.isCluster && !editingThis ? this.wall.categoryOf(idea) : undefined;
    // Only the idea's text (the card as most are, and as it was made): set in place, bare.
    const bare = !target.isCluster && !editingThis && !category && !target.own && !this.error;
    const classes = (target.own ? "card own" : "card") + (category ? " postit" : "") + (bare ? " bare" : "");
    if (classes !== this.classes) {
      this.classes = classes;
      this.node.className = classes;
    }
    if (category) {
      const colour = facetColour(category.list, category.facet);
      const { background, ink } = paint(colour);
      this.node.style.backgroundColor = background;
      this.node.style.color = ink;
    } else if (this.coloured) {
      this.node.style.backgroundColor = "";
      this.node.style.color = "";
    }
    this.coloured = !!category;
    if (bare) {
      if (this.plain) {
        this.plain.data = idea.text;
        return;
      }
      this.plain = document.createTextNode(idea.text);
      this.node.replaceChildren(this.plain);
      return;
    }
    this.plain = null;
    // The card is rebuilt (its text changed): the focus goes back to the same control in it. A
    // card not in the page yet (a new one) holds no focus: nothing to look up.
    const active = this.node.isConnected ? document.activeElement as HTMLElement | null : null;
    const key = active && this.node.contains(active) ? active.dataset.key : undefined;
    this.node.replaceChildren(...(target.isCluster ? clusterBody(target)
      : editingThis ? editForm(idea.id, this.wall.draft || idea.text, this.wall.max, this.a)
      : ideaBody(target, this.wall.editable, this.a, category ? facetTag(category.list, category.facet) : null)), ...(this.error ? [this.error] : []));
    if (key) this.node.querySelector<HTMLElement>(`[data-key="${key}"]`)?.focus();
  }
}

/** What a card shows, as a string to compare (cheap: 500 cards at every event); a cluster's
 * lists its members. */
function signature(target: Target, editable: boolean): string {
  const mark = (target.isCluster ? "c" : "i") + (target.own ? "o" : "-") + (editable && target.own ? "e" : "-");
  if (!target.isCluster) return mark + "\u0001" + target.text;
  const parts = [mark, target.text];
  for (const i of target.ideas) parts.push(i.own ? `*${i.text}` : i.text);
  return parts.join("\u0001");
}

export function clusterBody(target: Target): Node[] {
  return [
    h("span", { class: "tag" }, t.cluster),
    h("p", {}, h("strong", {}, target.text)),
    h("ul", { class: "members" }, target.ideas.map((i) => h("li", {}, i.text, i.own ? t.yourIdeaMark : ""))),
  ];
}

function editForm(id: number, text: string, max: number, a: IdeaActions): Node[] {
  const area = h("textarea", { id: `edit-${id}`, rows: 3, value: text, maxlength: max, "data-key": `edit-area-${id}` });
  const form = h("form", {},
    h("label", { for: `edit-${id}` }, t.editOurIdea),
    area,
    lengthCounter(area, `edit-count-${id}`).nodes,
    h("div", { class: "row" },
      h("button", { type: "submit", class: "primary" }, t.save),
      h("button", { type: "button", onclick: () => a.stopEdit() }, t.cancel),
    ),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (a.edit(id, area.value.trim())) a.stopEdit();
    else area.focus();
  });
  queueMicrotask(() => area.focus());
  return [form];
}

function ideaBody(target: Target, editable: boolean, a: IdeaActions, tag: HTMLElement | null = null): Node[] {
  const idea = target.ideas[0];
  return [
    tag,
    idea.own ? h("span", { class: "tag" }, t.ourIdea) : null,
    h("p", {}, idea.text),
    editable && idea.own
      ? h("div", { class: "row" },
          h("button", { type: "button", "data-key": `edit-${idea.id}`, onclick: () => a.startEdit(idea.id) }, t.edit),
          h("button", { type: "button", class: "danger", "data-key": `delete-${idea.id}`, onclick: () => {
            if (window.confirm(t.confirmDelete)) a.remove(idea.id);
          } }, t.delete),
        )
      : null,
  ].filter((n): n is HTMLElement => n !== null);
}
