import type { DomainDef } from '../../model/domain-def.js';
import { domainInterfaces } from '../../model/domain-stage.js';
import { domainDriverOps } from '../guest/domain-driver-ops.js';
import { interfacePorts, portOwner } from '../guest/interface-ports.js';
import { portFromInterface } from '../guest/port-from-interface.js';
import { runDomainHook } from '../guest/run-domain-hook.js';
import { stopGuest } from '../guest/stop-guest.js';
import { notifyNetworkPort } from '../network/notify-network-port.js';
import { reloadDomains } from '../files/reload-from-files.js';
import { ensureNetworkDaemon } from './network-daemon.js';
import type { Simulation } from '../simulation.js';
import type { HypervisorCounters, SimulatorState } from '../simulator-state.js';

/**
 * The counters a fresh hypervisor daemon starts from: qemuDomainFindMaxID (next id = highest
 * running id + 1) and virNetDevReserveName for every tap a running guest holds (lastID = the
 * highest vnetN/macvtapN in use).
 */
export function countersFromRunning(guests: readonly DomainDef[]): HypervisorCounters {
  let nextDomainId = 1;
  let vnet = 0;
  let macvtap = 0;
  for (const live of guests) {
    nextDomainId = Math.max(nextDomainId, (live.id ?? 0) + 1);
    for (const iface of domainInterfaces(live)) {
      const match = /^(vnet|macvtap)(\d+)$/.exec(iface.target.dev ?? '');
      if (match?.[1] === 'vnet') vnet = Math.max(vnet, Number(match[2]) + 1);
      if (match?.[1] === 'macvtap') macvtap = Math.max(macvtap, Number(match[2]) + 1);
    }
  }
  return { nextDomainId, taps: { vnet, macvtap } };
}

/**
 * qemuProcessNotifyNets for one guest: since 5.5 a port the network driver already knows is
 * skipped, one it lost is rebuilt and sent with RECLAIM (`port-created`); before 5.5
 * networkNotifyActualDevice announces every interface again (`plugged`). Failures are logged only.
 */
function* notifyNets(state: SimulatorState, live: DomainDef): Simulation<SimulatorState> {
  const ports = interfacePorts(state, live);
  // virNetworkPortLookupByUUID reaches the network driver (socket-activating virtnetworkd).
  let current = ports.length > 0 ? yield* ensureNetworkDaemon(state) : state;
  for (const held of ports) {
    const known = current.networks[held.network]?.ports.find((p) => p.uuid === held.uuid);
    if (current.profile.portHooks === 'port' && known) continue;
    const port = known ?? portFromInterface(live, held.iface);
    if (!port) continue;
    const notified = yield* notifyNetworkPort(current, held.network, port, { store: true, owner: portOwner(live, held.index) });
    current = notified.state;
    if (notified.error !== null) yield { type: 'log', message: `${live.name}: port ${held.uuid} on ${held.network} not reclaimed: ${notified.error}` };
  }
  return current;
}

/**
 * qemuStateInitialize / lxcStateInitialize ...: the guests rebuilt from their status files and
 * configs, counters rebuilt from the running guests, then
 * qemuProcessReconnect per guest (in definition order; libvirt runs them in parallel threads):
 * the networks are notified, then the `reconnect` hook, whose veto kills the guest (`stopped`,
 * `port-deleted`, `release` with reason `daemon` for qemu, `failed` for lxc).
 */
export function* initHypervisorDriver(state: SimulatorState): Simulation<SimulatorState> {
  const loaded = yield* reloadDomains(state);
  const running = Object.values(loaded.domains).flatMap((obj) => (obj.live ? [obj.live] : []));
  let current: SimulatorState = { ...loaded, counters: countersFromRunning(running) };
  for (const live of running) {
    current = yield* notifyNets(current, live);
    const ops = domainDriverOps(live);
    if (!ops.reconnect) continue;
    const outcome = yield* runDomainHook(current, live, 'reconnect');
    if (outcome.status === 'failed') {
      yield { type: 'log', message: `${live.name}: reconnect hook failed, stopping the guest: ${outcome.error ?? ''}` };
      current = yield* stopGuest(current, live, ops.reconnectVetoReason);
    }
  }
  return current;
}
