// What this browser keeps for a workshop's console, in localStorage:
//   atelier.console.<workshopId>         the animateur token (the console link's secret), so that
//                                        a reload without the #token= fragment still works;
//   atelier.console.<workshopId>.codes   the join and observer codes from the create response,
//                                        a fallback until the Welcome snapshot brings them;
//   atelier.console.workshops            the workshops this browser created or opened a console
//                                        of (id, question, template, when), listed at /console,
//                                        so that a closed tab is not a lost workshop.
// The token is only ever sent in Hello and in the animateur's API requests (Authorization
// header); the list holds no token, and its links are /console?workshop=ID (the token is here).
import type { KeyValueStore } from "../net/outbox";

export interface AccessCodes {
  joinCode: string;
  observerCode: string;
}

/** A workshop in this browser's list. */
export interface RememberedWorkshop {
  id: string;
  question: string;
  template: "ideation" | "evaluation";
  /** When it was created here, or first opened here (createdHere false), in ms since the epoch. */
  atMs: number;
  createdHere: boolean;
}

const kPrefix = "atelier.console.";
const kListKey = `${kPrefix}workshops`;
/** The list keeps the newest this many; an older one's console still opens by its link. */
export const kMaxRemembered = 100;

export class ConsoleStore {
  constructor(private readonly store: KeyValueStore) {}

  token(workshopId: string): string {
    return this.get(kPrefix + workshopId);
  }

  saveToken(workshopId: string, token: string): void {
    this.set(kPrefix + workshopId, token);
  }

  codes(workshopId: string): AccessCodes | null {
    try {
      const c = JSON.parse(this.get(`${kPrefix}${workshopId}.codes`) || "null") as AccessCodes | null;
      return c && typeof c.joinCode === "string" ? c : null;
    } catch {
      return null;
    }
  }

  saveCodes(workshopId: string, codes: AccessCodes): void {
    this.set(`${kPrefix}${workshopId}.codes`, JSON.stringify(codes));
  }

  /**
   * The workshops of this browser whose console it can open (their token is kept), newest first.
   */
  workshops(): RememberedWorkshop[] {
    return this.readList().filter((w) => this.token(w.id) !== "");
  }

  /**
   * Adds a workshop to the list, or updates its question and template; an entry already there
   * keeps its time and whether it was created here.
   */
  remember(w: RememberedWorkshop): void {
    const list = this.readList();
    const old = list.find((x) => x.id === w.id);
    if (old && old.question === w.question && old.template === w.template) return;
    const entry = old ? { ...old, question: w.question, template: w.template } : w;
    const rest = list.filter((x) => x.id !== w.id);
    this.set(kListKey, JSON.stringify(sortNewest([entry, ...rest]).slice(0, kMaxRemembered)));
  }

  /**
   * Forgets a workshop in this browser: the list entry, its token, codes and queued commands.
   * The workshop stays on the server; its secret link still opens it.
   */
  forget(workshopId: string): void {
    this.set(kListKey, JSON.stringify(this.readList().filter((x) => x.id !== workshopId)));
    for (const key of [kPrefix + workshopId, `${kPrefix}${workshopId}.codes`, `atelier.outbox.console.${workshopId}`]) {
      try {
        this.store.removeItem(key);
      } catch {
        // unavailable storage: nothing was kept
      }
    }
  }

  private readList(): RememberedWorkshop[] {
    try {
      const raw = JSON.parse(this.get(kListKey) || "[]") as unknown;
      if (!Array.isArray(raw)) return [];
      return sortNewest(raw.filter(isRemembered));
    } catch {
      return [];
    }
  }

  private get(key: string): string {
    try {
      return this.store.getItem(key) ?? "";
    } catch {
      return "";
    }
  }

  private set(key: string, value: string): void {
    try {
      this.store.setItem(key, value);
    } catch {
      // storage full or unavailable: this page still works
    }
  }
}

function isRemembered(x: unknown): x is RememberedWorkshop {
  const w = x as RememberedWorkshop;
  return !!w && typeof w.id === "string" && w.id !== "" && typeof w.question === "string" &&
    (w.template === "ideation" || w.template === "evaluation") && typeof w.atMs === "number" &&
    typeof w.createdHere === "boolean";
}

function sortNewest(list: RememberedWorkshop[]): RememberedWorkshop[] {
  return [...list].sort((a, b) => b.atMs - a.atMs);
}
