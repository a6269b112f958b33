// What the console puts first, phase by phase: the set-up is about letting tables in (the code
// and QR large, then who joined), divergence and grouping about the wall, convergence about the
// points coming in, an evaluation about who scored, the conclusion about the results. Pure.
import { Phase } from "../gen/atelier/v1/workshop_pb";

/** The console's sections in its main column; "access" is there only while tables join. */
export type SectionKey = "access" | "wall" | "tables" | "results" | "timeline" | "delete";

/** Whether the code and QR take the main place (the set-up), or a compact line beside. */
export function accessProminent(phase: Phase): boolean {
  return phase === Phase.SETUP || phase === Phase.UNSPECIFIED;
}

/** The main column's sections, top to bottom, for a phase. */
export function sectionOrder(phase: Phase): SectionKey[] {
  const first: SectionKey[] = (() => {
    switch (phase) {
      case Phase.DIVERGENCE:
      case Phase.GROUPING:
        return ["wall", "tables", "results"];
      case Phase.CONVERGENCE:
        return ["results", "tables", "wall"];
      case Phase.SCORING:
        return ["tables", "results", "wall"];
      case Phase.CONCLUSION:
        return ["results", "tables", "wall"];
      default:
        return ["access", "tables", "wall", "results"];
    }
  })();
  return [...first, "timeline", "delete"];
}
