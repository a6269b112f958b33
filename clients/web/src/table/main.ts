// Entry of the table tablet (/ and /?code=123456): resume the table this tablet already holds
// in that workshop, or show the join form.
import "../ui/base.css";
import { CredentialStore } from "../net/credentials";
import { MemoryStore, type KeyValueStore } from "../net/outbox";
import { TableApp } from "./table_app";

function browserStore(): KeyValueStore {
  try {
    const probe = "atelier.probe";
    window.localStorage.setItem(probe, "1");
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    return new MemoryStore(); // private mode: works, but a reload joins as a new table
  }
}

const store = browserStore();
const credentials = new CredentialStore(store);
const codeParam = new URLSearchParams(window.location.search).get("code")?.trim() ?? "";
new TableApp(store, credentials).boot(codeParam || credentials.lastJoinCode() || "");
