// One seat's sheet during the evaluation: each idea with one 0-10 scale per criterion, a group of
// native radio buttons (large, labelled by their number, arrow keys move between them, a screen
// reader says "7, 8 of 11") with the criterion's end labels, and which end is the good one when
// lower is better. Made for one seat and kept while that seat scores: an event (another seat's
// score, the answer to ours) patches the scales it changes, never replaces a radio button under
// the finger. A refused score is said on its scale's line.
import { Direction, type Criterion } from "../gen/atelier/v1/workshop_pb";
import { t } from "../i18n/table";
import { criteria, scoreKey, scoreOf, scorableIdeas, type Mirror } from "../state/mirror";
import { h } from "../ui/dom";
import { setAttr, setHidden, setText } from "./keyed_list";
import { isSmileys, scaleRange, smileySvg, smileyWord, weightText } from "./smileys";

/** What the sheet shows besides the mirror; read at every update and by the radios' handlers. */
export interface SheetContext {
  mode: "table" | "seat";
  seatNumber: number;
  seatId: number;
  /** Values sent but not yet answered, by scoreKey. */
  pending: ReadonlyMap<string, number>;
  /** Refusals to show on a scale's line, by scoreKey. */
  errors: ReadonlyMap<string, string>;
  score(seatId: number, ideaId: number, criterionId: number, value: number): void;
}

export class ScoreSheet {
  readonly element: HTMLElement;
  /** The ideas and criteria the sheet was made for: when they change, it is made again. */
  readonly shape: string;
  private readonly scales: CriterionScale[] = [];

  constructor(m: Mirror, context: () => SheetContext) {
    const ideas = scorableIdeas(m);
    const crits = criteria(m);
    this.shape = sheetShape(m);
    if (crits.length === 0 || ideas.length === 0) {
      this.element = h("p", { class: "card" }, crits.length === 0 ? t.noCriteria : t.noIdeasToScore);
      return;
    }
    this.element = h("section", { "aria-labelledby": "score-title", class: "score-sheet" },
      h("h2", { id: "score-title" }, t.scoreIdeas),
      h("p", { class: "hint-text" }, crits.every(isSmileys) ? t.scoreHelpSmileys : t.scoreHelp),
      h("ol", { class: "plain" }, ideas.map((idea, i) => h("li", {},
        h("section", { class: "card idea-score", "aria-labelledby": `idea-${idea.id}-title`, "data-idea-id": idea.id },
          h("span", { class: "tag" }, t.ideaN(i + 1, ideas.length)),
          h("h3", { id: `idea-${idea.id}-title`, class: "idea-title" }, idea.text),
          crits.map((c) => {
            const scale = new CriterionScale(idea.id, c, context);
            this.scales.push(scale);
            return scale.element;
          }),
        ),
      ))),
    );
    this.update(m);
  }

  update(m: Mirror): void {
    for (const s of this.scales) s.update(m);
  }
}

/** The ideas and criteria a sheet shows, as a string to compare (a few per workshop). */
export function sheetShape(m: Mirror): string {
  const crits = criteria(m).map((c) => [c.id, c.name, c.minValue, c.maxValue, c.direction, c.lowLabel, c.highLabel, c.scale, c.weight].join("\u0002"));
  const ideas = scorableIdeas(m).map((i) => `${i.id}\u0002${i.text}`);
  return [...crits, "\u0003", ...ideas].join("\u0001");
}

class CriterionScale {
  readonly element: HTMLElement;
  private readonly current = h("p", { class: "current" });
  private readonly error: HTMLElement;
  private readonly inputs = new Map<number, HTMLInputElement>();
  private readonly key: (seatId: number) => string;
  /** How a value is said (« Satisfait » on a smiley scale, else its number). */
  private readonly say: (v: number | undefined) => number | string | undefined;

  constructor(private readonly ideaId: number, c: Criterion, private readonly context: () => SheetContext) {
    const base = `s-${ideaId}-${c.id}`;
    this.key = (seatId) => scoreKey(seatId, ideaId, c.id);
    const { min, max } = scaleRange(c);
    const smileys = isSmileys(c);
    this.say = (v) => (smileys && v !== undefined ? smileyWord(v, min, max) : v);
    // A smiley scale goes from unhappy to happy: its direction is in its faces and words.
    const lowerBetter = !smileys && c.direction === Direction.LOWER_IS_BETTER;
    const choices: HTMLElement[] = [];
    for (let v = min; v <= max; v++) {
      const input = h("input", {
        type: "radio", name: base, value: v, "data-key": `${base}-${v}`,
        onchange: () => {
          const o = this.context();
          o.score(o.seatId, ideaId, c.id, v);
        },
      });
      this.inputs.set(v, input);
      if (smileys) {
        const face = h("span", { class: "smiley-face" });
        face.innerHTML = smileySvg(v, min, max); // our own markup, no text from elsewhere
        choices.push(h("label", { class: "score-choice smiley-choice" }, input,
          h("span", {}, face, h("span", { class: "smiley-word" }, smileyWord(v, min, max)))));
      } else {
        choices.push(h("label", { class: "score-choice" }, input, h("span", {}, String(v))));
      }
    }
    const weight = weightText(c);
    this.error = h("p", { class: "field-error line-error", id: `${base}-error`, role: "alert", hidden: true });
    const goodEnd = (end: "low" | "high") => (lowerBetter ? end === "low" : end === "high")
      ? h("strong", { class: "best" }, ` (${t.best})`) : null;
    const described = [smileys ? "" : `${base}-ends`, lowerBetter ? `${base}-dir` : ""].filter(Boolean).join(" ");
    this.element = h("fieldset", {
      class: smileys ? "criterion smileys" : "criterion", role: "radiogroup", "aria-labelledby": `${base}-legend`,
      "aria-describedby": described || null,
      "data-criterion-id": c.id,
    },
      h("legend", { id: `${base}-legend` }, c.name, weight ? h("span", { class: "weight" }, ` (${weight})`) : null),
      this.current,
      lowerBetter ? h("p", { class: "direction", id: `${base}-dir` }, t.lowerIsBetter(min, c.lowLabel)) : null,
      h("div", { class: smileys ? `scale smileys n${max - min + 1}` : "scale" }, choices),
      this.error,
      smileys ? null : h("div", { class: "ends", id: `${base}-ends` },
        h("span", {}, `${min} = ${c.lowLabel || min}`, goodEnd("low")),
        h("span", {}, `${max} = ${c.highLabel || max}`, goodEnd("high")),
      ),
    );
  }

  update(m: Mirror): void {
    const o = this.context();
    const key = this.key(o.seatId);
    const pending = o.pending.get(key);
    const [ideaId, criterionId] = [this.ideaId, Number(this.element.dataset.criterionId)];
    const value = pending ?? scoreOf(m, o.seatId, ideaId, criterionId);
    // Only the radio whose state is wrong is touched (a click has checked it already).
    for (const [v, input] of this.inputs) if (input.checked !== (value === v)) input.checked = value === v;
    setAttr(this.current, "data-score", value === undefined ? "" : String(value));
    setText(this.current, (o.mode === "table" ? t.currentScoreOf(o.seatNumber, this.say(value)) : t.currentScore(this.say(value)))
      + (pending !== undefined ? t.scoreSending : ""));
    const error = o.errors.get(key) ?? "";
    setText(this.error, error);
    setHidden(this.error, !error);
    setAttr(this.element, "aria-invalid", error ? "true" : null);
  }
}
