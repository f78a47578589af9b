/** A size in bytes as `max-output:` and `--max-output` take it: `65536`, `64K`, `64KiB`, `16M`, `16MiB`, `1G`, `1GiB`. */
export const BYTE_SIZE_PATTERN = /^([1-9][0-9]*) ?(K|KiB|M|MiB|G|GiB)?$/u;

const UNITS: Readonly<Record<string, number>> = { K: 2 ** 10, KiB: 2 ** 10, M: 2 ** 20, MiB: 2 ** 20, G: 2 ** 30, GiB: 2 ** 30 };

/**
 * Bytes from a positive whole number or a text matching BYTE_SIZE_PATTERN (K, M and G are powers
 * of 1024); null for anything else, or beyond Number.MAX_SAFE_INTEGER.
 */
export function parseByteSize(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : null;
  if (typeof value !== 'string') return null;
  const match = BYTE_SIZE_PATTERN.exec(value.trim());
  if (!match) return null;
  const bytes = Number(match[1]) * (match[2] ? UNITS[match[2]]! : 1);
  return Number.isSafeInteger(bytes) ? bytes : null;
}
