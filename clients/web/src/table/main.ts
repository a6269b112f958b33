// Entry of the table tablet (/ and /?code=123456, /?code=123456&phone=1 for a personal phone):
// resume the table or seat this device already holds in that workshop, or show the join form.
import "../ui/base.css";
import "./table.css";
import { connectionLabels } from "../i18n/common";
import { applyDocumentLang, languageSwitch } from "../i18n/lang";
import { t } from "../i18n/table";
import { CredentialStore } from "../net/credentials";
import { browserStore } from "../net/outbox";
import { byId } from "../ui/dom";
import { TableApp } from "./table_app";

applyDocumentLang();
document.title = t.pageTitle;
byId("skip").textContent = t.skip;
byId("timer").setAttribute("aria-label", t.timeLeft);
byId("lang-slot").replaceChildren(languageSwitch());
byId("connection").textContent = connectionLabels.connecting;

const store = browserStore();
const credentials = new CredentialStore(store);
const params = new URLSearchParams(window.location.search);
const codeParam = params.get("code")?.trim() ?? "";
new TableApp(store, credentials).boot(codeParam || credentials.lastJoinCode() || "", params.get("phone") === "1");
