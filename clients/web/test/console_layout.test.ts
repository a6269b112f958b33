import { describe, expect, it } from "vitest";
import { Phase } from "../src/gen/atelier/v1/workshop_pb";
import { accessProminent, sectionOrder } from "../src/console/layout";

describe("sectionOrder", () => {
  it("puts the code first while tables join, and nowhere in the main column afterwards", () => {
    expect(sectionOrder(Phase.SETUP)[0]).toBe("access");
    expect(accessProminent(Phase.SETUP)).toBe(true);
    for (const p of [Phase.DIVERGENCE, Phase.GROUPING, Phase.CONVERGENCE, Phase.SCORING, Phase.CONCLUSION]) {
      expect(sectionOrder(p)).not.toContain("access");
      expect(accessProminent(p)).toBe(false);
    }
  });

  it("puts the task of each phase first", () => {
    expect(sectionOrder(Phase.DIVERGENCE)[0]).toBe("wall");
    expect(sectionOrder(Phase.GROUPING)[0]).toBe("wall");
    expect(sectionOrder(Phase.CONVERGENCE).slice(0, 2)).toEqual(["results", "tables"]);
    expect(sectionOrder(Phase.SCORING)[0]).toBe("tables");
    expect(sectionOrder(Phase.CONCLUSION)[0]).toBe("results");
  });

  it("keeps every section, the timeline and deletion last", () => {
    for (const p of [Phase.SETUP, Phase.DIVERGENCE, Phase.CONVERGENCE, Phase.SCORING, Phase.CONCLUSION]) {
      const order = sectionOrder(p);
      expect(new Set(order).size).toBe(order.length);
      for (const k of ["wall", "tables", "results", "timeline", "delete"] as const) expect(order).toContain(k);
      expect(order.slice(-2)).toEqual(["timeline", "delete"]);
    }
  });
});
