// The join form: the workshop code, then either the table's shared tablet (with an optional
// table name) or a personal phone scoring as one seat (table number and seat number). The form
// only collects and checks what was typed; TableApp does the joining.
import { t } from "../i18n/table";
import { languageSwitch } from "../i18n/lang";
import { formatJoinCode, normalizeJoinCode } from "../net/join_code";
import { h } from "../ui/dom";

export interface JoinChoice {
  code: string;
  /** "table": the optional table name and number (0: the next free table); "seat": tableId and
   * seatNumber are set. */
  kind: "table" | "seat";
  name: string;
  tableId: number;
  seatNumber: number;
}

export interface JoinFormOptions {
  code: string;
  phone: boolean; // start with "je note avec mon téléphone" chosen
  onSubmit(choice: JoinChoice): void;
  onInvalid(message: string, field: HTMLElement): void;
}

export function joinForm(o: JoinFormOptions): { form: HTMLFormElement; focus: HTMLElement } {
  const codeInput = h("input", {
    id: "join-code", name: "code", inputmode: "numeric", autocomplete: "off",
    maxlength: 12, required: true, value: formatJoinCode(o.code),
    "aria-describedby": "join-code-help",
  });
  const nameInput = h("input", { id: "join-name", name: "name", maxlength: 60, autocomplete: "off" });
  const pickInput = h("input", {
    id: "join-pick-table", name: "pick-table", type: "number", inputmode: "numeric", min: 1, step: 1,
    autocomplete: "off", "aria-describedby": "join-pick-table-help",
  });
  const tableInput = h("input", {
    id: "join-table", name: "table", type: "number", inputmode: "numeric", min: 1, step: 1,
    autocomplete: "off", "aria-describedby": "join-table-help",
  });
  const seatInput = h("input", {
    id: "join-seat", name: "seat", type: "number", inputmode: "numeric", min: 1, step: 1,
    autocomplete: "off", "aria-describedby": "join-seat-help",
  });
  const asTable = h("input", { type: "radio", id: "join-as-table", name: "as", value: "table", checked: !o.phone });
  const asPhone = h("input", { type: "radio", id: "join-as-phone", name: "as", value: "seat", checked: o.phone });
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
      h("p", { id: "join-seat-help", class: "hint-text" }, t.seatNumberHelp),
    ),
  );
  const sync = () => {
    tableFields.hidden = asPhone.checked;
    phoneFields.hidden = !asPhone.checked;
  };
  asTable.addEventListener("change", sync);
  asPhone.addEventListener("change", sync);
  sync();

  const form = h("form", { class: "card join", "aria-labelledby": "join-title", novalidate: true },
    h("div", { class: "row" }, h("h1", { id: "join-title", class: "grow" }, t.joinTitle), languageSwitch()),
    h("div", { class: "field" },
      h("label", { for: "join-code" }, t.joinCode),
      codeInput,
      h("p", { id: "join-code-help", class: "hint-text" }, t.joinCodeHelp),
    ),
    h("fieldset", { class: "field choice" },
      h("legend", {}, t.joinAs),
      h("div", { class: "choice-item" }, asTable,
        h("label", { for: "join-as-table" }, t.joinAsTable, h("span", { class: "hint-text" }, t.joinAsTableHelp))),
      h("div", { class: "choice-item" }, asPhone,
        h("label", { for: "join-as-phone" }, t.joinAsPhone, h("span", { class: "hint-text" }, t.joinAsPhoneHelp))),
    ),
    tableFields,
    phoneFields,
    h("button", { type: "submit", class: "primary" }, t.join),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const code = normalizeJoinCode(codeInput.value);
    if (!code) return o.onInvalid(t.joinCodeInvalid, codeInput);
    if (!asPhone.checked) {
      const picked = pickInput.value.trim() === "" ? 0 : positive(pickInput.value);
      if (pickInput.value.trim() !== "" && !picked) return o.onInvalid(t.numberInvalid, pickInput);
      return o.onSubmit({ code, kind: "table", name: nameInput.value.trim(), tableId: picked, seatNumber: 0 });
    }
    const tableId = positive(tableInput.value);
    if (!tableId) return o.onInvalid(t.numberInvalid, tableInput);
    const seatNumber = positive(seatInput.value);
    if (!seatNumber) return o.onInvalid(t.numberInvalid, seatInput);
    o.onSubmit({ code, kind: "seat", name: "", tableId, seatNumber });
  });
  const focus = !o.code ? codeInput : o.phone ? tableInput : nameInput;
  return { form, focus };
}

function positive(text: string): number {
  const n = Number(text.trim());
  return Number.isInteger(n) && n > 0 ? n : 0;
}
