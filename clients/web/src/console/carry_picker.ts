// The create form's carry-over (an evaluation that takes an ideation's best ideas): the source
// is picked by its question among the ideation workshops this browser knows (console_store.ts),
// and the ideas that will be carried are shown before anything is created: the first N of that
// workshop's results that received points (carriedIdeas, as the server's TopIdeas), read with
// its animateur token (GET /api/workshops/{id}/results).
//
// Built once and kept across the form's re-renders (the form re-inserts `element`), so that what
// is typed or picked here, and the results read, survive a change of the form's shape.
import { fromJson } from "@bufbuild/protobuf";
import { ResultsSchema } from "../gen/atelier/v1/state_pb";
import { t } from "../i18n/console";
import { lang } from "../i18n/lang";
import { h, replaceChildren } from "../ui/dom";
import type { ConsoleStore, RememberedWorkshop } from "./console_store";
import { carriedIdeas, kDefaultCarryCount, type CarryCandidate, type CreateModel } from "./create_model";
import { fetchResultsJson } from "./download";

const when = new Intl.DateTimeFormat(lang === "fr" ? "fr-FR" : "en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

export class CarryPicker {
  readonly element: HTMLElement;
  private readonly select: HTMLSelectElement;
  private readonly count: HTMLInputElement;
  private readonly details: HTMLElement;
  private readonly status = h("p", { id: "carry-status", class: "carry-status", role: "status" });
  private readonly preview = h("ol", { id: "carry-preview", class: "carry-preview" });
  private readonly sources: RememberedWorkshop[];
  private results: { workshopId: string; points: CarryCandidate[] } | null = null;
  private state: "idle" | "loading" | "failed" = "idle";
  private failure = "";

  constructor(private readonly store: ConsoleStore, private readonly model: CreateModel) {
    this.sources = store.workshops().filter((w) => w.template === "ideation");
    const wanted = model.carry?.workshopId ?? "";
    const options: { id: string; label: string }[] = this.sources.map((w) => ({
      id: w.id, label: t.create.carryOption(w.question || t.workshops.untitled, when.format(w.atMs)),
    }));
    if (wanted && !this.sources.some((w) => w.id === wanted)) options.unshift({ id: wanted, label: t.create.carryUnknown(wanted) });
    this.select = h("select", {
      id: "create-carry-from", "data-key": "carry-from", "aria-describedby": "carry-from-help",
      onchange: () => this.pick(this.select.value),
    },
      h("option", { value: "" }, t.create.carryNone),
      options.map((o) => h("option", { value: o.id, selected: o.id === wanted }, o.label)),
    );
    this.count = h("input", {
      id: "create-carry-count", type: "number", min: 1, max: 50, step: 1, inputmode: "numeric",
      value: model.carry?.count ?? kDefaultCarryCount, "data-key": "carry-count",
      oninput: () => {
        if (this.model.carry) this.model.carry.count = Number(this.count.value);
        this.show();
      },
    });
    this.details = h("div", { class: "carry-details" },
      h("div", { class: "field narrow" }, h("label", { for: "create-carry-count" }, t.create.carryCount), this.count),
      this.status,
      this.preview,
    );
    this.element = h("fieldset", { class: "field carry-from" },
      h("legend", {}, t.create.carryLegend),
      h("div", { class: "field" },
        h("label", { for: "create-carry-from" }, t.create.carrySource),
        this.select,
        h("p", { class: "hint-text", id: "carry-from-help" }, t.create.carryHelp),
      ),
      this.details,
    );
    this.show();
  }

  /** Whether there is anything to pick from (an ideation known here, or one asked for). */
  get available(): boolean {
    return this.select.options.length > 1;
  }

  /** Follows the model after the form changed it (an ideation form takes no carry-over). */
  sync(): void {
    const id = this.model.carry?.workshopId ?? "";
    if (this.select.value !== id) this.select.value = id;
    this.show();
  }

  /** Reads the picked workshop's results (again): what will be carried may have changed. */
  load(): void {
    const carry = this.model.carry;
    this.results = null;
    if (!carry) return this.show();
    if (!carry.token) {
      this.state = "failed";
      this.failure = t.create.carryMissingToken;
      return this.show();
    }
    this.state = "loading";
    this.show();
    const id = carry.workshopId;
    fetchResultsJson(id, carry.token).then(
      (text) => {
        if (this.model.carry?.workshopId !== id) return;
        const r = fromJson(ResultsSchema, JSON.parse(text), { ignoreUnknownFields: true });
        this.results = { workshopId: id, points: r.points.map((p) => ({ text: p.text, points: p.points, isCluster: p.isCluster })) };
        this.state = "idle";
        this.show();
      },
      (e: unknown) => {
        if (this.model.carry?.workshopId !== id) return;
        this.state = "failed";
        this.failure = t.create.carryFailed(e instanceof Error ? e.message : String(e));
        this.show();
      },
    );
  }

  private pick(id: string): void {
    const count = Number(this.count.value);
    this.model.carry = id ? { workshopId: id, token: this.store.token(id), count } : null;
    this.load();
  }

  private show(): void {
    const carry = this.model.carry;
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
    if (!Number.isInteger(count) || count < 1 || count > 50) {
      this.status.textContent = t.create.problemCarryCount;
      replaceChildren(this.preview);
      return;
    }
    const carried = carriedIdeas(this.results.points, count);
    this.status.textContent = carried.length === 0 ? t.create.carryNothing
      : carried.length < count ? t.create.carryFewer(carried.length)
      : t.create.carryWill(carried.length);
    replaceChildren(this.preview, carried.map((c) => h("li", {},
      c.isCluster ? h("strong", {}, c.text) : c.text,
      h("span", { class: "hint-text" }, ` — ${t.create.carryPoints(c.points)}`))));
  }
}
