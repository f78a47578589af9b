import type { PortGroupDef } from '../model/network-def.js';
import { libvirtMessage as m } from './libvirt-message.js';
import { child, xpathProp, type ParseContext } from './parse-context.js';
import { parseBandwidth, parseVirtualPort, parseVlan } from './parse-netdev.js';
import { tristate } from './parse-network-dns.js';
import type { XmlElement } from './read-xml.js';

/** virNetworkPortGroupParseXML. */
export function parsePortGroup(ctx: ParseContext, node: XmlElement): PortGroupDef {
  const name = xpathProp(node, 'name');
  if (name === undefined) ctx.fail(node, m.xmlError('Missing required name attribute in portgroup'));
  const group: { -readonly [K in keyof PortGroupDef]: PortGroupDef[K] } = { name };
  if (xpathProp(node, 'default')?.toLowerCase() === 'yes') group.isDefault = true;
  const trust = tristate(ctx, node, 'trustGuestRxFilters');
  if (trust) group.trustGuestRxFilters = trust;
  const virtualport = child(node, 'virtualport');
  if (virtualport) group.virtualport = parseVirtualPort(ctx, virtualport, false);
  const bandwidthNode = child(node, 'bandwidth');
  const bandwidth = bandwidthNode && parseBandwidth(ctx, bandwidthNode);
  if (bandwidth) group.bandwidth = bandwidth;
  const vlan = child(node, 'vlan');
  if (vlan) group.vlan = parseVlan(ctx, vlan);
  return group;
}
