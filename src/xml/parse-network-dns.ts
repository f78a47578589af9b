import type { DnsForwarder, DnsHost, DnsSrv, DnsTxt, NetworkDnsDef, TristateBool } from '../model/network-def.js';
import { parseCInteger } from './c-integer.js';
import { libvirtMessage as m } from './libvirt-message.js';
import { children, prop, xpathProp, type ParseContext } from './parse-context.js';
import { textContent, type XmlElement } from './read-xml.js';
import { formatSocketAddress, parseSocketAddress } from './socket-address.js';

// DNS_RECORD_LENGTH_SRV: 512 minus the overhead RFC 2782 mentions.
const SRV_LENGTH_MAX = 512 - 30;
const PROTOCOL_CHARS = /^[A-Za-z0-9\-+/]*$/;
const SERVICE_CHARS = /^[A-Za-z0-9_\-+/*]*$/;

/** virXMLPropTristateBool with libvirt's message for anything but yes/no. */
export function tristate(ctx: ParseContext, node: XmlElement | undefined, name: string): TristateBool | undefined {
  const value = prop(node, name);
  if (value === undefined) return undefined;
  if (value !== 'yes' && value !== 'no') ctx.fail(node!, m.xmlError(`Invalid value for attribute '${name}' in element '${node!.name}': '${value}'.`));
  return value;
}

/** virNetworkDNSHostDefParseXML. */
export function parseDnsHost(ctx: ParseContext, net: string, node: XmlElement, partialOkay: boolean): DnsHost {
  const ipText = prop(node, 'ip');
  if (ipText === undefined && !partialOkay) ctx.fail(node, `Missing IP address in network '${net}' DNS HOST record`);
  const ip = ipText === undefined ? undefined : parseSocketAddress(ipText) ?? ctx.fail(node, `Invalid IP address in network '${net}' DNS HOST record`);
  const hostnames: string[] = [];
  for (const hostname of children(node, 'hostname')) {
    // A <hostname/> with no children at all is skipped, as libvirt does.
    if (hostname.children.length === 0) continue;
    const name = textContent(hostname);
    if (name === '') ctx.fail(hostname, `Missing hostname in network '${net}' DNS HOST record`);
    hostnames.push(name);
  }
  if (hostnames.length === 0 && !partialOkay) ctx.fail(node, `Missing hostname in network '${net}' DNS HOST record`);
  if (!ip && hostnames.length === 0) ctx.fail(node, `Missing ip and hostname in network '${net}' DNS HOST record`);
  return ip ? { ip: formatSocketAddress(ip), hostnames } : { hostnames };
}

/** virNetworkDNSSrvDefParseXML. */
export function parseDnsSrv(ctx: ParseContext, net: string, node: XmlElement, partialOkay: boolean): DnsSrv {
  const service = prop(node, 'service');
  const named = service ?? '(null)';
  if (service === undefined && !partialOkay) ctx.fail(node, `missing required service attribute in DNS SRV record of network '${net}'`);
  if (service !== undefined) {
    if (Buffer.byteLength(service) > SRV_LENGTH_MAX) ctx.fail(node, `service attribute '${service}' in network '${net}' is too long, limit is ${SRV_LENGTH_MAX} bytes`);
    if (!SERVICE_CHARS.test(service)) ctx.fail(node, `invalid character in service attribute '${service}' in DNS SRV record of network '${net}'`);
  }
  const protocol = prop(node, 'protocol');
  if (protocol === undefined && !partialOkay) ctx.fail(node, `missing required protocol attribute in DNS SRV record '${named}' of network '${net}'`);
  if (protocol !== undefined && !PROTOCOL_CHARS.test(protocol)) ctx.fail(node, `invalid character in protocol attribute '${protocol}' in DNS SRV record of network '${net}'`);
  const domain = prop(node, 'domain');
  const target = prop(node, 'target');
  const srv: { -readonly [K in keyof DnsSrv]: DnsSrv[K] } = {};
  const numeric = (attr: 'port' | 'priority' | 'weight', invalid: string) => {
    const text = xpathProp(node, attr);
    if (text === undefined) return;
    const value = parseCInteger(text, 'uip');
    if (value !== null && target === undefined) {
      ctx.fail(node, `DNS SRV ${attr} attribute not permitted without target for service '${named}' in network '${net}'`);
    }
    if (value === null || value > 65535 || (attr === 'port' && value < 1)) ctx.fail(node, `${invalid} for service '${named}' in network '${net}'`);
    srv[attr] = value;
  };
  numeric('port', 'invalid DNS SRV port attribute');
  numeric('priority', 'Invalid DNS SRV priority attribute');
  numeric('weight', 'invalid DNS SRV weight attribute');
  return { ...(service !== undefined && { service }), ...(protocol !== undefined && { protocol }), ...(domain !== undefined && { domain }), ...(target !== undefined && { target }), ...srv };
}

/** virNetworkDNSTxtDefParseXML. */
export function parseDnsTxt(ctx: ParseContext, net: string, node: XmlElement, partialOkay: boolean): DnsTxt {
  const name = prop(node, 'name');
  if (name === undefined) ctx.fail(node, `missing required name attribute in DNS TXT record of network ${net}`);
  if (/[ ,]/.test(name)) ctx.fail(node, `prohibited character in DNS TXT record name '${name}' of network ${net}`);
  const value = prop(node, 'value');
  if (value === undefined && !partialOkay) ctx.fail(node, `missing required value attribute in DNS TXT record named '${name}' of network ${net}`);
  return value === undefined ? { name } : { name, value };
}

/** virNetworkDNSDefParseXML. */
export function parseDns(ctx: ParseContext, net: string, node: XmlElement): NetworkDnsDef {
  const enable = tristate(ctx, node, 'enable');
  const forwardPlainNames = tristate(ctx, node, 'forwardPlainNames');
  const forwarders: DnsForwarder[] = children(node, 'forwarder').map((fwd) => {
    const addrText = prop(fwd, 'addr');
    const addr = addrText === undefined ? undefined : parseSocketAddress(addrText) ?? ctx.fail(fwd, m.xmlError(`Invalid forwarder IP address '${addrText}' in network '${net}'`));
    const domain = prop(fwd, 'domain');
    if (addrText === undefined && domain === undefined) ctx.fail(fwd, m.xmlError('Invalid forwarder element, must contain at least one of addr or domain'));
    return { ...(domain !== undefined && { domain }), ...(addr && { addr: formatSocketAddress(addr) }) };
  });
  const hosts = children(node, 'host').map((h) => parseDnsHost(ctx, net, h, false));
  const srvs = children(node, 'srv').map((s) => parseDnsSrv(ctx, net, s, false));
  const txts = children(node, 'txt').map((t) => parseDnsTxt(ctx, net, t, false));
  if (enable === 'no' && forwarders.length + hosts.length + srvs.length + txts.length > 0) {
    ctx.fail(node, m.xmlError(`Extra data in disabled network '${net}'`));
  }
  return { ...(enable && { enable }), ...(forwardPlainNames && { forwardPlainNames }), forwarders, txts, hosts, srvs };
}
