import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { WelcomeSchema } from "../src/gen/atelier/v1/wire_pb";
import { ActorKind, Phase } from "../src/gen/atelier/v1/workshop_pb";
import { applyWelcome, emptyMirror, type Mirror } from "../src/state/mirror";
import { seatHolder, seatRows } from "../src/table/scoring_view";

// Table 1 with seat 1 (made by this tablet, seen in a snapshot) and seat 3 (a phone's).
function table(): Mirror {
  const welcome = create(WelcomeSchema, {
    role: { kind: ActorKind.TABLE, tableId: 1 },
    snapshot: {
      seq: 9n,
      phase: Phase.SCORING,
      config: { seatsPerTable: 3, criteria: [{ id: 1, maxValue: 10 }] },
      ideas: [{ id: 1, text: "a" }, { id: 2, text: "b" }, { id: 3, text: "c" }],
      tables: [{ id: 1 }, { id: 2 }],
      seats: [
        { id: 1, tableId: 1, seatNumber: 1 },
        { id: 2, tableId: 1, seatNumber: 3 },
        { id: 3, tableId: 2, seatNumber: 1 },
      ],
      scores: [
        { seatId: 1, ideaId: 1, criterionId: 1, value: 5 },
        { seatId: 1, ideaId: 2, criterionId: 1, value: 6 },
        { seatId: 2, ideaId: 3, criterionId: 1, value: 10 },
      ],
    },
  });
  return applyWelcome(emptyMirror(), welcome, 0);
}

describe("qui note ?", () => {
  it("lists every seat number of the table, with who holds it and its progress", () => {
    const rows = seatRows(table(), new Set([1]));
    expect(rows.map((r) => [r.seatNumber, r.seat?.id, r.holder, r.scored, r.total])).toEqual([
      [1, 1, "tablet", 2, 3],
      [2, undefined, undefined, 0, 3], // not joined: the tablet creates it when picked
      [3, 2, "phone", 1, 3],
    ]);
  });

  it("tells a phone's seat from the tablet's by the SeatJoined actor, else by memory", () => {
    const seat = { id: 5, tableId: 1, seatNumber: 2, joinedBy: ActorKind.UNSPECIFIED };
    expect(seatHolder(seat, new Set([2]))).toBe("tablet");
    expect(seatHolder(seat, new Set())).toBe("phone");
    expect(seatHolder({ ...seat, joinedBy: ActorKind.TABLE }, new Set())).toBe("tablet");
    expect(seatHolder({ ...seat, joinedBy: ActorKind.SEAT }, new Set([2]))).toBe("phone");
  });
});
