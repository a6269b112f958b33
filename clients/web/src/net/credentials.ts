// What a device keeps to come back as the same participant, per join code:
// - a tablet: the workshop id and the table token the Welcome gave on the first join, and the
//   seat numbers it created itself for "qui note ?" (the server's snapshot does not say whether a
//   seat was taken by the tablet or by a personal phone);
// - a personal phone scoring as one seat: the workshop id and the seat token.
// A reload, a Wi-Fi drop or a QR code scanned again resumes that table or seat instead of taking
// a new one. Tokens are secrets of this device: they stay in this browser's localStorage and are
// only ever sent in Hello.
import type { KeyValueStore } from "./outbox";

export interface TableCredentials {
  joinCode: string;
  workshopId: string;
  tableToken: string;
  tableId: number;
  /** Seats this tablet created with JoinSeat ("qui note ?"), by seat number. */
  seatNumbers?: number[];
}

export interface SeatCredentials {
  joinCode: string;
  workshopId: string;
  seatToken: string;
  tableId: number;
  seatNumber: number;
}

/** How this device last joined a workshop: as a table's tablet or as one seat's phone. */
export type JoinKind = "table" | "seat";

const kPrefix = "atelier.table.";
const kSeatPrefix = "atelier.seat.";
const kLast = "atelier.table.last";
const kLastKind = "atelier.last.kind";

export class CredentialStore {
  constructor(private readonly store: KeyValueStore) {}

  get(joinCode: string): TableCredentials | null {
    const c = this.read<TableCredentials>(kPrefix + joinCode);
    return c && c.workshopId && c.tableToken ? c : null;
  }

  getSeat(joinCode: string): SeatCredentials | null {
    const c = this.read<SeatCredentials>(kSeatPrefix + joinCode);
    return c && c.workshopId && c.seatToken ? c : null;
  }

  /** The join code of the last workshop this device was in, to resume without ?code=. */
  lastJoinCode(): string | null {
    try {
      return this.store.getItem(kLast);
    } catch {
      return null;
    }
  }

  /** Whether the last join was as a table or as a seat ("table" when unknown). */
  lastKind(): JoinKind {
    try {
      return this.store.getItem(kLastKind) === "seat" ? "seat" : "table";
    } catch {
      return "table";
    }
  }

  save(c: TableCredentials): void {
    this.write(kPrefix + c.joinCode, c, "table");
  }

  saveSeat(c: SeatCredentials): void {
    this.write(kSeatPrefix + c.joinCode, c, "seat");
  }

  /** Remembers that this tablet created seat `seatNumber` of its table. */
  addTableSeat(joinCode: string, seatNumber: number): void {
    const c = this.get(joinCode);
    if (!c) return;
    const numbers = new Set(c.seatNumbers ?? []);
    if (numbers.has(seatNumber)) return;
    numbers.add(seatNumber);
    c.seatNumbers = [...numbers].sort((a, b) => a - b);
    this.save(c);
  }

  forget(joinCode: string): void {
    this.remove(kPrefix + joinCode, joinCode);
  }

  forgetSeat(joinCode: string): void {
    this.remove(kSeatPrefix + joinCode, joinCode);
  }

  private read<T>(key: string): T | null {
    try {
      const raw = this.store.getItem(key);
      return raw ? (JSON.parse(raw) as T) : null;
    } catch {
      return null;
    }
  }

  private write(key: string, value: { joinCode: string }, kind: JoinKind): void {
    try {
      this.store.setItem(key, JSON.stringify(value));
      this.store.setItem(kLast, value.joinCode);
      this.store.setItem(kLastKind, kind);
    } catch {
      // no storage: this page still works, a reload joins again
    }
  }

  private remove(key: string, joinCode: string): void {
    try {
      this.store.removeItem(key);
      if (this.store.getItem(kLast) === joinCode) this.store.removeItem(kLast);
    } catch {
      // nothing to forget
    }
  }
}
