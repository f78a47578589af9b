import { hasManagedBridge, type ForwardInterface, type NetworkDef, type PciAddress } from './network-def.js';

/** A virtual function of an SR-IOV PF, as virNetDevGetVirtualFunctions lists it. */
export interface VirtualFunction {
  /** The netdev name; absent when the VF is not bound to a network driver. */
  readonly ifname?: string;
  readonly address: PciAddress;
}

/** What networkStartNetwork learns from the host. */
export interface LiveHost {
  /** The VFs of a PF device; without it a `<pf>` pool is left unexpanded. */
  readonly virtualFunctions?: (pf: string) => readonly VirtualFunction[];
}

// A NAT masquerade rule exists for an IPv4 <ip>, or an IPv6 one with <nat ipv6='yes'>.
function masquerades(def: NetworkDef): boolean {
  if (def.forward?.mode !== 'nat') return false;
  return def.ips.some((ip) => !ip.address.includes(':') || def.forward?.nat?.ipv6 === 'yes');
}

/**
 * The running definition networkStartNetwork leaves behind, as the `started` hook sees it:
 * - iptablesForwardMasquerade fills the NAT port range 1024-65535 when none is set (NAT
 *   networks with an address it masquerades);
 * - networkCreateInterfacePool expands a `<pf>` into its VFs for the macvtap and hostdev modes.
 */
export function liveNetworkDef(def: NetworkDef, host: LiveHost = {}): NetworkDef {
  let live = def;
  const nat = def.forward?.nat;
  if (masquerades(def) && !nat?.portStart && !nat?.portEnd) {
    live = { ...live, forward: { ...live.forward!, nat: { ...nat, portStart: 1024, portEnd: 65535 } } };
  }
  const forward = live.forward;
  if (forward?.pf && !hasManagedBridge(live) && !(forward.mode === 'bridge' && live.bridge?.name)
      && forward.interfaces.length === 0 && forward.addresses.length === 0 && host.virtualFunctions) {
    const vfs = host.virtualFunctions(forward.pf.dev);
    if (forward.mode === 'hostdev') {
      live = { ...live, forward: { ...forward, addresses: vfs.map((vf) => vf.address) } };
    } else {
      const interfaces: ForwardInterface[] = vfs.filter((vf) => vf.ifname !== undefined).map((vf) => ({ dev: vf.ifname! }));
      live = { ...live, forward: { ...forward, interfaces } };
    }
  }
  return live;
}
