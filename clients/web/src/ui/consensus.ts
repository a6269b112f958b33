// How much the people who scored an idea agree, named simply for a room, from the population
// standard deviation of their scores. Pure (no DOM), shared by the tablet and the big screen.
//
// The deviation is first brought to a 0-10 scale (a criterion may use another range). Then:
//   - fewer than 2 scores: "few" (nothing to compare);
//   - below 1.5: "strong": most scores sit within about 1.5 points of the mean;
//   - below 2.5: "shared": views differ, without two camps;
//   - from 2.5: "divided": as spread as scores thrown at random over 0-10 (about 3.2), or split
//     into camps (half at 0 and half at 10 gives 5).
export type Agreement = "few" | "strong" | "shared" | "divided";

export const kStrongBelow = 1.5;
export const kSharedBelow = 2.5;

export function agreement(stddev: number, count: number, min = 0, max = 10): Agreement {
  if (count < 2) return "few";
  const span = max - min;
  const scaled = span > 0 ? (stddev * 10) / span : 0;
  if (scaled < kStrongBelow) return "strong";
  if (scaled < kSharedBelow) return "shared";
  return "divided";
}
