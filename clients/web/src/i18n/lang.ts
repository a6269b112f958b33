// The page's language: French by default, English on request. Chosen by ?lang=fr|en (kept for
// the next visits in localStorage), else the last choice, else French: the rooms are French and
// a shared tablet's browser language says nothing about the people around it.
//
// Each screen keeps its strings in one object per language and picks them with `pick`; the
// language never changes while a page runs (the switch reloads the page), so strings can be
// picked once at module load.
import { h } from "../ui/dom";

export type Lang = "fr" | "en";

const kKey = "atelier.lang";

function readLang(): Lang {
  try {
    const param = new URLSearchParams(globalThis.location?.search ?? "").get("lang");
    if (param === "fr" || param === "en") {
      globalThis.localStorage?.setItem(kKey, param);
      return param;
    }
    const saved = globalThis.localStorage?.getItem(kKey);
    if (saved === "fr" || saved === "en") return saved;
  } catch {
    // no storage or no location (tests): French
  }
  return "fr";
}

export const lang: Lang = readLang();

/** The strings of the current language. */
export function pick<T>(strings: { fr: T; en: T }): T {
  return strings[lang];
}

/** Sets <html lang> to the current language; call once at start-up. */
export function applyDocumentLang(): void {
  document.documentElement.lang = lang;
}

/** A small "English" / "Français" link that switches language and reloads the page. */
export function languageSwitch(): HTMLElement {
  const other: Lang = lang === "fr" ? "en" : "fr";
  const link = h("a", {
    href: "#", class: "lang-switch", lang: other, hreflang: other,
    onclick: (ev: Event) => {
      ev.preventDefault();
      const url = new URL(window.location.href);
      url.searchParams.set("lang", other);
      window.location.assign(url.toString());
    },
  }, other === "en" ? "English" : "Français");
  return link;
}
