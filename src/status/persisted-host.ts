import type { DomainDef } from '../model/domain-def.js';
import type { NetworkDef } from '../model/network-def.js';
import type { NetworkPortDef } from '../model/network-port-def.js';

/** What the network driver keeps of a network (virNetworkObj), as its files record it. */
export interface PersistedNetwork {
  /** The persistent definition; null for a transient network. */
  readonly config: NetworkDef | null;
  /** The running definition while active. */
  readonly live: NetworkDef | null;
  readonly autostart: boolean;
  /** netdef->connections (written to the status file, never read back). */
  readonly connections: number;
  readonly ports: readonly NetworkPortDef[];
  /** VIR_NETWORK_TAINT_HOOK: a hook ran successfully on this network object. */
  readonly tainted?: boolean;
}

/** What a hypervisor driver keeps of a guest (virDomainObj), as its files record it. */
export interface PersistedDomain {
  readonly config: DomainDef | null;
  readonly live: DomainDef | null;
  /** VIR_DOMAIN_TAINT_HOOK: the driver's hook ran when the guest started (priv->hookRun). */
  readonly tainted?: boolean;
}

/** The parts of a host that libvirt's files hold (the simulator's state has this shape). */
export interface PersistedHost {
  readonly profile: { readonly version: string; readonly portHooks: 'port' | 'plugged'; readonly autostartOnce: boolean };
  readonly networks: Readonly<Record<string, PersistedNetwork>>;
  readonly domains: Readonly<Record<string, PersistedDomain>>;
  /** The `autostarted` marker exists. */
  readonly autostartedThisBoot: boolean;
}
