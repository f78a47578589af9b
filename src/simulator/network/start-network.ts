import { liveNetworkDef } from '../../model/live-network-def.js';
import { hasManagedBridge, type NetworkDef } from '../../model/network-def.js';
import { networkDefCopy } from '../../xml/network-def-copy.js';
import { libvirtErrors } from '../libvirt-errors.js';
import type { Simulation } from '../simulation.js';
import type { HostBridge, SimulatorState } from '../simulator-state.js';
import { deleteAllPorts, saveNetworkStatus } from '../files/persist-network.js';
import { runNetworkHook } from './run-network-hook.js';
import { shutdownNetwork } from './shutdown-network.js';
import { ipv4Subnets } from './ipv4-subnets.js';
import { dnsmasqConflict, leakDnsmasq } from './leaked-dnsmasq.js';
import { taintNetwork } from './taint-network.js';
import { isActive, withNetwork } from './with-network.js';

/** How a start attempt ended; `error` is libvirt's message (what virsh prints after `error: `). */
export interface StartOutcome {
  readonly state: SimulatorState;
  readonly error: string | null;
  readonly vetoed: boolean;
}

/** How startNetwork was reached. */
export interface StartNetworkOptions {
  /**
   * net-create's start of a transient network: virNetworkObjSetDefTransient makes no copy then.
   * @default false
   */
  readonly transient?: boolean;
}

/**
 * networkStartNetwork: old port files deleted, `start` hook on the defined def, the host-side
 * work, `started` hook on the live def, then the status file saved and active. Failures follow
 * the profile: 9.0 leaves a `started` veto's bridge behind and runs no `stopped`; 10.8+ tears
 * down and runs `stopped`.
 */
export function* startNetwork(state: SimulatorState, name: string, options: StartNetworkOptions = {}): Simulation<StartOutcome> {
  const obj = state.networks[name];
  if (!obj) return { state, error: libvirtErrors.noNetwork(name), vetoed: false };
  if (isActive(obj)) return { state, error: libvirtErrors.operationInvalid('network is already active'), vetoed: false };
  const def = obj.config as NetworkDef;
  // virNetworkObjDeleteAllPorts: ports left by an earlier run are forgotten.
  yield* deleteAllPorts(state, name);
  // virNetworkObjSetDefTransient: a persistent def is copied (formatted, parsed again) into newDef before any hook.
  const copy = options.transient ? { ok: true as const, def } : networkDefCopy(def, state.profile.version);
  if (!copy.ok) return { state, error: copy.error, vetoed: false };
  state = withNetwork(state, name, { ...obj, config: copy.def });

  const start = yield* runNetworkHook(state, def, 'start');
  const tainted = taintNetwork(state, name, start);
  if (start.status === 'failed') return yield* failStart(tainted, name, def, start.error ?? '', true);

  const blocked = hostConflict(tainted, def) ?? dnsmasqConflict(tainted, name, def);
  if (blocked) return yield* failStart(tainted, name, def, blocked, false);

  const live = liveNetworkDef(def);
  let next: SimulatorState = tainted;
  if (hasManagedBridge(def) && def.bridge?.name) {
    next = { ...next, hostBridges: [...next.hostBridges, { name: def.bridge.name, subnets: ipv4Subnets(def) }] };
  }

  const started = yield* runNetworkHook(next, live, 'started');
  next = taintNetwork(next, name, started);
  const current = next.networks[name]!;
  if (started.status === 'failed') {
    if (next.profile.teardownOnStartFailure) {
      // networkStartNetwork (10.8+): the error path runs networkShutdownNetwork, stopped hook included.
      const active = withNetwork(next, name, { ...current, live, connections: 0, ports: [] });
      const down = yield* shutdownNetwork(active, name);
      return { state: down, error: started.error, vetoed: true };
    }
    // networkStartNetwork (<= 10.7): shutdown returns early for an inactive network, so the bridge leaks.
    const leaked = next.hostBridges.map((b): HostBridge => (b.name === def.bridge?.name ? { ...b, leakedBy: name } : b));
    const dnsmasq = leakDnsmasq(name, def);
    const leakedDnsmasq = dnsmasq ? [...(next.leakedDnsmasq ?? []), dnsmasq] : next.leakedDnsmasq;
    return { state: { ...next, hostBridges: leaked, ...(leakedDnsmasq && { leakedDnsmasq }) }, error: started.error, vetoed: true };
  }

  // virNetworkObjSetDefTransient keeps obj->def as the live def, so a count an old-era `unplugged`
  // drove below zero on the inactive network carries over (it is 0 otherwise).
  const active = withNetwork(next, name, { ...current, live, connections: current.connections, ports: [] });
  // virNetworkObjSaveStatus after `started`, before the network is marked active.
  yield* saveNetworkStatus(active, name);
  return { state: active, error: null, vetoed: false };
}

function* failStart(state: SimulatorState, name: string, def: NetworkDef, error: string, vetoed: boolean): Simulation<StartOutcome> {
  if (!state.profile.teardownOnStartFailure) return { state, error, vetoed };
  const obj = state.networks[name]!;
  const down = yield* shutdownNetwork(withNetwork(state, name, { ...obj, live: def }), name);
  return { state: down, error, vetoed };
}

/** networkStartNetworkVirtual's first host checks: a route to the subnet, then the bridge device. */
function hostConflict(state: SimulatorState, def: NetworkDef): string | null {
  if (!hasManagedBridge(def)) return null;
  for (const subnet of ipv4Subnets(def)) {
    // networkCheckRouteCollision: the subnet is already routed through some interface.
    const holder = state.hostBridges.find((b) => b.subnets.includes(subnet));
    if (holder) return libvirtErrors.internal(`Network is already in use by interface ${holder.name}`);
  }
  const bridge = def.bridge?.name;
  // virNetDevBridgeCreate: EEXIST reported as a system error.
  if (bridge && state.hostBridges.some((b) => b.name === bridge)) return `error creating bridge interface ${bridge}: File exists`;
  return null;
}
