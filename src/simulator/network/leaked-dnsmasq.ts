import type { NetworkDef } from '../../model/network-def.js';
import { formatSocketAddress, parseSocketAddress } from '../../xml/socket-address.js';
import { libvirtErrors } from '../libvirt-errors.js';
import type { LeakedDnsmasq, SimulatorState } from '../simulator-state.js';

// networkStartDhcpDaemon: dnsmasq runs for a network with an address, unless it has no DHCP and DNS is off.
function runsDnsmasq(def: NetworkDef): boolean {
  if (def.ips.length === 0) return false;
  return def.ips.some((ip) => ip.dhcp.ranges.length > 0 || ip.dhcp.hosts.length > 0) || def.dns?.enable !== 'no';
}

/** The IPv4 addresses a network's dnsmasq listens on, in definition order (formatted as libvirt does). */
function ipv4Addresses(def: NetworkDef): string[] {
  return def.ips.flatMap((ip) => {
    const address = parseSocketAddress(ip.address);
    return address && address.family === 4 ? [formatSocketAddress(address)] : [];
  });
}

/**
 * The dnsmasq a `started` veto leaves running with the bridge (libvirt < 10.8): it keeps its IPv4
 * sockets after the bridge is deleted (its IPv6 ones go with the addresses), so null when nothing
 * would be held (differential capture: dn-veto, dn-veto-dhcp, dn-veto-v6, dn-veto-nodns).
 */
export function leakDnsmasq(name: string, def: NetworkDef): LeakedDnsmasq | null {
  const addresses = ipv4Addresses(def);
  return runsDnsmasq(def) && addresses.length > 0 ? { network: name, addresses } : null;
}

/**
 * networkStartDhcpDaemon's failure when a leaked dnsmasq holds an IPv4 address the new one listens
 * on: dnsmasq names the last such address of the definition (it binds them newest first), or null.
 */
export function dnsmasqConflict(state: SimulatorState, name: string, def: NetworkDef): string | null {
  if (!runsDnsmasq(def)) return null;
  const held = new Set((state.leakedDnsmasq ?? []).flatMap((d) => d.addresses));
  const address = ipv4Addresses(def).filter((a) => held.has(a)).at(-1);
  if (address === undefined) return null;
  const command = `VIR_BRIDGE_NAME=${def.bridge?.name} /usr/sbin/dnsmasq --conf-file=/var/lib/libvirt/dnsmasq/${name}.conf --leasefile-ro --dhcp-script=/usr/lib/libvirt/libvirt_leaseshelper`;
  return libvirtErrors.internal(`Child process (${command}) unexpected exit status 2: \ndnsmasq: failed to create listening socket for ${address}: Address already in use`);
}
