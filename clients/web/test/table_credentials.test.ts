import { describe, expect, it } from "vitest";
import { CredentialStore } from "../src/net/credentials";
import { MemoryStore } from "../src/net/outbox";

describe("credentials", () => {
  it("keeps a table's token and the seats the tablet created", () => {
    const store = new CredentialStore(new MemoryStore());
    store.save({ joinCode: "123456", workshopId: "w", tableToken: "t", tableId: 4 });
    store.addTableSeat("123456", 2);
    store.addTableSeat("123456", 1);
    store.addTableSeat("123456", 2);
    expect(store.get("123456")?.seatNumbers).toEqual([1, 2]);
    expect(store.lastJoinCode()).toBe("123456");
    expect(store.lastKind()).toBe("table");
  });

  it("keeps a phone's seat token apart from a table's, and remembers it joined as a seat", () => {
    const store = new CredentialStore(new MemoryStore());
    store.saveSeat({ joinCode: "654321", workshopId: "w", seatToken: "s", tableId: 1, seatNumber: 3 });
    expect(store.get("654321")).toBeNull();
    expect(store.getSeat("654321")?.seatToken).toBe("s");
    expect(store.lastKind()).toBe("seat");
    store.forgetSeat("654321");
    expect(store.getSeat("654321")).toBeNull();
    expect(store.lastJoinCode()).toBeNull();
  });
});
