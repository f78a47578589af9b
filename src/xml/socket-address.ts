/** An IPv4 or IPv6 address as libvirt's virSocketAddr holds it (port and scope ignored). */
export interface SocketAddress {
  readonly family: 4 | 6;
  /** 4 or 16 bytes, network order. */
  readonly bytes: readonly number[];
}

// glibc inet_aton (as __inet_aton_exact): 1-4 parts, each decimal, 0x-hex or 0-octal.
function parseInetAton(text: string): SocketAddress | null {
  const parts = text.split('.');
  if (parts.length > 4) return null;
  const values: number[] = [];
  for (const part of parts) {
    let value: number;
    if (/^0[xX][0-9a-fA-F]*$/.test(part)) value = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
    else if (/^0[0-7]*$/.test(part)) value = part.length === 1 ? 0 : parseInt(part.slice(1), 8);
    else if (/^[1-9][0-9]*$/.test(part)) value = Number(part);
    else return null;
    values.push(value);
  }
  const last = values.pop()!;
  if (values.some((v) => v > 0xff)) return null;
  const limit = [0xffffffff, 0xffffff, 0xffff, 0xff][values.length]!;
  if (last > limit) return null;
  const bytes = [...values];
  for (let shift = (3 - values.length) * 8; shift >= 0; shift -= 8) bytes.push(Math.floor(last / 2 ** shift) % 256);
  return { family: 4, bytes };
}

// glibc inet_pton4 as used inside inet_pton6: exactly four decimal octets, no leading zeros.
function parseDottedQuad(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255)) return null;
  return parts.map(Number);
}

// glibc inet_pton6.
function parseInet6(text: string): SocketAddress | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const words = (half: string): number[] | null => {
    if (half === '') return [];
    const out: number[] = [];
    const groups = half.split(':');
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      if (i === groups.length - 1 && g.includes('.')) {
        const quad = parseDottedQuad(g);
        if (!quad) return null;
        out.push((quad[0]! << 8) | quad[1]!, (quad[2]! << 8) | quad[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) out.push(parseInt(g, 16));
      else return null;
    }
    return out;
  };
  const head = words(halves[0]!);
  const tail = halves.length === 2 ? words(halves[1]!) : [];
  if (!head || !tail) return null;
  if (halves.length === 1 && head.length !== 8) return null;
  if (halves.length === 2 && head.length + tail.length > 7) return null;
  const all = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  return { family: 6, bytes: all.flatMap((w) => [w >> 8, w & 0xff]) };
}

/** virSocketAddrParse (getaddrinfo with AI_NUMERICHOST): null when it is not a numeric address. */
export function parseSocketAddress(text: string, family?: 4 | 6): SocketAddress | null {
  if (family !== 6) {
    const v4 = parseInetAton(text);
    if (v4) return v4;
  }
  return family === 4 ? null : parseInet6(text);
}

/** virSocketAddrParse's error when getaddrinfo refuses the text (VIR_ERR_SYSTEM_ERROR, no prefix). */
export function socketAddressParseError(text: string): string {
  return `Cannot parse socket address '${text}': Name or service not known`;
}

/** virSocketAddrFormat (getnameinfo NI_NUMERICHOST, glibc inet_ntop). */
export function formatSocketAddress(addr: SocketAddress): string {
  if (addr.family === 4) return addr.bytes.join('.');
  const words = Array.from({ length: 8 }, (_, i) => (addr.bytes[2 * i]! << 8) | addr.bytes[2 * i + 1]!);
  let best = { base: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > best.len) best = { base: i, len: j - i };
    i = j;
  }
  if (best.len < 2) best = { base: -1, len: 0 };
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (best.base !== -1 && i >= best.base && i < best.base + best.len) {
      if (i === best.base) out += ':';
      continue;
    }
    if (i !== 0) out += ':';
    // inet_ntop6: an encapsulated IPv4 address keeps its dotted quad.
    if (i === 6 && best.base === 0 && (best.len === 6 || (best.len === 5 && words[5] === 0xffff))) {
      out += addr.bytes.slice(12).join('.');
      break;
    }
    out += words[i]!.toString(16);
  }
  if (best.base !== -1 && best.base + best.len === 8) out += ':';
  return out;
}

/** Canonical text of an address the parser accepted. */
export function canonicalAddress(text: string): string {
  return formatSocketAddress(parseSocketAddress(text)!);
}

/** virSocketAddrEqual (same family, same bytes). */
export function sameAddress(a: SocketAddress, b: SocketAddress): boolean {
  return a.family === b.family && a.bytes.every((byte, i) => byte === b.bytes[i]);
}

/** virSocketAddrGetNumNetmaskBits: -1 when the mask is not contiguous. */
export function netmaskBits(mask: SocketAddress): number {
  const bits = mask.bytes.map((b) => b.toString(2).padStart(8, '0')).join('');
  return /^1*0*$/.test(bits) ? bits.indexOf('0') === -1 ? bits.length : bits.indexOf('0') : -1;
}

/** virSocketAddrGetIPPrefix: explicit prefix, else the netmask's bits, else the natural prefix. */
export function ipPrefix(address: SocketAddress, netmask: SocketAddress | undefined, prefix: number | undefined): number {
  if (prefix !== undefined && prefix > 0) return prefix;
  if (netmask) return netmaskBits(netmask);
  if (address.family === 4) {
    const octet = address.bytes[0]!;
    if (address.bytes.every((b) => b === 0)) return 0;
    if ((octet & 0x80) === 0) return 8;
    if ((octet & 0xc0) === 0x80) return 16;
    if ((octet & 0xe0) === 0xc0) return 24;
    return -1;
  }
  return address.bytes.every((b) => b === 0) ? 0 : 64;
}

/** virSocketAddrPrefixToNetmask: null for a prefix out of range. */
export function prefixToNetmask(prefix: number, family: 4 | 6): SocketAddress | null {
  const width = family === 4 ? 32 : 128;
  if (prefix < 0 || prefix > width) return null;
  const bytes = Array.from({ length: width / 8 }, (_, i) => {
    const ones = Math.max(0, Math.min(8, prefix - i * 8));
    return (0xff << (8 - ones)) & 0xff;
  });
  return { family, bytes };
}

/** virSocketAddrMask: the address with the netmask applied. */
export function maskAddress(addr: SocketAddress, mask: SocketAddress): SocketAddress {
  return { family: addr.family, bytes: addr.bytes.map((b, i) => b & (mask.bytes[i] ?? 0)) };
}
