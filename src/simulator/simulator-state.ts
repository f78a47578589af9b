import type { HookDriver } from '../model/hook-driver.js';
import type { LibvirtProfile } from '../model/libvirt-profile.js';
import type { NetworkDef } from '../model/network-def.js';

/** One virNetworkObj: the persistent config, the running def, and the driver's counters. */
export interface NetworkObject {
  /** The persistent definition (`newDef` while active); null for a transient network. */
  readonly config: NetworkDef | null;
  /** The running definition while active (virNetworkObjSetDefTransient copy), else null. */
  readonly live: NetworkDef | null;
  readonly autostart: boolean;
  /** netdef->connections: counts ports; may go negative after failed replays, as libvirt's does. */
  readonly connections: number;
}

/** A bridge device present on the simulated host, with the IPv4 subnets routed through it. */
export interface HostBridge {
  readonly name: string;
  /** `address/prefix` of each IPv4 network configured on the bridge. */
  readonly subnets: readonly string[];
  /** The network whose failed start left it behind (libvirt < 10.8 started-veto leak), if any. */
  readonly leakedBy?: string;
}

/** The whole simulated daemon and host: plain data, cloned per step, never mutated in place. */
export interface SimulatorState {
  readonly profile: LibvirtProfile;
  /** sfc32 state of the seeded generator (see model/seeded-random.ts). */
  readonly random: readonly [number, number, number, number];
  /** Networks in definition order, keyed by name. */
  readonly networks: Readonly<Record<string, NetworkObject>>;
  readonly hostBridges: readonly HostBridge[];
  /** virHooksFound: drivers that had a hook at the last scan (daemon start, SIGHUP, shutdown). */
  readonly hooksFound: readonly HookDriver[];
  /** Whether libvirtd is running; virsh cannot connect while it is not. */
  readonly daemonRunning: boolean;
  /** /run/libvirt/network/autostarted exists: autostart already ran this boot (5.9+). */
  readonly autostartedThisBoot: boolean;
}
