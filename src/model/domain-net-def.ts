import type { DeviceInfo } from './domain-device-def.js';
import type { BandwidthDef, PciAddress, TristateBool, VirtualPortDef, VlanDef } from './network-def.js';
import type { VerbatimElement } from './verbatim-element.js';

/** virDomainNetType, spelled as in `<interface type=...>`. */
export type DomainNetType =
  | 'user' | 'ethernet' | 'vhostuser' | 'server' | 'client' | 'mcast' | 'network' | 'bridge'
  | 'internal' | 'direct' | 'hostdev' | 'udp' | 'vdpa' | 'null' | 'vds';

export const DOMAIN_NET_TYPES: readonly DomainNetType[] = [
  'user', 'ethernet', 'vhostuser', 'server', 'client', 'mcast', 'network', 'bridge',
  'internal', 'direct', 'hostdev', 'udp', 'vdpa', 'null', 'vds',
];

/** The `<source>` of an interface, by type. */
export type DomainNetSource =
  | { readonly kind: 'network'; readonly network: string; readonly portgroup: string | null; readonly portid: string | null }
  | { readonly kind: 'bridge'; readonly bridge: string }
  | { readonly kind: 'direct'; readonly dev: string; readonly mode: string }
  /** Other types (hostdev's `<driver>`+`<source>`, vhostuser, udp, ...): elements as written. */
  | { readonly kind: 'verbatim'; readonly elements: readonly VerbatimElement[] };

/**
 * virDomainActualNetDef: what the network driver gave a `type='network'` interface (from its
 * `<networkport>`, virDomainNetDefActualFromNetworkPort). Live XML shows it instead of the config.
 */
export interface ActualNetDef {
  readonly type: 'network' | 'bridge' | 'direct' | 'hostdev';
  readonly bridge: string | null;
  readonly macTableManager: string | null;
  readonly direct: { readonly dev: string; readonly mode: string } | null;
  readonly hostdev: { readonly address: PciAddress; readonly managed: boolean; readonly driver: string | null } | null;
  readonly vlan: VlanDef | null;
  readonly virtualport: VirtualPortDef | null;
  readonly bandwidth: BandwidthDef | null;
  readonly isolatedPort: TristateBool | null;
  readonly trustGuestRxFilters: TristateBool | null;
  readonly classId: number;
}

/** `<interface>` (virDomainNetDef) with the runtime parts libvirt adds while the guest runs. */
export interface DomainNetDef {
  readonly kind: 'interface';
  readonly type: DomainNetType;
  /** `managed='yes'` on `<interface type='hostdev'>`. */
  readonly managed: boolean;
  readonly trustGuestRxFilters: TristateBool | null;
  /** Null until completeDomainDef generates one (virDomainNetGenerateMAC). */
  readonly mac: string | null;
  /** Further `<mac>` attributes (type, check) as written. */
  readonly macAttributes: ReadonlyArray<readonly [string, string]>;
  readonly source: DomainNetSource | null;
  readonly vlan: VlanDef | null;
  readonly virtualport: VirtualPortDef | null;
  readonly bandwidth: BandwidthDef | null;
  /** `<port isolated=.../>`. */
  readonly isolatedPort: TristateBool | null;
  /** `<target dev managed>`: dev is the tap/macvtap name (vnetN) once the guest is launched. */
  readonly target: { readonly dev: string | null; readonly managed: 'yes' | 'no' | null };
  readonly model: string | null;
  /** Other children libvirt formats (ip, route, script, guest, driver, filterref, link, mtu ...), as written. */
  readonly extras: readonly VerbatimElement[];
  readonly info: DeviceInfo;
  /** Runtime: the allocated network port (type='network' only), null otherwise. */
  readonly actual: ActualNetDef | null;
}

/** The network name of a `type='network'` interface, else null. */
export function interfaceNetwork(iface: DomainNetDef): string | null {
  return iface.source?.kind === 'network' ? iface.source.network : null;
}

/** virDomainNetGetActualType: the actual type when a port is attached, else the configured one. */
export function actualNetType(iface: DomainNetDef): DomainNetType {
  return iface.type === 'network' && iface.actual ? iface.actual.type : iface.type;
}
