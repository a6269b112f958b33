// The results' "empreinte" (fingerprint): the hash of the event the results were computed at, as
// `atelier verify` prints it for an archive (64 lowercase hex digits), shown in groups of eight
// so that a person can copy it down and compare it later. Nothing when the results carry none
// (a table's points-only results, or a server that does not send it).
import type { Results } from "../gen/atelier/v1/state_pb";
import { fingerprintWords } from "../i18n/common";
import { h } from "./dom";

/** The hash as 64 lowercase hex digits ("" for no bytes). */
export function hexHash(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Hex in groups of eight, separated by spaces. */
export function groupedHex(hex: string): string {
  return hex.match(/.{1,8}/g)?.join(" ") ?? "";
}

export function fingerprintLine(results: Results | undefined): HTMLElement | null {
  if (!results || results.headHash.length === 0) return null;
  const hex = hexHash(results.headHash);
  return h("div", { class: "fingerprint", id: "fingerprint", "data-seq": String(results.seq), "data-hash": hex },
    h("p", {}, fingerprintWords.label(String(results.seq)), " ", h("code", { translate: "no" }, groupedHex(hex))),
    h("p", { class: "note" }, fingerprintWords.note),
  );
}
