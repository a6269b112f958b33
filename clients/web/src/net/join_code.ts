// Join codes as people type and read them. New workshops have 8 digits, shown in two groups
// ("1234 5678") so that a room reads them aloud without losing its place; workshops created
// before have 6 ("123 456"). Typed with or without spaces (or dashes, dots).

/** The digits of what was typed, or "" when it is not a 6- or 8-digit code. */
export function normalizeJoinCode(typed: string): string {
  const digits = typed.replace(/[\s\-.]/g, "");
  return /^(\d{6}|\d{8})$/.test(digits) ? digits : "";
}

/** The code in groups: "1234 5678", "123 456"; anything else as it is. */
export function formatJoinCode(code: string): string {
  if (/^\d{8}$/.test(code)) return `${code.slice(0, 4)} ${code.slice(4)}`;
  if (/^\d{6}$/.test(code)) return `${code.slice(0, 3)} ${code.slice(3)}`;
  return code;
}
