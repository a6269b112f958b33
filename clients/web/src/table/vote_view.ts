// A ballot of points (BUDGET) or of dots (DOTS, "gommettes"): what is left out of the budget,
// always in view, and each idea or cluster with its control: a 0-cap stepper of points, or the
// dots drawn with « Poser ma gommette » / « Retirer ma gommette ». The control that adds is greyed
// (aria-disabled, with the reason as its description) when the tablet predicts it cannot be
// used: our own idea (or a cluster holding one), the cap reached, nothing left. It still sends
// the vote, since the server decides: its refusal is explained in the banner, which stays in
// view, and the card that was tapped is marked.
import { bw } from "../i18n/ballot";
import { t } from "../i18n/table";
import { stepTakes, targetOf, targets, voteStepId, type Mirror, type Target } from "../state/mirror";
import { h } from "../ui/dom";
import { ChunkedList, setAttr, setHidden, setText, type KeyedItem } from "./keyed_list";
import type { WallChanges } from "./wall_changes";
import { plusBlock, pointsOn, type PlusBlock, type VotePrediction } from "./vote_model";

/** A message for the voter about its votes: a refusal (of a vote on targetId) or a notice. */
export interface VoteMessage {
  text: string;
  kind: "refusal" | "info";
  targetId: number; // the target of the refused vote; 0 for a notice
}

/** What is counted: points (a stepper with numbers) or dots (drawn, « Poser ma gommette »). */
export type PointsUnit = "points" | "dots";

/**
 * The sticky banner: points or dots left, the cap, and the last message about the votes, in one
 * live region that lives as long as the ballot, so that each message is announced once.
 */
export class BudgetBanner {
  readonly element: HTMLElement;
  private readonly left = h("span", { id: "budget-left", "aria-live": "polite" });
  private readonly capNote = h("span", { class: "hint-text" });
  private readonly spent = h("p", { id: "budget-spent", class: "budget-spent" });
  private readonly message = h("p", { id: "vote-message", role: "alert" });
  private readonly dismiss: HTMLButtonElement;
  private readonly box: HTMLElement;

  constructor(onDismiss: () => void, private readonly unit: PointsUnit = "points") {
    this.dismiss = h("button", { type: "button", class: "dismiss", "data-key": "dismiss-vote-message" }, t.dismiss);
    this.dismiss.addEventListener("click", () => {
      onDismiss();
      this.element.focus();
    });
    this.box = h("div", { class: "vote-message" }, this.message, this.dismiss);
    this.element = h("section", { class: "budget", id: "budget", tabindex: -1,
      "aria-label": unit === "dots" ? bw.dotsRegion : t.budgetRegion },
      h("p", { class: "budget-line" }, this.left, this.capNote),
      this.spent,
      this.box,
    );
  }

  update(p: VotePrediction, message: VoteMessage | null): void {
    const dots = this.unit === "dots";
    setAttr(this.element, "data-points-left", String(p.left));
    setText(this.left, dots ? bw.dotsLeft(p.left, p.budget) : t.pointsLeft(p.left, p.budget));
    setText(this.capNote, dots ? bw.dotsCap(p.cap) : t.capNote(p.cap));
    setText(this.spent, p.left === 0 ? (dots ? bw.dotsSpent(p.budget) : t.budgetSpent) : "");
    setHidden(this.spent, p.left !== 0);
    setText(this.message, message?.text ?? "");
    setHidden(this.box, !message);
    setAttr(this.box, "data-kind", message?.kind ?? "");
  }
}

export interface VoteListOptions {
  prediction: VotePrediction;
  /** The target whose vote was just refused (its card is marked), 0 for none. */
  refusedTarget: number;
  /** Whether a target is the voter's own and not votable (its table's idea, self-votes not allowed). */
  own(target: Target): boolean;
  /** The points (or dots) left as the server counts them, without what is in flight. */
  serverLeft: number;
}

/** blocked: what the tablet predicted for this change ("" when it expects it to pass). */
export type SetPoints = (target: Target, value: number, blocked: PlusBlock) => void;

/**
 * The list of ideas and clusters to vote on, kept by key: an event (another table's vote, the
 * answer to ours) patches the cards it changes, and the controls are never rebuilt, so that a
 * tap is never lost on a node replaced under the finger.
 */
export class VoteList {
  readonly element: HTMLElement;
  private readonly note = h("p", { class: "hint-text" });
  private readonly list: ChunkedList<Target, VoteCard>;
  private context: { m: Mirror; o: VoteListOptions } | null = null;

  constructor(setPoints: SetPoints, private readonly unit: PointsUnit = "points", title = t.voteTitle) {
    const ul = h("ul", { class: "plain", role: "list" }); // role: see ChunkedList
    this.element = h("section", { "aria-labelledby": "vote-title", class: "vote-list" }, h("h2", { id: "vote-title" }, title), ul, this.note);
    this.list = new ChunkedList(ul, (x) => x.id, (x) => new VoteCard(x, unit, () => this.context, setPoints), "ascending");
  }

  /**
   * changes: which ideas or clusters the events since the last update may have changed. Unless
   * something every card depends on changed (or everything may have), only those cards and the
   * cards whose points changed are looked at: the answer to a vote costs one card, not 500.
   */
  update(m: Mirror, o: VoteListOptions, changes: WallChanges): void {
    const p = o.prediction;
    const last = this.last;
    this.context = { m, o };
    const changed = last && last.refused === o.refusedTarget && (last.left === 0) === (p.left === 0) && last.cap === p.cap
      ? changes.since(last.version) : null;
    // Only what the vote step takes (a step with a source: the ideas it selected).
    const takes = stepTakes(m, voteStepId(m));
    if (!last || !changed) {
      this.list.update(targets(m).filter(takes));
    } else {
      for (const id of changed) {
        const target = targetOf(m, id);
        if (target && takes(target)) this.list.put(target);
        else this.list.delete(id);
      }
      for (const [id, v] of p.shown) if (last.shown.get(id) !== v) this.list.get(id)?.refresh();
      for (const [id, v] of last.shown) if (p.shown.get(id) !== v) this.list.get(id)?.refresh();
    }
    this.last = { version: changes.version, refused: o.refusedTarget, left: p.left, cap: p.cap, shown: p.shown };
    setText(this.note, this.unit === "dots" ? bw.dotsMoveNote : t.moveNote(o.serverLeft));
  }

  private last: { version: number; refused: number; left: number; cap: number; shown: ReadonlyMap<number, number> } | null = null;
}

class VoteCard implements KeyedItem<Target> {
  readonly node: HTMLElement;
  private readonly content = h("div", { class: "grow" });
  /** Points: "−"; dots: « Retirer ma gommette » (with a cap of 1, the same button as plus). */
  private readonly minus: HTMLButtonElement | null;
  private readonly output: HTMLOutputElement;
  private readonly plus: HTMLButtonElement;
  private readonly drawn: HTMLElement | null;
  private readonly reason = h("p", { class: "hint-text reason" });
  private shown = "";
  private state = "";
  private target: Target;
  private value = 0;
  private block: PlusBlock = "";

  constructor(target: Target, private readonly unit: PointsUnit, private readonly context: () => { m: Mirror; o: VoteListOptions } | null,
    setPoints: SetPoints) {
    this.target = target;
    const id = target.id;
    this.content.id = `target-${id}`;
    this.reason.id = `reason-${id}`;
    const single = unit === "dots" && (context()?.o.prediction.cap ?? 1) === 1;
    if (unit === "dots") {
      this.output = h("output", { "aria-live": "polite", "aria-label": bw.dotsGiven, class: "dots-count" });
      this.drawn = h("span", { class: "dots", "aria-hidden": "true" });
      // With one dot per idea, one button puts it or takes it back.
      this.plus = h("button", { type: "button", class: "dot-button", "data-key": `dot-${id}`,
        onclick: () => (single && this.value > 0 ? setPoints(this.target, 0, "") : setPoints(this.target, this.value + 1, this.block)) });
      this.minus = single ? null : h("button", { type: "button", class: "dot-button", "data-key": `undot-${id}`,
        onclick: () => setPoints(this.target, this.value - 1, "") }, bw.takeDot(2));
    } else {
      this.output = h("output", { "aria-live": "polite", "aria-label": t.pointsGiven });
      this.drawn = null;
      this.minus = h("button", { type: "button", "data-key": `minus-${id}`, "aria-label": t.removePoint,
        onclick: () => setPoints(this.target, this.value - 1, "") }, "−");
      this.plus = h("button", { type: "button", "data-key": `plus-${id}`, "aria-label": t.addPoint,
        onclick: () => setPoints(this.target, this.value + 1, this.block) }, "+");
    }
    const control = unit === "dots"
      ? h("div", { class: "dots-control", role: "group", "aria-labelledby": this.content.id }, this.drawn, this.output, this.minus, this.plus)
      : h("div", { class: "stepper", role: "group", "aria-labelledby": this.content.id }, this.minus, this.output, this.plus);
    this.node = h("li", { role: "listitem", "data-target-id": id },
      h("div", { class: "row" }, this.content, control),
      this.reason,
    );
    this.update(target);
  }

  /** Brings the card up to date with the same target (its points, its "+"). */
  refresh(): void {
    this.update(this.target);
  }

  update(target: Target): void {
    const c = this.context();
    if (!c) return;
    const { o } = c;
    const p = o.prediction;
    const dots = this.unit === "dots";
    this.target = target;
    this.value = pointsOn(p, target.id);
    const own = o.own(target);
    this.block = plusBlock(own, this.value, p);
    // Most cards do not change at an event: compare what they show, touch nothing when equal.
    const state = `${this.value}|${this.block}|${own}|${o.refusedTarget === target.id}|${p.cap}|${target.isCluster ? target.ideas.length : 0}`;
    if (state === this.state && (target.isCluster ? false : target.text === this.shown)) return;
    this.state = state;
    // What the text part shows, to compare (cheap: 500 cards at every event).
    const shown = target.isCluster ? ["c", target.text, ...target.ideas.map((i) => i.text)].join("\u0001") : target.text;
    if (shown !== this.shown) {
      this.shown = shown;
      this.content.replaceChildren(
        ...(target.isCluster ? [h("span", { class: "tag" }, t.cluster)] : []),
        h("p", {}, target.isCluster ? h("strong", {}, target.text) : target.text),
        ...(target.isCluster ? [h("ul", { class: "members" }, target.ideas.map((i) => h("li", {}, i.text)))] : []),
      );
    }
    const className = "card" + (own ? " own" : "") + (o.refusedTarget === target.id ? " refused" : "") + (dots && this.value > 0 ? " dotted" : "");
    if (this.node.className !== className) this.node.className = className;
    if (this.minus && this.minus.disabled !== (this.value === 0)) this.minus.disabled = this.value === 0;
    // With one dot per idea, the button takes a placed dot back: never greyed then.
    const takesBack = dots && !this.minus && this.value > 0;
    const block = takesBack ? "" : this.block;
    setText(this.output, dots ? bw.dots(this.value) : String(this.value));
    // No dot: the empty circles say it; the words stay for screen readers.
    if (dots && this.output.classList.contains("none") !== (this.value === 0)) this.output.classList.toggle("none", this.value === 0);
    if (this.drawn) this.drawDots(p.cap);
    if (dots) setText(this.plus, takesBack ? bw.takeDot(1) : bw.putDot(this.minus ? 2 : 1));
    setAttr(this.plus, "aria-disabled", block ? "true" : null);
    setAttr(this.plus, "aria-describedby", block === "budget" ? "budget-spent" : block ? this.reason.id : null);
    const reason = block === "own"
      ? (dots ? (target.isCluster ? bw.dotsOwnCluster : bw.dotsOwnIdea) : target.isCluster ? t.ownCluster : t.ownIdea)
      : block === "cap" ? (dots ? bw.dotsCapReached(p.cap) : t.capReached(p.cap)) : "";
    setText(this.reason, reason);
    setHidden(this.reason, !reason);
  }

  /** The dots drawn: one circle per dot the idea may take, the placed ones filled. */
  private drawDots(cap: number): void {
    const drawn = this.drawn as HTMLElement;
    const key = `${this.value}/${cap}`;
    if (drawn.dataset.shown === key) return;
    drawn.dataset.shown = key;
    drawn.replaceChildren(...Array.from({ length: Math.max(cap, this.value) }, (_, i) =>
      h("span", { class: i < this.value ? "dot on" : "dot" })));
  }
}
