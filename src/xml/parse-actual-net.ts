import type { ActualNetDef } from '../model/domain-net-def.js';
import { parseCInteger } from './c-integer.js';
import type { DomainParseContext } from './domain-parse-context.js';
import { libvirtMessage as m } from './libvirt-message.js';
import { child, prop } from './parse-context.js';
import { parsePciAddress } from './parse-device-info.js';
import { parseBandwidth, parseVirtualPort, parseVlan } from './parse-netdev.js';
import { tristate } from './parse-network-dns.js';
import type { XmlElement } from './read-xml.js';

const ACTUAL_TYPES: readonly ActualNetDef['type'][] = ['network', 'bridge', 'direct', 'hostdev'];

/**
 * virDomainActualNetDefParseXML: the `<actual>` a status file keeps inside a running guest's
 * `<interface type='network'>` (VIR_DOMAIN_DEF_PARSE_ACTUAL_NET): the device the network's port
 * gave it, with the tc class (`<class id>`), vlan, virtualport, bandwidth and isolation.
 */
export function parseActualNet(ctx: DomainParseContext, node: XmlElement): ActualNetDef {
  const type = prop(node, 'type');
  if (type === undefined) ctx.fail(node, m.internal('missing type attribute in interface\'s <actual> element'));
  if (!(ACTUAL_TYPES as readonly string[]).includes(type)) ctx.fail(node, m.internal(`Unsupported type '${type}' in interface's <actual> element`));
  const source = child(node, 'source');
  const classText = prop(child(node, 'class'), 'id');
  const classId = classText === undefined ? 0 : parseCInteger(classText, 'uip') ?? ctx.fail(child(node, 'class')!, m.internal(`Unable to parse class id '${classText}'`));
  const vlanNode = child(node, 'vlan');
  const vportNode = child(node, 'virtualport');
  const bandwidthNode = child(node, 'bandwidth');
  const mtm = prop(source, 'macTableManager');
  const bridged = type === 'network' || type === 'bridge';
  let hostdev: ActualNetDef['hostdev'] = null;
  if (type === 'hostdev') {
    const address = child(source, 'address') ?? ctx.fail(node, m.xmlError('Missing PCI address in hostdev <actual>'));
    const { domain, bus, slot, function: fn } = parsePciAddress(ctx, address);
    hostdev = { address: { domain, bus, slot, function: fn }, managed: prop(node, 'managed') === 'yes', driver: prop(child(node, 'driver'), 'name') ?? null };
  }
  return {
    type: type as ActualNetDef['type'],
    bridge: bridged ? prop(source, 'bridge') ?? null : null,
    macTableManager: bridged ? mtm ?? null : null,
    direct: type === 'direct' ? { dev: prop(source, 'dev') ?? '', mode: prop(source, 'mode') ?? 'vepa' } : null,
    hostdev,
    vlan: vlanNode ? parseVlan(ctx, vlanNode) : null,
    virtualport: vportNode ? parseVirtualPort(ctx, vportNode, false) : null,
    bandwidth: (bandwidthNode && parseBandwidth(ctx, bandwidthNode, true)) || null,
    isolatedPort: tristate(ctx, child(node, 'port'), 'isolated') ?? null,
    trustGuestRxFilters: tristate(ctx, node, 'trustGuestRxFilters') ?? null,
    classId,
  };
}
