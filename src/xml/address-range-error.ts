import { formatSocketAddress, maskAddress, prefixToNetmask, sameAddress, type SocketAddress } from './socket-address.js';

const internal = (detail: string) => `internal error: ${detail}`;

/**
 * virSocketAddrGetRange's checks, as libvirt's error message (null when the range is fine):
 * same family, inside the network, not its network/broadcast address, at most 65535 addresses
 * and not reversed. `network`/`prefix` are the `<ip>` the range belongs to (omitted for `<nat>`).
 */
export function addressRangeError(start: SocketAddress, end: SocketAddress, network?: SocketAddress, prefix?: number): string | null {
  const s = formatSocketAddress(start);
  const e = formatSocketAddress(end);
  if (start.family !== end.family) return internal(`mismatch of address family in range ${s} - ${e}`);
  if (network) {
    const n = formatSocketAddress(network);
    if (start.family !== network.family) return internal(`mismatch of address family in range ${s} - ${e} for network ${n}`);
    const mask = prefix === undefined ? null : prefixToNetmask(prefix, network.family);
    if (!mask) return internal(`bad prefix ${prefix ?? -1} for network ${n} when  checking range ${s} - ${e}`);
    const inside = (a: SocketAddress) => sameAddress(maskAddress(a, mask), maskAddress(network, mask));
    if (!inside(start) || !inside(end)) return internal(`range ${s} - ${e} is not entirely within network ${n}/${prefix}`);
    if (start.family === 4) {
      const netaddr = maskAddress(network, mask);
      const broadcast: SocketAddress = { family: 4, bytes: netaddr.bytes.map((b, i) => b | (~mask.bytes[i]! & 0xff)) };
      if (sameAddress(start, netaddr)) return internal(`start of range ${s} - ${e} in network ${n}/${prefix} is the network address`);
      if (sameAddress(end, broadcast)) return internal(`end of range ${s} - ${e} in network ${n}/${prefix} is the broadcast address`);
    }
  }
  if (start.family === 4) {
    if (start.bytes[0] !== end.bytes[0] || start.bytes[1] !== end.bytes[1]) return internal(`range ${s} - ${e} is too large (> 65535)`);
    const size = (end.bytes[2]! - start.bytes[2]!) * 256 + (end.bytes[3]! - start.bytes[3]!);
    if (size < 0) return internal(`range ${s} - ${e} is reversed `);
    return null;
  }
  for (let i = 0; i < 14; i++) {
    if (start.bytes[i] !== end.bytes[i]) return internal(`range ${s} - ${e} is too large (> 65535)`);
  }
  const word = (a: SocketAddress) => (a.bytes[14]! << 8) | a.bytes[15]!;
  if (word(end) - word(start) < 0) return internal(`range ${s} - ${e} start larger than end`);
  return null;
}
