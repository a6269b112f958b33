// A pick (PICK, "les 3 projets") for one voter: « Choisissez exactement 3 idées », the ideas to
// tick, a counter « 2 sur 3 » and « Valider mon choix » in a banner that stays in view. The
// choice is sent whole (SetChoice) when validated; the saved choice is said as such, can be
// changed (ticked again, validated again) and withdrawn (an empty choice). « Valider » is greyed
// unless exactly the number needed is ticked (counted as the server counts: fewer when fewer can
// be chosen), yet a tap is still sent, since the server decides, and its refusal is said beside
// the button. The list is kept by key: a tick or an event touches the cards it changes.
import type { Command } from "../gen/atelier/v1/commands_pb";
import type { Rejection } from "../gen/atelier/v1/rejection_pb";
import { bw } from "../i18n/ballot";
import { t } from "../i18n/table";
import { targetOf, type Mirror, type Target } from "../state/mirror";
import { h } from "../ui/dom";
import { ballotTargets, eligibleTargets, needed, pickState, targetBlock, toggle, voterBallot, type TargetBlock } from "./ballot_model";
import type { BallotContext, BallotHost, BallotPanel } from "./ballot_panel";
import { ChunkedList, setAttr, setHidden, setText, type KeyedItem } from "./keyed_list";
import type { WallChanges } from "./wall_changes";

/** What a pick card reads when it is brought up to date. */
interface PickCardView {
  block: TargetBlock;
  ticked: boolean;
  saved: boolean;
}

export class PickPanel implements BallotPanel {
  readonly nodes: HTMLElement[];
  private readonly title = h("h2", { id: "vote-title", class: "choice-title" });
  private readonly counter = h("output", { id: "pick-counter", class: "choice-counter", "aria-live": "polite", "aria-label": bw.pickCounterLabel });
  private readonly status = h("p", { id: "choice-status", class: "choice-status" });
  private readonly validate: HTMLButtonElement;
  private readonly withdraw: HTMLButtonElement;
  private readonly message = h("p", { id: "vote-message", role: "alert" });
  private readonly messageBox: HTMLElement;
  private readonly list: ChunkedList<Target, PickCard>;
  private readonly empty = h("p", { class: "hint-text" }, bw.noneToChoose);
  /** The ideas ticked now, in the order ticked; starts as the saved choice. */
  private draft: number[] | null = null;
  /** A choice sent and not answered yet (null: none). */
  private inFlight: number[] | null = null;
  private refusal = "";
  private ctx: BallotContext | null = null;
  private m: Mirror | null = null;
  private saved: number[] = [];
  private need = 0;
  /** Targets whose card may show something else since the last update (a tick, the saved choice). */
  private readonly touched = new Set<number>();
  private seenVersion = -1;
  private seenShape = "";

  constructor(private readonly host: BallotHost, private readonly rerender: () => void) {
    this.validate = h("button", { type: "button", class: "primary", "data-key": "validate-choice", "aria-describedby": "choice-status",
      onclick: () => this.send() }, bw.validatePick);
    this.withdraw = h("button", { type: "button", "data-key": "withdraw-choice", onclick: () => this.sendWithdraw() }, bw.withdrawPick);
    this.messageBox = h("div", { class: "vote-message", "data-kind": "refusal", hidden: true }, this.message);
    const banner = h("section", { class: "budget choice-banner", id: "choice-banner", tabindex: -1, "aria-labelledby": "vote-title" },
      h("div", { class: "budget-line" }, this.title, this.counter),
      this.status,
      h("div", { class: "choice-actions" }, this.validate, this.withdraw),
      this.messageBox,
    );
    const ul = h("ul", { class: "plain", role: "list" });
    this.list = new ChunkedList(ul, (x) => x.id, (x) => new PickCard(x, (target) => this.cardView(target), (id) => this.tick(id)), "ascending");
    const section = h("section", { class: "vote-list pick-list", "aria-label": bw.pickCounterLabel },
      h("p", { class: "hint-text" }, bw.pickHelp), ul, this.empty);
    this.nodes = [banner, section];
  }

  update(m: Mirror, ctx: BallotContext, changes: WallChanges): void {
    this.ctx = ctx;
    this.m = m;
    const saved = voterBallot(m, ctx.stepId, ctx.voter)?.choice ?? [];
    const eligible = eligibleTargets(m, ctx.ballot, ctx.stepId);
    const allowed = new Set(eligible.map((x) => x.id));
    this.need = needed(ctx.ballot, eligible.length);
    if (this.draft === null) this.draft = [...saved];
    // What can no longer be chosen (deleted, merged) leaves the draft.
    const kept = this.draft.filter((id) => allowed.has(id));
    for (const id of this.draft) if (!allowed.has(id)) this.touched.add(id);
    this.draft = kept;
    for (const id of this.saved) if (!saved.includes(id)) this.touched.add(id);
    for (const id of saved) if (!this.saved.includes(id)) this.touched.add(id);
    this.saved = [...saved];

    // The cards: those the events changed and those whose tick or saved mark changed; every one
    // when something all of them read changed (a new step, another voter's own ideas...).
    const shape = `${ctx.stepId}|${ctx.ballot.allowSelfVote}`;
    const changed = shape === this.seenShape ? changes.since(this.seenVersion) : null;
    if (!changed) {
      this.list.update(ballotTargets(m, ctx.stepId));
    } else {
      for (const id of new Set([...changed, ...this.touched])) {
        const target = targetOf(m, id);
        if (target && targetBlock(m, ctx.ballot, ctx.stepId, target) !== "new") this.list.put(target);
        else this.list.delete(id);
      }
    }
    this.touched.clear();
    this.seenShape = shape;
    this.seenVersion = changes.version;
    setHidden(this.empty, this.list.size > 0);

    const state = pickState(this.draft, saved, this.need);
    setText(this.title, bw.pickTitle(this.need));
    setText(this.counter, bw.pickCounter(state.ticked, this.need));
    const status = this.inFlight ? bw.sending
      : state.ticked < this.need ? bw.pickMore(this.need - state.ticked)
      : state.ticked > this.need ? bw.pickTooMany(state.ticked - this.need)
      : state.status === "saved" ? bw.pickSaved
      : state.status === "changed" ? bw.pickChanged
      : bw.pickReady;
    setText(this.status, status);
    setAttr(this.status, "data-status", state.status);
    setAttr(this.validate, "aria-disabled", state.ready && state.status !== "saved" ? null : "true");
    setHidden(this.withdraw, saved.length === 0);
    setText(this.message, this.refusal);
    setHidden(this.messageBox, !this.refusal);
  }

  private cardView(target: Target): PickCardView {
    const m = this.m;
    const ctx = this.ctx;
    if (!m || !ctx) return { block: "", ticked: false, saved: false };
    return {
      block: targetBlock(m, ctx.ballot, ctx.stepId, target),
      ticked: this.draft?.includes(target.id) ?? false,
      saved: this.saved.includes(target.id),
    };
  }

  /** A box ticked or unticked on a card. */
  tick(id: number): void {
    this.draft = toggle(this.draft ?? [], id);
    this.touched.add(id);
    this.refusal = "";
    this.rerender();
  }

  private send(): void {
    const draft = this.draft ?? [];
    if (draft.length === 0) {
      // An empty choice would withdraw the saved one: not what « Valider » means.
      this.refusal = bw.emptyChoice;
      this.rerender();
      return;
    }
    if (!this.ctx) return;
    this.refusal = "";
    this.inFlight = [...draft];
    this.host.execute({ case: "setChoice", value: { seatId: this.ctx.commandSeat, targetIds: draft } });
    this.rerender();
  }

  private sendWithdraw(): void {
    if (!this.ctx) return;
    this.refusal = "";
    this.inFlight = [];
    this.host.execute({ case: "setChoice", value: { seatId: this.ctx.commandSeat, targetIds: [] } });
    this.rerender();
  }

  answered(command: Command, accepted: boolean): void {
    if (command.kind.case !== "setChoice") return;
    this.inFlight = null;
    if (!accepted) return;
    if (command.kind.value.targetIds.length === 0) {
      this.draft = [];
      for (const id of this.saved) this.touched.add(id);
      this.host.announce(bw.pickWithdrawn);
    } else {
      this.host.announce(bw.pickSentAnnounce);
    }
  }

  refused(why: string, _r: Rejection, command: Command): void {
    if (command.kind.case === "setChoice") this.refusal = why;
  }

  info(_text: string): void {
    // Picks are not touched by the animateur's merges (TARGET_IN_BALLOT): nothing to say.
  }
}

/** One idea or cluster: a box to tick, its text as the label; our own says why it cannot be. */
class PickCard implements KeyedItem<Target> {
  readonly node: HTMLElement;
  private readonly box: HTMLInputElement;
  private readonly label: HTMLLabelElement;
  private readonly savedTag = h("span", { class: "tag saved-tag" }, bw.inSavedChoice);
  private readonly reason = h("p", { class: "hint-text reason" });
  private shown = "";
  private state = "";

  constructor(private target: Target, private readonly view: (target: Target) => PickCardView, onTick: (id: number) => void) {
    const id = target.id;
    this.box = h("input", { type: "checkbox", id: `pick-${id}`, "data-key": `pick-${id}`, class: "pick-box" });
    this.box.addEventListener("change", () => onTick(this.target.id));
    this.label = h("label", { for: this.box.id, class: "grow pick-label" });
    this.reason.id = `reason-${id}`;
    this.node = h("li", { role: "listitem", "data-target-id": id, class: "card pick-card" },
      h("div", { class: "row" }, this.box, this.label), this.savedTag, this.reason);
    this.update(target);
  }

  update(target: Target): void {
    this.target = target;
    const v = this.view(target);
    const state = `${v.block}|${v.ticked}|${v.saved}`;
    const shown = target.isCluster ? ["c", target.text, ...target.ideas.map((i) => i.text)].join("\u0001") : target.text;
    if (state === this.state && shown === this.shown) return;
    this.state = state;
    if (shown !== this.shown) {
      this.shown = shown;
      this.label.replaceChildren(
        ...(target.isCluster ? [h("span", { class: "tag" }, t.cluster)] : []),
        h("span", { class: "pick-text" }, target.text),
        ...(target.isCluster ? [h("ul", { class: "members" }, target.ideas.map((i) => h("li", {}, i.text)))] : []),
      );
    }
    const own = v.block === "own";
    if (this.box.checked !== v.ticked) this.box.checked = v.ticked;
    if (this.box.disabled !== own) this.box.disabled = own;
    setAttr(this.box, "aria-describedby", own ? this.reason.id : null);
    const className = "card pick-card" + (own ? " own" : "") + (v.ticked ? " ticked" : "");
    if (this.node.className !== className) this.node.className = className;
    setHidden(this.savedTag, !v.saved);
    const reason = own ? (target.isCluster ? bw.ownClusterNotChosen : bw.ownNotChosen) : "";
    setText(this.reason, reason);
    setHidden(this.reason, !reason);
  }
}
