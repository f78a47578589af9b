/**
 * A libvirt network definition as data, modelled on virNetworkDef (src/conf/network_conf.h,
 * libvirt 9.0). Values are kept the way libvirt keeps them after parsing: addresses, MACs and
 * UUIDs in their canonical text form, except where libvirt keeps the user's string (a DHCP host's
 * `mac`, `id` and `name`, which it prints back verbatim).
 */

/** virNetworkForwardType without `none`: an absent `forward` is libvirt's none (isolated). */
export type ForwardMode = 'nat' | 'route' | 'open' | 'bridge' | 'private' | 'vepa' | 'passthrough' | 'hostdev';

/** virTristateBool as written in XML; absent means libvirt's "default". */
export type TristateBool = 'yes' | 'no';

/** A PCI address (virPCIDeviceAddress). */
export interface PciAddress { readonly domain: number; readonly bus: number; readonly slot: number; readonly function: number }

/** One direction of a `<bandwidth>` (virNetDevBandwidthRate); 0/absent values are not formatted. */
export interface BandwidthRate {
  readonly average?: number;
  readonly peak?: number;
  readonly burst?: number;
  /** Only valid on a port's inbound rate. */
  readonly floor?: number;
}

/** `<bandwidth>` (virNetDevBandwidth). */
export interface BandwidthDef {
  readonly inbound?: BandwidthRate;
  readonly outbound?: BandwidthRate;
}

/** One `<tag>` of a `<vlan>`. */
export interface VlanTag { readonly id: number; readonly nativeMode?: 'tagged' | 'untagged' }

/** `<vlan>` (virNetDevVlan); `trunk` is true when set explicitly or when there are several tags. */
export interface VlanDef {
  readonly trunk: boolean;
  readonly tags: readonly VlanTag[];
}

/** virNetDevVPortProfile types. */
export type VirtualPortType = '802.1Qbg' | '802.1Qbh' | 'openvswitch' | 'midonet';

/** `<virtualport>` and its `<parameters>` (virNetDevVPortProfile). */
export interface VirtualPortDef {
  readonly type?: VirtualPortType;
  readonly managerId?: number;
  readonly typeId?: number;
  readonly typeIdVersion?: number;
  /** Canonical UUID. */
  readonly instanceId?: string;
  /** Canonical UUID. */
  readonly interfaceId?: string;
  readonly profileId?: string;
}

/** A node of the kept `<metadata>` subtree, re-emitted the way libxml2's xmlNodeDump writes it. */
export type MetadataNode =
  | MetadataElement
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'cdata'; readonly text: string }
  | { readonly kind: 'comment'; readonly text: string }
  | { readonly kind: 'pi'; readonly target: string; readonly data: string };

/** An element of `<metadata>`, with the namespace declarations it carries (prefix null = default). */
export interface MetadataElement {
  readonly kind: 'element';
  /** Qualified name as written (`app1:foo`). */
  readonly name: string;
  readonly namespaces: readonly { readonly prefix: string | null; readonly uri: string }[];
  readonly attributes: readonly { readonly name: string; readonly value: string }[];
  readonly children: readonly MetadataNode[];
}

/** `<nat>` inside `<forward mode='nat'>`. */
export interface NetworkNatDef {
  readonly ipv6?: TristateBool;
  /** IPv4 SNAT range. */
  readonly addressStart?: string;
  readonly addressEnd?: string;
  /** Masquerade port range; networkStartNetwork fills 1024-65535 when both are absent. */
  readonly portStart?: number;
  readonly portEnd?: number;
}

/** A `<forward><interface dev=.../>` pool member; `connections` is live state only. */
export interface ForwardInterface {
  readonly dev: string;
  readonly connections?: number;
}

/** `<forward>` (virNetworkForwardDef). */
export interface NetworkForwardDef {
  readonly mode: ForwardMode;
  /** hostdev only: `managed='yes'`. */
  readonly managed?: boolean;
  /** hostdev `<driver name=.../>`. */
  readonly driver?: 'kvm' | 'vfio';
  /** Netdev pool; the `dev` attribute is the first member. */
  readonly interfaces: readonly ForwardInterface[];
  /** hostdev PCI pool (`<address type='pci' .../>`). */
  readonly addresses: readonly PciAddress[];
  readonly pf?: { readonly dev: string };
  readonly nat?: NetworkNatDef;
}

/** `<bridge>`: libvirt defaults stp to on and delay to 0 and prints them for none/nat/route/open. */
export interface NetworkBridgeDef {
  readonly name?: string;
  readonly stp?: boolean;
  readonly delay?: number;
  readonly macTableManager?: 'kernel' | 'libvirt';
  readonly zone?: string;
}

/** `<domain>`; `register` only exists from libvirt 10.1. */
export interface NetworkDomainDef {
  readonly name?: string;
  readonly localOnly?: TristateBool;
  readonly register?: TristateBool;
}

/** `<dns><forwarder>`. */
export interface DnsForwarder { readonly domain?: string; readonly addr?: string }

/** `<dns><txt>`. */
export interface DnsTxt { readonly name: string; readonly value?: string }

/** `<dns><host>` with its `<hostname>`s. */
export interface DnsHost { readonly ip?: string; readonly hostnames: readonly string[] }

/** `<dns><srv>`; numeric fields are not printed when 0. */
export interface DnsSrv {
  readonly service?: string;
  readonly protocol?: string;
  readonly domain?: string;
  readonly target?: string;
  readonly port?: number;
  readonly priority?: number;
  readonly weight?: number;
}

/** `<dns>` (virNetworkDNSDef). */
export interface NetworkDnsDef {
  readonly enable?: TristateBool;
  readonly forwardPlainNames?: TristateBool;
  readonly forwarders: readonly DnsForwarder[];
  readonly txts: readonly DnsTxt[];
  readonly hosts: readonly DnsHost[];
  readonly srvs: readonly DnsSrv[];
}

/** `<lease>`: expiry 0 means infinite; unit defaults to minutes. */
export interface DhcpLease { readonly expiry: number; readonly unit: 'seconds' | 'minutes' | 'hours' }

/** `<dhcp><range>`. */
export interface DhcpRange {
  readonly start: string;
  readonly end: string;
  readonly lease?: DhcpLease;
}

/** `<dhcp><host>`: mac/id/name are printed exactly as the user wrote them. */
export interface DhcpHost {
  readonly mac?: string;
  readonly id?: string;
  readonly name?: string;
  readonly ip?: string;
  readonly lease?: DhcpLease;
}

/** `<dhcp>` contents. */
export interface DhcpDef {
  readonly ranges: readonly DhcpRange[];
  readonly hosts: readonly DhcpHost[];
  readonly bootp?: { readonly file: string; readonly server?: string };
}

/** `<ip>` (virNetworkIPDef). */
export interface NetworkIpDef {
  readonly family?: 'ipv4' | 'ipv6';
  readonly address: string;
  readonly netmask?: string;
  readonly prefix?: number;
  readonly localPtr?: TristateBool;
  readonly dhcp: DhcpDef;
  /** `<tftp>` present; `root` may be absent. */
  readonly tftp?: { readonly root?: string };
}

/** `<route>` (virNetDevIPRoute). */
export interface NetworkRouteDef {
  readonly family?: 'ipv4' | 'ipv6';
  readonly address: string;
  readonly netmask?: string;
  readonly prefix?: number;
  readonly gateway: string;
  readonly metric?: number;
}

/** `<portgroup>` (virPortGroupDef). */
export interface PortGroupDef {
  readonly name: string;
  readonly isDefault?: boolean;
  readonly trustGuestRxFilters?: TristateBool;
  readonly vlan?: VlanDef;
  readonly virtualport?: VirtualPortDef;
  readonly bandwidth?: BandwidthDef;
}

/** A whole `<network>`. */
export interface NetworkDef {
  readonly name: string;
  /** Canonical lowercase UUID; completeNetworkDef generates one when absent. */
  readonly uuid?: string;
  /** libvirt 9.7+. */
  readonly title?: string;
  /** libvirt 9.7+. */
  readonly description?: string;
  /** The `<metadata>` element, namespaces sanitised as virXMLNodeSanitizeNamespaces does. */
  readonly metadata?: MetadataElement;
  /** `ipv6='yes'`. */
  readonly ipv6?: boolean;
  readonly trustGuestRxFilters?: TristateBool;
  /** Absent means libvirt's forward mode none (isolated). */
  readonly forward?: NetworkForwardDef;
  readonly bridge?: NetworkBridgeDef;
  readonly mtu?: number;
  /** Canonical lowercase MAC of the bridge. */
  readonly mac?: string;
  readonly domain?: NetworkDomainDef;
  readonly dns?: NetworkDnsDef;
  readonly ips: readonly NetworkIpDef[];
  readonly routes: readonly NetworkRouteDef[];
  readonly bandwidth?: BandwidthDef;
  readonly vlan?: VlanDef;
  /** `<port isolated=.../>`. */
  readonly isolatedPort?: TristateBool;
  readonly virtualport?: VirtualPortDef;
  readonly portgroups: readonly PortGroupDef[];
  /** `<dnsmasq:options>` values (namespace http://libvirt.org/schemas/network/dnsmasq/1.0). */
  readonly dnsmasqOptions?: readonly string[];
}

/** The forward mode libvirt sees, `none` for an isolated network. */
export function forwardModeOf(def: NetworkDef): ForwardMode | 'none' {
  return def.forward?.mode ?? 'none';
}

/** none/nat/route/open: libvirt creates and manages the bridge (the `hasbridge` modes). */
export function hasManagedBridge(def: NetworkDef): boolean {
  const mode = forwardModeOf(def);
  return mode === 'none' || mode === 'nat' || mode === 'route' || mode === 'open';
}
