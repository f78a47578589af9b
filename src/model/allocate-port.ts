import type { DomainNetDef } from './domain-net-def.js';
import { completeVirtualPort, mergeVirtualPort } from './merge-virtual-port.js';
import { forwardModeOf, hasManagedBridge, type NetworkDef, type PciAddress, type PortGroupDef } from './network-def.js';
import type { NetworkPortDef, NetworkPortPlug } from './network-port-def.js';
import { plugBandwidth } from './plug-bandwidth.js';
import type { SeededRandom } from './seeded-random.js';

/** The network's live state networkAllocatePort reads besides its definition. */
export interface AllocatePortOptions {
  /** Sum of the `floor`s of ports already plugged (virNetworkObjGetFloorSum). @default 0 */
  readonly floorSum?: number;
  /** tc class ids in use (virNetworkObj classIdMap; 0-2 are always taken). @default [0, 1, 2] */
  readonly usedClassIds?: readonly number[];
  /** Generates virtualport ids libvirt fills in (openvswitch interfaceid, 802.1Qbg instanceid). */
  readonly random?: SeededRandom;
  /** hostdev networks: the VFs already given to other ports (their pool connections are 1). @default [] */
  readonly usedHostdevAddresses?: readonly PciAddress[];
}

/** A refused allocation, with libvirt's message (`unsupported configuration: ...`). */
export interface AllocatePortError {
  readonly error: string;
}

/** virPortGroupFindByName: the named portgroup, or the default one when no name is given. */
function findPortGroup(network: NetworkDef, name: string | undefined): PortGroupDef | undefined {
  return network.portgroups.find((pg) => (name === undefined ? pg.isDefault === true : pg.name === name));
}

/** virDomainNetDefToNetworkPort: what the guest's `<interface type='network'>` asks for. */
function portRequest(iface: DomainNetDef, owner: { readonly name: string; readonly uuid: string }, uuid: string): NetworkPortDef {
  const group = iface.source?.kind === 'network' ? iface.source.portgroup ?? undefined : undefined;
  return {
    uuid, owner: { name: owner.name, uuid: owner.uuid }, mac: iface.mac ?? '',
    ...(group === undefined ? {} : { group }),
    ...(iface.virtualport ? { virtualport: iface.virtualport } : {}),
    ...(iface.bandwidth ? { bandwidth: iface.bandwidth } : {}),
    ...(iface.vlan && iface.vlan.tags.length > 0 ? { vlan: iface.vlan } : {}),
    ...(iface.isolatedPort ? { isolatedPort: iface.isolatedPort } : {}),
    ...(iface.trustGuestRxFilters ? { trustGuestRxFilters: iface.trustGuestRxFilters } : {}),
  };
}

const unsupportedPort = (type: string, network: string, uses: string) =>
  ({ error: `unsupported configuration: <virtualport type='${type}'> not supported for network '${network}' which uses ${uses}` });

/** The plug for the network's forward mode (networkAllocatePort's switch), or an error. */
function choosePlug(network: NetworkDef, port: NetworkPortDef, options: AllocatePortOptions): NetworkPortPlug | AllocatePortError {
  const mode = forwardModeOf(network);
  // virNetDevVPortTypeToString: a typeless <virtualport> is reported as type 'none'.
  const vport = port.virtualport ? port.virtualport.type ?? 'none' : undefined;
  const macTableManager = network.bridge?.macTableManager;
  const bridgePlug = (type: 'network' | 'bridge'): NetworkPortPlug => ({
    type, ...(network.bridge?.name ? { bridge: network.bridge.name } : {}), ...(macTableManager ? { macTableManager } : {}),
  });
  if (hasManagedBridge(network)) {
    return vport ? unsupportedPort(vport, network.name, 'IP forwarding') : bridgePlug('network');
  }
  if (mode === 'hostdev') {
    const used = options.usedHostdevAddresses ?? [];
    const same = (a: PciAddress, b: PciAddress) => a.domain === b.domain && a.bus === b.bus && a.slot === b.slot && a.function === b.function;
    // networkAllocatePort: the first VF of the pool with no connection.
    const free = network.forward?.addresses.find((a) => !used.some((u) => same(a, u)));
    if (!free) return { error: `internal error: network '${network.name}' requires exclusive access to interfaces, but none are available` };
    if (vport && vport !== '802.1Qbg' && vport !== '802.1Qbh') return unsupportedPort(vport, network.name, 'an SR-IOV Virtual Function via PCI passthrough');
    return {
      type: 'hostdev-pci', address: free,
      ...(network.forward?.managed ? { managed: 'yes' as const } : {}), ...(network.forward?.driver ? { driver: network.forward.driver } : {}),
    };
  }
  if (mode === 'bridge' && network.bridge?.name) {
    return vport && vport !== 'openvswitch' ? unsupportedPort(vport, network.name, 'a bridge device') : bridgePlug('bridge');
  }
  // bridge without a bridge name, private, vepa, passthrough: macvtap on a pool device.
  if (vport && vport !== '802.1Qbg' && vport !== '802.1Qbh') return unsupportedPort(vport, network.name, 'a macvtap device');
  const pool = network.forward?.interfaces ?? [];
  if (pool.length === 0) return { error: `internal error: network '${network.name}' uses a direct mode, but has no forward dev and no interface pool` };
  const exclusive = mode === 'passthrough' || (mode === 'private' && vport === '802.1Qbh');
  const dev = exclusive
    ? pool.find((d) => (d.connections ?? 0) === 0)
    : pool.reduce((least, d) => ((d.connections ?? 0) < (least.connections ?? 0) ? d : least));
  if (!dev) return { error: `internal error: network '${network.name}' requires exclusive access to interfaces, but none are available` };
  return { type: 'direct', dev: dev.dev, mode: mode as 'vepa' | 'private' | 'bridge' | 'passthrough' };
}

/**
 * networkAllocatePort (bridge_driver.c) for a guest interface: the port request built from the
 * interface, completed from the portgroup (the interface's, else the network's default) and the
 * network (bandwidth, vlan, rx filter trust, isolation, virtualport merge), plugged according to
 * the forward mode, with a tc class when a `floor` is guaranteed. Returns the `<networkport>`, or
 * libvirt's error text for what libvirt refuses. The caller checks that the network is active and
 * counts connections (the hook runs after the increment).
 */
export function allocatePort(
  network: NetworkDef,
  iface: DomainNetDef,
  owner: { readonly name: string; readonly uuid: string },
  portUuid: string,
  options: AllocatePortOptions = {},
): NetworkPortDef | AllocatePortError {
  if (iface.type !== 'network') return { error: `internal error: Expected an interface of type 'network' not '${iface.type}'` };
  const request = portRequest(iface, owner, portUuid);
  const portgroup = findPortGroup(network, request.group);
  const bandwidth = request.bandwidth ?? portgroup?.bandwidth;
  const vlan = request.vlan ?? (portgroup?.vlan && portgroup.vlan.tags.length > 0 ? portgroup.vlan : network.vlan?.tags.length ? network.vlan : undefined);
  const trust = request.trustGuestRxFilters ?? portgroup?.trustGuestRxFilters ?? network.trustGuestRxFilters;
  const isolated = request.isolatedPort ?? network.isolatedPort;
  const merged = mergeVirtualPort(request.virtualport, network.virtualport, portgroup?.virtualport);
  if (merged && 'error' in merged) return merged;
  let port: NetworkPortDef = {
    ...request,
    ...(bandwidth ? { bandwidth } : {}),
    ...(vlan ? { vlan } : {}),
    ...(trust ? { trustGuestRxFilters: trust } : {}),
    ...(isolated ? { isolatedPort: isolated } : {}),
    ...(merged ? { virtualport: merged } : {}),
  };
  const plug = choosePlug(network, port, options);
  if ('error' in plug) return plug;
  port = { ...port, plug };
  const classId = plugBandwidth(network, port, options.floorSum ?? 0, options.usedClassIds ?? [0, 1, 2]);
  if (classId !== null && typeof classId === 'object') return classId;
  if (typeof classId === 'number') port = { ...port, classId };
  const completed = completeVirtualPort(port.virtualport, options.random);
  if (completed && 'error' in completed) return completed;
  return completed ? { ...port, virtualport: completed } : port;
}
