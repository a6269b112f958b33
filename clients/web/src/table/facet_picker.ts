// In the idea composer, for a step that sorts its ideas (Cartes de rôle: « Bénéfices » in pink,
// « Besoins » in yellow; a journey map: its stage and its lane): one group of chips per facet,
// each chip its colour AND its word, native radio buttons underneath (arrow keys, a screen reader
// says "Besoins, 2 of 2"). A value is chosen in advance only when it is the only one, or when it
// was chosen before (kept with the draft). Made again only when the step's facets change.
import type { Facet } from "../gen/atelier/v1/workshop_pb";
import { t } from "../i18n/table";
import { h } from "../ui/dom";
import { facetColour, facetsShape, initialChoice, kFacetKinds, paint, noChoice, type FacetChoice, type FacetKind, type StepFacets } from "./facets";
import { setHidden } from "./keyed_list";

const legends: Record<FacetKind, () => string> = {
  category: () => t.categoryLegend,
  stage: () => t.stageLegend,
  lane: () => t.laneLegend,
};

export function facetLegend(kind: FacetKind): string {
  return legends[kind]();
}

export class FacetPicker {
  readonly element = h("div", { class: "facet-picker", hidden: true });
  private shape = "";
  private facets: StepFacets = { category: [], stage: [], lane: [] };
  private choice: FacetChoice = noChoice();
  private readonly inputs = new Map<FacetKind, HTMLInputElement[]>();

  /** onChange: a chip was tapped (the choice is to be kept with the draft). */
  constructor(private readonly onChange: (choice: FacetChoice) => void) {}

  /** Shows the step's facets (none: hidden); kept: the choice kept with the draft, read only
   * when the chips are made again (this runs at every event: 500 ideas on an old tablet). */
  update(f: StepFacets, kept: () => FacetChoice): void {
    // The step's very lists (its configuration unchanged): nothing to compare.
    if (kFacetKinds.every((k) => f[k] === this.facets[k])) return;
    const shape = facetsShape(f);
    this.facets = f;
    if (shape === this.shape) return;
    this.shape = shape;
    this.inputs.clear();
    this.choice = noChoice();
    const groups: HTMLElement[] = [];
    const keptChoice = kept();
    for (const kind of kFacetKinds) {
      const list = f[kind];
      if (list.length === 0) continue;
      this.choice[kind] = initialChoice(list, keptChoice[kind]);
      groups.push(this.group(kind, list));
    }
    this.element.replaceChildren(...groups);
    setHidden(this.element, groups.length === 0);
  }

  chosen(): FacetChoice {
    return { ...this.choice };
  }

  /** The first facet of the step still to choose, with what to say; null when all are chosen. */
  missing(): { kind: FacetKind; text: string } | null {
    for (const kind of kFacetKinds) {
      const list = this.facets[kind];
      if (list.length > 0 && !this.choice[kind]) return { kind, text: t.facetMissing(facetLegend(kind), list.map((x) => x.name)) };
    }
    return null;
  }

  /** The keyboard to the group of `kind` (its chosen chip, else its first). */
  focus(kind: FacetKind): void {
    const inputs = this.inputs.get(kind) ?? [];
    (inputs.find((i) => i.checked) ?? inputs[0])?.focus();
  }

  private group(kind: FacetKind, list: Facet[]): HTMLElement {
    const inputs: HTMLInputElement[] = [];
    this.inputs.set(kind, inputs);
    const legendId = `facet-${kind}-legend`;
    const chips = list.map((f) => {
      const id = `facet-${kind}-${f.id}`;
      // A category is a colour of post-it; a stage or a lane has a colour only when configured.
      const colour = kind === "category" || /^#[0-9a-fA-F]{6}$/.test(f.colour) ? facetColour(list, f) : "#eef1f4";
      const input = h("input", {
        type: "radio", name: `facet-${kind}`, id, value: f.id, checked: f.id === this.choice[kind],
        "data-key": id,
        onchange: () => {
          this.choice[kind] = f.id;
          for (const i of inputs) i.parentElement?.classList.toggle("chosen", i.checked);
          this.onChange(this.chosen());
        },
      });
      inputs.push(input);
      const { background, ink } = paint(colour);
      return h("label", { class: f.id === this.choice[kind] ? "facet-chip chosen" : "facet-chip", for: id, style: `background-color: ${background}; color: ${ink}; --chip-bg: ${background}` },
        input, h("span", { class: "facet-tick", "aria-hidden": "true" }), h("span", {}, f.name));
    });
    return h("fieldset", { class: `facet-group facet-${kind}`, "aria-labelledby": legendId },
      h("legend", { id: legendId }, facetLegend(kind)),
      h("div", { class: "facet-chips" }, chips),
    );
  }
}

/** A post-it's label: the facet's word on its colour, for a card on the wall or in the map. */
export function facetTag(list: readonly Facet[], f: Facet): HTMLElement {
  const colour = facetColour(list, f);
  return h("span", { class: "facet-tag", style: `background-color: ${paint(colour).background}; color: ${paint(colour).ink}` }, f.name);
}
