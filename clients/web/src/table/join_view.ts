// The join form: the workshop code first; then, once the server has said what the workshop is
// (GET /api/join/{code}: its question, and whether it scores individually), either the table's
// shared tablet (an optional table name and number), or, only where there is individual scoring,
// the choice of a personal phone scoring as one seat (table number and seat number). When the
// server cannot say (network, too many attempts), the form asks everything, as the Hello decides
// anyway. The form only collects and checks what was typed; TableApp does the joining.
import { t } from "../i18n/table";
import { explainHelloError } from "../i18n/common";
import { languageSwitch } from "../i18n/lang";
import { formatJoinCode, normalizeJoinCode } from "../net/join_code";
import { h } from "../ui/dom";
import type { JoinLookup, LookupFn } from "./join_lookup";
import { ProfileCards } from "./profile_cards";

export interface JoinChoice {
  code: string;
  /** "table": the optional table name and number (0: the next free table); "seat": tableId and
   * seatNumber are set. */
  kind: "table" | "seat";
  name: string;
  tableId: number;
  seatNumber: number;
  /** The profile chosen on its card (Profile.id); 0 when the workshop has none. */
  profileId: number;
}

export interface JoinFormOptions {
  code: string;
  phone: boolean; // start with "je note avec mon téléphone" chosen
  /** What was typed before a refused join ("cette place est déjà prise"): shown again, the
   * number to change focused. */
  previous?: JoinChoice | null;
  /** Why the last attempt failed (a refused join), said next to the field focused. */
  error?: string;
  /** The error is about the code (no such workshop): the code field is focused. */
  errorOnCode?: boolean;
  /** The error is about the profile (profile_required, unknown_profile): said by the cards. */
  errorOnProfile?: boolean;
  lookup: LookupFn;
  onSubmit(choice: JoinChoice): void;
}

export interface JoinForm {
  form: HTMLFormElement;
  /** Call once the form is on the page: looks the code up and puts the focus where it belongs. */
  start(): void;
}

export function joinForm(o: JoinFormOptions): JoinForm {
  const codeInput = h("input", {
    id: "join-code", name: "code", inputmode: "numeric", autocomplete: "off",
    maxlength: 12, required: true, value: formatJoinCode(o.code),
    "aria-describedby": "join-code-help",
  });
  const prev = o.previous ?? null;
  const asSeat = prev?.kind === "seat";
  const nameInput = h("input", { id: "join-name", name: "name", maxlength: 60, autocomplete: "off", value: asSeat ? "" : prev?.name });
  const pickInput = h("input", {
    id: "join-pick-table", name: "pick-table", type: "number", inputmode: "numeric", min: 1, step: 1,
    autocomplete: "off", "aria-describedby": "join-pick-table-help", value: !asSeat && prev?.tableId ? prev.tableId : null,
  });
  const tableInput = h("input", {
    id: "join-table", name: "table", type: "number", inputmode: "numeric", min: 1, step: 1,
    autocomplete: "off", "aria-describedby": "join-table-help", value: asSeat ? prev?.tableId : null,
  });
  const seatInput = h("input", {
    id: "join-seat", name: "seat", type: "number", inputmode: "numeric", min: 1, step: 1,
    autocomplete: "off", "aria-describedby": "join-seat-help", value: asSeat ? prev?.seatNumber : null,
  });
  const asTable = h("input", { type: "radio", id: "join-as-table", name: "as", value: "table", checked: !o.phone });
  const asPhone = h("input", { type: "radio", id: "join-as-phone", name: "as", value: "seat", checked: o.phone });
  const seatHelp = h("p", { id: "join-seat-help", class: "hint-text" }, t.seatNumberHelp);
  const tableFields = h("div", { id: "join-table-fields" },
    h("div", { class: "field" }, h("label", { for: "join-name" }, t.tableNameLabel), nameInput),
    h("div", { class: "field" },
      h("label", { for: "join-pick-table" }, t.pickTableLabel), pickInput,
      h("p", { id: "join-pick-table-help", class: "hint-text" }, t.pickTableHelp),
    ),
  );
  const phoneFields = h("div", { id: "join-phone-fields" },
    h("div", { class: "field" },
      h("label", { for: "join-table" }, t.tableNumber), tableInput,
      h("p", { id: "join-table-help", class: "hint-text" }, t.tableNumberHelp),
    ),
    h("div", { class: "field" },
      h("label", { for: "join-seat" }, t.seatNumber), seatInput,
      seatHelp,
    ),
  );
  // The phone's choice is worded from what participants do on it: score, vote, or both.
  const phoneText = h("span", {}, t.joinAsPhone);
  const phoneHelp = h("span", { class: "hint-text" }, t.joinAsPhoneHelp);
  const device = h("fieldset", { class: "field choice", id: "join-device" },
    h("legend", {}, t.joinAs),
    h("div", { class: "choice-item" }, asTable,
      h("label", { for: "join-as-table" }, t.joinAsTable, h("span", { class: "hint-text" }, t.joinAsTableHelp))),
    h("div", { class: "choice-item" }, asPhone,
      h("label", { for: "join-as-phone" }, phoneText, phoneHelp)),
  );
  const cards = new ProfileCards(prev?.profileId ?? 0);
  const question = h("p", { id: "join-question", class: "join-question", "aria-live": "polite" });
  const submit = h("button", { type: "submit", class: "primary" }, t.join);

  // What the server said about the code typed (null: not asked yet, or another code typed since).
  let known: { code: string; answer: JoinLookup } | null = null;
  let asking = "";
  const answerFor = (code: string) => (known && known.code === code ? known.answer : null);
  const phoneChosen = () => asPhone.checked && !device.hidden;
  const sync = () => {
    const answer = answerFor(normalizeJoinCode(codeInput.value));
    const ready = answer !== null && answer.kind !== "unknown";
    const individual = answer?.kind === "failed" || (answer?.kind === "found" && answer.info.individualScoring);
    device.hidden = !ready || !individual;
    tableFields.hidden = !ready || phoneChosen();
    phoneFields.hidden = !ready || !phoneChosen();
    question.hidden = answer?.kind !== "found" || !answer.info.question;
    const profiles = answer?.kind === "found" ? answer.info.profiles : [];
    cards.show(ready ? profiles : [], phoneChosen());
    // A phone starts on its table's card (the person may choose another).
    if (answer?.kind === "found" && phoneChosen()) {
      const tableId = positive(tableInput.value);
      cards.suggest(answer.info.tableProfiles.find((p) => p.tableId === tableId)?.profileId ?? 0);
    }
    if (answer?.kind === "found") {
      setText(question, t.joinQuestion(answer.info.question));
      const { seatsScore: score, seatsVote: vote } = answer.info;
      // An older server says neither: scoring, as it was.
      setText(phoneText, score && vote ? t.joinAsPhoneBoth : vote ? t.joinAsPhoneVote : t.joinAsPhoneScore);
      setText(phoneHelp, score && vote ? t.joinAsPhoneBothHelp : vote ? t.joinAsPhoneVoteHelp : t.joinAsPhoneScoreHelp);
      const seats = answer.info.seatsPerTable || 3;
      seatInput.max = String(seats);
      setText(seatHelp, t.seatNumberHelpFor(seats));
    }
    setText(submit, ready ? t.join : asking ? t.joinLooking : t.joinNext);
  };
  asTable.addEventListener("change", sync);
  asPhone.addEventListener("change", sync);
  tableInput.addEventListener("input", sync);

  /** Asks the server about the code (once per code); resolves with its answer. */
  const ask = async (code: string): Promise<JoinLookup> => {
    const have = answerFor(code);
    if (have) return have;
    asking = code;
    sync();
    const answer = await o.lookup(code);
    if (asking === code) asking = "";
    known = { code, answer };
    if (normalizeJoinCode(codeInput.value) === code) {
      sync();
      // A code refused with a reason of its own (the workshop was deleted) keeps that reason:
      // "no workshop has this code" would be true but would hide why.
      const own = o.error && o.errorOnCode && code === normalizeJoinCode(o.code) ? o.error : "";
      if (answer.kind === "unknown") invalid(own || explainHelloError("unknown_workshop"), codeInput, false);
      else clearError();
    }
    return answer;
  };
  codeInput.addEventListener("input", () => {
    sync();
    const code = normalizeJoinCode(codeInput.value);
    if (code.length === 8) void ask(code); // a complete new code: no need to press anything
  });

  const form = h("form", { class: "card join", "aria-labelledby": "join-title", novalidate: true },
    h("div", { class: "row" }, h("h1", { id: "join-title", class: "grow" }, t.joinTitle), languageSwitch()),
    h("div", { class: "field" },
      h("label", { for: "join-code" }, t.joinCode),
      codeInput,
      h("p", { id: "join-code-help", class: "hint-text" }, t.joinCodeHelp),
    ),
    question,
    device,
    cards.element,
    tableFields,
    phoneFields,
    submit,
  );
  // What went wrong is said under the field to change, where the eyes and the keyboard are (on a
  // phone the top of the page is out of view once a field lower down has the focus).
  const error = h("p", { id: "join-error", class: "field-error", role: "alert" });
  const invalid = (message: string, field: HTMLInputElement, focusNow = true) => {
    for (const input of form.querySelectorAll("input[aria-invalid]")) input.removeAttribute("aria-invalid");
    error.textContent = message;
    field.before(error); // between the label and the field, read before it
    field.setAttribute("aria-invalid", "true");
    const described = (field.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id && id !== "join-error");
    field.setAttribute("aria-describedby", ["join-error", ...described].join(" "));
    if (focusNow) {
      field.focus();
      showField(field);
    }
  };
  const clearError = () => {
    error.remove();
    cards.setError("");
    for (const input of form.querySelectorAll("input[aria-invalid]")) {
      input.removeAttribute("aria-invalid");
      const described = (input.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id && id !== "join-error");
      input.setAttribute("aria-describedby", described.join(" "));
    }
  };
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const code = normalizeJoinCode(codeInput.value);
    if (!code) return invalid(t.joinCodeInvalid, codeInput);
    const answer = answerFor(code);
    if (answer === null || answer.kind === "unknown") {
      // Code first: what the workshop is decides what is asked next.
      void ask(code).then((a) => {
        if (a.kind === "unknown") invalid(explainHelloError("unknown_workshop"), codeInput);
        else firstField().focus();
      });
      return;
    }
    if (cards.missing()) {
      clearError();
      return cards.setError(t.profileMissing, true);
    }
    const profileId = cards.chosen();
    if (!phoneChosen()) {
      const picked = pickInput.value.trim() === "" ? 0 : positive(pickInput.value);
      if (pickInput.value.trim() !== "" && !picked) return invalid(t.numberInvalid, pickInput);
      return o.onSubmit({ code, kind: "table", name: nameInput.value.trim(), tableId: picked, seatNumber: 0, profileId });
    }
    const tableId = positive(tableInput.value);
    if (!tableId) return invalid(t.numberInvalid, tableInput);
    const seatNumber = positive(seatInput.value);
    if (!seatNumber) return invalid(t.numberInvalid, seatInput);
    o.onSubmit({ code, kind: "seat", name: "", tableId, seatNumber, profileId });
  });
  const firstField = (): HTMLInputElement => (!device.hidden ? (asPhone.checked ? asPhone : asTable) : phoneChosen() ? tableInput : nameInput);
  // After a refusal, the number that was refused: the seat, or the table picked.
  const target = (): HTMLInputElement => (o.error && o.errorOnCode) ? codeInput
    : asSeat && phoneChosen() ? seatInput
    : prev?.tableId && !phoneChosen() ? pickInput
    : firstField();
  sync();
  return {
    form,
    start() {
      const code = normalizeJoinCode(codeInput.value);
      if (!code) {
        if (o.error) invalid(o.error, codeInput);
        else codeInput.focus();
        return;
      }
      codeInput.focus();
      void ask(code).then((answer) => {
        if (answer.kind === "unknown") return codeInput.focus();
        // The person has not moved yet: on to the first thing to fill, or the number refused.
        if (document.activeElement !== codeInput && document.activeElement !== document.body) return;
        if (o.error && o.errorOnProfile && cards.visible()) return cards.setError(o.error, true);
        const field = target();
        if (o.error) invalid(o.errorOnProfile ? t.profileRequiredNoCards : o.error, field);
        else field.focus();
        if (prev && field !== codeInput && field.type !== "radio") field.select();
      });
    },
  };
}

function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** Scrolls the field's label, error, input and help into view together. */
export function showField(field: HTMLElement): void {
  (field.closest(".field") ?? field).scrollIntoView({ block: "center" });
}

function positive(text: string): number {
  const n = Number(text.trim());
  return Number.isInteger(n) && n > 0 ? n : 0;
}
