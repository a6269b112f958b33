// Entry of the table tablet (/ and /?code=12345678, /?code=12345678&phone=1 for a personal phone):
// resume the table or seat this device already holds in that workshop, or show the join form.
import "../ui/base.css";
import "./table.css";
import { connectionLabels } from "../i18n/common";
import { applyDocumentLang, languageSwitch } from "../i18n/lang";
import { t } from "../i18n/table";
import { CredentialStore } from "../net/credentials";
import { normalizeJoinCode } from "../net/join_code";
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
const codeParam = normalizeJoinCode(params.get("code") ?? "");
new TableApp(store, credentials).boot(codeParam || credentials.lastJoinCode() || "", params.get("phone") === "1");
