import type { DhcpHost, NetworkDef, NetworkDnsDef, NetworkIpDef } from '../model/network-def.js';
import { libvirtMessage as m } from './libvirt-message.js';
import { parseMacAddress } from './mac-address.js';
import { ParseContext, prop, SectionFailed } from './parse-context.js';
import { parseDnsHost, parseDnsSrv, parseDnsTxt } from './parse-network-dns.js';
import { ipContextOf, parseDhcpHost, parseDhcpRange } from './parse-network-ip.js';
import { parsePortGroup } from './parse-portgroup.js';
import { readXml, type XmlElement } from './read-xml.js';
import { parseSocketAddress, sameAddress } from './socket-address.js';

/** virNetworkUpdateCommand as virsh names it (`add` is add-last). */
export type UpdateCommand = 'add' | 'add-first' | 'add-last' | 'delete' | 'modify';

/** virNetworkUpdateSection as virsh names it. */
export type UpdateSection = 'bridge' | 'domain' | 'ip' | 'ip-dhcp-host' | 'ip-dhcp-range' | 'forward' | 'forward-interface' | 'forward-pf' | 'portgroup' | 'dns-host' | 'dns-txt' | 'dns-srv';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

class UpdateFailed extends Error {}
const fail = (message: string): never => { throw new UpdateFailed(message); };

const insert = <T>(list: readonly T[], item: T, first: boolean): T[] => (first ? [item, ...list] : [...list, item]);
const sameIp = (a: string | undefined, b: string | undefined) => {
  const x = a === undefined ? undefined : parseSocketAddress(a);
  const y = b === undefined ? undefined : parseSocketAddress(b);
  return !!x && !!y && sameAddress(x, y);
};
// virMacAddrCompare: compares the parsed addresses, so case and leading zeros do not matter.
const sameMac = (a: string, b: string) => parseMacAddress(a) !== null && parseMacAddress(a) === parseMacAddress(b);

function checkName(def: NetworkDef, node: XmlElement, section: string): void {
  if (node.name !== section) fail(m.xmlError(`unexpected element <${node.name}>, expecting <${section}>, while updating network '${def.name}'`));
}

// virNetworkIPDefByIndex: -1 picks the <ip> with DHCP, else the first IPv4, else the first IPv6.
function ipByIndex(def: NetworkDef, parentIndex: number): number | string {
  if (parentIndex >= 0) {
    return parentIndex < def.ips.length ? parentIndex : m.operationInvalid(`couldn't update dhcp host entry - no <ip> element found at index ${parentIndex} in network '${def.name}'`);
  }
  const withDhcp = def.ips.findIndex((ip) => ip.dhcp.ranges.length > 0 || ip.dhcp.hosts.length > 0);
  if (withDhcp >= 0) return withDhcp;
  const family = (f: 4 | 6) => def.ips.findIndex((ip) => parseSocketAddress(ip.address)!.family === f);
  const found = family(4) >= 0 ? family(4) : family(6);
  return found >= 0 ? found : m.operationInvalid(`couldn't update dhcp host entry - no <ip> element found in network '${def.name}'`);
}

// virNetworkDefUpdateCheckMultiDHCP
function checkMultiDhcp(def: NetworkDef, index: number): void {
  const family = parseSocketAddress(def.ips[index]!.address)!.family;
  def.ips.forEach((ip, i) => {
    if (i !== index && parseSocketAddress(ip.address)!.family === family && (ip.dhcp.ranges.length || ip.dhcp.hosts.length)) {
      fail(m.operationInvalid(`dhcp is supported only for a single ${family === 4 ? 'IPv4' : 'IPv6'} address on each network`));
    }
  });
}

function withIp(def: NetworkDef, index: number, change: (ip: NetworkIpDef) => NetworkIpDef): NetworkDef {
  return { ...def, ips: def.ips.map((ip, i) => (i === index ? change(ip) : ip)) };
}

function updateDhcpHost(ctx: ParseContext, def: NetworkDef, command: UpdateCommand, node: XmlElement, parentIndex: number): NetworkDef {
  const index = ipByIndex(def, parentIndex);
  checkName(def, node, 'host');
  if (typeof index === 'string') return fail(index);
  const ipdef = def.ips[index]!;
  const partialOkay = command === 'delete';
  const host = parseDhcpHost(ctx, def.name, ipContextOf(ipdef), node, partialOkay);
  const family = parseSocketAddress(ipdef.address)!.family;
  if (!partialOkay && parseSocketAddress(host.ip!)!.family !== family) {
    fail(m.operationInvalid("the address family of a host entry IP must match the address family of the dhcp element's parent"));
  }
  const hosts = ipdef.dhcp.hosts;
  const describe = () => `mac='${host.mac ?? 'unknown'}'" "name='${host.name ?? '(null)'}'" "ip='${host.ip ?? 'unknown'}'`;
  const matchesAny = (h: DhcpHost) => (host.mac !== undefined && h.mac !== undefined && sameMac(host.mac, h.mac)) ||
    (host.name !== undefined && host.name === h.name) || sameIp(host.ip, h.ip);
  let next: DhcpHost[];
  if (command === 'modify') {
    const i = hosts.findIndex(matchesAny);
    if (i < 0) fail(m.operationInvalid(`couldn't locate an existing dhcp host entry with "${describe()}" in network '${def.name}'`));
    next = hosts.map((h, j) => (j === i ? host : h));
  } else if (command === 'delete') {
    const i = hosts.findIndex((h) => (host.mac === undefined || h.mac === undefined || sameMac(host.mac, h.mac)) &&
      (host.name === undefined || host.name === h.name) && (host.ip === undefined || sameIp(host.ip, h.ip)));
    if (i < 0) fail(m.operationInvalid(`couldn't locate a matching dhcp host entry in network '${def.name}'`));
    next = hosts.filter((_, j) => j !== i);
  } else {
    checkMultiDhcp(def, index);
    if (hosts.some(matchesAny)) {
      fail(m.operationInvalid(`there is an existing dhcp host entry in network '${def.name}' that matches "<host mac='${host.mac ?? 'unknown'}' name='${host.name ?? '(null)'}' ip='${host.ip ?? 'unknown'}'/>"`));
    }
    next = insert(hosts, host, command === 'add-first');
  }
  return withIp(def, index, (ip) => ({ ...ip, dhcp: { ...ip.dhcp, hosts: next } }));
}

function updateDhcpRange(ctx: ParseContext, def: NetworkDef, command: UpdateCommand, node: XmlElement, parentIndex: number): NetworkDef {
  const index = ipByIndex(def, parentIndex);
  checkName(def, node, 'range');
  if (typeof index === 'string') return fail(index);
  if (command === 'modify') fail(m.operationUnsupported('dhcp ranges cannot be modified, only added or deleted'));
  const ipdef = def.ips[index]!;
  const range = parseDhcpRange(ctx, def.name, ipContextOf(ipdef), node);
  if (parseSocketAddress(range.start)!.family !== parseSocketAddress(ipdef.address)!.family) {
    fail(m.operationInvalid("the address family of a dhcp range must match the address family of the dhcp element's parent"));
  }
  const ranges = ipdef.dhcp.ranges;
  const i = ranges.findIndex((r) => sameIp(r.start, range.start) && sameIp(r.end, range.end));
  let next;
  if (command === 'delete') {
    if (i < 0) fail(m.operationInvalid(`couldn't locate a matching dhcp range entry in network '${def.name}'`));
    next = ranges.filter((_, j) => j !== i);
  } else {
    checkMultiDhcp(def, index);
    if (i >= 0) fail(m.operationInvalid(`there is an existing dhcp range entry in network '${def.name}' that matches "<range start='${range.start}' end='${range.end}'/>"`));
    next = insert(ranges, range, command === 'add-first');
  }
  return withIp(def, index, (ip) => ({ ...ip, dhcp: { ...ip.dhcp, ranges: next } }));
}

function updateForwardInterface(def: NetworkDef, command: UpdateCommand, node: XmlElement): NetworkDef {
  checkName(def, node, 'interface');
  if (command === 'modify') fail(m.operationUnsupported('forward interface entries cannot be modified, only added or deleted'));
  const dev = prop(node, 'dev') ?? fail(m.xmlError('missing dev attribute in <interface> element'));
  const forward = def.forward ?? { mode: 'nat' as const, interfaces: [], addresses: [] };
  const interfaces = forward.interfaces;
  const i = interfaces.findIndex((x) => x.dev === dev);
  if (command === 'delete') {
    if (i < 0) fail(m.operationInvalid(`couldn't find an interface entry in network '${def.name}' matching <interface dev='${dev}'>`));
    const used = interfaces[i]!.connections ?? 0;
    // The message really has two spaces before "by" in 9.0.
    if (used > 0) fail(m.operationInvalid(`unable to delete interface '${dev}' in network '${def.name}'. It is currently being used  by ${used} domains.`));
    return def.forward ? { ...def, forward: { ...forward, interfaces: interfaces.filter((_, j) => j !== i) } } : def;
  }
  if (i >= 0) fail(m.operationInvalid(`there is an existing interface entry in network '${def.name}' that matches "<interface dev='${dev}'>"`));
  // With forward mode none the pool is kept by libvirt but never printed.
  return def.forward ? { ...def, forward: { ...forward, interfaces: insert(interfaces, { dev }, command === 'add-first') } } : def;
}

function updatePortGroup(ctx: ParseContext, def: NetworkDef, command: UpdateCommand, node: XmlElement): NetworkDef {
  checkName(def, node, 'portgroup');
  const group = parsePortGroup(ctx, node);
  const found = def.portgroups.findIndex((pg) => pg.name === group.name);
  const foundDefault = def.portgroups.findLastIndex((pg) => pg.isDefault);
  if (found < 0 && (command === 'modify' || command === 'delete')) {
    fail(m.operationInvalid(`couldn't find a portgroup entry in network '${def.name}' matching <portgroup name='${group.name}'>`));
  }
  if (found >= 0 && command !== 'modify' && command !== 'delete') {
    fail(m.operationInvalid(`there is an existing portgroup entry in network '${def.name}' that matches "<portgroup name='${group.name}'>"`));
  }
  if (command !== 'delete' && group.isDefault && foundDefault >= 0 && foundDefault !== found) {
    fail(m.operationInvalid(`a different portgroup entry in network '${def.name}' is already set as the default. Only one default is allowed.`));
  }
  if (command === 'modify') return { ...def, portgroups: def.portgroups.map((pg, i) => (i === found ? group : pg)) };
  if (command === 'delete') return { ...def, portgroups: def.portgroups.filter((_, i) => i !== found) };
  return { ...def, portgroups: insert(def.portgroups, group, command === 'add-first') };
}

const emptyDns: NetworkDnsDef = { forwarders: [], txts: [], hosts: [], srvs: [] };

function updateDns(ctx: ParseContext, def: NetworkDef, command: UpdateCommand, node: XmlElement, section: 'dns-host' | 'dns-txt' | 'dns-srv'): NetworkDef {
  const dns = def.dns ?? emptyDns;
  const net = def.name;
  const isAdd = command !== 'delete' && command !== 'modify';
  const what = { 'dns-host': 'HOST', 'dns-txt': 'TXT', 'dns-srv': 'SRV' }[section];
  if (command === 'modify') fail(m.operationUnsupported(`DNS ${what} records cannot be modified, only added or deleted`));
  const withDns = (change: Partial<Mutable<NetworkDnsDef>>): NetworkDef => ({ ...def, dns: { ...dns, ...change } });
  if (section === 'dns-host') {
    checkName(def, node, 'host');
    const host = parseDnsHost(ctx, net, node, !isAdd);
    const matches = dns.hosts.map((h, i) => ({ i, hit: sameIp(host.ip, h.ip) || (!isAdd && host.hostnames.some((n) => h.hostnames.includes(n))) })).filter((x) => x.hit);
    if (isAdd) {
      if (matches.length > 0) fail(m.operationInvalid(`there is already at least one DNS HOST record with a matching field in network ${net}`));
      return withDns({ hosts: insert(dns.hosts, host, command === 'add-first') });
    }
    if (matches.length === 0) fail(m.operationInvalid(`couldn't locate a matching DNS HOST record in network ${net}`));
    if (matches.length > 1) fail(m.operationInvalid(`multiple matching DNS HOST records were found in network ${net}`));
    return withDns({ hosts: dns.hosts.filter((_, i) => i !== matches[0]!.i) });
  }
  if (section === 'dns-srv') {
    checkName(def, node, 'srv');
    const srv = parseDnsSrv(ctx, net, node, !isAdd);
    const keys = ['domain', 'service', 'protocol', 'target'] as const;
    const matches = dns.srvs.map((s, i) => ({ i, hit: keys.every((k) => srv[k] === undefined || srv[k] === s[k]) })).filter((x) => x.hit);
    if (isAdd) {
      if (matches.length > 0) fail(m.operationInvalid(`there is already at least one DNS SRV record matching all specified fields in network ${net}`));
      return withDns({ srvs: insert(dns.srvs, srv, command === 'add-first') });
    }
    if (matches.length === 0) fail(m.operationInvalid(`couldn't locate a matching DNS SRV record in network ${net}`));
    if (matches.length > 1) fail(m.operationInvalid(`multiple DNS SRV records matching all specified fields were found in network ${net}`));
    return withDns({ srvs: dns.srvs.filter((_, i) => i !== matches.at(-1)!.i) });
  }
  checkName(def, node, 'txt');
  const txt = parseDnsTxt(ctx, net, node, !isAdd);
  const i = dns.txts.findIndex((t) => t.name === txt.name);
  if (isAdd) {
    if (i >= 0) fail(m.operationInvalid(`there is already a DNS TXT record with name '${txt.name}' in network ${net}`));
    return withDns({ txts: insert(dns.txts, txt, command === 'add-first') });
  }
  if (i < 0) fail(m.operationInvalid(`couldn't locate a matching DNS TXT record in network ${net}`));
  return withDns({ txts: dns.txts.filter((_, j) => j !== i) });
}

/**
 * virNetworkDefUpdateSection (libvirt 9.0): applies one net-update change to a definition.
 * Returns the new definition, or libvirt's error message as virsh prints it after `error: `.
 */
export function updateNetworkSection(def: NetworkDef, command: UpdateCommand, section: UpdateSection, xml: string, parentIndex: number): NetworkDef | { error: string } {
  let node: XmlElement;
  try {
    node = readXml(xml, 'network_update_xml');
  } catch (error) {
    const problem = (error as { problems?: { line?: number; message: string }[] }).problems?.[0];
    return { error: `at line ${problem?.line ?? 1}: ${problem?.message ?? 'malformed XML'}` };
  }
  const ctx = new ParseContext('network_update_xml');
  const cmd = command === 'add' ? 'add-last' : command;
  try {
    switch (section) {
      case 'bridge':
      case 'domain':
      case 'ip':
      case 'forward':
        return fail(m.operationUnsupported(`can't update '${section}' section of network '${def.name}'`));
      case 'forward-pf':
        return fail(m.operationUnsupported(`can't update 'forward pf' section of network '${def.name}'`));
      case 'ip-dhcp-host': return updateDhcpHost(ctx, def, cmd, node, parentIndex);
      case 'ip-dhcp-range': return updateDhcpRange(ctx, def, cmd, node, parentIndex);
      case 'forward-interface': return updateForwardInterface(def, cmd, node);
      case 'portgroup': return updatePortGroup(ctx, def, cmd, node);
      default: return updateDns(ctx, def, cmd, node, section);
    }
  } catch (error) {
    if (error instanceof UpdateFailed || error instanceof SectionFailed) return { error: error.message };
    throw error;
  }
}
