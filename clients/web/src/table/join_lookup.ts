// What the join form asks the server about a code before joining (GET /api/join/{code}, a
// JoinInfo in protobuf JSON): the question, to show that the code is the right one, and whether
// the workshop scores individually, the only case where "which device?" means something. A code
// that is no workshop's is said at once; when the server cannot say (network, too many attempts
// from this address, an older server), the form falls back to asking everything.
import { fromJson } from "@bufbuild/protobuf";
import { JoinInfoSchema, type JoinInfo } from "../gen/atelier/v1/api_pb";

export type JoinLookup =
  | { kind: "found"; info: JoinInfo }
  | { kind: "unknown" } // 404: no workshop has this code
  | { kind: "failed" }; // anything else: ask everything, the Hello decides

export type LookupFn = (code: string) => Promise<JoinLookup>;

/** The browser's lookup, given up after timeoutMs. */
export function fetchJoinInfo(timeoutMs = 6000): LookupFn {
  return async (code) => {
    const abort = typeof AbortController !== "undefined" ? new AbortController() : undefined;
    const timer = setTimeout(() => abort?.abort(), timeoutMs);
    try {
      const res = await fetch(`/api/join/${encodeURIComponent(code)}`, { signal: abort?.signal, headers: { accept: "application/json" } });
      if (res.status === 404) return { kind: "unknown" };
      if (!res.ok) return { kind: "failed" };
      return { kind: "found", info: fromJson(JoinInfoSchema, await res.json(), { ignoreUnknownFields: true }) };
    } catch {
      return { kind: "failed" };
    } finally {
      clearTimeout(timer);
    }
  };
}
