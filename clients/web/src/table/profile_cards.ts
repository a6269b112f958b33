// The profiles of a workshop (role cards: « Usager », « Agent »…) as large cards to tap on the
// join form: a group of native radio buttons (arrow keys move between them, a screen reader says
// "Usager, 1 of 4" and then the card's description), the chosen card clearly marked (a tick and a
// thick border, not colour alone). Made again only when the workshop's profiles change; what was
// chosen stays chosen. A refusal (no profile chosen, one unknown) is said above the cards.
import type { Profile } from "../gen/atelier/v1/workshop_pb";
import { t } from "../i18n/table";
import { h } from "../ui/dom";
import { setHidden, setText } from "./keyed_list";

export class ProfileCards {
  readonly element: HTMLFieldSetElement;
  private readonly legend = h("legend", { id: "join-profiles-legend" });
  private readonly help = h("p", { id: "join-profiles-help", class: "hint-text" });
  private readonly error = h("p", { id: "join-profiles-error", class: "field-error", role: "alert", hidden: true });
  private readonly grid = h("div", { class: "profile-grid" });
  private readonly inputs: HTMLInputElement[] = [];
  private shown = "";

  /** initial: the profile chosen before (a refused join shown again); 0: none. */
  constructor(private selected: number) {
    this.tapped = selected !== 0;
    this.element = h("fieldset", {
      class: "field profile-cards", id: "join-profiles", hidden: true,
      "aria-describedby": "join-profiles-help",
    }, this.legend, this.help, this.error, this.grid);
  }

  /** Shows `profiles` (none: hidden); seat: worded for one participant, else for a table. */
  show(profiles: readonly Profile[], seat: boolean): void {
    setHidden(this.element, profiles.length === 0);
    setText(this.legend, seat ? t.profileLegendSeat : t.profileLegendTable);
    setText(this.help, seat ? `${t.profileHelp} ${t.profileSeatHelp}` : t.profileHelp);
    const shown = profiles.map((p) => `${p.id}\u0002${p.name}\u0002${p.description}`).join("\u0001");
    if (shown === this.shown) return;
    this.shown = shown;
    if (!profiles.some((p) => p.id === this.selected)) this.selected = 0;
    this.inputs.length = 0;
    this.grid.replaceChildren(...profiles.map((p) => {
      const id = `join-profile-${p.id}`;
      const input = h("input", {
        type: "radio", name: "profile", id, value: p.id, checked: p.id === this.selected,
        "aria-labelledby": `${id}-name`, "aria-describedby": p.description ? `${id}-desc` : null,
        onchange: () => {
          this.tapped = true;
          this.choose(p.id);
        },
      });
      this.inputs.push(input);
      return h("label", { class: p.id === this.selected ? "profile-card chosen" : "profile-card", for: id },
        input,
        h("span", { class: "profile-tick", "aria-hidden": "true" }),
        h("span", { class: "profile-name", id: `${id}-name` }, p.name),
        p.description ? h("span", { class: "profile-desc", id: `${id}-desc` }, p.description) : null,
      );
    }));
  }

  visible(): boolean {
    return !this.element.hidden && this.inputs.length > 0;
  }

  /** The profile chosen; 0 when none is (or there are none). */
  chosen(): number {
    return this.visible() ? this.selected : 0;
  }

  /** Cards are shown and none is chosen. */
  missing(): boolean {
    return this.visible() && this.selected === 0;
  }

  /** Says `text` above the cards ("" clears it); focus: the keyboard goes to the cards. */
  setError(text: string, focus = false): void {
    setText(this.error, text);
    setHidden(this.error, !text);
    this.element.setAttribute("aria-describedby", text ? "join-profiles-error join-profiles-help" : "join-profiles-help");
    if (text) this.element.setAttribute("aria-invalid", "true");
    else this.element.removeAttribute("aria-invalid");
    if (focus && this.visible()) {
      const target = this.inputs.find((i) => i.checked) ?? this.inputs[0];
      target.focus();
      this.element.scrollIntoView({ block: "center" });
    }
  }

  /**
   * Starts on profile `id` (a phone's table's) unless the person chose a card themselves; 0 takes
   * back a card this put, not one the person chose.
   */
  suggest(id: number): void {
    if (this.tapped || id === this.selected) return;
    const input = this.inputs.find((i) => Number(i.value) === id);
    if (id !== 0 && !input) return;
    for (const i of this.inputs) i.checked = i === input;
    this.choose(id);
  }

  /** The person tapped a card (a suggestion no longer moves it). */
  private tapped = false;

  private choose(id: number): void {
    this.selected = id;
    for (const input of this.inputs) {
      input.closest("label")?.classList.toggle("chosen", input.checked);
    }
    if (!this.error.hidden) this.setError("");
  }
}
