// Parts of the create form that a method sets and the animateur adjusts: the method cards, the
// participants' profiles, a step of ideas' facets (coloured categories, a journey map's columns
// and rows), and the error the server gave for one of them, shown by it. Each takes the model it
// edits and `redraw`, which rebuilds the form and focuses the control with the given data-key.
import { t } from "../i18n/console";
import { lang } from "../i18n/lang";
import { h } from "../ui/dom";
import { kMaxFacets, kMaxProfiles, type CreateModel, type FacetRow, type StepRow } from "./create_model";
import { kPalette, paletteColour, paletteIndex, type Method } from "./method_model";

export type Redraw = (focusKey?: string) => void;

/** The words of a method's card: the server's in French, the translation by key in English. */
export function methodWords(method: Method): { title: string; summary: string } {
  const own = t.methods[method.key];
  const server = method.template ? { title: method.template.title, summary: method.template.summary } : null;
  if (server && (lang !== "en" || !own)) return server;
  return own ?? { title: method.key, summary: "" };
}

/** The method cards: a group of radios, each a card with the method's title and summary. */
export function methodCards(methods: Method[], chosen: string, status: string, choose: (key: string) => void): HTMLElement {
  return h("fieldset", { class: "field methods", id: "methods" },
    h("legend", {}, t.create.methodsLegend),
    h("p", { class: "hint-text" }, t.create.methodsHelp),
    h("div", { class: "method-cards" }, methods.map((m) => {
      const words = methodWords(m);
      return h("div", { class: `method-card${m.key === chosen ? " chosen" : ""}` },
        h("input", {
          type: "radio", name: "template", id: `template-${m.key}`, value: m.key, "data-key": `template-${m.key}`,
          checked: m.key === chosen, "aria-describedby": `template-${m.key}-help`,
          onchange: () => choose(m.key),
        }),
        h("label", { for: `template-${m.key}` }, words.title),
        h("p", { id: `template-${m.key}-help`, class: "hint-text" }, words.summary),
      );
    })),
    h("p", { class: "hint-text", role: "status", id: "methods-status" }, status),
  );
}

/** A server refusal shown by the field it names. */
export function fieldError(id: string, message: string | null): HTMLElement | null {
  if (!message) return null;
  return h("p", { class: "field-error", id }, h("strong", {}, t.create.serverField), " ", message);
}

/** The profiles (role cards): name and description each, added up to kMaxProfiles, removed. */
export function profileFields(m: CreateModel, error: string | null, redraw: Redraw): HTMLElement {
  const rows = m.profiles.map((p, i) => {
    const n = i + 1;
    return h("li", { class: "profile-row" },
      h("input", {
        id: `profile-name-${n}`, type: "text", maxlength: 60, value: p.name, "data-key": `profile-name-${n}`,
        "aria-label": t.create.profileName(n),
        oninput: (ev: Event) => { p.name = (ev.target as HTMLInputElement).value; },
      }),
      h("input", {
        id: `profile-desc-${n}`, type: "text", maxlength: 300, value: p.description, "data-key": `profile-desc-${n}`,
        "aria-label": t.create.profileDescription(n), placeholder: t.create.profileDescriptionHint,
        oninput: (ev: Event) => { p.description = (ev.target as HTMLInputElement).value; },
      }),
      h("button", { type: "button", class: "small", "data-key": `profile-remove-${n}`, onclick: () => {
        m.profiles.splice(i, 1);
        redraw(m.profiles.length > 0 ? `profile-name-${Math.min(n, m.profiles.length)}` : "profile-add");
      } }, t.create.removeProfile(n, p.name.trim())),
    );
  });
  const full = m.profiles.length >= kMaxProfiles;
  return h("details", { class: "field profiles", id: "create-profiles", open: m.profiles.length > 0 || error !== null },
    h("summary", {}, t.create.profilesLegend, m.profiles.length > 0 ? ` (${m.profiles.length})` : ""),
    h("p", { class: "hint-text" }, t.create.profilesHelp),
    fieldError("profiles-error", error),
    rows.length > 0 ? h("ol", { class: "plain" }, rows) : null,
    full ? h("p", { class: "hint-text" }, t.create.profilesFull(kMaxProfiles)) : h("button", {
      type: "button", "data-key": "profile-add", onclick: () => {
        m.profiles.push({ name: "", description: "" });
        redraw(`profile-name-${m.profiles.length}`);
      } }, t.create.addProfile),
  );
}

type FacetKind = "categories" | "stages" | "lanes";

/** A step of ideas' facets: its categories (name, colour), a journey map's columns and rows. */
export function facetFields(step: StepRow, n: number, error: string | null, redraw: Redraw): HTMLElement {
  const count = step.categories.length + step.stages.length + step.lanes.length;
  return h("details", { class: "facets", id: `facets-${n}`, open: count > 0 || error !== null },
    h("summary", {}, t.create.facetsLegend(n), count > 0 ? ` (${count})` : ""),
    fieldError(`facets-error-${n}`, error),
    h("div", { class: "facet-lists" },
      (["categories", "stages", "lanes"] as const).map((kind) => facetList(step, kind, n, redraw))),
  );
}

function facetList(step: StepRow, kind: FacetKind, n: number, redraw: Redraw): HTMLElement {
  const words = t.create.facetKinds[kind];
  const list: FacetRow[] = step[kind];
  const key = (what: string, i: number) => `facet-${kind}-${what}-${n}-${i}`;
  const rows = list.map((f, j) => {
    const i = j + 1;
    const colour = kind !== "categories" ? null : colourSelect(f, key("colour", i), t.create.facetColour(i, n));
    return h("li", { class: "facet-row" },
      colour ? h("span", { class: "swatch", style: `background:${f.colour}`, "aria-hidden": "true" }) : null,
      h("input", {
        id: key("name", i), type: "text", maxlength: 80, value: f.name, "data-key": key("name", i),
        "aria-label": t.create.facetName(words.one, i, n),
        oninput: (ev: Event) => { f.name = (ev.target as HTMLInputElement).value; },
      }),
      colour,
      h("button", { type: "button", class: "small", "data-key": key("remove", i), "aria-label": t.create.removeFacet(words.one, i, n), onclick: () => {
        list.splice(j, 1);
        redraw(list.length > 0 ? key("name", Math.min(i, list.length)) : key("add", 0));
      } }, "×"),
    );
  });
  return h("div", { class: "facet-list" },
    h("h4", {}, words.title),
    rows.length > 0 ? h("ul", { class: "plain" }, rows) : null,
    list.length >= kMaxFacets ? h("p", { class: "hint-text" }, t.create.facetsFull(kMaxFacets)) : h("button", {
      type: "button", class: "small", "data-key": key("add", 0), onclick: () => {
        list.push({ name: "", colour: kind === "categories" ? paletteColour(list.length) : "" });
        redraw(key("name", list.length));
      } }, words.add),
  );
}

/** The colour of a category: the palette's, by name; a colour set outside it stays one choice. */
function colourSelect(f: FacetRow, id: string, label: string): HTMLElement {
  const inPalette = paletteIndex(f.colour) >= 0;
  const select = h("select", {
    id, "data-key": id, "aria-label": label,
    onchange: (ev: Event) => {
      f.colour = (ev.target as HTMLSelectElement).value;
      const swatch = (ev.target as HTMLElement).parentElement?.querySelector<HTMLElement>(".swatch");
      if (swatch) swatch.style.background = f.colour;
    },
  },
    kPalette.map((c, i) => h("option", { value: c, selected: c === f.colour.toLowerCase() }, t.create.colours[i] ?? c)),
    inPalette ? null : h("option", { value: f.colour, selected: true }, t.create.colourOther(f.colour)),
  );
  return select;
}
