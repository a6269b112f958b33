// A smiley scale (Criterion.scale == SCALE_SMILEYS: Parcours usager, Baromètre): each value a
// drawn face, from very unhappy to very happy, always with its word (« Très insatisfait »…
// « Très satisfait »; fewer values take the sensible ones), never a face alone. The faces are
// inline SVG, hidden from screen readers: the word is the button's name.
import { Scale, type Criterion } from "../gen/atelier/v1/workshop_pb";
import { t } from "../i18n/table";

export function isSmileys(c: Criterion): boolean {
  return c.scale === Scale.SMILEYS;
}

/** The values of a criterion's scale: min..max (a smiley scale 1..5 by default, at most 5). */
export function scaleRange(c: Criterion): { min: number; max: number } {
  if (!isSmileys(c)) return { min: c.minValue, max: c.maxValue || 10 };
  const min = c.minValue || 1;
  const max = c.maxValue || min + 4;
  return { min, max: Math.min(max, min + 4) };
}

/** The word of value `v` on a smiley scale of min..max. */
export function smileyWord(v: number, min: number, max: number): string {
  const n = Math.max(1, Math.min(5, max - min + 1));
  return t.smileyWords[n][Math.max(0, Math.min(n - 1, v - min))];
}

/** How happy value `v` is, 0 (very unhappy) to 1 (very happy); 0.5 for a single value. */
export function mood(v: number, min: number, max: number): number {
  return max > min ? Math.max(0, Math.min(1, (v - min) / (max - min))) : 0.5;
}

const kFaces = ["#f7b2b2", "#fbd3b0", "#fff0a8", "#cdeec4", "#a8e6b0"];

/** The face of value `v` as SVG markup (decorative: aria-hidden). */
export function smileySvg(v: number, min: number, max: number): string {
  const happy = mood(v, min, max);
  const fill = kFaces[Math.round(happy * 4)];
  // The mouth: a curve whose middle goes down (a smile) or up (a frown) with the mood.
  const bend = Math.round((happy - 0.5) * 2 * 12);
  const brows = happy < 0.2 ? `<path d="M13 15 L21 18 M35 18 L43 15" stroke="#1b1f24" stroke-width="2.5" stroke-linecap="round"/>` : "";
  return `<svg class="smiley" viewBox="0 0 56 56" width="44" height="44" aria-hidden="true" focusable="false">` +
    `<circle cx="28" cy="28" r="25" fill="${fill}" stroke="#1b1f24" stroke-width="2.5"/>` +
    `<circle cx="20" cy="23" r="3.2" fill="#1b1f24"/><circle cx="36" cy="23" r="3.2" fill="#1b1f24"/>${brows}` +
    `<path d="M17 ${38 - bend / 3} Q28 ${38 + bend} 39 ${38 - bend / 3}" fill="none" stroke="#1b1f24" stroke-width="3" stroke-linecap="round"/>` +
    `</svg>`;
}

/** The weight said next to a criterion's name (« compte double »); "" for a weight of 1. */
export function weightText(c: Criterion): string {
  return c.weight > 1 ? t.weight(c.weight) : "";
}
