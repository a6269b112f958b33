// The create form's carry-over (an evaluation that takes an ideation's best ideas), and its
// criteria taken from a workshop held to define them (000:1697): the source is picked by its
// question among the ideation workshops this browser knows (console_store.ts), and what it will
// give is shown before anything is created: the first N of that workshop's results that
// received points (carriedIdeas, as the server's TopIdeas), read with its animateur token
// (GET /api/workshops/{id}/results).
//
// Built once and kept across the form's re-renders (the form re-inserts `element`), so that what
// is typed or picked here, and the results read, survive a change of the form's shape.
import { fromJson } from "@bufbuild/protobuf";
import { ResultsSchema } from "../gen/atelier/v1/state_pb";
import { t } from "../i18n/console";
import { lang } from "../i18n/lang";
import { h, replaceChildren } from "../ui/dom";
import type { ConsoleStore, RememberedWorkshop } from "./console_store";
import { carriedIdeas, kDefaultCarryCount, kDefaultCriteriaFromCount, kMaxCriteria, type CarryCandidate, type CarryFrom, type CreateModel } from "./create_model";
import { fetchResultsJson } from "./download";

const when = new Intl.DateTimeFormat(lang === "fr" ? "fr-FR" : "en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

/** What a picker takes: ideas to score (carry-over), or criteria. */
export type CarryPurpose = "ideas" | "criteria";

interface PurposeOf {
  /** The model's field the picker sets. */
  field: "carry" | "criteriaFrom";
  /** The prefix of its controls' ids and data-keys. */
  key: string;
  defaultCount: number;
  maxCount: (m: CreateModel) => number;
  words: {
    legend: string; source: string; help: string; none: string; count: string; nothing: string;
    fewer: (n: number) => string; will: (n: number) => string; missingToken: string; badCount: (max: number) => string;
  };
}

function purposeOf(purpose: CarryPurpose): PurposeOf {
  const c = t.create;
  return purpose === "ideas"
    ? {
        field: "carry", key: "carry", defaultCount: kDefaultCarryCount, maxCount: () => 50,
        words: {
          legend: c.carryLegend, source: c.carrySource, help: c.carryHelp, none: c.carryNone, count: c.carryCount,
          nothing: c.carryNothing, fewer: c.carryFewer, will: c.carryWill, missingToken: c.carryMissingToken,
          badCount: () => c.problemCarryCount,
        },
      }
    : {
        field: "criteriaFrom", key: "criteria-from", defaultCount: kDefaultCriteriaFromCount,
        maxCount: (m) => Math.max(1, kMaxCriteria - m.criteria.length),
        words: {
          legend: c.criteriaFromLegend, source: c.criteriaFromSource, help: c.criteriaFromHelp, none: c.criteriaFromNone,
          count: c.criteriaFromCount, nothing: c.criteriaFromNothing, fewer: c.criteriaFromFewer, will: c.criteriaFromWill,
          missingToken: c.criteriaFromMissingToken, badCount: c.problemCriteriaFromCount,
        },
      };
}

export class CarryPicker {
  readonly element: HTMLElement;
  private readonly select: HTMLSelectElement;
  private readonly count: HTMLInputElement;
  private readonly details: HTMLElement;
  private readonly status: HTMLElement;
  private readonly preview: HTMLElement;
  private readonly p: PurposeOf;
  private readonly sources: RememberedWorkshop[];
  private results: { workshopId: string; points: CarryCandidate[] } | null = null;
  private state: "idle" | "loading" | "failed" = "idle";
  private failure = "";

  constructor(private readonly store: ConsoleStore, private readonly model: CreateModel, purpose: CarryPurpose = "ideas") {
    const p = this.p = purposeOf(purpose);
    const k = p.key;
    const w = p.words;
    this.status = h("p", { id: `${k}-status`, class: "carry-status", role: "status" });
    this.preview = h("ol", { id: `${k}-preview`, class: "carry-preview" });
    this.sources = store.workshops().filter((x) => x.template === "ideation");
    const wanted = this.from?.workshopId ?? "";
    const options: { id: string; label: string }[] = this.sources.map((w) => ({
      id: w.id, label: t.create.carryOption(w.question || t.workshops.untitled, when.format(w.atMs)),
    }));
    if (wanted && !this.sources.some((w) => w.id === wanted)) options.unshift({ id: wanted, label: t.create.carryUnknown(wanted) });
    const selectId = purpose === "ideas" ? "create-carry-from" : "create-criteria-from";
    const help = `${selectId.slice("create-".length)}-help`;
    this.select = h("select", {
      id: selectId, "data-key": selectId.slice("create-".length), "aria-describedby": help,
      onchange: () => this.pick(this.select.value),
    },
      h("option", { value: "" }, w.none),
      options.map((o) => h("option", { value: o.id, selected: o.id === wanted }, o.label)),
    );
    this.count = h("input", {
      id: `create-${k}-count`, type: "number", min: 1, max: p.maxCount(model), step: 1, inputmode: "numeric",
      value: this.from?.count ?? p.defaultCount, "data-key": `${k}-count`,
      oninput: () => {
        const from = this.from;
        if (from) from.count = Number(this.count.value);
        this.show();
      },
    });
    this.details = h("div", { class: "carry-details" },
      h("div", { class: "field narrow" }, h("label", { for: `create-${k}-count` }, w.count), this.count),
      this.status,
      this.preview,
    );
    this.element = h("fieldset", { class: "field carry-from" },
      h("legend", {}, w.legend),
      h("div", { class: "field" },
        h("label", { for: selectId }, w.source),
        this.select,
        h("p", { class: "hint-text", id: help }, w.help),
      ),
      this.details,
    );
    this.show();
  }

  /** Whether there is anything to pick from (an ideation known here, or one asked for). */
  get available(): boolean {
    return this.select.options.length > 1;
  }

  /** The model's choice this picker holds (null: none). */
  private get from(): CarryFrom | null {
    return this.model[this.p.field];
  }

  /** Follows the model after the form changed it (an ideation form takes no carry-over). */
  sync(): void {
    this.count.max = String(this.p.maxCount(this.model));
    const id = this.from?.workshopId ?? "";
    if (this.select.value !== id) this.select.value = id;
    this.show();
  }

  /** Reads the picked workshop's results (again): what will be carried may have changed. */
  load(): void {
    const carry = this.from;
    this.results = null;
    if (!carry) return this.show();
    if (!carry.token) {
      this.state = "failed";
      this.failure = this.p.words.missingToken;
      return this.show();
    }
    this.state = "loading";
    this.show();
    const id = carry.workshopId;
    fetchResultsJson(id, carry.token).then(
      (text) => {
        if (this.from?.workshopId !== id) return;
        const r = fromJson(ResultsSchema, JSON.parse(text), { ignoreUnknownFields: true });
        this.results = { workshopId: id, points: r.points.map((p) => ({ text: p.text, points: p.points, isCluster: p.isCluster })) };
        this.state = "idle";
        this.show();
      },
      (e: unknown) => {
        if (this.from?.workshopId !== id) return;
        this.state = "failed";
        this.failure = t.create.carryFailed(e instanceof Error ? e.message : String(e));
        this.show();
      },
    );
  }

  private pick(id: string): void {
    const count = Number(this.count.value);
    this.model[this.p.field] = id ? { workshopId: id, token: this.store.token(id), count } : null;
    this.load();
  }

  private show(): void {
    const carry = this.from;
    this.details.hidden = !carry;
    this.status.classList.toggle("warn", this.state === "failed");
    if (!carry) {
      this.status.textContent = "";
      replaceChildren(this.preview);
      return;
    }
    if (this.state === "loading") {
      this.status.textContent = t.create.carryLoading;
      replaceChildren(this.preview);
      return;
    }
    if (this.state === "failed" || !this.results) {
      this.status.textContent = this.failure;
      replaceChildren(this.preview);
      return;
    }
    const count = carry.count;
    const max = this.p.maxCount(this.model);
    if (!Number.isInteger(count) || count < 1 || count > max) {
      this.status.textContent = this.p.words.badCount(max);
      replaceChildren(this.preview);
      return;
    }
    const carried = carriedIdeas(this.results.points, count);
    const w = this.p.words;
    this.status.textContent = carried.length === 0 ? w.nothing
      : carried.length < count ? w.fewer(carried.length)
      : w.will(carried.length);
    replaceChildren(this.preview, carried.map((c) => h("li", {},
      c.isCluster ? h("strong", {}, c.text) : c.text,
      h("span", { class: "hint-text" }, ` — ${t.create.carryPoints(c.points)}`))));
  }
}
