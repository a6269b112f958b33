// How people get in: the join code (big), the QR code of the absolute join URL, a "grand écran"
// overlay that shows both full-screen for the projector, the observer screen's link, and this
// console's secret link. The codes come from the animateur's Welcome snapshot (WorkshopState
// .access keeps join_code and observer_code for the animateur, see views.cc), with what the
// create response gave as a fallback.
import qrcode from "qrcode-generator";
import { t } from "../i18n/console";
import { formatJoinCode } from "../net/join_code";
import { h, replaceChildren } from "../ui/dom";
import type { AccessCodes } from "./console_store";

const kSvgNs = "http://www.w3.org/2000/svg";

/** An SVG QR code of text, drawn as one path; labelled for screen readers. */
export function qrSvg(text: string, label: string): SVGSVGElement {
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
  svg.setAttribute("class", "qr");
  svg.setAttribute("shape-rendering", "crispEdges");
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

export class AccessPanel {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private codes: AccessCodes = { joinCode: "", observerCode: "" };
  private overlay: HTMLElement | null = null;
  private opener: HTMLElement | null = null;

  constructor(
    private readonly consoleUrl: () => string,
    private readonly announce: (text: string) => void,
  ) {
    this.body = h("div", {});
    this.element = h("section", { class: "card access", "aria-labelledby": "access-title" },
      h("h2", { id: "access-title" }, t.access.title),
      this.body,
    );
  }

  joinUrl(): string {
    return `${window.location.origin}/?code=${encodeURIComponent(this.codes.joinCode)}`;
  }

  /** Renders again only when the codes change (the QR code is not redrawn on every event). */
  update(codes: AccessCodes): void {
    if (codes.joinCode === this.codes.joinCode && codes.observerCode === this.codes.observerCode && this.body.firstChild) return;
    this.codes = codes;
    const url = this.joinUrl();
    const observerHref = `/observer?code=${encodeURIComponent(codes.observerCode)}`;
    replaceChildren(this.body,
      h("div", { class: "access-grid" },
        h("div", {},
          h("p", { class: "code-label", id: "join-code-label" }, t.access.code),
          h("p", { class: "join-code", id: "join-code" }, formatJoinCode(codes.joinCode) || "—"),
          h("p", { class: "hint-text" }, t.access.joinUrl, " ", h("span", { class: "url", id: "join-url" }, url)),
        ),
        codes.joinCode ? h("div", { class: "qr-box" }, qrSvg(url, t.access.qr(url))) : null,
      ),
      h("div", { class: "row" },
        h("button", { type: "button", class: "primary", "data-key": "big-screen", onclick: (ev: Event) => this.openBigScreen(ev.currentTarget as HTMLElement) }, t.access.bigScreen),
        codes.observerCode
          ? h("a", { class: "button", id: "observer-link", href: observerHref, target: "_blank", rel: "noopener" },
              t.access.observer, h("span", { class: "sr-only" }, t.access.newTab))
          : null,
      ),
      h("details", { class: "secret" },
        h("summary", {}, t.access.consoleLink),
        h("p", { class: "hint-text" }, t.access.consoleHelp),
        h("p", {}, h("code", { class: "url", id: "console-link" }, this.consoleUrl())),
        h("button", { type: "button", "data-key": "copy-link", onclick: () => void this.copyLink() }, t.access.copy),
      ),
    );
  }

  private async copyLink(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.consoleUrl());
      this.announce(t.access.copied);
    } catch {
      // no clipboard (not a secure context): the link is shown to copy by hand
    }
  }

  private openBigScreen(opener: HTMLElement): void {
    this.closeBigScreen();
    this.opener = opener;
    const url = this.joinUrl();
    const close = h("button", { type: "button", class: "close", onclick: () => this.closeBigScreen() }, t.access.close);
    const overlay = h("div", { class: "big-screen", role: "dialog", "aria-modal": "true", "aria-labelledby": "big-title" },
      h("h2", { id: "big-title" }, t.access.bigTitle),
      h("p", { class: "big-code" }, h("span", { class: "sr-only" }, `${t.access.code} : `), formatJoinCode(this.codes.joinCode)),
      h("div", { class: "big-qr" }, qrSvg(url, t.access.qr(url))),
      h("p", { class: "big-help" }, t.access.bigHelp(`${window.location.host}`)),
      close,
    );
    overlay.addEventListener("keydown", (ev) => {
      if (ev.key === "Escape") this.closeBigScreen();
      if (ev.key === "Tab") {
        ev.preventDefault(); // one control: keep the focus in the dialog
        close.focus();
      }
    });
    document.body.append(overlay);
    document.body.classList.add("has-overlay");
    this.overlay = overlay;
    close.focus();
    overlay.requestFullscreen?.().catch(() => undefined);
  }

  private closeBigScreen(): void {
    if (!this.overlay) return;
    if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
    this.overlay.remove();
    this.overlay = null;
    document.body.classList.remove("has-overlay");
    this.opener?.focus();
  }
}
