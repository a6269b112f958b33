// A ranking (RANKING, "vote pondéré") for one voter: the ideas in order, from the most to the
// least important, each card with its place in big and « Monter » / « Descendre » (buttons, so
// that the keyboard and a screen reader order as well as a finger; no drag needed). The order is
// sent whole (SetChoice) by « Valider mon classement »: every idea the voter may rank, or the
// first `count` when the step limits it (the ideas below the line are shown as not ranked). A
// moved card keeps the focus on the button used, which is greyed, not disabled, at the ends (a
// disabled button would drop the focus); its new place is announced.
import type { Command } from "../gen/atelier/v1/commands_pb";
import type { Rejection } from "../gen/atelier/v1/rejection_pb";
import { bw } from "../i18n/ballot";
import { t } from "../i18n/table";
import type { Mirror, Target } from "../state/mirror";
import { h } from "../ui/dom";
import { ballotTargets, eligibleTargets, moveInOrder, needed, rankingOrder, rankingSaved, voterBallot } from "./ballot_model";
import type { BallotContext, BallotHost, BallotPanel } from "./ballot_panel";
import { KeyedList, setAttr, setHidden, setText, type KeyedItem } from "./keyed_list";
import type { WallChanges } from "./wall_changes";

/** A row of the list: an idea at its place, or the line under the last place that counts (id 0). */
interface RankRow {
  id: number;
  target: Target | null;
  place: number; // 1-based; for the line, how many places count
  total: number;
  ranked: boolean;
}

export class RankingPanel implements BallotPanel {
  readonly nodes: HTMLElement[];
  private readonly help = h("p", { class: "hint-text" });
  private readonly status = h("p", { id: "choice-status", class: "choice-status" });
  private readonly validate: HTMLButtonElement;
  private readonly withdraw: HTMLButtonElement;
  private readonly message = h("p", { id: "vote-message", role: "alert" });
  private readonly messageBox: HTMLElement;
  private readonly ownNote = h("p", { class: "hint-text" });
  private readonly empty = h("p", { class: "hint-text" }, bw.noneToChoose);
  private readonly list: KeyedList<RankRow, RankItem>;
  private order: number[] | null = null;
  private need = 0;
  private inFlight = false;
  private refusal = "";
  private ctx: BallotContext | null = null;
  private targetsById = new Map<number, Target>();

  constructor(private readonly host: BallotHost, private readonly rerender: () => void) {
    this.validate = h("button", { type: "button", class: "primary", "data-key": "validate-choice", "aria-describedby": "choice-status",
      onclick: () => this.send() }, bw.validateRanking);
    this.withdraw = h("button", { type: "button", "data-key": "withdraw-choice", onclick: () => this.sendWithdraw() }, bw.withdrawRanking);
    this.messageBox = h("div", { class: "vote-message", "data-kind": "refusal", hidden: true }, this.message);
    const banner = h("section", { class: "budget choice-banner", id: "choice-banner", tabindex: -1, "aria-labelledby": "vote-title" },
      h("div", { class: "budget-line" }, h("h2", { id: "vote-title", class: "choice-title" }, bw.rankTitle)),
      this.status,
      h("div", { class: "choice-actions" }, this.validate, this.withdraw),
      this.messageBox,
    );
    const ol = h("ol", { class: "plain rank-list" });
    this.list = new KeyedList(ol, (r) => r.id, (r) => new RankItem(r, (id, delta) => this.move(id, delta)));
    this.nodes = [banner, h("section", { class: "vote-list", "aria-labelledby": "vote-title" }, this.help, ol, this.empty, this.ownNote)];
  }

  update(m: Mirror, ctx: BallotContext, _changes: WallChanges): void {
    this.ctx = ctx;
    const saved = voterBallot(m, ctx.stepId, ctx.voter)?.choice ?? [];
    const eligible = eligibleTargets(m, ctx.ballot, ctx.stepId);
    this.targetsById = new Map(eligible.map((x) => [x.id, x]));
    this.order = rankingOrder(eligible.map((x) => x.id), this.order ?? saved);
    const order = this.order;
    this.need = needed(ctx.ballot, order.length);
    const rows: RankRow[] = [];
    order.forEach((id, i) => {
      if (i === this.need && this.need < order.length) rows.push({ id: 0, target: null, place: this.need, total: order.length, ranked: false });
      rows.push({ id, target: this.targetsById.get(id) ?? null, place: i + 1, total: order.length, ranked: i < this.need });
    });
    this.list.update(rows);
    setHidden(this.empty, order.length > 0);
    const own = ballotTargets(m, ctx.stepId).length - eligible.length;
    setText(this.ownNote, own > 0 ? bw.rankOwnNote(own) : "");
    setHidden(this.ownNote, own === 0);
    setText(this.help, bw.rankHelp(this.need, order.length));

    const isSaved = rankingSaved(order, saved, this.need);
    setText(this.status, this.inFlight ? bw.sending : isSaved ? bw.rankingSaved : saved.length > 0 ? bw.rankingChanged : bw.rankingNone);
    setAttr(this.status, "data-status", isSaved ? "saved" : saved.length > 0 ? "changed" : "none");
    setAttr(this.validate, "aria-disabled", order.length > 0 && !isSaved ? null : "true");
    setHidden(this.withdraw, saved.length === 0);
    setText(this.message, this.refusal);
    setHidden(this.messageBox, !this.refusal);
  }

  private move(id: number, delta: number): void {
    const order = this.order ?? [];
    const next = moveInOrder(order, id, delta);
    if (next.indexOf(id) === order.indexOf(id)) return; // at an end: the button is greyed
    this.order = next;
    this.refusal = "";
    this.rerender();
    const target = this.targetsById.get(id);
    if (target) this.host.announce(bw.rankMoved(t.quote(target.text), next.indexOf(id) + 1, next.length));
  }

  private send(): void {
    const order = this.order ?? [];
    if (!this.ctx || order.length === 0) return;
    this.refusal = "";
    this.inFlight = true;
    this.host.execute({ case: "setChoice", value: { seatId: this.ctx.commandSeat, targetIds: order.slice(0, this.need) } });
    this.rerender();
  }

  private sendWithdraw(): void {
    if (!this.ctx) return;
    this.refusal = "";
    this.inFlight = true;
    this.host.execute({ case: "setChoice", value: { seatId: this.ctx.commandSeat, targetIds: [] } });
    this.rerender();
  }

  answered(command: Command, accepted: boolean): void {
    if (command.kind.case !== "setChoice") return;
    this.inFlight = false;
    if (accepted) this.host.announce(command.kind.value.targetIds.length === 0 ? bw.rankingWithdrawn : bw.rankingSentAnnounce);
  }

  refused(why: string, _r: Rejection, command: Command): void {
    if (command.kind.case === "setChoice") this.refusal = why;
  }

  info(_text: string): void {
    // Rankings are not touched by the animateur's merges (TARGET_IN_BALLOT): nothing to say.
  }
}

/** One idea at its place (« Monter », « Descendre »), or the line under the places that count. */
class RankItem implements KeyedItem<RankRow> {
  readonly node: HTMLElement;
  private readonly number = h("span", { class: "rank-number" });
  private readonly text = h("div", { class: "grow rank-text" });
  private readonly up: HTMLButtonElement | null = null;
  private readonly down: HTMLButtonElement | null = null;
  private shown = "";
  private state = "";

  constructor(row: RankRow, move: (id: number, delta: number) => void) {
    if (!row.target) {
      this.node = h("li", { class: "rank-line", "data-rank-line": "true" });
      this.update(row);
      return;
    }
    const id = row.id;
    this.text.id = `rank-text-${id}`;
    this.up = h("button", { type: "button", "data-key": `up-${id}`, class: "rank-move", onclick: () => move(id, -1) },
      h("span", { "aria-hidden": "true" }, "▲ "), bw.rankUp);
    this.down = h("button", { type: "button", "data-key": `down-${id}`, class: "rank-move", onclick: () => move(id, 1) },
      h("span", { "aria-hidden": "true" }, "▼ "), bw.rankDown);
    this.node = h("li", { class: "card rank-card", "data-target-id": id },
      h("div", { class: "row" }, this.number, this.text,
        h("div", { class: "rank-moves", role: "group", "aria-labelledby": this.text.id }, this.up, this.down)));
    this.update(row);
  }

  update(row: RankRow): void {
    if (!row.target) {
      setText(this.node, bw.rankLine(row.place));
      return;
    }
    const target = row.target;
    const shown = target.isCluster ? ["c", target.text, ...target.ideas.map((i) => i.text)].join("\u0001") : target.text;
    if (shown !== this.shown) {
      this.shown = shown;
      this.text.replaceChildren(
        ...(target.isCluster ? [h("span", { class: "tag" }, t.cluster)] : []),
        h("p", {}, target.isCluster ? h("strong", {}, target.text) : target.text),
        ...(target.isCluster ? [h("ul", { class: "members" }, target.ideas.map((i) => h("li", {}, i.text)))] : []),
      );
    }
    const state = `${row.place}|${row.total}|${row.ranked}`;
    if (state === this.state) return;
    this.state = state;
    this.number.replaceChildren(h("span", { class: "sr-only" }, `${bw.rankPlace} `), row.ranked ? String(row.place) : "—",
      row.ranked ? "" : h("span", { class: "sr-only" }, ` (${bw.notRanked})`));
    setAttr(this.node, "data-place", String(row.place));
    const className = "card rank-card" + (row.ranked ? "" : " unranked");
    if (this.node.className !== className) this.node.className = className;
    setAttr(this.up as HTMLElement, "aria-disabled", row.place === 1 ? "true" : null);
    setAttr(this.down as HTMLElement, "aria-disabled", row.place === row.total ? "true" : null);
  }
}
