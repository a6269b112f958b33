// The create form (/console without a workshop, or /console?carry=<ideation id>): a method
// (GET /api/templates; ideation and evaluation without it) fills the form, every field editable,
// then POST /api/workshops with the CreateWorkshopRequest's JSON; on
// success, keep the token and codes in this browser and open the console link. A server that
// asks for an organizer key (401) gets one asked here once and kept (organizer_key.ts).
//
// The form's values live in a CreateModel; the form is rebuilt from it when its shape changes
// (template, criteria rows), keeping the focused control by data-key.
import { fromJson, type JsonValue } from "@bufbuild/protobuf";
import { ApiErrorSchema, CreateWorkshopResponseSchema, WorkshopTemplatesSchema } from "../gen/atelier/v1/api_pb";
import { BallotKind, Phase, Voter } from "../gen/atelier/v1/workshop_pb";
import { b as bw, stepLabel } from "../i18n/ballots";
import { t } from "../i18n/console";
import { h, replaceChildren } from "../ui/dom";
import { CarryPicker } from "./carry_picker";
import { facetFields, fieldError, methodCards, methodWords, profileFields } from "./create_fields";
import { modelFromMethod, serverField, type Method, type ServerField } from "./method_model";
import type { ConsoleStore } from "./console_store";
import { postWithOrganizerKey, storageKeyStore, type AskReason, type KeyStore } from "./organizer_key";
import {
  addIdeaStep,
  addVoteStep,
  ballotMessage,
  createRequestJson,
  defaultCriteria,
  defaultMethodNote,
  defaultModel,
  followRules,
  hasStep,
  setSourceChoice,
  sourceCandidates,
  sourceChoice,
  kBallotKinds,
  kDefaultMaxIdeasPerTable,
  kMaxChoice,
  kMaxDots,
  kMaxBudget,
  kMaxIdeaSteps,
  kMaxVoteSteps,
  problems,
  removeStep,
  scaleRange,
  setBallotKind,
  type BallotRow,
  type CarryFrom,
  type CreateModel,
  type StepRow,
} from "./create_model";

/** The two methods the form offers before (or without) the server's list. */
function builtInMethods(): Method[] {
  return (["ideation", "evaluation"] as const).map((key) => ({ key, ...t.methods[key], template: null }));
}

export class CreateForm {
  private model: CreateModel;
  private sending = false;
  private readonly keys: KeyStore = storageKeyStore(window.localStorage);
  private readonly carry: CarryPicker;
  private readonly criteriaFrom: CarryPicker;
  private methods: Method[] = builtInMethods();
  private methodsStatus = "";
  /** The server's last refusal of the configuration, with the field it names. */
  private refusal: { field: ServerField; message: string } | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly notice: HTMLElement,
    private readonly store: ConsoleStore,
    carry: CarryFrom | null,
    question = "",
  ) {
    this.model = defaultModel(carry ? "evaluation" : "ideation");
    this.model.carry = carry;
    this.model.question = question;
    this.carry = new CarryPicker(store, this.model);
    this.criteriaFrom = new CarryPicker(store, this.model, "criteria");
  }

  show(): void {
    this.render();
    this.carry.load();
    this.criteriaFrom.load();
    this.root.querySelector<HTMLElement>("#create-question")?.focus();
    void this.loadMethods();
  }

  /** Reads the server's methods; the cards are redrawn in place (what is typed stays). */
  private async loadMethods(): Promise<void> {
    try {
      const res = await fetch("/api/templates", { headers: { Accept: "application/json" } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const list = fromJson(WorkshopTemplatesSchema, (await res.json()) as JsonValue, { ignoreUnknownFields: true });
      if (list.templates.length === 0) throw new Error("empty");
      this.methods = list.templates.map((tpl) => ({ key: tpl.key, title: tpl.title, summary: tpl.summary, template: tpl }));
    } catch {
      this.methodsStatus = t.create.methodsFailed;
    }
    const cards = this.root.querySelector<HTMLElement>("#methods");
    if (!cards) return;
    const focused = document.activeElement instanceof HTMLElement && cards.contains(document.activeElement)
      ? document.activeElement.dataset.key : undefined;
    cards.replaceWith(this.methodChoice());
    if (focused) this.root.querySelector<HTMLElement>(`[data-key="${focused}"]`)?.focus();
  }

  /** Rebuilds the form, then focuses the control with this data-key (or this selector). */
  private redraw(focus?: string): void {
    this.render();
    if (!focus) return;
    const sel = /^[#[]/.test(focus) ? focus : `[data-key="${focus}"]`;
    this.root.querySelector<HTMLElement>(sel)?.focus();
  }

  private render(): void {
    const m = this.model;
    const form = h("form", { class: "card create", "aria-labelledby": "create-title", novalidate: true },
      h("h2", { id: "create-title" }, t.create.title),
      h("p", { class: "hint-text" }, t.create.intro),
      this.methodChoice(),
      field("create-question", t.create.question, h("textarea", {
        id: "create-question", rows: 2, maxlength: 1000, required: true, value: m.question,
        "data-key": "question", "aria-describedby": "create-question-help",
        oninput: (ev: Event) => { m.question = (ev.target as HTMLTextAreaElement).value; },
      }), t.create.questionExample[m.template], "create-question-help"),
      this.errorAt("question"),
      this.agendaFields(),
      hasStep(m, Phase.SCORING) ? this.criteriaFields() : null,
      m.seedsIdeas ? this.ideasFields() : null,
      profileFields(m, this.refusalAt("profiles"), (key) => this.redraw(key)),
      this.observersChoice(),
      hasStep(m, Phase.DIVERGENCE) ? this.advancedFields() : null,
      // Several rows: the whole note (which states the rules) is read without scrolling in it.
      field("create-method", t.create.methodNote, h("textarea", {
        id: "create-method", rows: 3, maxlength: 300, value: m.methodNote, "data-key": "method",
        oninput: (ev: Event) => { m.methodNote = (ev.target as HTMLTextAreaElement).value; },
      })),
      h("button", { type: "submit", class: "primary", "data-key": "submit", disabled: this.sending },
        this.sending ? t.create.sending : t.create.submit),
    );
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      void this.submit();
    });
    replaceChildren(this.root, form);
  }

  private methodChoice(): HTMLElement {
    return methodCards(this.methods, this.model.method, this.methodsStatus, (key) => this.setMethod(key));
  }

  /**
   * Fills the form from a method: its example question (unless one was typed), agenda, ballots,
   * profiles, facets, criteria and ideas. A method note the animateur wrote is kept.
   */
  private setMethod(key: string): void {
    const method = this.methods.find((x) => x.key === key);
    if (!method) return;
    const m = this.model;
    const before = this.methods.find((x) => x.key === m.method);
    const typedQuestion = m.question.trim() !== "" && m.question !== (before?.template?.workshop?.config?.question ?? "");
    const noteUntouched = m.methodNote === defaultMethodNote(m);
    const note = m.methodNote;
    const question = m.question;
    const carry = m.carry;
    const criteriaFrom = m.criteriaFrom;
    // The same object: the carry picker holds it.
    Object.assign(m, modelFromMethod(method));
    if (typedQuestion) m.question = question;
    if (!noteUntouched) m.methodNote = note;
    if (m.template === "evaluation") m.carry = carry;
    if (hasStep(m, Phase.SCORING)) m.criteriaFrom = criteriaFrom;
    this.refusal = null;
    this.methodsStatus = t.create.methodChosen(methodWords(method).title);
    this.redraw(`template-${key}`);
  }

  // A ballot changed: the method note, if still the default, states the new rules at once.
  private setRule(change: () => void): void {
    if (!followRules(this.model, change)) return;
    const note = this.root.querySelector<HTMLTextAreaElement>("#create-method");
    if (note) note.value = this.model.methodNote;
  }

  private advancedFields(): HTMLElement {
    const m = this.model;
    return h("details", { class: "field advanced", open: m.maxIdeasPerTable !== kDefaultMaxIdeasPerTable },
      h("summary", {}, t.create.advanced),
      field("create-max-ideas", t.create.maxIdeas, h("input", {
        id: "create-max-ideas", type: "number", min: 1, max: 1000, step: 1, inputmode: "numeric",
        value: m.maxIdeasPerTable, "data-key": "max-ideas", "aria-describedby": "create-max-ideas-help",
        oninput: (ev: Event) => { m.maxIdeasPerTable = Number((ev.target as HTMLInputElement).value); },
      }), t.create.maxIdeasHelp, "create-max-ideas-help"),
    );
  }

  /** Asks for the organizer key in a small form above the create form; null if cancelled. */
  private askKey(reason: AskReason): Promise<string | null> {
    return new Promise((resolve) => {
      const input = h("input", {
        id: "organizer-key", type: "password", autocomplete: "off", spellcheck: "false",
        required: true, "aria-describedby": "organizer-key-why organizer-key-help",
      }) as HTMLInputElement;
      const done = (key: string | null) => {
        box.remove();
        resolve(key);
      };
      const box = h("form", { class: "card key-prompt", id: "organizer-key-form", "aria-labelledby": "organizer-key-title", novalidate: true },
        h("h2", { id: "organizer-key-title" }, t.create.keyTitle),
        h("p", { id: "organizer-key-why", role: "alert" }, reason === "rejected" ? t.create.keyRejected : t.create.keyRequired),
        field("organizer-key", t.create.keyLabel, input, t.create.keyHelp, "organizer-key-help"),
        h("div", { class: "row" },
          h("button", { type: "submit", class: "primary" }, t.create.keySubmit),
          h("button", { type: "button", onclick: () => done(null) }, t.create.keyCancel),
        ),
      );
      box.addEventListener("submit", (ev) => {
        ev.preventDefault();
        if (input.value.trim()) done(input.value.trim());
        else input.focus();
      });
      this.root.prepend(box);
      input.focus();
    });
  }

  /** The server's refusal when it names this part of the form (at `index` for a step or a criterion). */
  private refusalAt(at: ServerField["at"], index = -1, facets = false): string | null {
    const f = this.refusal?.field;
    if (!f || f.at !== at) return null;
    if (f.at === "step" && (f.index !== index || f.facets !== facets)) return null;
    if (f.at === "criteria" && f.index !== index) return null;
    return this.refusal!.message;
  }

  private errorAt(at: ServerField["at"], index = -1): HTMLElement | null {
    return fieldError(`${at}-error${index >= 0 ? `-${index + 1}` : ""}`, this.refusalAt(at, index));
  }

  /** The criteria: name, direction, end labels, weight and scale (numbers or smileys). */
  private criteriaFields(): HTMLElement {
    const m = this.model;
    this.criteriaFrom.sync();
    const rows = m.criteria.map((c, i) => {
      const n = i + 1;
      const smileys = c.scale === "smileys";
      return h("li", { class: "criterion" },
        h("h3", {}, t.create.criterion(n)),
        this.errorAt("criteria", i),
        h("div", { class: "two-cols" },
          field(`crit-name-${n}`, t.create.criterionName(n), h("input", {
            id: `crit-name-${n}`, type: "text", maxlength: 100, value: c.name, "data-key": `crit-name-${n}`,
            oninput: (ev: Event) => { c.name = (ev.target as HTMLInputElement).value; },
          })),
          field(`crit-dir-${n}`, t.create.direction(n), h("select", {
            id: `crit-dir-${n}`, "data-key": `crit-dir-${n}`,
            onchange: (ev: Event) => { c.direction = (ev.target as HTMLSelectElement).value === "lower" ? "lower" : "higher"; },
          },
            h("option", { value: "higher", selected: c.direction === "higher" }, t.create.higherBetter),
            h("option", { value: "lower", selected: c.direction === "lower" }, t.create.lowerBetter),
          )),
          field(`crit-low-${n}`, t.create.lowLabelAt(n, c.minValue, smileys), h("input", {
            id: `crit-low-${n}`, type: "text", maxlength: 100, value: c.lowLabel, "data-key": `crit-low-${n}`,
            oninput: (ev: Event) => { c.lowLabel = (ev.target as HTMLInputElement).value; },
          })),
          field(`crit-high-${n}`, t.create.highLabelAt(n, c.maxValue, smileys), h("input", {
            id: `crit-high-${n}`, type: "text", maxlength: 100, value: c.highLabel, "data-key": `crit-high-${n}`,
            oninput: (ev: Event) => { c.highLabel = (ev.target as HTMLInputElement).value; },
          })),
          field(`crit-weight-${n}`, t.create.criterionWeight(n), h("input", {
            id: `crit-weight-${n}`, type: "number", min: 1, max: 10, step: 1, inputmode: "numeric", value: c.weight,
            "data-key": `crit-weight-${n}`,
            oninput: (ev: Event) => { c.weight = Number((ev.target as HTMLInputElement).value); },
          })),
          field(`crit-scale-${n}`, t.create.criterionScale(n), h("select", {
            id: `crit-scale-${n}`, "data-key": `crit-scale-${n}`,
            onchange: (ev: Event) => {
              c.scale = (ev.target as HTMLSelectElement).value === "smileys" ? "smileys" : "numbers";
              Object.assign(c, scaleRange(c.scale));
              this.redraw(`crit-scale-${n}`);
            },
          },
            h("option", { value: "numbers", selected: !smileys }, t.create.scaleNumbers),
            h("option", { value: "smileys", selected: smileys }, t.create.scaleSmileys),
          )),
        ),
        h("button", { type: "button", class: "danger", "data-key": `crit-remove-${n}`, onclick: () => {
          m.criteria.splice(i, 1);
          this.redraw("crit-add");
        } }, t.create.removeCriterion(n)),
      );
    });
    return h("fieldset", { class: "field", id: "create-criteria" },
      h("legend", {}, t.create.criteriaLegend),
      this.errorAt("criteria"),
      h("ol", { class: "plain" }, rows),
      h("button", { type: "button", "data-key": "crit-add", onclick: () => {
        const fresh = defaultCriteria()[0];
        m.criteria.push({ ...fresh, name: "", direction: "higher" });
        this.redraw(`#crit-name-${m.criteria.length}`);
      } }, t.create.addCriterion),
      this.criteriaFrom.available ? this.criteriaFrom.element : null,
    );
  }

  /** The ideas typed beforehand (to score, pick or sort) and, for an evaluation, a carry-over. */
  private ideasFields(): HTMLElement {
    const m = this.model;
    const evaluation = m.template === "evaluation";
    if (evaluation) this.carry.sync();
    return h("div", { class: "ideas-fields" },
      field("create-ideas", evaluation ? t.create.ideas : t.create.ideasToVote, h("textarea", {
        id: "create-ideas", rows: 6, value: m.ideasText, "data-key": "ideas", "aria-describedby": "create-ideas-help",
        oninput: (ev: Event) => { m.ideasText = (ev.target as HTMLTextAreaElement).value; },
      }), evaluation ? t.create.ideasHelp : t.create.ideasToVoteHelp, "create-ideas-help"),
      this.errorAt("ideas"),
      evaluation && this.carry.available ? this.carry.element : null,
    );
  }

  /**
   * The agenda of the template, adjustable: each step's title, planned minutes and, for a step
   * of ideas, the instruction shown to the room (a ring's constraint); a step of ideas may be
   * added (another ring) or removed. Each vote step has its ballot (how and who votes, and the
   * numbers its kind takes); vote steps may be added (dots, then a ranking...) or removed. The
   * conclusion has no time of its own.
   */
  private agendaFields(): HTMLElement {
    const m = this.model;
    const count = (kind: Phase) => m.steps.filter((s) => s.kind === kind).length;
    const ideaSteps = count(Phase.DIVERGENCE);
    const voteSteps = count(Phase.CONVERGENCE);
    const rows = m.steps.map((step, i) => {
      const n = i + 1;
      const name = this.kindName(step);
      const title = h("input", {
        id: `step-title-${n}`, type: "text", maxlength: 200, value: step.title, placeholder: t.create.stepTitleHint,
        "data-key": `step-title-${n}`, "aria-label": t.create.stepTitle(n, name),
        oninput: (ev: Event) => { step.title = (ev.target as HTMLInputElement).value; },
      });
      const minutes = step.kind === Phase.CONCLUSION ? null : h("input", {
        id: `step-minutes-${n}`, type: "number", min: 0, max: 1440, step: 1, inputmode: "numeric", class: "minutes",
        value: step.minutes, "data-key": `step-minutes-${n}`, "aria-label": t.create.stepMinutes(n, name),
        oninput: (ev: Event) => { step.minutes = Number((ev.target as HTMLInputElement).value); },
      });
      const instruction = step.kind !== Phase.DIVERGENCE ? null : h("input", {
        id: `step-instruction-${n}`, type: "text", maxlength: 500, value: step.instruction, class: "instruction",
        placeholder: t.create.stepInstructionHint, "data-key": `step-instruction-${n}`,
        "aria-label": t.create.stepInstruction(n),
        oninput: (ev: Event) => { step.instruction = (ev.target as HTMLInputElement).value; },
      });
      const removable = (step.kind === Phase.DIVERGENCE && ideaSteps > 1) || (step.kind === Phase.CONVERGENCE && voteSteps > 1);
      const remove = removable ? h("button", {
        type: "button", class: "small", "data-key": `step-remove-${n}`, onclick: () => {
          const kind = step.kind;
          let removed = false;
          this.setRule(() => { removed = removeStep(m, i); });
          if (removed) {
            this.render();
            this.root.querySelector<HTMLElement>(`[data-key="${kind === Phase.CONVERGENCE ? "vote-add" : "step-add"}"]`)?.focus();
          }
        } }, t.create.removeStep(n)) : null;
      return h("li", { class: `planned-row${step.ballot ? " vote-row" : ""}` },
        h("span", { class: "step-number", "aria-hidden": "true" }, `${n}.`),
        h("span", { class: "step-kind", "aria-hidden": "true", id: `step-kind-${n}` }, name),
        title,
        minutes ? h("span", { class: "minutes-field" }, minutes, h("span", { "aria-hidden": "true" }, " min")) : null,
        instruction, remove,
        this.errorAt("step", i),
        step.ballot ? this.ballotFields(step.ballot, n) : null,
        step.kind === Phase.CONVERGENCE || step.kind === Phase.SCORING ? this.sourceFields(i) : null,
        step.kind === Phase.DIVERGENCE ? facetFields(step, n, this.refusalAt("step", i, true), (key) => this.redraw(key)) : null);
    });
    const add = ideaSteps > 0 && ideaSteps < kMaxIdeaSteps ? h("button", {
      type: "button", "data-key": "step-add", onclick: () => {
        const at = addIdeaStep(m);
        this.render();
        if (at >= 0) this.root.querySelector<HTMLElement>(`#step-title-${at + 1}`)?.focus();
      } }, t.create.addStep) : null;
    const addVote = voteSteps > 0 && voteSteps < kMaxVoteSteps ? h("button", {
      type: "button", "data-key": "vote-add", onclick: () => {
        let at = -1;
        this.setRule(() => { at = addVoteStep(m); });
        this.render();
        if (at >= 0) this.root.querySelector<HTMLElement>(`#ballot-kind-${at + 1}`)?.focus();
      } }, t.create.addVoteStep) : null;
    return h("fieldset", { class: "field agenda-plan" },
      h("legend", {}, t.create.agendaLegend),
      h("p", { class: "hint-text" }, t.create.agendaHelp),
      h("ol", { class: "plain" }, rows),
      add || addVote ? h("div", { class: "row" }, add, addVote) : null);
  }

  /**
   * Which ideas a vote or scoring step takes (Step.source): every idea posted before it, those of
   * an earlier step of ideas (a ring, the starting ideas), or the first N of an earlier vote; a
   * method's source that none of these says is offered as it is. Null when there is no choice.
   */
  private sourceFields(at: number): HTMLElement | null {
    const m = this.model;
    const step = m.steps[at];
    const n = at + 1;
    const { steps, votes } = sourceCandidates(m, at);
    const current = sourceChoice(m.steps, at);
    // The starting ideas alone (an evaluation): nothing to choose from.
    if (steps.every((s) => s.kind === Phase.SETUP) && votes.length === 0 && current === "") return null;
    const named = (s: StepRow) => s.kind === Phase.SETUP ? t.create.sourceSeeds : t.create.sourceStep(s.title.trim() || this.kindName(s));
    // An option names a step by its index in the agenda (the model gives it an id when chosen);
    // the current choice names it by id.
    const option = (kind: "step" | "top", s: StepRow, text: string) => h("option", {
      value: `${kind}:${m.steps.indexOf(s)}`, selected: s.id !== undefined && current === `${kind}:${s.id}`,
    }, text);
    const select = h("select", {
      id: `step-source-${n}`, "data-key": `step-source-${n}`,
      onchange: (ev: Event) => {
        const [kind, index] = (ev.target as HTMLSelectElement).value.split(":");
        if (kind === "kept") return;
        setSourceChoice(m, at, kind === "top" || kind === "step" ? kind : "", Number(index));
        this.redraw(`step-source-${n}`);
      },
    },
      h("option", { value: "", selected: current === "" }, t.create.sourceAll),
      current === "kept" ? h("option", { value: "kept", selected: true }, t.create.sourceKept) : null,
      steps.map((s) => option("step", s, named(s))),
      votes.map((s) => option("top", s, t.create.sourceTop(s.title.trim() || this.kindName(s)))),
    );
    const source = step.source;
    const top = source?.topOfStep ? h("span", { class: "field narrow source-top" },
      h("label", { for: `step-source-top-${n}` }, t.create.sourceTopCount, h("span", { class: "sr-only" }, t.create.ofStep(n))),
      h("input", {
        id: `step-source-top-${n}`, type: "number", min: 1, max: 1000, step: 1, inputmode: "numeric", value: source.top,
        "data-key": `step-source-top-${n}`,
        oninput: (ev: Event) => { source.top = Number((ev.target as HTMLInputElement).value); },
      })) : null;
    return h("div", { class: "field step-source" },
      h("label", { for: `step-source-${n}` }, t.create.sourceLabel, h("span", { class: "sr-only" }, t.create.ofStep(n))),
      select, top);
  }

  /** A step's kind as the agenda names it: a vote step by its ballot. */
  private kindName(step: StepRow): string {
    return stepLabel({ kind: step.kind, title: "", ballot: step.ballot ? ballotMessage(step.ballot) : undefined });
  }

  /**
   * A vote step's ballot: its kind (with one line on what it does), who votes, the numbers the
   * kind takes, and whether a voter may vote for its own table's ideas. A change of kind or voter
   * rebuilds the form (other fields, the step's name); numbers are only read as typed.
   */
  private ballotFields(row: BallotRow, n: number): HTMLElement {
    const id = (what: string) => `ballot-${what}-${n}`;
    const label = (what: string, text: string) => h("label", { for: id(what) }, text, h("span", { class: "sr-only" }, t.create.ofStep(n)));
    const number = (what: string, text: string, value: number, min: number, max: number, set: (v: number) => void) =>
      h("div", { class: "field" }, label(what, text), h("input", {
        id: id(what), type: "number", min, max, step: 1, inputmode: "numeric", value, "data-key": id(what),
        oninput: (ev: Event) => this.setRule(() => set(Number((ev.target as HTMLInputElement).value))),
      }));
    const rebuild = (what: string, change: () => void) => {
      this.setRule(change);
      this.render();
      this.root.querySelector<HTMLElement>(`#${id(what)}`)?.focus();
    };
    const kind = h("select", {
      id: id("kind"), "data-key": id("kind"), "aria-describedby": id("kind-help"),
      onchange: (ev: Event) => rebuild("kind", () => setBallotKind(row, Number((ev.target as HTMLSelectElement).value) as BallotKind)),
    }, kBallotKinds.map((k) => h("option", { value: k, selected: row.kind === k }, bw.kind[k])));
    const voter = h("select", {
      id: id("voter"), "data-key": id("voter"),
      onchange: (ev: Event) => rebuild("voter", () => { row.voter = Number((ev.target as HTMLSelectElement).value) as Voter; }),
    },
      h("option", { value: Voter.TABLE, selected: row.voter !== Voter.SEAT }, bw.voterOption.table),
      h("option", { value: Voter.SEAT, selected: row.voter === Voter.SEAT }, bw.voterOption.seat),
    );
    const numbers: (HTMLElement | null)[] = [];
    switch (row.kind) {
      case BallotKind.BUDGET:
      case BallotKind.DOTS: {
        const dots = row.kind === BallotKind.DOTS;
        numbers.push(
          number("budget", dots ? t.create.ballotDots : t.create.ballotPoints, row.budget, 1, dots ? kMaxDots : kMaxBudget, (v) => { row.budget = v; }),
          number("cap", t.create.ballotCap, row.cap, 1, dots ? kMaxDots : kMaxBudget, (v) => { row.cap = v; }),
        );
        break;
      }
      case BallotKind.PICK:
        numbers.push(number("count", t.create.ballotPick, row.count, 1, kMaxChoice, (v) => { row.count = v; }));
        break;
      case BallotKind.RANKING:
        numbers.push(
          h("div", { class: "field check" },
            h("input", {
              id: id("all"), type: "checkbox", checked: row.rankAll, "data-key": id("all"),
              onchange: (ev: Event) => rebuild("all", () => { row.rankAll = (ev.target as HTMLInputElement).checked; }),
            }),
            label("all", t.create.ballotRankAll)),
          row.rankAll ? null : number("count", t.create.ballotPlaces, row.count, 1, kMaxChoice, (v) => { row.count = v; }),
        );
        break;
      default:
        break;
    }
    return h("fieldset", { class: "ballot", id: `ballot-${n}` },
      h("legend", {}, t.create.ballotLegend(n)),
      h("div", { class: "ballot-grid" },
        h("div", { class: "field" }, label("kind", t.create.ballotKind), kind),
        h("div", { class: "field" }, label("voter", t.create.ballotVoter), voter),
        ...numbers,
      ),
      h("p", { class: "hint-text", id: id("kind-help") }, bw.kindHelp[row.kind]),
      h("div", { class: "field check" },
        h("input", {
          id: id("self"), type: "checkbox", checked: row.allowSelfVote, "data-key": id("self"),
          onchange: (ev: Event) => this.setRule(() => { row.allowSelfVote = (ev.target as HTMLInputElement).checked; }),
        }),
        label("self", t.create.ballotSelf)),
    );
  }

  private observersChoice(): HTMLElement {
    const m = this.model;
    const option = (value: "live" | "reveal", label: string) => h("div", { class: "choice" },
      h("input", {
        type: "radio", name: "observers", id: `observers-${value}`, value, "data-key": `observers-${value}`,
        checked: m.observerResults === value, onchange: () => { m.observerResults = value; },
      }),
      h("label", { for: `observers-${value}` }, label),
    );
    return h("fieldset", { class: "field" },
      h("legend", {}, t.create.observersLegend),
      option("live", t.create.observersLive),
      option("reveal", t.create.observersReveal),
    );
  }

  private async submit(): Promise<void> {
    if (this.sending) return;
    const found = problems(this.model);
    if (found.length > 0) {
      this.showNotice(t.create.problemsTitle, found);
      return;
    }
    this.sending = true;
    this.refusal = null;
    this.render();
    this.showNotice("");
    try {
      const body = JSON.stringify(createRequestJson(this.model));
      const res = await postWithOrganizerKey(
        (headers) => fetch("/api/workshops", {
          method: "POST",
          headers: { "Content-Type": "application/json", ...headers },
          body,
        }),
        this.keys,
        (reason) => this.askKey(reason),
      );
      const answer = (await res.json().catch(() => null)) as JsonValue | null;
      if (!res.ok || answer === null) {
        const error = answer === null ? null : fromJson(ApiErrorSchema, answer, { ignoreUnknownFields: true });
        const at = error ? serverField(error.message, this.model) : null;
        this.refusal = at && error ? { field: at, message: error.message } : null;
        this.fail(t.create.serverRefused, error ? [this.serverDetail(error.message, error.code, res.status)] : [`HTTP ${res.status}`]);
        return;
      }
      const created = fromJson(CreateWorkshopResponseSchema, answer, { ignoreUnknownFields: true });
      this.store.saveToken(created.workshopId, created.animateurToken);
      this.store.saveCodes(created.workshopId, { joinCode: created.joinCode, observerCode: created.observerCode });
      this.store.remember({
        id: created.workshopId, question: this.model.question.trim(), template: this.model.template,
        atMs: Date.now(), createdHere: true,
      });
      this.showNotice("");
      this.root.querySelector("form")?.setAttribute("aria-busy", "true");
      window.location.assign(created.consoleUrl || `/console?workshop=${encodeURIComponent(created.workshopId)}#token=${encodeURIComponent(created.animateurToken)}`);
    } catch {
      this.fail(t.create.network, []);
    }
  }

  /**
   * The server's reason, in English, after the step it names when it names one (INVALID_CONFIG:
   * "agenda: step 4: cap larger than the budget"), so that the animateur finds the step.
   */
  private serverDetail(message: string, code: string, status: number): string {
    const named = /^agenda: step ([0-9]+)\b/.exec(message);
    const step = named ? this.model.steps[Number(named[1]) - 1] : undefined;
    const where = step ? `${t.create.serverStep(Number(named![1]), this.kindName(step))} ` : "";
    return `${where}${t.create.serverDetail} ${message || code} (${code}, HTTP ${status})`;
  }

  private fail(title: string, details: string[]): void {
    this.sending = false;
    this.render();
    this.showNotice(title, details);
    // The field the server named is where the animateur fixes it.
    this.root.querySelector<HTMLElement>(".field-error")?.scrollIntoView?.({ block: "center" });
  }

  private showNotice(title: string, items: string[] = []): void {
    replaceChildren(this.notice, title ? h("p", {}, h("strong", {}, title)) : null,
      items.length > 0 ? h("ul", {}, items.map((i) => h("li", {}, i))) : null);
    if (title) this.notice.scrollIntoView?.({ block: "nearest" });
  }
}

function field(id: string, label: string, control: HTMLElement, help?: string, helpId?: string): HTMLElement {
  return h("div", { class: "field" },
    h("label", { for: id }, label),
    control,
    help ? h("p", { class: "hint-text", id: helpId ?? null }, help) : null,
  );
}
