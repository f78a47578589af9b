import { forwardModeOf, hasManagedBridge, type NetworkDef } from './network-def.js';
import type { SeededRandom } from './seeded-random.js';

/** What completing a definition needs to know: the generator and the bridge names taken. */
export interface CompleteNetworkContext {
  readonly random: SeededRandom;
  /** Bridges of other libvirt networks and host devices (virNetworkObjBridgeInUse, virNetDevExists). */
  readonly usedBridgeNames: ReadonlySet<string>;
}

/** What networkDefineError needs besides the definition: the bridges taken and the release's parser. */
export interface NetworkDefineContext extends Pick<CompleteNetworkContext, 'usedBridgeNames'> {
  /**
   * The release knows `<domain register=...>` (10.1): before, the attribute is ignored, so is its check.
   * @default false
   */
  readonly domainRegister?: boolean;
}

// MAX_BRIDGE_ID in bridge_driver.c: virbr0 .. virbr256 are tried.
const MAX_BRIDGE_ID = 256;

// networkFindUnusedBridgeName: a user template with exactly one '%' followed by 'd' is honoured.
function bridgeTemplate(name: string | undefined): string {
  if (name === undefined) return 'virbr%d';
  const first = name.indexOf('%');
  return first !== -1 && first === name.lastIndexOf('%') && name[first + 1] === 'd' ? name : 'virbr%d';
}

function findUnusedBridgeName(def: NetworkDef, used: ReadonlySet<string>): string | null {
  const template = bridgeTemplate(def.bridge?.name);
  for (let id = 0; id <= MAX_BRIDGE_ID; id++) {
    const candidate = template.replace('%d', String(id));
    if (!used.has(candidate)) return candidate;
  }
  return null;
}

// networkBridgeNameValidate: a name without %d is kept as is; otherwise one is allocated.
const needsBridgeName = (def: NetworkDef) => def.bridge?.name === undefined || def.bridge.name.includes('%d');

/**
 * What libvirt fills in when a network is defined or created: the UUID virNetworkDefParse
 * generates when absent, then networkValidate's bridge name (networkBridgeNameValidate: the
 * lowest free `virbrN`, or the user's `%d` template) and bridge MAC (virNetworkSetBridgeMacAddr)
 * for the none/nat/route/open modes. Draws from `random` in that order. Call networkDefineError
 * first: this assumes the definition is acceptable.
 */
export function completeNetworkDef(def: NetworkDef, ctx: CompleteNetworkContext): NetworkDef {
  let done: NetworkDef = def.uuid === undefined ? { ...def, uuid: ctx.random.uuid() } : def;
  if (!hasManagedBridge(done)) return done;
  if (needsBridgeName(done)) {
    const name = findUnusedBridgeName(done, ctx.usedBridgeNames);
    if (name !== null) done = { ...done, bridge: { ...done.bridge, name } };
  }
  if (done.mac === undefined) done = { ...done, mac: ctx.random.mac() };
  return done;
}

const unsupported = (detail: string) => `unsupported configuration: ${detail}`;

/**
 * networkValidate's refusals (bridge_driver.c, 9.0) as libvirt's message, or null when libvirt
 * would define the network. Host-only checks (PCI VFs in sysfs) are not made.
 */
export function networkDefineError(def: NetworkDef, ctx: NetworkDefineContext): string | null {
  if (def.name.includes('\n')) return 'invalid char in name: \n';
  const mode = forwardModeOf(def);
  const net = def.name;
  // virNetworkDefParseXML (10.1+): register=yes needs localOnly=yes; 9.0 ignores register (differential capture)
  if (ctx.domainRegister && def.domain?.register === 'yes' && def.domain.localOnly !== 'yes') {
    return unsupported(`attribute 'register=yes' in <domain> element requires 'localOnly=yes' in network ${net}`);
  }
  let bandwidthAllowed = false;
  if (hasManagedBridge(def)) {
    if (!needsBridgeName(def) && ctx.usedBridgeNames.has(def.bridge!.name!)) return `internal error: bridge name '${def.bridge!.name}' already in use.`;
    if (needsBridgeName(def) && findUnusedBridgeName(def, ctx.usedBridgeNames) === null) return `internal error: Bridge generation exceeded max id ${MAX_BRIDGE_ID}`;
    bandwidthAllowed = true;
  } else {
    bandwidthAllowed = mode === 'bridge' && def.bridge?.name !== undefined;
    const refuse = (element: string) => unsupported(`Unsupported <${element}> element in network ${net} with forward mode='${mode}'`);
    if (def.mac !== undefined) return refuse('mac');
    if (def.ips.length > 0) return refuse('ip');
    if (def.dns && (def.dns.txts.length || def.dns.hosts.length || def.dns.srvs.length)) return refuse('dns');
    if (def.domain?.name !== undefined) return refuse('domain');
  }
  if (def.bandwidth && !bandwidthAllowed) return unsupported(`Unsupported network-wide <bandwidth> element in network ${net} with forward mode='${mode}'`);
  const forward = def.forward;
  if (forward) {
    if (mode === 'hostdev' && forward.interfaces[0]) {
      return unsupported(`hostdev network '${net}' lists '${forward.interfaces[0].dev}' in the device pool, but hostdev networks require all devices to be listed by PCI address, not network device name`);
    }
    if (mode !== 'hostdev' && forward.addresses.length > 0) {
      return unsupported(`network '${net}' has forward mode '${mode}'  but lists a device by PCI address in the device pool. This is only supported for networks with forward mode 'hostdev'`);
    }
    if (Number(!!forward.pf) + Number(forward.interfaces.length > 0) + Number(forward.addresses.length > 0) > 1) {
      return unsupported(`<address>, <interface>, and <pf> elements of <forward> in network ${net} are mutually exclusive`);
    }
  }
  for (const family of ['IPv4', 'IPv6']) {
    const withDhcp = def.ips.filter((ip) => ip.address.includes(':') === (family === 'IPv6') && (ip.dhcp.ranges.length || ip.dhcp.hosts.length));
    if (withDhcp.length > 1) return unsupported(`Multiple ${family} dhcp sections found -- dhcp is supported only for a single ${family} address on each network`);
  }
  const vlanAllowed = mode === 'hostdev' || mode === 'passthrough' || (mode === 'bridge' && def.virtualport?.type === 'openvswitch');
  const vlanUsed = (def.vlan?.tags.length ?? 0) > 0;
  let badVlan = false;
  let defaultGroup: string | undefined;
  for (const [i, pg] of def.portgroups.entries()) {
    if (vlanUsed || (pg.vlan?.tags.length ?? 0) > 0) {
      if (pg.virtualport) badVlan ||= mode !== 'bridge' || pg.virtualport.type !== 'openvswitch';
      else if (!vlanAllowed) badVlan = true;
    }
    if (pg.isDefault) {
      if (defaultGroup !== undefined) return unsupported(`network '${net}' has multiple default <portgroup> elements (${defaultGroup} and ${pg.name}), but only one default is allowed`);
      defaultGroup = pg.name;
    }
    if (def.portgroups.slice(i + 1).some((other) => other.name === pg.name)) return unsupported(`multiple <portgroup> elements with the same name (${pg.name}) in network '${net}'`);
    if (pg.bandwidth && !bandwidthAllowed) return unsupported(`Unsupported <bandwidth> element in network '${net}' in portgroup '${pg.name}' with forward mode='${mode}'`);
  }
  if (badVlan || (vlanUsed && !vlanAllowed && defaultGroup === undefined)) {
    return unsupported(`<vlan> element specified for network ${net}, whose type doesn't support vlan configuration`);
  }
  if (mode === 'hostdev') {
    const pg = def.portgroups.find((p) => p.bandwidth);
    if (pg) return unsupported(`unsupported <bandwidth> element in <portgroup name='${pg.name}'> of network '${net}' with forward mode='${mode}'`);
  }
  return null;
}
