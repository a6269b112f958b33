// How people get in: the join code (big), the QR code of the absolute join URL, a "grand écran"
// overlay that shows both full-screen for the projector, the observer screen's link, and this
// console's secret link. Full while tables join; compact afterwards (the code on one line, and a
// button that shows the QR code and the links again), see setCompact. The codes come from the animateur's Welcome snapshot (WorkshopState
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
  private readonly code = h("p", { class: "join-code", id: "join-code" }, "—");
  private readonly url = h("span", { class: "url", id: "join-url" });
  private readonly qrBox = h("div", { class: "qr-box" });
  private readonly observerSlot = h("span", { class: "observer-slot" });
  private readonly more: HTMLElement;
  private readonly toggle: HTMLButtonElement;
  private readonly secret: HTMLElement;
  private codes: AccessCodes = { joinCode: "", observerCode: "" };
  private drawn = false;
  private compact = false;
  private expanded = false;
  private overlay: HTMLElement | null = null;
  private opener: HTMLElement | null = null;

  constructor(
    private readonly consoleUrl: () => string,
    private readonly announce: (text: string) => void,
  ) {
    this.toggle = h("button", {
      type: "button", class: "small access-toggle", id: "access-toggle", "aria-controls": "access-more", "aria-expanded": "false",
      onclick: () => this.setExpanded(!this.expanded),
    });
    this.more = h("div", { class: "access-more", id: "access-more" },
      h("p", { class: "hint-text join-url" }, t.access.joinUrl, " ", this.url),
      this.qrBox,
    );
    this.secret = h("details", { class: "secret" },
      h("summary", {}, t.access.consoleLink),
      h("p", { class: "hint-text" }, t.access.consoleHelp),
      h("p", {}, h("code", { class: "url", id: "console-link" })),
      h("button", { type: "button", "data-key": "copy-link", onclick: () => void this.copyLink() }, t.access.copy),
    );
    this.element = h("section", { class: "card access", id: "console-access", "aria-labelledby": "access-title" },
      h("h2", { id: "access-title", tabindex: -1 }, t.access.title),
      h("div", { class: "access-grid" },
        h("div", { class: "access-code" },
          h("p", { class: "code-label", id: "join-code-label" }, t.access.code),
          this.code,
        ),
        this.toggle,
        this.more,
      ),
      h("div", { class: "row access-actions" },
        h("button", { type: "button", class: "primary", "data-key": "big-screen", onclick: (ev: Event) => this.openBigScreen(ev.currentTarget as HTMLElement) }, t.access.bigScreen),
        this.observerSlot,
      ),
      this.secret,
    );
    this.sync();
  }

  joinUrl(): string {
    return `${window.location.origin}/?code=${encodeURIComponent(this.codes.joinCode)}`;
  }

  /** Redraws only when the codes change (the QR code is not redrawn on every event). */
  update(codes: AccessCodes): void {
    if (this.drawn && codes.joinCode === this.codes.joinCode && codes.observerCode === this.codes.observerCode) return;
    this.drawn = true;
    this.codes = codes;
    const url = this.joinUrl();
    this.code.textContent = formatJoinCode(codes.joinCode) || "—";
    this.url.textContent = url;
    replaceChildren(this.qrBox, codes.joinCode ? qrSvg(url, t.access.qr(url)) : null);
    // The join code travels in the fragment (never sent to the server, which does not give it to
    // observers): the big screen in the room shows it while tables join.
    const observerHref = `/observer?code=${encodeURIComponent(codes.observerCode)}#join=${encodeURIComponent(codes.joinCode)}`;
    replaceChildren(this.observerSlot, codes.observerCode
      ? h("a", { class: "button", id: "observer-link", href: observerHref, target: "_blank", rel: "noopener" },
          t.access.observer, h("span", { class: "sr-only" }, t.access.newTab))
      : null);
    const link = this.secret.querySelector("#console-link");
    if (link) link.textContent = this.consoleUrl();
  }

  /**
   * Compact (after the set-up): one line with the code, and a button that shows the QR code and
   * the links again. Full (while tables join): the code large, the address and the QR code.
   */
  setCompact(compact: boolean): void {
    if (compact === this.compact) return;
    this.compact = compact;
    this.expanded = false;
    this.sync();
  }

  private setExpanded(expanded: boolean): void {
    this.expanded = expanded;
    this.sync();
  }

  private sync(): void {
    const shown = !this.compact || this.expanded;
    this.element.classList.toggle("compact", this.compact);
    this.element.classList.toggle("expanded", this.compact && this.expanded);
    this.toggle.hidden = !this.compact;
    this.toggle.setAttribute("aria-expanded", String(shown));
    this.toggle.textContent = this.expanded ? t.access.hideQr : t.access.showQr;
    this.more.hidden = !shown;
    this.secret.hidden = !shown;
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
