// The live idea wall as the animateur sees it: every idea with its author table, clusters with
// their ideas, merge suggestions ("Regrouper ?"), and the grouping tools: drag an idea or a
// cluster onto another, or tick several and "Regrouper la sélection" (the keyboard and
// screen-reader path); rename a cluster, take ideas out of it, dissolve it; undo the last merge
// made from this console. The animateur can post an idea too.
//
// Forms with typed text (post, merge title, rename) are built once or cached, so that the wall's
// live re-rendering never loses what is being typed.
import type { Event as WorkshopEvent } from "../gen/atelier/v1/events_pb";
import { Phase } from "../gen/atelier/v1/workshop_pb";
import type { DuplicateHints } from "../gen/atelier/v1/wire_pb";
import { t } from "../i18n/console";
import { tableProfile, targets, type IdeaView, type Mirror, type Target } from "../state/mirror";
import { h, replaceChildren } from "../ui/dom";
import { journeyTable } from "../ui/journey_grid";
import { currentJourney, ideaFacets, journeyShape } from "../ui/post_its";
import type { ConsoleContext } from "./context";
import { HintBook, titleFrom, type MergeSuggestion } from "./hints";
import { KeyedList } from "./keyed_list";
import { mergeRelease, targetsInBallots } from "./merge_release";
import { MergeWarning } from "./merge_warning";
import { mergeCommand, planMerge, undoCommands, UndoStack, type MergePlan } from "./merge_undo";

const kClusterPhases = [Phase.DIVERGENCE, Phase.GROUPING, Phase.CONVERGENCE];

export class WallPanel {
  readonly element: HTMLElement;
  private readonly hints = new HintBook();
  private readonly undo = new UndoStack();
  private readonly selection = new Set<number>();
  // The rename form being used, kept whole across the live re-renders (its field, and its buttons
  // under the pointer: a button rebuilt by an update arriving mid-click would lose the click).
  private renaming: { clusterId: number; input: HTMLInputElement; form?: HTMLElement } | null = null;
  private dragged = 0;
  private busy = false;
  private readonly heading = h("h2", { id: "wall-title", tabindex: -1 }, t.wall.title);
  private readonly count = h("p", { class: "hint-text", id: "wall-count" });
  /** The grouping tools, shown in the phases where the server takes a merge. */
  private readonly tools: HTMLElement[];
  private readonly selectionStatus = h("p", { id: "selection-status", class: "hint-text", "aria-live": "polite" });
  private readonly mergeTitle = h("input", { id: "merge-title", type: "text", maxlength: 200, autocomplete: "off", "aria-describedby": "merge-help" });
  private readonly undoArea = h("div", { class: "undo-area" });
  private readonly undoButton = h("button", { type: "button", id: "undo-merge", "data-key": "undo-merge", onclick: () => void this.undoLast() });
  private readonly suggestionList = h("ul", { class: "plain" });
  private readonly suggestionItems = new KeyedList<string>(this.suggestionList);
  private readonly suggestionsBox = h("section", { class: "hints", "aria-labelledby": "suggestions-title", hidden: true },
    h("h3", { id: "suggestions-title" }, t.wall.suggestions),
    h("p", { class: "hint-text" }, t.wall.suggestionsHelp),
    this.suggestionList,
  );
  private readonly list = h("ul", { class: "plain wall", id: "wall-list" });
  /** A journey map's grid (stages x lanes), above the cards, when the step has one. */
  // Focusable: on a narrow console the map scrolls sideways, by keyboard too.
  private readonly journey = h("div", { class: "journey-box table-scroll", id: "wall-journey", hidden: true,
    tabindex: 0, role: "region", "aria-label": t.wall.journey.caption("") });
  private journeyShape = "";
  private readonly cards = new KeyedList<number>(this.list);
  private readonly empty = h("li", { class: "hint-text" }, t.wall.empty);
  private readonly warning = new MergeWarning();

  constructor(private readonly ctx: ConsoleContext) {
    // Of constant height whatever is selected (nothing moves under the pointer while ticking).
    const mergeForm = h("form", { class: "merge-form", "aria-labelledby": "merge-legend" },
      h("div", { class: "merge-head" }, h("h3", { id: "merge-legend" }, t.wall.mergeLegend), this.selectionStatus,
        h("button", { type: "button", class: "small merge-clear", onclick: () => { this.selection.clear(); this.ctx.changed(); } }, t.wall.clear)),
      h("div", { class: "row merge-row" },
        h("div", { class: "field grow" }, h("label", { for: "merge-title" }, t.wall.mergeTitle), this.mergeTitle),
        h("button", { type: "submit", class: "primary", id: "merge-selection" }, t.wall.merge),
      ),
    );
    mergeForm.addEventListener("submit", (ev) => {
      ev.preventDefault();
      void this.mergeSelection();
    });
    const help = h("p", { class: "hint-text drag-help" }, t.wall.dragHelp, " ", h("span", { id: "merge-help" }, t.wall.mergeHelp));
    this.tools = [help, mergeForm, this.undoArea, this.suggestionsBox];
    // While ideas are grouped, on a laptop, the section is one screen high below the sticky
    // header and section links: the merge form stays at its top, and the ideas scroll in a box
    // of their own under it (console.css), so nothing sticky ever covers a card.
    this.element = h("section", { class: "card wall-section", id: "console-wall", "aria-labelledby": "wall-title" },
      h("div", { class: "wall-head" }, this.heading, this.count, this.postForm()),
      mergeForm, this.undoArea,
      h("div", { class: "wall-scroll", id: "wall-scroll" }, help, this.suggestionsBox, this.journey, this.list),
      this.warning.element);
  }

  /** Every event the console receives: merges are remembered to find a new cluster's id. */
  onEvent(e: WorkshopEvent): void {
    if (e.payload.case === "ideasMerged") this.undo.sawMerge(e.seq, e.payload.value.clusterId);
  }

  onHints(hints: DuplicateHints): void {
    this.hints.add(hints);
  }

  render(m: Mirror): void {
    // The grouping tools where the server takes a merge (DecideMergeIdeas): not in the set-up,
    // nor once the votes are closed.
    const grouping = kClusterPhases.includes(m.phase);
    const all = targets(m);
    const topLevel = new Set(all.map((x) => x.id));
    // Ideas a choice, a ranking or buckets hold cannot be merged (TARGET_IN_BALLOT): their cards
    // say so, and an idea's box cannot be ticked (a cluster's can: ideas may still join it).
    const held = new Set(targetsInBallots(m, all.map((x) => x.id)));
    for (const id of [...this.selection]) {
      if (!topLevel.has(id) || (held.has(id) && !m.clusters.has(id))) this.selection.delete(id);
    }
    if (this.renaming && !m.clusters.has(this.renaming.clusterId)) this.renaming = null;

    this.count.textContent = t.wall.count(m.ideas.size);
    for (const el of this.tools) el.hidden = !grouping;
    this.element.classList.toggle("grouping", grouping);
    this.selectionStatus.textContent = t.wall.selected(this.selection.size);
    this.renderUndo(m);
    this.renderSuggestions(grouping ? this.hints.suggestions(m) : []);
    this.renderJourney(m);
    // Each card is rebuilt only when what it shows changes (a burst of new ideas leaves the others
    // alone, and a rename form stays in its card); the ticks follow the selection in place.
    const nodes = all.map((x) => {
      const key = JSON.stringify([x.isCluster, x.text, x.ideas.map((i) => [i.id, i.text, this.author(m, i), ideaFacets(m, i)]), grouping,
        this.renaming?.clusterId === x.id, held.has(x.id)]);
      const li = this.cards.item(x.id, key, () => this.card(m, x, grouping, held.has(x.id)));
      const box = li.querySelector<HTMLInputElement>(`#sel-${x.id}`);
      if (box) box.checked = this.selection.has(x.id);
      return li;
    });
    if (nodes.length === 0) this.cards.show([], [this.empty]);
    else this.cards.show(all.map((x) => x.id), nodes);
  }

  // ---- Cards ---------------------------------------------------------------------------------

  /** The journey map of the step, redrawn when its ideas change (it holds nothing to click). */
  private renderJourney(m: Mirror): void {
    const grid = currentJourney(m);
    const shape = journeyShape(m, grid);
    this.journey.hidden = !grid;
    if (shape === this.journeyShape) return;
    this.journeyShape = shape;
    replaceChildren(this.journey, grid ? journeyTable(m, grid, t.wall.journey, "journey-table") : null);
  }

  /** An idea's category (its post-it colour, with the word), stage and lane, as chips. */
  private facetChips(m: Mirror, idea: IdeaView): HTMLElement | null {
    const f = ideaFacets(m, idea);
    if (!f.category && !f.stage && !f.lane) return null;
    return h("span", { class: "facet-chips" },
      f.category ? h("span", { class: "facet-chip", style: `background:${f.category.colour};color:${f.category.ink}` }, f.category.name) : null,
      f.stage ? h("span", { class: "facet-chip plain-chip" }, t.wall.stage(f.stage)) : null,
      f.lane ? h("span", { class: "facet-chip plain-chip" }, t.wall.lane(f.lane)) : null,
    );
  }

  private card(m: Mirror, x: Target, grouping: boolean, held: boolean): HTMLElement {
    const id = x.id;
    const heldNote = held ? `held-${id}` : null;
    // An idea posted in a category is a post-it of its colour.
    const category = x.isCluster ? undefined : ideaFacets(m, x.ideas[0]).category;
    const li = h("li", {
      class: `card target${x.isCluster ? " cluster" : ""}${held ? " in-ballot" : ""}${category ? " postit" : ""}`, "data-target-id": id,
      style: category ? `background:${category.colour};color:${category.ink}` : null,
    },
      h("div", { class: "row select-row" },
        grouping
          ? h("input", {
              type: "checkbox", id: `sel-${id}`, "data-key": `sel-${id}`, checked: this.selection.has(id),
              disabled: held && !x.isCluster, "aria-describedby": heldNote,
              onchange: (ev: Event) => {
                if ((ev.target as HTMLInputElement).checked) this.selection.add(id);
                else this.selection.delete(id);
                this.ctx.changed();
              },
            })
          : null,
        x.isCluster ? h("span", { class: "tag" }, t.wall.cluster) : null,
        h(grouping ? "label" : "span", { for: grouping ? `sel-${id}` : null, class: "grow target-text" },
          grouping ? h("span", { class: "sr-only" }, t.wall.select) : null,
          x.isCluster ? h("strong", {}, x.text) : x.text),
        h("span", { class: "idea-meta" }, x.isCluster ? t.wall.members(x.ideas.length) : this.author(m, x.ideas[0]), " · ", t.ideaNumber(id)),
      ),
      x.isCluster ? null : this.facetChips(m, x.ideas[0]),
      held ? h("p", { class: "in-ballot-note", id: heldNote }, h("span", { class: "tag" }, t.wall.inBallotTag), " ",
        x.isCluster ? t.wall.inBallotCluster : t.wall.inBallotIdea) : null,
      x.isCluster ? this.clusterBody(m, x, heldNote) : null,
    );
    if (grouping && !(held && !x.isCluster)) this.makeDraggable(li, id);
    return li;
  }

  private clusterBody(m: Mirror, x: Target, heldNote: string | null): HTMLElement[] {
    const id = x.id;
    const out: HTMLElement[] = [
      h("ul", { class: "members" }, x.ideas.map((i) => h("li", { class: "member" },
        h("span", { class: "grow" }, this.facetChips(m, i), i.text, h("span", { class: "idea-meta" }, " — ", this.author(m, i), " · ", t.ideaNumber(i.id))),
        h("button", {
          type: "button", class: "small", "data-key": `out-${i.id}`, "aria-label": t.wall.takeOutNamed(i.text),
          disabled: heldNote !== null, "aria-describedby": heldNote,
          onclick: () => void this.ctx.run({ case: "splitCluster", value: { clusterId: id, ideaIds: [i.id] } }, t.wall.tookOut),
        }, t.wall.takeOut),
      ))),
    ];
    if (this.renaming?.clusterId === id) {
      out.push(this.renameForm(id, x.text));
    } else {
      out.push(h("div", { class: "row" },
        h("button", { type: "button", "data-key": `rename-${id}`, "aria-label": `${t.wall.rename} ${t.quote(x.text)}`, onclick: () => {
          const input = h("input", { id: `rename-${id}`, type: "text", maxlength: 200, value: x.text, "data-key": `rename-input-${id}` });
          this.renaming = { clusterId: id, input };
          this.ctx.changed();
          queueMicrotask(() => { input.focus(); input.select(); });
        } }, t.wall.rename),
        h("button", {
          type: "button", class: "danger", "data-key": `dissolve-${id}`, "aria-label": t.wall.dissolveNamed(x.text),
          disabled: heldNote !== null, "aria-describedby": heldNote,
          onclick: () => void this.ctx.run({ case: "splitCluster", value: { clusterId: id, ideaIds: [] } }, t.wall.dissolved),
        }, t.wall.dissolve),
      ));
    }
    return out;
  }

  private renameForm(clusterId: number, title: string): HTMLElement {
    const renaming = this.renaming as { input: HTMLInputElement; form?: HTMLElement };
    if (renaming.form) return renaming.form;
    const input = renaming.input;
    const form = h("form", { class: "rename-form" },
      h("label", { for: input.id }, t.wall.renameLabel(title)),
      input,
      h("div", { class: "row" },
        h("button", { type: "submit", class: "primary", "data-key": `rename-save-${clusterId}` }, t.wall.save),
        h("button", { type: "button", "data-key": `rename-cancel-${clusterId}`, onclick: () => this.stopRenaming(clusterId) }, t.wall.cancel),
      ),
    );
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const res = await this.ctx.run({ case: "renameCluster", value: { clusterId, title: input.value.trim() } }, t.wall.renamed);
      if (res.ok) this.stopRenaming(clusterId);
    });
    form.addEventListener("keydown", (ev) => { if (ev.key === "Escape") this.stopRenaming(clusterId); });
    renaming.form = form;
    return form;
  }

  private stopRenaming(clusterId: number): void {
    this.renaming = null;
    this.ctx.changed();
    requestAnimationFrame(() => this.list.querySelector<HTMLElement>(`[data-key="rename-${clusterId}"]`)?.focus());
  }

  private author(m: Mirror, idea: IdeaView | undefined): string {
    if (!idea || idea.tableId === 0) return t.animateur;
    const label = t.tableLabel(idea.tableId, m.tables.get(idea.tableId)?.name ?? "");
    const profile = tableProfile(m, idea.tableId);
    return profile ? `${label} (${profile.name})` : label;
  }

  // ---- Drag and drop -------------------------------------------------------------------------

  private makeDraggable(li: HTMLElement, id: number): void {
    li.draggable = true;
    li.addEventListener("dragstart", (ev) => {
      this.dragged = id;
      ev.dataTransfer?.setData("text/plain", String(id));
      if (ev.dataTransfer) ev.dataTransfer.effectAllowed = "move";
      li.classList.add("dragging");
    });
    li.addEventListener("dragend", () => {
      this.dragged = 0;
      li.classList.remove("dragging");
      for (const el of this.list.querySelectorAll(".drop")) el.classList.remove("drop");
    });
    li.addEventListener("dragover", (ev) => {
      if (!this.dragged || this.dragged === id) return;
      ev.preventDefault();
      if (ev.dataTransfer) ev.dataTransfer.dropEffect = "move";
      li.classList.add("drop");
    });
    li.addEventListener("dragleave", (ev) => {
      if (!li.contains(ev.relatedTarget as Node | null)) li.classList.remove("drop");
    });
    li.addEventListener("drop", (ev) => {
      ev.preventDefault();
      li.classList.remove("drop");
      const from = this.dragged || Number(ev.dataTransfer?.getData("text/plain") ?? 0);
      this.dragged = 0;
      if (from && from !== id) void this.mergePair(from, id);
    });
  }

  /** Merges `from` onto `onto`: into a cluster when either is one, else a new cluster. */
  private async mergePair(from: number, onto: number): Promise<void> {
    const m = this.ctx.mirror();
    const ontoIdea = m.ideas.get(onto);
    if (m.clusters.has(onto)) await this.merge(planMerge(m, [from], onto, ""));
    else if (m.clusters.has(from)) await this.merge(planMerge(m, [onto], from, ""));
    else if (ontoIdea) await this.merge(planMerge(m, [onto, from], 0, titleFrom(ontoIdea.text)));
  }

  // ---- Merging and undo ----------------------------------------------------------------------

  private async mergeSelection(): Promise<void> {
    const m = this.ctx.mirror();
    const ids = targets(m).map((x) => x.id).filter((id) => this.selection.has(id));
    if (ids.length < 2) {
      this.ctx.notify(t.wall.needTwo);
      return;
    }
    const title = this.mergeTitle.value.trim();
    const cluster = ids.find((id) => m.clusters.has(id));
    const plan = cluster !== undefined
      ? planMerge(m, ids.filter((id) => id !== cluster), cluster, title)
      : planMerge(m, ids, 0, title || titleFrom(m.ideas.get(ids[0])?.text ?? ""));
    if (await this.merge(plan)) {
      this.selection.clear();
      this.mergeTitle.value = "";
      this.ctx.changed();
    }
  }

  /** Merges, after a confirmation when points already given would be handed back (bug 7). */
  private async merge(plan: MergePlan): Promise<boolean> {
    const m = this.ctx.mirror();
    const title = plan.title || m.clusters.get(plan.intoClusterId)?.title || "";
    // Ideas a choice, a ranking or buckets hold: said at once, nothing sent (the server would refuse).
    const held = targetsInBallots(m, plan.targetIds);
    if (held.length > 0) {
      this.ctx.notify(t.wall.inBallotRefused(held.map((id) => t.quote(m.clusters.get(id)?.title ?? m.ideas.get(id)?.text ?? t.ideaNumber(id))).join(", ")));
      return false;
    }
    const release = mergeRelease(m, plan);
    if (release.total > 0 && !(await this.warning.ask(release, title))) return false;
    const res = await this.ctx.run(mergeCommand(plan), t.wall.merged(title));
    if (res.ok) {
      this.undo.push({ plan, seq: res.seq });
      this.ctx.changed();
    }
    return res.ok;
  }

  private renderUndo(m: Mirror): void {
    const entry = this.undo.last();
    const clusterId = entry ? this.undo.clusterOf(entry) : 0;
    const cluster = m.clusters.get(clusterId);
    const label = entry && cluster ? t.wall.undo(cluster.title) : "";
    // The same button while it says the same (it is not rebuilt under the pointer).
    if (!label) replaceChildren(this.undoArea);
    else if (this.undoButton.textContent !== label || !this.undoButton.isConnected) {
      this.undoButton.textContent = label;
      replaceChildren(this.undoArea, this.undoButton);
    }
    this.undoButton.disabled = this.busy;
  }


  private async undoLast(): Promise<void> {
    const m = this.ctx.mirror();
    const entry = this.undo.last();
    if (!entry || this.busy) return;
    const clusterId = this.undo.clusterOf(entry);
    if (!clusterId || !m.clusters.has(clusterId)) {
      this.undo.pop();
      this.ctx.notify(t.wall.undoGone);
      this.ctx.changed();
      return;
    }
    this.undo.pop();
    this.busy = true;
    this.ctx.changed();
    const commands = undoCommands(entry.plan, clusterId, (id) => this.ctx.mirror().ideas.has(id));
    let ok = true;
    for (const [i, kind] of commands.entries()) {
      const res = await this.ctx.run(kind, i === commands.length - 1 ? t.wall.undone : undefined);
      if (!res.ok) {
        ok = false;
        break;
      }
    }
    this.busy = false;
    this.ctx.changed();
    if (ok) requestAnimationFrame(() => this.heading.focus());
  }

  // ---- Suggestions ---------------------------------------------------------------------------

  private renderSuggestions(list: MergeSuggestion[]): void {
    this.suggestionsBox.hidden = list.length === 0;
    const ids = list.map((s) => `${s.ideaId}-${s.targetId}`);
    this.suggestionItems.show(ids, list.map((s, i) => this.suggestionItems.item(ids[i],
      JSON.stringify([s.ideaText, s.targetText, s.targetIsCluster, Math.round(s.similarity * 100)]), () => h("li", { class: "suggestion" },
        h("p", {}, t.quote(s.ideaText), t.wall.resembles, s.targetIsCluster ? h("strong", {}, t.quote(s.targetText)) : t.quote(s.targetText),
          h("span", { class: "hint-text" }, ` (${t.wall.similarity(Math.round(s.similarity * 100))})`)),
        h("div", { class: "row" },
          h("button", {
            type: "button", class: "primary small", "data-key": `suggest-${s.ideaId}-${s.targetId}`,
            "aria-label": t.wall.suggestMergeNamed(s.ideaText, s.targetText),
            onclick: () => void this.acceptSuggestion(s),
          }, t.wall.suggestMerge),
          h("button", {
            type: "button", class: "small", "data-key": `dismiss-${s.ideaId}-${s.targetId}`, "aria-label": t.wall.dismissNamed(s.ideaText),
            onclick: () => { this.hints.dismiss(s.ideaId, s.targetId); this.ctx.changed(); },
          }, t.wall.dismiss),
        ),
      ))));
  }


  private async acceptSuggestion(s: MergeSuggestion): Promise<void> {
    const m = this.ctx.mirror();
    const plan = s.targetIsCluster
      ? planMerge(m, [s.ideaId], s.targetId, "")
      : planMerge(m, [s.targetId, s.ideaId], 0, titleFrom(s.targetText));
    await this.merge(plan);
  }

  // ---- Posting -------------------------------------------------------------------------------

  private postForm(): HTMLElement {
    const area = h("textarea", { id: "post-text", rows: 2, maxlength: 5000 });
    const form = h("form", { class: "post-form", "aria-label": t.wall.postTitle },
      h("div", { class: "field" }, h("label", { for: "post-text" }, t.wall.postLabel), area),
      h("button", { type: "submit" }, t.wall.post),
    );
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const text = area.value.trim();
      if (!text) {
        this.ctx.notify(t.wall.emptyIdea);
        area.focus();
        return;
      }
      area.value = "";
      const res = await this.ctx.run({ case: "postIdea", value: { text } }, t.wall.posted);
      if (!res.ok && !area.value) area.value = text; // nothing typed is lost
    });
    // Folded: the animateur rarely posts, and the wall itself is what the section is for.
    return h("details", { class: "post-details" }, h("summary", {}, t.wall.postTitle), form);
  }
}
