// A sorting into buckets (BUCKETS, "conférence de jurisprudence") for one voter: each idea with
// three big buttons, Poubelle / Machine à laver / Coffre-fort (an icon, a colour and the word),
// the chosen one pressed; a tap sends at once (SetBuckets, that idea only), a tap on the pressed
// one takes the idea out. A refusal is said on the card tapped. On the table's tablet, the
// « Longue-vue » box posts a new subject (PostIdea, allowed during a sorting); the new subjects
// are listed apart, as they are not sorted in this vote.
import type { Command } from "../gen/atelier/v1/commands_pb";
import type { Rejection } from "../gen/atelier/v1/rejection_pb";
import { Bucket } from "../gen/atelier/v1/workshop_pb";
import { bw } from "../i18n/ballot";
import { t } from "../i18n/table";
import { targetOf, type IdeaView, type Mirror, type Target } from "../state/mirror";
import { bucketClass, bucketIcon } from "../ui/bucket_icons";
import { h } from "../ui/dom";
import { ballotTargets, bucketAfterTap, bucketOrder, isOwnIdea, sortedCount, targetBlock, voterBallot, type TargetBlock } from "./ballot_model";
import type { BallotContext, BallotHost, BallotPanel } from "./ballot_panel";
import { ChunkedList, KeyedList, setAttr, setHidden, setText, type KeyedItem } from "./keyed_list";
import type { WallChanges } from "./wall_changes";

interface BucketCardView {
  block: TargetBlock;
  bucket: Bucket;
  pending: boolean;
  error: string;
}

export class BucketsPanel implements BallotPanel {
  readonly nodes: HTMLElement[];
  private readonly progress = h("output", { id: "buckets-progress", "aria-live": "polite" });
  /** A refusal about an idea whose card is gone (grouped meanwhile): said in the banner. */
  private readonly message = h("p", { id: "vote-message", role: "alert" });
  private readonly messageBox = h("div", { class: "vote-message", "data-kind": "refusal", hidden: true }, this.message);
  private lastRefused = 0;
  private readonly list: ChunkedList<Target, BucketCard>;
  private readonly empty = h("p", { class: "hint-text" }, bw.noneToChoose);
  /** Buckets sent and not answered yet, by target. */
  private readonly pending = new Map<number, Bucket>();
  /** A refusal said on a card, by target. */
  private readonly errors = new Map<number, string>();
  private readonly touched = new Set<number>();
  private m: Mirror | null = null;
  private ctx: BallotContext | null = null;
  private saved: ReadonlyMap<number, Bucket> = new Map();
  private seenVersion = -1;
  private seenShape = "";
  private readonly longueVue: LongueVue | null;

  constructor(private readonly host: BallotHost, tablet: boolean, private readonly rerender: () => void) {
    const banner = h("section", { class: "budget choice-banner", id: "choice-banner", tabindex: -1, "aria-labelledby": "vote-title" },
      h("div", { class: "budget-line" }, h("h2", { id: "vote-title", class: "choice-title" }, bw.bucketsTitle), this.progress),
      this.messageBox);
    const ul = h("ul", { class: "plain", role: "list" });
    this.list = new ChunkedList(ul, (x) => x.id, (x) => new BucketCard(x, (target) => this.cardView(target), (id, b) => this.tap(id, b)), "ascending");
    this.longueVue = tablet ? new LongueVue(host) : null;
    this.nodes = [banner,
      h("section", { class: "vote-list buckets-list", "aria-label": bw.bucketsRegion }, h("p", { class: "hint-text buckets-help" }, bw.bucketsHelp), ul, this.empty),
      ...(this.longueVue ? this.longueVue.nodes : [])];
  }

  update(m: Mirror, ctx: BallotContext, changes: WallChanges): void {
    this.m = m;
    this.ctx = ctx;
    const saved = voterBallot(m, ctx.stepId, ctx.voter)?.buckets ?? new Map<number, Bucket>();
    for (const [id, b] of saved) if (this.saved.get(id) !== b) this.touched.add(id);
    for (const [id, b] of this.saved) if (saved.get(id) !== b) this.touched.add(id);
    this.saved = new Map(saved);
    const shape = `${ctx.stepId}|${ctx.ballot.allowSelfVote}`;
    const changed = shape === this.seenShape ? changes.since(this.seenVersion) : null;
    let all: Target[] | null = null;
    if (!changed) {
      all = ballotTargets(m, ctx.stepId);
      this.list.update(all);
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
    // Sorted out of what this voter may sort (its own ideas are not).
    const sortable = (all ?? ballotTargets(m, ctx.stepId)).filter((x) => targetBlock(m, ctx.ballot, ctx.stepId, x) === "").map((x) => x.id);
    const shown = new Map(saved);
    for (const [id, b] of this.pending) shown.set(id, b);
    const sorted = sortedCount(shown, sortable);
    setText(this.progress, sorted === sortable.length && sorted > 0 ? bw.bucketsAll : bw.bucketsProgress(sorted, sortable.length));
    const lost = this.lastRefused !== 0 && !this.list.get(this.lastRefused) ? this.errors.get(this.lastRefused) ?? "" : "";
    setText(this.message, lost);
    setHidden(this.messageBox, !lost);
    this.longueVue?.update(m, ctx.stepId);
  }

  private cardView(target: Target): BucketCardView {
    const m = this.m;
    const ctx = this.ctx;
    if (!m || !ctx) return { block: "", bucket: Bucket.UNSPECIFIED, pending: false, error: "" };
    const pending = this.pending.get(target.id);
    return {
      block: targetBlock(m, ctx.ballot, ctx.stepId, target),
      bucket: pending ?? this.saved.get(target.id) ?? Bucket.UNSPECIFIED,
      pending: pending !== undefined,
      error: this.errors.get(target.id) ?? "",
    };
  }

  private tap(id: number, bucket: Bucket): void {
    if (!this.ctx) return;
    const shown = this.pending.get(id) ?? this.saved.get(id);
    const want = bucketAfterTap(shown, bucket);
    this.pending.set(id, want);
    this.errors.delete(id);
    this.lastRefused = 0;
    this.touched.add(id);
    this.host.execute({ case: "setBuckets", value: { seatId: this.ctx.commandSeat, items: [{ targetId: id, bucket: want }] } });
    this.rerender();
  }

  answered(command: Command, _accepted: boolean): void {
    if (command.kind.case !== "setBuckets") return; // a new subject's answer: its event says it
    for (const item of command.kind.value.items) {
      if (this.pending.get(item.targetId) === item.bucket) this.pending.delete(item.targetId);
      this.touched.add(item.targetId);
    }
  }

  refused(why: string, _r: Rejection, command: Command): void {
    if (command.kind.case === "postIdea") {
      this.longueVue?.refused(why, command.kind.value.text);
      return;
    }
    if (command.kind.case !== "setBuckets") return;
    const id = command.kind.value.items[0]?.targetId ?? 0;
    for (const item of command.kind.value.items) this.pending.delete(item.targetId);
    this.errors.set(id, why);
    this.lastRefused = id;
    this.touched.add(id);
  }

  info(_text: string): void {
    // Buckets are not touched by the animateur's merges (TARGET_IN_BALLOT): nothing to say.
  }
}

/** One idea or cluster with its three buckets (ours: why it is not sorted). */
class BucketCard implements KeyedItem<Target> {
  readonly node: HTMLElement;
  private readonly text = h("div", { class: "grow" });
  private readonly buttons: Map<Bucket, HTMLButtonElement>;
  private readonly choices: HTMLElement;
  private readonly reason = h("p", { class: "hint-text reason" });
  private readonly error = h("p", { class: "field-error card-error", role: "alert", hidden: true });
  private shown = "";
  private state = "";

  constructor(private target: Target, private readonly view: (target: Target) => BucketCardView, tap: (id: number, bucket: Bucket) => void) {
    const id = target.id;
    this.text.id = `target-${id}`;
    this.reason.id = `reason-${id}`;
    this.buttons = new Map(bucketOrder.map((b) => [b, h("button", {
      type: "button", class: `bucket-button ${bucketClass(b)}`, "data-key": `bucket-${id}-${b}`, "data-bucket": b, "aria-pressed": "false",
      onclick: () => tap(this.target.id, b),
    }, bucketIcon(b), h("span", {}, bw.bucket[b]))]));
    this.choices = h("div", { class: "bucket-choices", role: "group", "aria-labelledby": this.text.id }, [...this.buttons.values()]);
    this.node = h("li", { role: "listitem", "data-target-id": id, class: "card bucket-card" },
      this.text, this.choices, this.reason, this.error);
    this.update(target);
  }

  update(target: Target): void {
    this.target = target;
    const v = this.view(target);
    const shown = target.isCluster ? ["c", target.text, ...target.ideas.map((i) => i.text)].join("\u0001") : target.text;
    const state = `${v.block}|${v.bucket}|${v.pending}|${v.error}`;
    if (state === this.state && shown === this.shown) return;
    this.state = state;
    if (shown !== this.shown) {
      this.shown = shown;
      this.text.replaceChildren(
        ...(target.isCluster ? [h("span", { class: "tag" }, t.cluster)] : []),
        h("p", {}, target.isCluster ? h("strong", {}, target.text) : target.text),
        ...(target.isCluster ? [h("ul", { class: "members" }, target.ideas.map((i) => h("li", {}, i.text)))] : []),
      );
    }
    const own = v.block === "own";
    setHidden(this.choices, own);
    for (const [b, button] of this.buttons) setAttr(button, "aria-pressed", v.bucket === b ? "true" : "false");
    const className = "card bucket-card" + (own ? " own" : "") + (v.error ? " refused" : "")
      + (v.bucket !== Bucket.UNSPECIFIED ? ` in-${bucketClass(v.bucket)}` : "");
    if (this.node.className !== className) this.node.className = className;
    setAttr(this.node, "data-bucket", String(v.bucket));
    const reason = own ? (target.isCluster ? bw.bucketOwnCluster : bw.bucketOwn) : "";
    setText(this.reason, reason);
    setHidden(this.reason, !reason);
    setText(this.error, v.error);
    setHidden(this.error, !v.error);
  }
}

/** The « Longue-vue » box and the new subjects posted during the sorting (by every table). */
class LongueVue {
  readonly nodes: HTMLElement[];
  private readonly area: HTMLTextAreaElement;
  private readonly error = h("p", { id: "longue-vue-error", class: "field-error", role: "alert", hidden: true });
  private readonly title = h("h2", { id: "new-subjects-title" });
  private readonly none = h("p", { class: "hint-text" }, bw.noNewSubjects);
  private readonly list: KeyedList<IdeaView, SubjectItem>;
  private max = 500;

  constructor(private readonly host: BallotHost) {
    this.area = h("textarea", { id: "longue-vue-text", rows: 2, maxlength: 500, "aria-describedby": "longue-vue-help" });
    const form = h("form", { class: "card longue-vue", "aria-labelledby": "longue-vue-title" },
      h("h2", { id: "longue-vue-title" }, bw.longueVueTitle),
      h("p", { id: "longue-vue-help", class: "hint-text" }, bw.longueVueHelp),
      h("div", { class: "field" }, h("label", { for: "longue-vue-text" }, bw.longueVueLabel), this.area),
      this.error,
      h("button", { type: "submit", class: "primary", "data-key": "longue-vue-submit" }, bw.longueVueSubmit),
    );
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const text = this.area.value.trim();
      if (!text) {
        this.say(t.ideaEmpty);
        this.area.focus();
        return;
      }
      this.say("");
      this.host.execute({ case: "postIdea", value: { text } });
      this.area.value = "";
      this.host.announce(bw.longueVueSent);
      this.area.focus();
    });
    const ul = h("ul", { class: "plain" });
    this.list = new KeyedList(ul, (i) => i.id, (i) => new SubjectItem(i));
    this.nodes = [form, h("section", { class: "new-subjects", "aria-labelledby": "new-subjects-title" }, this.title, ul, this.none)];
  }

  update(m: Mirror, stepId: number): void {
    const max = m.config?.maxIdeaLength || 500;
    if (max !== this.max) {
      this.max = max;
      this.area.maxLength = max;
    }
    const subjects = [...m.ideas.values()].filter((i) => i.stepId === stepId && stepId !== 0)
      .sort((a, b) => b.id - a.id).map((i) => ({ ...i, own: isOwnIdea(m, i) }));
    this.list.update(subjects);
    setText(this.title, bw.newSubjects(subjects.length));
    setHidden(this.none, subjects.length > 0);
  }

  /** A refused subject: said under the box, its text given back (nothing typed is lost). */
  refused(why: string, text: string): void {
    this.say(why);
    if (!this.area.value) this.area.value = text;
  }

  private say(text: string): void {
    setText(this.error, text);
    setHidden(this.error, !text);
    if (text) this.area.setAttribute("aria-invalid", "true");
    else this.area.removeAttribute("aria-invalid");
    const described = ["longue-vue-help", ...(text ? ["longue-vue-error"] : [])].join(" ");
    this.area.setAttribute("aria-describedby", described);
  }
}

class SubjectItem implements KeyedItem<IdeaView> {
  readonly node = h("li", { class: "card subject" });
  private shown = "";

  constructor(idea: IdeaView) {
    this.update(idea);
  }

  update(idea: IdeaView): void {
    const shown = `${idea.own}|${idea.text}`;
    if (shown === this.shown) return;
    this.shown = shown;
    this.node.className = idea.own ? "card subject own" : "card subject";
    this.node.replaceChildren(h("p", {}, idea.text), idea.own ? h("span", { class: "tag" }, bw.ourSubject) : "");
  }
}
