/** Which of libvirt's virStrToLong_* variants (src/util/virstring.c) to follow. */
export type CIntegerKind =
  /** virStrToLong_ui: "-1" means UINT_MAX, larger values fail. */
  | 'ui'
  /** virStrToLong_uip / _ulp / _ullp: any '-' fails. */
  | 'uip' | 'ulp' | 'ullp'
  /** virStrToLong_i. */
  | 'i';

const LIMIT: Record<CIntegerKind, bigint> = {
  ui: 0xffffffffn, uip: 0xffffffffn, ulp: 0xffffffffffffffffn, ullp: 0xffffffffffffffffn, i: 0x7fffffffn,
};

/**
 * strtoul/strtol as libvirt calls them with a NULL end pointer: leading whitespace and a sign are
 * accepted, base 0 detects 0x/0 prefixes, the whole string must be consumed. Returns the number,
 * or null where libvirt reports an error.
 */
export function parseCInteger(text: string, kind: CIntegerKind, base: 0 | 10 | 16 = 10): number | null {
  const match = /^[ \t\n\v\f\r]*([+-]?)(.*)$/s.exec(text)!;
  const sign = match[1]!;
  let digits = match[2]!;
  let radix: number = base;
  if ((radix === 0 || radix === 16) && /^0[xX][0-9a-fA-F]/.test(digits)) { digits = digits.slice(2); radix = 16; }
  else if (radix === 0) radix = digits.startsWith('0') ? 8 : 10;
  const valid = radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) return null;
  const magnitude = BigInt(radix === 16 ? `0x${digits}` : radix === 8 ? `0o${digits}` : digits);
  if (sign === '-') {
    if (kind === 'uip' || kind === 'ulp' || kind === 'ullp') return null;
    if (kind === 'i') return magnitude > 0x80000000n ? null : -Number(magnitude);
    // virStrToLong_ui: strtoul negates, then the value is truncated to 32 bits.
    return magnitude > 0xffffffffn ? null : Number((0x100000000n - magnitude) & 0xffffffffn);
  }
  return magnitude > LIMIT[kind] ? null : Number(magnitude);
}
