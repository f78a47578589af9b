import type { BandwidthDef, PciAddress, TristateBool, VirtualPortDef, VlanDef } from './network-def.js';

/** How a port is plugged (virNetworkPortPlugType without `none`, which never reaches a hook). */
export type NetworkPortPlug =
  /** none/nat/route/open networks, and bridge networks (type `bridge`). */
  | { readonly type: 'network' | 'bridge'; readonly bridge?: string; readonly macTableManager?: 'kernel' | 'libvirt' }
  /** macvtap; `mode` is virNetDevMacVLanMode. */
  | { readonly type: 'direct'; readonly dev?: string; readonly mode: 'vepa' | 'private' | 'bridge' | 'passthrough' }
  | { readonly type: 'hostdev-pci'; readonly managed?: TristateBool; readonly driver?: 'kvm' | 'vfio'; readonly address: PciAddress };

/**
 * A network port as data, modelled on virNetworkPortDef (src/conf/virnetworkportdef.h, libvirt
 * 9.0): what `<networkport>` carries in port-created/port-deleted hook stdin.
 */
export interface NetworkPortDef {
  /** Canonical lowercase UUID. */
  readonly uuid: string;
  readonly owner: { readonly name: string; readonly uuid: string };
  /** The portgroup name. */
  readonly group?: string;
  /** Canonical lowercase MAC. */
  readonly mac: string;
  readonly virtualport?: VirtualPortDef;
  readonly bandwidth?: BandwidthDef;
  /** The tc class (networkPlugBandwidth); printed only when non-zero and bandwidth is present. */
  readonly classId?: number;
  readonly vlan?: VlanDef;
  readonly isolatedPort?: TristateBool;
  readonly trustGuestRxFilters?: TristateBool;
  /** Absent means plug type none. */
  readonly plug?: NetworkPortPlug;
}
