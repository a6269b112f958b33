// Convergence: the points left out of the budget, always in view, and each idea or cluster with
// a 0-cap stepper. "+" is greyed (aria-disabled, with the reason as its description) when the
// tablet predicts it cannot be used: our own idea (or a cluster holding one), the cap reached,
// no points left. A greyed "+" still sends the vote, since the server decides: its refusal is
// explained in the banner, which stays in view, and the card that was tapped is marked.
import { t } from "../i18n/table";
import { pointsLeft, targets, type Mirror, type Target } from "../state/mirror";
import { h } from "../ui/dom";
import { isOwnForVote, plusBlock, pointsOn, type PlusBlock, type VotePrediction } from "./vote_model";

/** A message for the table about its votes: a refusal (of a vote on targetId) or a notice. */
export interface VoteMessage {
  text: string;
  kind: "refusal" | "info";
  targetId: number; // the target of the refused vote; 0 for a notice
}

/**
 * The sticky banner: points left, the cap, and the last message about the table's votes, in one
 * live region that lives as long as the page, so that each message is announced once.
 */
export class BudgetBanner {
  readonly element: HTMLElement;
  private readonly left = h("span", { id: "budget-left", "aria-live": "polite" });
  private readonly capNote = h("span", { class: "hint-text" });
  private readonly spent = h("p", { id: "budget-spent", class: "budget-spent" });
  private readonly message = h("p", { id: "vote-message", role: "alert" });
  private readonly dismiss: HTMLButtonElement;
  private readonly box: HTMLElement;

  constructor(onDismiss: () => void) {
    this.dismiss = h("button", { type: "button", class: "dismiss", "data-key": "dismiss-vote-message" }, t.dismiss);
    this.dismiss.addEventListener("click", () => {
      onDismiss();
      this.element.focus();
    });
    this.box = h("div", { class: "vote-message" }, this.message, this.dismiss);
    this.element = h("section", { class: "budget", id: "budget", tabindex: -1, "aria-label": t.budgetRegion },
      h("p", { class: "budget-line" }, this.left, this.capNote),
      this.spent,
      this.box,
    );
  }

  update(p: VotePrediction, message: VoteMessage | null): void {
    this.element.dataset.pointsLeft = String(p.left);
    setText(this.left, t.pointsLeft(p.left, p.budget));
    setText(this.capNote, t.capNote(p.cap));
    setText(this.spent, p.left === 0 ? t.budgetSpent : "");
    this.spent.hidden = p.left !== 0;
    setText(this.message, message?.text ?? "");
    this.box.hidden = !message;
    this.box.dataset.kind = message?.kind ?? "";
  }
}

function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

export interface VoteListOptions {
  prediction: VotePrediction;
  /** The target whose vote was just refused (its card is marked), 0 for none. */
  refusedTarget: number;
  /** blocked: what the tablet predicted for this change ("" when it expects it to pass). */
  setPoints(target: Target, value: number, blocked: PlusBlock): void;
}

export function voteList(m: Mirror, o: VoteListOptions): HTMLElement {
  return h("section", { "aria-labelledby": "vote-title" },
    h("h2", { id: "vote-title" }, t.voteTitle),
    h("ul", { class: "plain" }, targets(m).map((target) => voteCard(m, target, o))),
    h("p", { class: "hint-text" }, t.moveNote(pointsLeft(m))),
  );
}

function voteCard(m: Mirror, target: Target, o: VoteListOptions): HTMLElement {
  const p = o.prediction;
  const value = pointsOn(p, target.id);
  const own = isOwnForVote(m, target);
  const block = plusBlock(own, value, p);
  const titleId = `target-${target.id}`;
  const reasonId = `reason-${target.id}`;
  const reason = block === "own" ? (target.isCluster ? t.ownCluster : t.ownIdea) : block === "cap" ? t.capReached(p.cap) : "";
  const classes = ["card", own ? "own" : "", o.refusedTarget === target.id ? "refused" : ""].filter(Boolean).join(" ");
  return h("li", { class: classes, "data-target-id": target.id },
    h("div", { class: "row" },
      h("div", { class: "grow", id: titleId },
        target.isCluster ? h("span", { class: "tag" }, t.cluster) : null,
        h("p", {}, target.isCluster ? h("strong", {}, target.text) : target.text),
        target.isCluster ? h("ul", { class: "members" }, target.ideas.map((i) => h("li", {}, i.text))) : null,
      ),
      h("div", { class: "stepper", role: "group", "aria-labelledby": titleId },
        h("button", { type: "button", "data-key": `minus-${target.id}`, "aria-label": t.removePoint, disabled: value === 0,
          onclick: () => o.setPoints(target, value - 1, "") }, "−"),
        h("output", { "aria-live": "polite", "aria-label": t.pointsGiven }, String(value)),
        h("button", {
          type: "button", "data-key": `plus-${target.id}`, "aria-label": t.addPoint,
          "aria-disabled": block ? "true" : null,
          "aria-describedby": block === "budget" ? "budget-spent" : block ? reasonId : null,
          onclick: () => o.setPoints(target, value + 1, block),
        }, "+"),
      ),
    ),
    reason ? h("p", { class: "hint-text reason", id: reasonId }, reason) : null,
  );
}
