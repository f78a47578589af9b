import type { DomainDef } from '../model/domain-def.js';
import type { TapCounters } from '../model/domain-stage.js';
import type { HookDriver } from '../model/hook-driver.js';
import type { LibvirtProfile } from '../model/libvirt-profile.js';
import type { NetworkDef } from '../model/network-def.js';
import type { NetworkPortDef } from '../model/network-port-def.js';

/** One virNetworkObj: the persistent config, the running def, and the driver's counters. */
export interface NetworkObject {
  /** The persistent definition (`newDef` while active); null for a transient network. */
  readonly config: NetworkDef | null;
  /** The running definition while active (virNetworkObjSetDefTransient copy), else null. */
  readonly live: NetworkDef | null;
  readonly autostart: boolean;
  /** netdef->connections: counts ports; may go negative after failed replays, as libvirt's does. */
  readonly connections: number;
  /**
   * virNetworkObj's ports (their status files /run/libvirt/network/NAME/ports/UUID.xml), in
   * creation order; each is the `<networkport>` the port-created hook saw. Empty while inactive.
   */
  readonly ports: readonly NetworkPortDef[];
  /**
   * VIR_NETWORK_TAINT_HOOK (networkNetworkObjTaint): a network hook ran successfully on this
   * object; its status file then carries `<taint flag='hook-script'/>`. @default false
   */
  readonly tainted?: boolean;
}

/** One virDomainObj: the persistent definition and, while it runs, the live one. */
export interface DomainObject {
  /** The persistent definition as `virsh define` completed it; null for a transient guest. */
  readonly config: DomainDef | null;
  /** The running definition (what `started` saw, with later hot-plugs); null while shut off. */
  readonly live: DomainDef | null;
  /** VIR_DOMAIN_TAINT_HOOK: the driver's hook ran at this run's start (priv->hookRun). @default false */
  readonly tainted?: boolean;
}

/** A bridge device present on the simulated host, with the IPv4 subnets routed through it. */
export interface HostBridge {
  readonly name: string;
  /** `address/prefix` of each IPv4 network configured on the bridge. */
  readonly subnets: readonly string[];
  /** The network whose failed start left it behind (libvirt < 10.8 started-veto leak), if any. */
  readonly leakedBy?: string;
}

/** A dnsmasq a failed start left running (libvirt < 10.8 started-veto leak), with the IPv4 addresses it holds. */
export interface LeakedDnsmasq {
  readonly network: string;
  readonly addresses: readonly string[];
}

/** Counters of the hypervisor daemon's lifetime (they restart with the daemon). */
export interface HypervisorCounters {
  /** The id the next started guest gets (qemuDriverAllocateID; max running id + 1 after a restart). */
  readonly nextDomainId: number;
  /** virNetDevGenerateName's last ids (vnetN, macvtapN), reserved again from running guests at restart. */
  readonly taps: TapCounters;
}

/** A split daemon's process (virtnetworkd): whether it runs, and its own hook cache. */
export interface DaemonProcess {
  readonly running: boolean;
  /** virHooksFound of this process: each split daemon scans hooks on its own. */
  readonly hooksFound: readonly HookDriver[];
}

/** How libvirt's daemons are deployed: one libvirtd, or split daemons (virtnetworkd + virtqemud). */
export type DaemonMode = 'monolithic' | 'modular';

/** The whole simulated daemon and host: plain data, cloned per step, never mutated in place. */
/** What `virsh save` wrote: the migratable definition (restore hook stdin) and the running guest's CPU. */
export interface SavedImage {
  readonly def: DomainDef;
  readonly cookieCpu: DomainDef['cpu'];
}

export interface SimulatorState {
  readonly profile: LibvirtProfile;
  /** sfc32 state of the seeded generator (see model/seeded-random.ts). */
  readonly random: readonly [number, number, number, number];
  /** Networks in definition order, keyed by name. */
  readonly networks: Readonly<Record<string, NetworkObject>>;
  /** Guests in definition order, keyed by name. */
  readonly domains: Readonly<Record<string, DomainObject>>;
  /** Save images by file: the header's definition and the CPU of the save cookie (qemuDomainSaveCookie). */
  readonly savedImages: Readonly<Record<string, SavedImage>>;
  readonly hostBridges: readonly HostBridge[];
  /** dnsmasq processes left behind by failed starts; `host-kill-dnsmasq` ends one. @default none */
  readonly leakedDnsmasq?: readonly LeakedDnsmasq[];
  /**
   * virHooksFound of libvirtd (monolithic) or of the hypervisor daemon virtqemud (modular): drivers
   * that had a hook at the last scan (daemon start, SIGHUP, shutdown).
   */
  readonly hooksFound: readonly HookDriver[];
  /** Whether libvirtd (monolithic) or virtqemud (modular) is running. */
  readonly daemonRunning: boolean;
  readonly daemonMode: DaemonMode;
  /** virtnetworkd in modular mode (network hooks run there, with its own cache); null when monolithic. */
  readonly networkDaemon: DaemonProcess | null;
  readonly counters: HypervisorCounters;
  /** /run/libvirt/network/autostarted exists: autostart already ran this boot (5.9+). */
  readonly autostartedThisBoot: boolean;
}
