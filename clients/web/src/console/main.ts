// Entry of the animateur console (/console):
//   /console                          the workshops this browser created or opened (each a link
//                                     to its console), and the create form;
//   /console?carry=<ideation id>      the same, the form set for an evaluation carrying that
//                                     ideation's best ideas (its token from this browser's
//                                     storage); the ideation's console opens it in a new tab;
//   /console?workshop=ID#token=TOKEN  the console; the token is kept in localStorage and taken
//                                     off the address bar, so a reload (or a projected screen)
//                                     works without showing it.
import "../ui/base.css";
import "./console.css";
import { t } from "../i18n/console";
import { applyDocumentLang, languageSwitch } from "../i18n/lang";
import { byId, h } from "../ui/dom";
import { ConsoleApp } from "./console_app";
import { browserStore } from "../net/outbox";
import { ConsoleStore } from "./console_store";
import { CreateForm } from "./create_form";
import { kDefaultCarryCount } from "./create_model";
import { WorkshopList } from "./workshop_list";

applyDocumentLang();
document.title = t.pageTitle;
byId("skip").textContent = t.skip;
byId("kicker").textContent = t.kicker;
byId("timer").setAttribute("aria-label", t.timerLabel);
byId("lang").append(languageSwitch());

const kv = browserStore();
const store = new ConsoleStore(kv);
const params = new URLSearchParams(window.location.search);
const workshopId = params.get("workshop")?.trim() ?? "";
const carryFrom = params.get("carry")?.trim() ?? "";
const screen = byId("screen");
const notice = byId("notice");
const live = byId("live");

function announce(text: string): void {
  live.textContent = "";
  requestAnimationFrame(() => { live.textContent = text; });
}

function tokenFromFragment(): string {
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  return fragment.get("token")?.trim() ?? "";
}

if (workshopId) {
  const fromFragment = tokenFromFragment();
  if (fromFragment) {
    store.saveToken(workshopId, fromFragment);
    if (store.token(workshopId) === fromFragment) {
      const url = new URL(window.location.href);
      url.hash = "";
      window.history.replaceState(null, "", url);
    }
  }
  // Back to the list of this browser's workshops (and the create form).
  byId("lang").prepend(h("a", { href: "/console", class: "lang-switch", id: "all-workshops" }, t.workshops.all));
  const token = fromFragment || store.token(workshopId);
  if (!token) {
    byId("connection").hidden = true;
    notice.textContent = t.hello.noToken;
  } else {
    new ConsoleApp(workshopId, token, kv, store).start();
  }
} else {
  byId("bar-status").remove(); // no workshop yet: no phase, timer or connection to show
  // The evaluation starts from the ideation's question, to be reworded.
  const question = carryFrom ? store.workshops().find((w) => w.id === carryFrom)?.question ?? "" : "";
  const carry = carryFrom ? { workshopId: carryFrom, token: store.token(carryFrom), count: kDefaultCarryCount } : null;
  // The list, except in the tab opened to carry an ideation over (it is there for the form).
  const list = new WorkshopList(store, announce);
  const formArea = h("div", { id: "create-area" });
  screen.replaceChildren(carry ? "" : list.element, formArea);
  if (!carry) list.render();
  new CreateForm(formArea, notice, store, carry, question).show();
}
