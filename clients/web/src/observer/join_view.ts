// While tables join (set-up): where to go and the code to type, large, with a QR code big enough
// to scan from a few metres. The code is the one the console put in this page's fragment
// (#join=…): the server does not give it to observers. Without it, the screen says where to go
// and that the animateur gives the code.
import { o } from "../i18n/observer";
import { formatJoinCode } from "../net/join_code";
import { h } from "../ui/dom";
import { qrSvg } from "../ui/qr";

export class JoinView {
  readonly element: HTMLElement;
  private shown: string | null = null;

  constructor() {
    this.element = h("section", { class: "join-view", id: "join-view", "aria-labelledby": "join-title" });
  }

  update(joinCode: string): void {
    if (this.shown === joinCode) return; // the QR code is drawn once, not on every event
    this.shown = joinCode;
    const address = `${window.location.host}`;
    const url = joinCode ? `${window.location.origin}/?code=${encodeURIComponent(joinCode)}` : `${window.location.origin}/`;
    this.element.replaceChildren(
      h("div", { class: "join-steps" },
        h("h2", { id: "join-title" }, o.joinTitle),
        h("p", { class: "join-step" }, o.joinOpen),
        h("p", { class: "join-address", id: "join-address", translate: "no" }, address),
        joinCode
          ? [h("p", { class: "join-step" }, o.joinType), h("p", { class: "join-code", id: "join-code", translate: "no" }, formatJoinCode(joinCode))]
          : h("p", { class: "join-step" }, o.joinAsk),
      ),
      h("figure", { class: "join-qr" },
        qrSvg(url, o.joinQr(url), "qr join-qr-code"),
        h("figcaption", {}, o.joinScan),
      ),
    );
  }
}
