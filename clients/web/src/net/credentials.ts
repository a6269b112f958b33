// What a tablet keeps to come back as the same table: per join code, the workshop id and the
// table token the Welcome gave on the first join. A reload, a Wi-Fi drop or a QR code scanned
// again resumes that table instead of taking a new one. The token is a secret of this tablet:
// it stays in this browser's localStorage and is only ever sent in Hello.
import type { KeyValueStore } from "./outbox";

export interface TableCredentials {
  joinCode: string;
  workshopId: string;
  tableToken: string;
  tableId: number;
}

const kPrefix = "atelier.table.";
const kLast = "atelier.table.last";

export class CredentialStore {
  constructor(private readonly store: KeyValueStore) {}

  get(joinCode: string): TableCredentials | null {
    try {
      const raw = this.store.getItem(kPrefix + joinCode);
      if (!raw) return null;
      const c = JSON.parse(raw) as TableCredentials;
      return c.workshopId && c.tableToken ? c : null;
    } catch {
      return null;
    }
  }

  /** The join code of the last workshop this tablet was in, to resume without ?code=. */
  lastJoinCode(): string | null {
    try {
      return this.store.getItem(kLast);
    } catch {
      return null;
    }
  }

  save(c: TableCredentials): void {
    try {
      this.store.setItem(kPrefix + c.joinCode, JSON.stringify(c));
      this.store.setItem(kLast, c.joinCode);
    } catch {
      // no storage: this page still works, a reload joins as a new table
    }
  }

  forget(joinCode: string): void {
    try {
      this.store.removeItem(kPrefix + joinCode);
      if (this.store.getItem(kLast) === joinCode) this.store.removeItem(kLast);
    } catch {
      // nothing to forget
    }
  }
}
