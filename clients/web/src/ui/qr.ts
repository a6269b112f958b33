// A QR code as an SVG: one path of dark modules on a white square with the 4-module quiet zone
// that scanners need, drawn crisp at any size (the big screen draws it half a projector high).
// The same drawing as the console's access panel (src/console/access_panel.ts qrSvg).
import qrcode from "qrcode-generator";

const kSvgNs = "http://www.w3.org/2000/svg";

/** An SVG QR code of text, labelled for screen readers; error correction M. */
export function qrSvg(text: string, label: string, className = "qr"): SVGSVGElement {
  const qr = qrcode(0, "M");
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount();
  const margin = 4;
  const size = n + 2 * margin;
  let d = "";
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (qr.isDark(r, c)) d += `M${c + margin} ${r + margin}h1v1h-1z`;
  }
  const svg = document.createElementNS(kSvgNs, "svg");
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("class", className);
  svg.setAttribute("shape-rendering", "crispEdges");
  svg.dataset.modules = String(size);
  const bg = document.createElementNS(kSvgNs, "rect");
  bg.setAttribute("width", String(size));
  bg.setAttribute("height", String(size));
  bg.setAttribute("fill", "#fff");
  const path = document.createElementNS(kSvgNs, "path");
  path.setAttribute("d", d);
  path.setAttribute("fill", "#000");
  svg.append(bg, path);
  return svg;
}
