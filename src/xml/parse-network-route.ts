import type { NetworkRouteDef } from '../model/network-def.js';
import { parseCInteger } from './c-integer.js';
import { libvirtMessage as m } from './libvirt-message.js';
import { prop, type ParseContext } from './parse-context.js';
import type { XmlElement } from './read-xml.js';
import { formatSocketAddress, maskAddress, parseSocketAddress, prefixToNetmask, sameAddress } from './socket-address.js';

/** virNetDevIPRouteParseXML + virNetDevIPRouteCreate (errorDetail is the network name). */
export function parseRoute(ctx: ParseContext, net: string, node: XmlElement): NetworkRouteDef {
  const fail = (detail: string): never => ctx.fail(node, m.xmlError(`${net}: ${detail}`));
  const uint = (attr: 'prefix' | 'metric', nonzero: boolean): number | undefined => {
    const text = prop(node, attr);
    if (text === undefined) return undefined;
    const value = parseCInteger(text, 'uip');
    if (value === null) ctx.fail(node, m.xmlError(`Invalid value for attribute '${attr}' in element 'route': '${text}'. Expected non-negative integer value`));
    if (nonzero && value === 0) ctx.fail(node, m.xmlError(`Invalid value for attribute '${attr}' in element 'route': Zero is not permitted`));
    return value;
  };
  const prefix = uint('prefix', false);
  const metric = uint('metric', true);
  const family = prop(node, 'family');
  const addressText = prop(node, 'address');
  const netmaskText = prop(node, 'netmask');
  const gatewayText = prop(node, 'gateway');
  if (addressText === undefined) return fail('Missing required address attribute in route definition');
  if (gatewayText === undefined) return fail('Missing required gateway attribute in route definition');
  const address = parseSocketAddress(addressText) ?? fail(`Bad network address '${addressText}' in route definition`);
  const gateway = parseSocketAddress(gatewayText) ?? fail(`Bad gateway address '${gatewayText}' in route definition`);
  let netmask = undefined;
  if (family === undefined || family === 'ipv4') {
    const which = family === undefined ? 'No family' : 'IPv4 family';
    if (address.family !== 4) fail(`${which} specified for non-IPv4 address '${addressText}' in route definition`);
    if (gateway.family !== 4) fail(`${which} specified for non-IPv4 gateway '${addressText}' in route definition`);
    if (netmaskText !== undefined) {
      netmask = parseSocketAddress(netmaskText) ?? fail(`Bad netmask address '${netmaskText}' in route definition`);
      if (netmask.family !== 4) fail(`Invalid netmask '${netmaskText}' for address '${addressText}' (both must be IPv4)`);
      if (prefix !== undefined) fail('Route definition cannot have both a prefix and a netmask');
    }
    if ((prefix ?? 0) > 32) fail(`Invalid prefix ${prefix} specified in route definition, must be 0 - 32`);
  } else if (family === 'ipv6') {
    if (address.family !== 6) fail(`ipv6 family specified for non-IPv6 address '${addressText}' in route definition`);
    if (netmaskText !== undefined) fail(`Specifying netmask invalid for IPv6 address '${addressText}' in route definition`);
    if (gateway.family !== 6) fail(`ipv6 specified for non-IPv6 gateway address '${gatewayText}' in route definition`);
    if ((prefix ?? 0) > 128) fail(`Invalid prefix ${prefix} specified in route definition, must be 0 - 128`);
  } else {
    fail(`Unrecognized family '${family}' in route definition`);
  }
  // The address must be a network address for its netmask/prefix (no prefix means /0).
  const mask = netmask ?? prefixToNetmask(prefix ?? 0, address.family)!;
  if (!sameAddress(address, maskAddress(address, mask))) fail(`Address '${addressText}' in route definition is not a network address`);
  const route: { -readonly [K in keyof NetworkRouteDef]: NetworkRouteDef[K] } = { address: formatSocketAddress(address), gateway: formatSocketAddress(gateway) };
  if (family !== undefined) route.family = family as 'ipv4' | 'ipv6';
  if (netmask) route.netmask = formatSocketAddress(netmask);
  if (prefix !== undefined) route.prefix = prefix;
  if (metric !== undefined) route.metric = metric;
  return route;
}
