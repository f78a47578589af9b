/**
 * virUUIDParse: surrounding whitespace, '-' and ' ' between digit pairs, exactly 32 hex digits.
 * Returns the canonical lowercase 8-4-4-4-12 form (virUUIDFormat), or null.
 */
export function parseUuid(text: string): string | null {
  const body = text.replace(/^[ \t\n\v\f\r]+/, '').replace(/[ \t\n\v\f\r]+$/, '');
  let hex = '';
  for (let i = 0; i < body.length; ) {
    if (hex.length === 32) return null;
    const c = body[i]!;
    if (c === '-' || c === ' ') { i++; continue; }
    const pair = body.slice(i, i + 2);
    if (!/^[0-9a-fA-F]{2}$/.test(pair)) return null;
    hex += pair.toLowerCase();
    i += 2;
  }
  if (hex.length !== 32) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
