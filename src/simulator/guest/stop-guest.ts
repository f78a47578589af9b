import type { DomainDef } from '../../model/domain-def.js';
import { releaseDomain, stopDomain } from '../../model/domain-stage.js';
import { ensureNetworkDaemon } from '../daemon/network-daemon.js';
import { releaseNetworkPort } from '../network/release-network-port.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { domainDriverOps, type ShutoffReason } from './domain-driver-ops.js';
import { interfacePorts, orphanedActuals, portOwner } from './interface-ports.js';
import { releaseActualDevice } from '../network/release-actual-device.js';
import { runDomainHook } from './run-domain-hook.js';
import { withDomainStopped } from './with-domain.js';

/** argv[4] of `release`: the shutoff reason where the profile and the driver pass one, else `-`. */
export function releaseExtra(state: SimulatorState, def: DomainDef, reason: ShutoffReason): string {
  return state.profile.releaseReasons && domainDriverOps(def).releaseReasons ? reason : '-';
}

/**
 * qemuProcessStop (virLXCProcessCleanup, libxlDomainCleanup ...): `stopped` on the def with the id
 * reset (lxc keeps it), then per interface in order `port-deleted` for a port the network still
 * has (a network destroyed meanwhile dropped it, oracle n), then `release` on the released def.
 * Every exit status is ignored; the guest ends shut off (a transient one disappears).
 */
export function* stopGuest(state: SimulatorState, live: DomainDef, reason: ShutoffReason): Simulation<SimulatorState> {
  const stopped = stopDomain(live);
  yield* runDomainHook(state, stopped, 'stopped');
  const held = interfacePorts(state, live);
  // Before 5.5 an interface whose network dropped its plug (destroyed, restarted) is released too.
  const orphans = orphanedActuals(state, live);
  let current = held.length + orphans.length > 0 ? yield* ensureNetworkDaemon(state) : state;
  const releases = [
    ...held.map((port) => ({ index: port.index, network: port.network, what: `port ${port.uuid}`, release: () => releaseNetworkPort(current, port.network, port.uuid, portOwner(stopped, port.index)) })),
    ...orphans.map((o) => ({ index: o.index, network: o.network, what: 'interface', release: () => releaseActualDevice(current, o.network, portOwner(stopped, o.index)) })),
  ].sort((a, b) => a.index - b.index);
  for (const port of releases) {
    const released = yield* port.release();
    current = released.state;
    // virDomainNetReleaseActualDevice: a port that cannot be found is skipped (only logged).
    if (released.error !== null) yield { type: 'log', message: `${live.name}: ${port.what} on ${port.network} not released: ${released.error}` };
  }
  yield* runDomainHook(current, releaseDomain(live), 'release', { extra: releaseExtra(current, live, reason) });
  return withDomainStopped(current, live.name);
}
