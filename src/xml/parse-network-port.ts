import { formatLocation, VirthookError, type Problem, type VirthookErrorCode } from '../errors/virthook-error.js';
import type { NetworkPortDef, NetworkPortPlug } from '../model/network-port-def.js';
import { parseCInteger } from './c-integer.js';
import { libvirtMessage as m } from './libvirt-message.js';
import { parseMacAddress } from './mac-address.js';
import { checkVocabulary, type ElementSpec, type VocabularyProblems } from './network-vocabulary.js';
import { child, ParseContext, prop, SectionFailed } from './parse-context.js';
import { parsePciAddress } from './parse-device-info.js';
import { parseBandwidth, parseVirtualPort, parseVlan } from './parse-netdev.js';
import { tristate } from './parse-network-dns.js';
import { parseUuid } from './parse-uuid.js';
import { readXml, textContent, type XmlElement } from './read-xml.js';

const netdevBandwidth: ElementSpec = {
  attrs: ['classID'],
  children: { inbound: { attrs: ['average', 'peak', 'burst', 'floor'], repeat: true }, outbound: { attrs: ['average', 'peak', 'burst', 'floor'], repeat: true } },
};

/** What `<networkport>` may hold (docs/schemas/networkport.rng, 9.0). */
const NETWORKPORT_VOCABULARY: ElementSpec = {
  children: {
    uuid: { text: true },
    owner: { children: { name: { text: true }, uuid: { text: true } } },
    group: { text: true },
    mac: { attrs: ['address'] },
    virtualport: {
      attrs: ['type'],
      children: { parameters: { attrs: ['managerid', 'typeid', 'typeidversion', 'instanceid', 'profileid', 'interfaceid'] } },
    },
    bandwidth: netdevBandwidth,
    vlan: { attrs: ['trunk'], children: { tag: { attrs: ['id', 'nativeMode'], repeat: true } } },
    port: { attrs: ['isolated'] },
    rxfilters: { attrs: ['trustGuest'] },
    plug: {
      attrs: ['type', 'bridge', 'macTableManager', 'dev', 'mode', 'managed'],
      children: { driver: { attrs: ['name'] }, address: { attrs: ['type', 'domain', 'bus', 'slot', 'function', 'multifunction'] } },
    },
  },
};

/**
 * A `<networkport>` as a user writes it for `virsh net-port-create`: the simulator's
 * NetworkPortRequest (uuid and plug optional, no tc class).
 */
export type NetworkPortRequestDef = Omit<NetworkPortDef, 'uuid' | 'plug' | 'classId'> & {
  readonly uuid?: string;
  readonly plug?: NetworkPortPlug;
};

const PLUG_TYPES = ['none', 'network', 'bridge', 'direct', 'hostdev-pci'] as const;
const MACVLAN_MODES = ['vepa', 'private', 'bridge', 'passthrough'] as const;

/** Options of parseNetworkPortElement. */
export interface NetworkPortParseOptions {
  /**
   * Refuse elements and attributes libvirt's port format does not know (a user's file); libvirt
   * itself ignores them, as when it loads a status file.
   * @default true
   */
  readonly strict?: boolean;
}

/** virXPathString("string(PATH)"): the first match's text, undefined when absent or empty. */
function pathText(root: XmlElement, ...path: string[]): { text: string | undefined; node: XmlElement } {
  let node: XmlElement | undefined = root;
  for (const name of path) node = child(node, name);
  const text = node ? textContent(node) : '';
  return { text: text === '' ? undefined : text, node: node ?? root };
}

// virNetDevBandwidthParse's classID: virXMLPropUInt(node, "classID", 10, VIR_XML_PROP_NONE).
function parseClassId(ctx: ParseContext, node: XmlElement): number | undefined {
  const text = prop(node, 'classID');
  if (text === undefined) return undefined;
  return parseCInteger(text, 'uip') ?? ctx.fail(node, m.xmlError(`Invalid value for attribute 'classID' in element 'bandwidth': '${text}'. Expected non-negative integer value`));
}

// The `<plug>` switch of virNetworkPortDefParseXML; undefined for plug type none.
function parsePlug(ctx: ParseContext, node: XmlElement | undefined): NetworkPortPlug | undefined {
  if (!node) return undefined;
  const typeText = prop(node, 'type');
  if (typeText === undefined || typeText === 'none') return undefined;
  if (!(PLUG_TYPES as readonly string[]).includes(typeText)) ctx.fail(node, m.xmlError(`Invalid value for attribute 'type' in element 'plug': '${typeText}'.`));
  const type = typeText as Exclude<(typeof PLUG_TYPES)[number], 'none'>;
  if (type === 'network' || type === 'bridge') {
    const bridge = prop(node, 'bridge') ?? ctx.fail(node, m.xmlError('Missing network port bridge name'));
    const mtm = prop(node, 'macTableManager');
    // virNetworkBridgeMACTableManagerTypeFromString <= 0: `default` is refused too.
    if (mtm !== undefined && mtm !== 'kernel' && mtm !== 'libvirt') ctx.fail(node, m.xmlError(`Invalid macTableManager setting '${mtm}' in network port`));
    return { type, bridge, ...(mtm !== undefined ? { macTableManager: mtm } : {}) };
  }
  if (type === 'direct') {
    const dev = prop(node, 'dev') ?? ctx.fail(node, m.xmlError('Missing network port link device name'));
    const mode = prop(node, 'mode');
    if (mode !== undefined && !(MACVLAN_MODES as readonly string[]).includes(mode)) ctx.fail(node, m.xmlError(`Invalid mode setting '${mode}' in network port`));
    // An absent mode stays 0, VIR_NETDEV_MACVLAN_MODE_VEPA.
    return { type, dev, mode: (mode ?? 'vepa') as (typeof MACVLAN_MODES)[number] };
  }
  const managed = tristate(ctx, node, 'managed');
  const driverNode = child(node, 'driver');
  const driver = driverNode ? prop(driverNode, 'name') : undefined;
  // virNetworkForwardDriverNameTypeFromString <= 0 (`default` or unknown), with libvirt's (odd) message.
  if (driver !== undefined && driver !== '' && driver !== 'kvm' && driver !== 'vfio') ctx.fail(driverNode!, m.xmlError('Missing network port driver name'));
  const addressNode = child(node, 'address') ?? ctx.fail(node, m.xmlError('Missing network port PCI address'));
  const { domain, bus, slot, function: fn } = parsePciAddress(ctx, addressNode);
  return {
    type, ...(managed ? { managed } : {}), ...(driver === 'kvm' || driver === 'vfio' ? { driver } : {}),
    address: { domain, bus, slot, function: fn },
  };
}

/** virNetworkPortDefParseXML's body; `requireUuid` false for a request (the UUID is then generated). */
function parsePort(ctx: ParseContext, root: XmlElement, requireUuid: boolean): NetworkPortRequestDef & { classId?: number } {
  const uuid = pathText(root, 'uuid');
  if (uuid.text === undefined && requireUuid) ctx.fail(root, m.internal('network port has no uuid'));
  const portUuid = uuid.text === undefined ? undefined : parseUuid(uuid.text) ?? ctx.fail(uuid.node, m.internal(`Unable to parse UUID '${uuid.text}'`));
  const ownerName = pathText(root, 'owner', 'name');
  if (ownerName.text === undefined) ctx.fail(root, m.internal('network port has no owner name'));
  const ownerUuid = pathText(root, 'owner', 'uuid');
  if (ownerUuid.text === undefined) ctx.fail(root, m.internal('network port has no owner UUID'));
  const owner = { name: ownerName.text!, uuid: parseUuid(ownerUuid.text!) ?? ctx.fail(ownerUuid.node, m.internal(`Unable to parse UUID '${ownerUuid.text}'`)) };
  const group = pathText(root, 'group').text;
  const vportNode = child(root, 'virtualport');
  const virtualport = vportNode ? parseVirtualPort(ctx, vportNode, false) : undefined;
  const macNode = child(root, 'mac');
  const macText = prop(macNode, 'address');
  if (macText === undefined || macText === '') ctx.fail(root, m.internal('network port has no mac'));
  const mac = parseMacAddress(macText!) ?? ctx.fail(macNode!, m.internal(`Unable to parse MAC '${macText}'`));
  const bandwidthNode = child(root, 'bandwidth');
  const classId = bandwidthNode ? parseClassId(ctx, bandwidthNode) : undefined;
  // The port's floor is allowed here; whether the network can honour it is checked when plugged.
  const bandwidth = bandwidthNode ? parseBandwidth(ctx, bandwidthNode, true) : undefined;
  const vlanNode = child(root, 'vlan');
  const vlan = vlanNode ? parseVlan(ctx, vlanNode) : undefined;
  const isolatedPort = tristate(ctx, child(root, 'port'), 'isolated');
  const trustGuestRxFilters = tristate(ctx, child(root, 'rxfilters'), 'trustGuest');
  const plug = parsePlug(ctx, child(root, 'plug'));
  return {
    ...(portUuid !== undefined ? { uuid: portUuid } : {}), owner, ...(group !== undefined ? { group } : {}), mac,
    ...(virtualport ? { virtualport } : {}), ...(bandwidth ? { bandwidth } : {}), ...(classId ? { classId } : {}),
    ...(vlan ? { vlan } : {}), ...(isolatedPort ? { isolatedPort } : {}), ...(trustGuestRxFilters ? { trustGuestRxFilters } : {}),
    ...(plug ? { plug } : {}),
  };
}

function raise(code: VirthookErrorCode, problems: readonly Problem[], what: string, hint: string): never {
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  throw new VirthookError(code, `${what} in ${formatLocation(first)}: ${first.message}${more}. ${hint}`, { problems });
}

const HINT = 'Check it against https://libvirt.org/formatnetworkport.html.';

function parseRoot(root: XmlElement, file: string, strict: boolean, requireUuid: boolean): NetworkPortRequestDef & { classId?: number } {
  if (root.name !== 'networkport') {
    // virNetworkPortDefParseNode
    raise('XML_UNKNOWN_ELEMENT', [{ file, line: root.line, column: root.column, message: m.xmlError('unknown root element for network port') }], 'Not a network port', 'A network port starts with <networkport>.');
  }
  if (strict) {
    const found: VocabularyProblems = { unknownElements: [], unknownAttributes: [], duplicates: [] };
    checkVocabulary(root, NETWORKPORT_VOCABULARY, file, found);
    if (found.unknownElements.length > 0) raise('XML_UNKNOWN_ELEMENT', [...found.unknownElements, ...found.unknownAttributes], 'Unknown element', HINT);
    if (found.unknownAttributes.length > 0) raise('XML_UNKNOWN_ATTRIBUTE', found.unknownAttributes, 'Unknown attribute', HINT);
  }
  const ctx = new ParseContext(file);
  try {
    return parsePort(ctx, root, requireUuid);
  } catch (error) {
    if (!(error instanceof SectionFailed)) throw error;
    return raise('XML_INVALID_VALUE', ctx.problems, 'Invalid network port', 'Fix the value libvirt refuses.');
  }
}

/**
 * virNetworkPortDefParseNode on an already read element (a status file's, say). Throws
 * VirthookError (XML_INVALID_VALUE with libvirt's message at file:line:column) where libvirt fails.
 */
export function parseNetworkPortElement(root: XmlElement, file: string, options: NetworkPortParseOptions = {}): NetworkPortDef {
  const port = parseRoot(root, file, options.strict ?? true, true);
  return port as NetworkPortDef;
}

/**
 * Parses a `<networkport>` document as virNetworkPortDefParseString does (libvirt 9.0): uuid,
 * owner, group, mac, virtualport, bandwidth with its classID, vlan, port isolated, rxfilters
 * and the plug. Malformed XML throws XML_MALFORMED, unknown elements/attributes
 * XML_UNKNOWN_ELEMENT / XML_UNKNOWN_ATTRIBUTE, refused values XML_INVALID_VALUE, each with the
 * file, line and column.
 */
export function parseNetworkPortXml(text: string, file: string, options: NetworkPortParseOptions = {}): NetworkPortDef {
  return parseNetworkPortElement(readXml(text, file), file, options);
}

/**
 * A user's `virsh net-port-create` file as the simulator takes it (NetworkPortRequest): the
 * uuid may be absent (generated from the seed) and the plug is kept, so that net-port-create
 * can refuse it as networkPortCreateXML does. libvirt 9.0's own parser demands a uuid ("network
 * port has no uuid"); the request form leaves that decision to the caller.
 */
export function parseNetworkPortRequestXml(text: string, file: string): NetworkPortRequestDef {
  const { classId: _classId, ...request } = parseRoot(readXml(text, file), file, true, false);
  return request;
}
