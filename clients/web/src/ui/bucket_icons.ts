// The three buckets of a "conférence de jurisprudence" drawn as small icons (a bin, a washing
// machine, a safe), with a colour each, for the tablet's buttons and any results that show
// them. Decorative: always beside the bucket's word, hidden from screen readers.
import { Bucket } from "../gen/atelier/v1/workshop_pb";

const kSvg = "http://www.w3.org/2000/svg";

/** Each bucket's outline, on a 24x24 grid, stroked in currentColor. */
const kShapes: Record<number, string[]> = {
  [Bucket.POUBELLE]: ["M4 6h16", "M9 6V4h6v2", "M6 6l1 14h10l1-14", "M10 10v7", "M14 10v7"],
  [Bucket.MACHINE_A_LAVER]: ["M5 3h14v18H5z", "M5 7h14", "M8 5h1", "M12 9.5a4.5 4.5 0 1 0 0.01 0z", "M10 14.5c1-1 3-1 4 0"],
  [Bucket.COFFRE_FORT]: ["M3 4h18v15H3z", "M6 19v2", "M18 19v2", "M12 8.5a3 3 0 1 0 0.01 0z", "M12 10.5v1", "M17 9v4"],
};

/** The CSS class giving a bucket its colour (table.css: .bucket-poubelle...). */
export function bucketClass(bucket: Bucket): string {
  switch (bucket) {
    case Bucket.POUBELLE:
      return "bucket-poubelle";
    case Bucket.MACHINE_A_LAVER:
      return "bucket-machine";
    case Bucket.COFFRE_FORT:
      return "bucket-coffre";
    default:
      return "";
  }
}

export function bucketIcon(bucket: Bucket): SVGSVGElement {
  const svg = document.createElementNS(kSvg, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", "28");
  svg.setAttribute("height", "28");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("class", "bucket-icon");
  for (const d of kShapes[bucket] ?? []) {
    const path = document.createElementNS(kSvg, "path");
    path.setAttribute("d", d);
    path.setAttribute("fill", "none");
    path.setAttribute("stroke", "currentColor");
    path.setAttribute("stroke-width", "2");
    path.setAttribute("stroke-linecap", "round");
    path.setAttribute("stroke-linejoin", "round");
    svg.append(path);
  }
  return svg;
}
