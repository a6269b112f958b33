// What this browser keeps for a workshop's console, in localStorage:
//   atelier.console.<workshopId>         the animateur token (the console link's secret), so that
//                                        a reload without the #token= fragment still works;
//   atelier.console.<workshopId>.codes   the join and observer codes from the create response,
//                                        a fallback until the Welcome snapshot brings them.
// The token is only ever sent in Hello and in the results download's Authorization header.
import type { KeyValueStore } from "../net/outbox";

export interface AccessCodes {
  joinCode: string;
  observerCode: string;
}

const kPrefix = "atelier.console.";

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
