import type { NetworkDef } from '../../model/network-def.js';

/** `a.b.c.d/prefix` of each IPv4 address of the network, the routes its bridge would add. */
export function ipv4Subnets(def: NetworkDef): string[] {
  const subnets: string[] = [];
  for (const ip of def.ips) {
    if (ip.family === 'ipv6' || ip.address === undefined || ip.address.includes(':')) continue;
    const prefix = ip.prefix ?? (ip.netmask ? netmaskBits(ip.netmask) : naturalPrefix(ip.address));
    subnets.push(`${networkAddress(ip.address, prefix)}/${prefix}`);
  }
  return subnets;
}

const toInt = (addr: string) => addr.split('.').reduce((acc, octet) => (acc << 8) + Number(octet), 0) >>> 0;
const fromInt = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 0xff).join('.');
const netmaskBits = (mask: string) => toInt(mask).toString(2).replace(/0/g, '').length;

// virNetworkIPDefPrefix: class A/B/C natural prefix when neither netmask nor prefix is given.
function naturalPrefix(addr: string): number {
  const first = Number(addr.split('.')[0]);
  if ((first & 0x80) === 0) return 8;
  if ((first & 0xc0) === 0x80) return 16;
  return 24;
}

function networkAddress(addr: string, prefix: number): string {
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return fromInt((toInt(addr) & mask) >>> 0);
}
