import { DOMAIN_NET_TYPES, type DomainNetDef, type DomainNetSource, type DomainNetType } from '../model/domain-net-def.js';
import type { BandwidthDef, BandwidthRate, TristateBool } from '../model/network-def.js';
import { parseCInteger } from './c-integer.js';
import { DomainParseContext } from './domain-parse-context.js';
import { libvirtMessage as m } from './libvirt-message.js';
import { isMulticastMac, parseMacAddress } from './mac-address.js';
import { DEVICE_INFO_ELEMENTS, parseDeviceInfo } from './parse-device-info.js';
import { parseActualNet } from './parse-actual-net.js';
import { parseVirtualPort, parseVlan } from './parse-netdev.js';
import { child, prop, SectionFailed } from './parse-context.js';
import { parseUuid } from './parse-uuid.js';
import { readXml, type XmlElement } from './read-xml.js';
import { toVerbatim } from './to-verbatim.js';

/** Children of `<interface>` kept verbatim (virDomainNetDefFormat knows them; virthook does not model them). */
const EXTRA_ELEMENTS = ['ip', 'route', 'portForward', 'script', 'downscript', 'backenddomain', 'guest', 'driver', 'backend',
  'filterref', 'tune', 'teaming', 'link', 'mtu', 'coalesce'];
const MODELLED = ['mac', 'source', 'vlan', 'virtualport', 'bandwidth', 'port', 'target', 'model', 'actual'];
const DIRECT_MODES = ['vepa', 'private', 'bridge', 'passthrough'];
// virDomainNetDefParseXML drops generated tap names from definitions (VIR_DOMAIN_DEF_PARSE_INACTIVE).
const GENERATED_PREFIXES = ['vnet', 'macvtap', 'macvlan'];

function tristate(ctx: DomainParseContext, node: XmlElement | undefined, name: string, element: string): TristateBool | null {
  const value = prop(node, name);
  if (value === undefined) return null;
  if (value !== 'yes' && value !== 'no') ctx.fail(node!, m.xmlError(`Invalid value for attribute '${name}' in element '${element}': '${value}'.`));
  return value;
}

/** virNetDevBandwidthParse with allowFloor for `type='network'` interfaces. */
function parseBandwidth(ctx: DomainParseContext, node: XmlElement, allowFloor: boolean): BandwidthDef | null {
  const rate = (el: XmlElement | undefined): BandwidthRate | undefined => {
    if (!el) return undefined;
    const out: Record<string, number> = {};
    for (const key of ['average', 'peak', 'burst', 'floor']) {
      const text = prop(el, key);
      if (text === undefined) continue;
      out[key] = parseCInteger(text, 'ullp') ?? ctx.fail(el, m.configUnsupported(`could not convert bandwidth ${key} value '${text}'`));
    }
    if (out.average === undefined && out.floor === undefined) ctx.fail(el, 'Missing mandatory average or floor attributes');
    if ((out.peak !== undefined || out.burst !== undefined) && out.average === undefined) ctx.fail(el, m.configUnsupported("'peak' and 'burst' require 'average' attribute"));
    return out as BandwidthRate;
  };
  const inbound = rate(child(node, 'inbound'));
  const outbound = rate(child(node, 'outbound'));
  if (inbound?.floor && !allowFloor) ctx.fail(node, m.configUnsupported('floor attribute is supported only for interfaces of type network'));
  if (outbound?.floor) ctx.fail(node, m.configUnsupported("'floor' attribute allowed only in <inbound> element"));
  if (!inbound && !outbound) return null;
  return { ...(inbound ? { inbound } : {}), ...(outbound ? { outbound } : {}) };
}

function parseSource(ctx: DomainParseContext, node: XmlElement, type: DomainNetType): DomainNetSource | null {
  const source = child(node, 'source');
  const missing = (attr: string) => ctx.fail(source ?? node, m.internal(`No <source> '${attr}' attribute specified with <interface type='${type}'/>`));
  switch (type) {
    case 'network': {
      const network = prop(source, 'network') || missing('network');
      const portidText = prop(source, 'portid');
      const portid = portidText === undefined ? null : parseUuid(portidText) ?? ctx.fail(source!, m.internal(`Unable to parse port id '${portidText}'`));
      return { kind: 'network', network, portgroup: prop(source, 'portgroup') ?? null, portid };
    }
    case 'bridge':
      return { kind: 'bridge', bridge: prop(source, 'bridge') || missing('bridge') };
    case 'direct': {
      const dev = prop(source, 'dev') || missing('dev');
      const mode = prop(source, 'mode') ?? 'vepa';
      if (!DIRECT_MODES.includes(mode)) ctx.fail(source!, m.internal('Unknown mode has been specified'));
      return { kind: 'direct', dev, mode };
    }
    default: {
      // hostdev's <driver> belongs with its <source> (virDomainHostdevDefFormatSubsys).
      const names = type === 'hostdev' ? ['driver', 'source'] : ['source'];
      const elements = node.children.filter((c): c is XmlElement => c.kind === 'element' && names.includes(c.name)).map((c) => toVerbatim(c));
      return elements.length > 0 ? { kind: 'verbatim', elements } : null;
    }
  }
}

/** virDomainNetDefParseXML for one `<interface>` of a definition (or, with a status context, of a running guest). */
export function parseDomainInterface(ctx: DomainParseContext, node: XmlElement): DomainNetDef {
  ctx.knownChildren(node, [...MODELLED, ...EXTRA_ELEMENTS, ...DEVICE_INFO_ELEMENTS], '<interface>');
  const typeText = prop(node, 'type') ?? 'user';
  if (!DOMAIN_NET_TYPES.includes(typeText as DomainNetType)) {
    ctx.fail(node, m.xmlError(`Invalid value for attribute 'type' in element 'interface': '${typeText}'.`));
  }
  const type = typeText as DomainNetType;
  const macNode = child(node, 'mac');
  const macText = prop(macNode, 'address');
  let mac: string | null = null;
  if (macText !== undefined) {
    mac = parseMacAddress(macText) ?? ctx.fail(macNode!, m.internal(`unable to parse mac address '${macText}'`));
    if (isMulticastMac(mac)) ctx.fail(macNode!, m.xmlError(`expected unicast mac address, found multicast '${macText}'`));
  }
  const targetNode = child(node, 'target');
  const dev = prop(targetNode, 'dev') ?? null;
  const targetManaged = tristate(ctx, targetNode, 'managed', 'target');
  const keepDev = dev !== null && (ctx.status || targetManaged === 'no' || !GENERATED_PREFIXES.some((p) => dev.startsWith(p)));
  const vlanNode = child(node, 'vlan');
  const vportNode = child(node, 'virtualport');
  const bandwidthNode = child(node, 'bandwidth');
  const actualNode = child(node, 'actual');
  const extraNames = type === 'hostdev' ? EXTRA_ELEMENTS.filter((n) => n !== 'driver') : EXTRA_ELEMENTS;
  return {
    kind: 'interface',
    type,
    managed: prop(node, 'managed') === 'yes',
    trustGuestRxFilters: tristate(ctx, node, 'trustGuestRxFilters', 'interface'),
    mac,
    macAttributes: (macNode?.attributes ?? []).filter((a) => a.name !== 'address').map((a) => [a.name, a.value] as const),
    source: parseSource(ctx, node, type),
    vlan: vlanNode ? parseVlan(ctx, vlanNode) : null,
    virtualport: vportNode ? parseVirtualPort(ctx, vportNode, false) : null,
    bandwidth: bandwidthNode ? parseBandwidth(ctx, bandwidthNode, type === 'network') : null,
    isolatedPort: tristate(ctx, child(node, 'port'), 'isolated', 'port'),
    target: { dev: keepDev ? dev : null, managed: targetManaged },
    model: prop(child(node, 'model'), 'type') ?? null,
    extras: node.children
      .filter((c): c is XmlElement => c.kind === 'element' && c.namespaceURI === null && extraNames.includes(c.name))
      .map((c) => toVerbatim(c)),
    info: parseDeviceInfo(ctx, node, { boot: true, rom: true }),
    actual: ctx.status && type === 'network' && actualNode ? parseActualNet(ctx, actualNode) : null,
  };
}

/**
 * Parses a single `<interface>` document, as `virsh attach-device` / `attach-interface` hand one
 * to libvirt. Throws XML_MALFORMED, XML_UNKNOWN_ELEMENT or XML_INVALID_VALUE with file and line.
 */
export function parseInterfaceXml(text: string, file: string): DomainNetDef {
  const root = readXml(text, file);
  const ctx = new DomainParseContext(file);
  if (root.name !== 'interface') ctx.unknown(root, 'an interface definition');
  let iface: DomainNetDef | undefined;
  try {
    if (root.name === 'interface') iface = parseDomainInterface(ctx, root);
  } catch (error) {
    if (!(error instanceof SectionFailed)) throw error;
  }
  ctx.throwProblems('interface definition');
  return iface!;
}
