import type { DhcpHost, DhcpLease, DhcpRange, NetworkIpDef } from '../model/network-def.js';
import { addressRangeError } from './address-range-error.js';
import { parseCInteger } from './c-integer.js';
import { libvirtMessage as m } from './libvirt-message.js';
import { isMulticastMac, parseMacAddress } from './mac-address.js';
import { child, children, prop, xpathProp, type ParseContext } from './parse-context.js';
import type { XmlElement } from './read-xml.js';
import { formatSocketAddress, ipPrefix, parseSocketAddress, socketAddressParseError, type SocketAddress } from './socket-address.js';

/** The `<ip>` a DHCP element belongs to, as the range and host checks need it. */
export interface IpContext {
  readonly address: SocketAddress;
  readonly prefix: number;
}

/** The parsed `<ip>` address and prefix (virNetworkIPDefPrefix). */
export function ipContextOf(ip: NetworkIpDef): IpContext {
  const address = parseSocketAddress(ip.address)!;
  const netmask = ip.netmask === undefined ? undefined : parseSocketAddress(ip.netmask)!;
  return { address, prefix: ipPrefix(address, netmask, ip.prefix) };
}

// virNetworkDHCPLeaseTimeDefParseXML: no expiry means no lease at all.
function parseLease(ctx: ParseContext, node: XmlElement): DhcpLease | undefined {
  const expiryText = prop(node, 'expiry');
  if (expiryText === undefined) return undefined;
  const expiry = parseCInteger(expiryText, 'ullp', 0);
  if (expiry === null) ctx.fail(node, m.xmlError(`Invalid value for attribute 'expiry' in element 'lease': '${expiryText}'. Expected non-negative integer value`));
  const unitText = prop(node, 'unit');
  if (unitText !== undefined && !['seconds', 'minutes', 'hours'].includes(unitText)) {
    ctx.fail(node, m.xmlError(`Invalid value for attribute 'unit' in element 'lease': '${unitText}'.`));
  }
  const unit = (unitText ?? 'minutes') as DhcpLease['unit'];
  if (expiry > 0 && ((unit === 'seconds' && expiry < 120) || (unit === 'minutes' && expiry < 2))) {
    ctx.fail(node, m.configUnsupported('The minimum lease time should be greater than 2 minutes'));
  }
  return { expiry, unit };
}

function lastLease(ctx: ParseContext, node: XmlElement): DhcpLease | undefined {
  let lease: DhcpLease | undefined;
  for (const l of children(node, 'lease')) lease = parseLease(ctx, l) ?? lease;
  return lease;
}

/** virNetworkDHCPRangeDefParseXML. */
export function parseDhcpRange(ctx: ParseContext, net: string, ip: IpContext, node: XmlElement): DhcpRange {
  const address = (attr: 'start' | 'end'): SocketAddress => {
    const text = prop(node, attr);
    if (text === undefined) ctx.fail(node, m.xmlError(`Missing '${attr}' attribute in dhcp range for network '${net}'`));
    return parseSocketAddress(text) ?? ctx.fail(node, socketAddressParseError(text));
  };
  const start = address('start');
  const end = address('end');
  const error = addressRangeError(start, end, ip.address, ip.prefix);
  if (error) ctx.fail(node, error);
  const lease = lastLease(ctx, node);
  const range = { start: formatSocketAddress(start), end: formatSocketAddress(end) };
  return lease ? { ...range, lease } : range;
}

/** virNetworkDHCPHostDefParseXML; `partialOkay` for net-update delete. */
export function parseDhcpHost(ctx: ParseContext, net: string, ip: IpContext, node: XmlElement, partialOkay: boolean): DhcpHost {
  const mac = prop(node, 'mac');
  if (mac !== undefined) {
    if (ip.address.family === 6) ctx.fail(node, m.xmlError(`Invalid to specify MAC address '${mac}' in network '${net}' IPv6 static host definition`));
    const parsed = parseMacAddress(mac);
    if (parsed === null) ctx.fail(node, m.xmlError(`Cannot parse MAC address '${mac}' in network '${net}'`));
    if (isMulticastMac(parsed)) ctx.fail(node, m.xmlError(`expected unicast mac address, found multicast '${mac}' in network '${net}'`));
  }
  const id = prop(node, 'id');
  const bad = id === undefined ? undefined : /[^0-9a-fA-F:]/.exec(id);
  if (bad) ctx.fail(node, m.xmlError(`Invalid character '${bad[0]}' in id '${id}' of network '${net}'`));
  const name = prop(node, 'name');
  if (name !== undefined && !/^[A-Za-z0-9]/.test(name)) ctx.fail(node, m.xmlError(`Cannot use host name '${name}' in network '${net}'`));
  const ipText = prop(node, 'ip');
  const address = ipText === undefined ? undefined : parseSocketAddress(ipText);
  if (address === null) ctx.fail(node, m.xmlError(`Invalid IP address in static host definition for network '${net}'`));
  if (partialOkay) {
    if (mac === undefined && name === undefined && ipText === undefined) {
      ctx.fail(node, m.xmlError(`At least one of name, mac, or ip attribute must be specified for static host definition in network '${net}' `));
    }
  } else {
    if (ip.address.family === 6 && id === undefined && name === undefined) {
      ctx.fail(node, m.xmlError(`Static host definition in IPv6 network '${net}' must have id or name attribute`));
    }
    if (ip.address.family === 4 && mac === undefined && name === undefined) {
      ctx.fail(node, m.xmlError(`Static host definition in IPv4 network '${net}' must have mac or name attribute`));
    }
    if (ipText === undefined) ctx.fail(node, m.xmlError(`Missing IP address in static host definition for network '${net}'`));
  }
  const lease = lastLease(ctx, node);
  const host: { -readonly [K in keyof DhcpHost]: DhcpHost[K] } = {};
  if (mac !== undefined) host.mac = mac;
  if (id !== undefined) host.id = id;
  if (name !== undefined) host.name = name;
  if (address) host.ip = formatSocketAddress(address);
  if (lease) host.lease = lease;
  return host;
}

/** virNetworkIPDefParseXML, with virNetworkDHCPDefParseXML for its `<dhcp>`. */
export function parseIp(ctx: ParseContext, net: string, node: XmlElement): NetworkIpDef {
  const family = xpathProp(node, 'family');
  const addressText = xpathProp(node, 'address');
  if (addressText === undefined) ctx.fail(node, m.xmlError(`Missing required address attribute in network '${net}'`));
  const address = parseSocketAddress(addressText) ?? ctx.fail(node, m.xmlError(`Invalid address '${addressText}' in network '${net}'`));
  const netmaskText = xpathProp(node, 'netmask');
  const netmask = netmaskText === undefined ? undefined : parseSocketAddress(netmaskText) ?? ctx.fail(node, m.xmlError(`Invalid netmask '${netmaskText}' in network '${net}'`));
  const prefixText = prop(node, 'prefix');
  const prefix = prefixText === undefined ? 0 : parseCInteger(prefixText, 'uip');
  if (prefix === null) ctx.fail(node, m.xmlError(`Invalid value for attribute 'prefix' in element 'ip': '${prefixText}'. Expected non-negative integer value`));
  const localPtr = prop(node, 'localPtr');
  if (localPtr !== undefined && localPtr !== 'yes' && localPtr !== 'no') ctx.fail(node, m.xmlError(`Invalid value for attribute 'localPtr' in element 'ip': '${localPtr}'.`));
  if (family === undefined || family === 'ipv4') {
    if (address.family !== 4) ctx.fail(node, m.configUnsupported(`${family === undefined ? 'no' : 'ipv4'} family specified for non-IPv4 address '${addressText}' in network '${net}'`));
    if (netmask) {
      if (netmask.family !== 4) ctx.fail(node, m.configUnsupported(`Invalid netmask '${netmaskText}' for address '${addressText}' in network '${net}' (both must be IPv4)`));
      if (prefix > 0) ctx.fail(node, m.configUnsupported(`Network '${net}' IP address cannot have both a prefix and a netmask`));
    } else if (prefix > 32) ctx.fail(node, m.configUnsupported(`Invalid IPv4 prefix '${prefix}' in network '${net}'`));
  } else if (family === 'ipv6') {
    if (address.family !== 6) ctx.fail(node, m.configUnsupported(`Family 'ipv6' specified for non-IPv6 address '${addressText}' in network '${net}'`));
    if (netmask) ctx.fail(node, m.configUnsupported(`netmask not allowed for IPv6 address '${addressText}' in network '${net}'`));
    if (prefix > 128) ctx.fail(node, m.configUnsupported(`Invalid IPv6 prefix '${prefix}' in network '${net}'`));
  } else {
    ctx.fail(node, m.xmlError(`Unrecognized family '${family}' in network '${net}'`));
  }
  const ipCtx: IpContext = { address, prefix: ipPrefix(address, netmask, prefix) };
  const ranges: DhcpRange[] = [];
  const hosts: DhcpHost[] = [];
  let bootp: NetworkIpDef['dhcp']['bootp'];
  for (const item of child(node, 'dhcp')?.children ?? []) {
    if (item.kind !== 'element' || item.namespaceURI !== null) continue;
    if (item.localName === 'range') ranges.push(parseDhcpRange(ctx, net, ipCtx, item));
    else if (item.localName === 'host') hosts.push(parseDhcpHost(ctx, net, ipCtx, item, false));
    else if (item.localName === 'bootp' && address.family === 4) {
      const file = prop(item, 'file');
      if (file === undefined) continue;
      const serverText = prop(item, 'server');
      const server = serverText === undefined ? undefined : parseSocketAddress(serverText) ?? ctx.fail(item, socketAddressParseError(serverText));
      bootp = server ? { file, server: formatSocketAddress(server) } : { file };
    }
  }
  const tftpNode = child(node, 'tftp');
  if (tftpNode && address.family !== 4) ctx.fail(tftpNode, m.configUnsupported(`Unsupported <tftp> element in an IPv6 element in network '${net}'`));
  const root = xpathProp(tftpNode, 'root');
  const ip: { -readonly [K in keyof NetworkIpDef]: NetworkIpDef[K] } = { address: formatSocketAddress(address), dhcp: bootp ? { ranges, hosts, bootp } : { ranges, hosts } };
  if (family !== undefined) ip.family = family as 'ipv4' | 'ipv6';
  if (netmask) ip.netmask = formatSocketAddress(netmask);
  if (prefix > 0) ip.prefix = prefix;
  if (localPtr !== undefined) ip.localPtr = localPtr as 'yes' | 'no';
  if (tftpNode) ip.tftp = root === undefined ? {} : { root };
  return ip;
}
