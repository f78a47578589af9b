import { formatLocation, VirthookError, type Problem, type VirthookErrorCode } from '../errors/virthook-error.js';
import type { NetworkBridgeDef, NetworkDef, NetworkDomainDef, NetworkIpDef, NetworkRouteDef, PortGroupDef } from '../model/network-def.js';
import { parseCInteger } from './c-integer.js';
import { libvirtMessage as m } from './libvirt-message.js';
import { isMulticastMac, parseMacAddress } from './mac-address.js';
import { checkNetworkDef } from './check-network-def.js';
import { checkVocabulary, DNSMASQ_NAMESPACE, NETWORK_VOCABULARY, type VocabularyProblems } from './network-vocabulary.js';
import { child, children, childText, ParseContext, prop, SectionFailed, xpathProp } from './parse-context.js';
import { parseMetadata } from './parse-metadata.js';
import { parseBandwidth, parseVirtualPort, parseVlan } from './parse-netdev.js';
import { parseDns, tristate } from './parse-network-dns.js';
import { parseForward } from './parse-network-forward.js';
import { parseIp } from './parse-network-ip.js';
import { parsePortGroup } from './parse-portgroup.js';
import { parseRoute } from './parse-network-route.js';
import { parseUuid } from './parse-uuid.js';
import { readXml, type XmlElement } from './read-xml.js';

function fail(code: VirthookErrorCode, problems: readonly Problem[], what: string, hint: string): never {
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  throw new VirthookError(code, `${what} in ${formatLocation(first)}: ${first.message}${more}. ${hint}`, { problems });
}

// virNetworkDefParseXML's `<bridge>` attributes.
function parseBridge(ctx: ParseContext, net: string, node: XmlElement | undefined): NetworkBridgeDef | undefined {
  if (!node) return undefined;
  const bridge: { -readonly [K in keyof NetworkBridgeDef]: NetworkBridgeDef[K] } = {};
  const name = xpathProp(node, 'name');
  const zone = xpathProp(node, 'zone');
  const stp = xpathProp(node, 'stp');
  const delay = xpathProp(node, 'delay');
  const mtm = xpathProp(node, 'macTableManager');
  if (name !== undefined) bridge.name = name;
  if (zone !== undefined) bridge.zone = zone;
  // Anything but "off" leaves STP on.
  if (stp !== undefined) bridge.stp = stp !== 'off';
  if (delay !== undefined) bridge.delay = parseCInteger(delay, 'ulp') ?? ctx.fail(node, m.xmlError(`Invalid delay value in network '${net}'`));
  if (mtm !== undefined) {
    if (mtm !== 'kernel' && mtm !== 'libvirt') ctx.fail(node, m.xmlError(`Invalid macTableManager setting '${mtm}' in network '${net}'`));
    bridge.macTableManager = mtm;
  }
  return bridge;
}

// `<domain>`: libvirt reads localOnly/register even without a name, but prints nothing then;
// register's localOnly requirement is release-dependent (networkDefineError).
function parseDomain(ctx: ParseContext, node: XmlElement | undefined): NetworkDomainDef | undefined {
  if (!node) return undefined;
  const name = prop(node, 'name');
  const localOnly = tristate(ctx, node, 'localOnly');
  const register = tristate(ctx, node, 'register');
  return { ...(name !== undefined && { name }), ...(localOnly && { localOnly }), ...(register && { register }) };
}

/** virNetworkDefParseXML on an already read `<network>` element. */
export function parseNetworkElement(root: XmlElement, file: string): NetworkDef {
  const ctx = new ParseContext(file);
  const name = childText(root, 'name');
  let def: { -readonly [K in keyof NetworkDef]: NetworkDef[K] } = { name: name ?? '', ips: [], routes: [], portgroups: [] };
  try {
    if (name === undefined) ctx.fail(root, 'missing name information');
    if (name!.includes('/')) ctx.fail(child(root, 'name')!, 'invalid char in name: /');
    const uuid = childText(root, 'uuid');
    if (uuid !== undefined) def.uuid = parseUuid(uuid) ?? ctx.fail(child(root, 'uuid')!, m.internal('malformed uuid element'));
  } catch (error) {
    if (!(error instanceof SectionFailed)) throw error;
    fail('XML_INVALID_VALUE', ctx.problems, 'Invalid network definition', 'Fix the value libvirt refuses.');
  }
  const net = def.name;
  ctx.section(() => {
    const title = childText(root, 'title');
    if (title?.includes('\n')) ctx.fail(child(root, 'title')!, m.xmlError("Network title can't contain newlines"));
    if (title !== undefined) def.title = title;
    const description = childText(root, 'description');
    if (description !== undefined) def.description = description;
  });
  ctx.section(() => {
    const ipv6 = xpathProp(root, 'ipv6');
    if (ipv6 !== undefined && ipv6 !== 'yes' && ipv6 !== 'no') ctx.fail(root, m.xmlError(`Invalid ipv6 setting '${ipv6}' in network '${net}'`));
    if (ipv6 === 'yes') def.ipv6 = true;
    const trust = tristate(ctx, root, 'trustGuestRxFilters');
    if (trust) def.trustGuestRxFilters = trust;
  });
  const sections: (() => void)[] = [
    () => { const d = parseDomain(ctx, child(root, 'domain')); if (d) def.domain = d; },
    () => { const b = child(root, 'bandwidth'); const parsed = b && parseBandwidth(ctx, b); if (parsed) def.bandwidth = parsed; },
    () => { const v = child(root, 'vlan'); if (v) def.vlan = parseVlan(ctx, v); },
    () => { const p = tristate(ctx, child(root, 'port'), 'isolated'); if (p) def.isolatedPort = p; },
    () => { const b = parseBridge(ctx, net, child(root, 'bridge')); if (b) def.bridge = b; },
    () => {
      const node = child(root, 'mac');
      const text = xpathProp(node, 'address');
      if (text === undefined) return;
      const mac = parseMacAddress(text) ?? ctx.fail(node!, m.xmlError(`Invalid bridge mac address '${text}' in network '${net}'`));
      if (isMulticastMac(mac)) ctx.fail(node!, m.xmlError(`Invalid multicast bridge mac address '${text}' in network '${net}'`));
      def.mac = mac;
    },
    () => {
      const node = child(root, 'mtu');
      const text = xpathProp(node, 'size');
      const mtu = text === undefined ? 0 : parseCInteger(text, 'ui') ?? ctx.fail(node!, m.xmlError(`Invalid mtu size '${text}' in network '${net}'`));
      // An mtu of 0 means "default": libvirt neither prints nor checks it.
      if (mtu) def.mtu = mtu;
    },
    () => { const d = child(root, 'dns'); if (d) def.dns = parseDns(ctx, net, d); },
    () => { const v = child(root, 'virtualport'); if (v) def.virtualport = parseVirtualPort(ctx, v, true); },
  ];
  for (const run of sections) ctx.section(run);
  const portgroups: PortGroupDef[] = [];
  const ips: NetworkIpDef[] = [];
  const routes: NetworkRouteDef[] = [];
  for (const pg of children(root, 'portgroup')) ctx.section(() => portgroups.push(parsePortGroup(ctx, pg)));
  for (const ip of children(root, 'ip')) ctx.section(() => ips.push(parseIp(ctx, net, ip)));
  for (const route of children(root, 'route')) ctx.section(() => routes.push(parseRoute(ctx, net, route)));
  def = { ...def, portgroups, ips, routes };
  ctx.section(() => {
    const forward = child(root, 'forward');
    const parsed = forward && parseForward(ctx, net, forward);
    if (parsed) def.forward = parsed;
  });
  ctx.section(() => { const md = child(root, 'metadata'); if (md) def.metadata = parseMetadata(md); });
  ctx.section(() => {
    const options = children(root, 'options', DNSMASQ_NAMESPACE).flatMap((o) => children(o, 'option', DNSMASQ_NAMESPACE));
    const values = options.map((o) => prop(o, 'value') ?? ctx.fail(o, m.internal('No dnsmasq options value specified')));
    if (values.length > 0) def.dnsmasqOptions = values;
  });
  if (ctx.problems.length === 0) ctx.section(() => checkNetworkDef(ctx, root, def));
  if (ctx.problems.length > 0) fail('XML_INVALID_VALUE', ctx.problems, 'Invalid network definition', 'Fix the value libvirt refuses.');
  return def;
}

/**
 * Parses a user's network XML as virNetworkDefParse does (libvirt 9.0), strictly: malformed XML
 * throws XML_MALFORMED, elements/attributes libvirt's network format does not know throw
 * XML_UNKNOWN_ELEMENT / XML_UNKNOWN_ATTRIBUTE, and values libvirt refuses throw
 * XML_INVALID_VALUE with libvirt's own message. Every problem carries the file, line and column.
 */
export function parseNetworkXml(text: string, file: string): NetworkDef {
  const root = readXml(text, file);
  if (root.name !== 'network') {
    fail('XML_UNKNOWN_ELEMENT', [{ file, line: root.line, column: root.column, message: m.xmlError(`expecting root element of 'network', not '${root.name}'`) }], 'Not a network definition', 'A network definition starts with <network>.');
  }
  const found: VocabularyProblems = { unknownElements: [], unknownAttributes: [], duplicates: [] };
  checkVocabulary(root, NETWORK_VOCABULARY, file, found);
  if (found.unknownElements.length > 0) {
    fail('XML_UNKNOWN_ELEMENT', [...found.unknownElements, ...found.unknownAttributes], 'Unknown element', 'Check the spelling against https://libvirt.org/formatnetwork.html.');
  }
  if (found.unknownAttributes.length > 0) {
    fail('XML_UNKNOWN_ATTRIBUTE', found.unknownAttributes, 'Unknown attribute', 'Check the spelling against https://libvirt.org/formatnetwork.html.');
  }
  if (found.duplicates.length > 0) fail('XML_INVALID_VALUE', found.duplicates, 'Repeated element', 'Remove the repeated element.');
  return parseNetworkElement(root, file);
}
