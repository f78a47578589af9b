import { hasManagedBridge } from '../../model/network-def.js';
import { AUTOSTARTED_MARKER } from '../../status/status-paths.js';
import type { ReplayOrder } from '../command.js';
import { writeFiles } from '../files/file-effects.js';
import { reloadNetworks } from '../files/reload-from-files.js';
import { notifyNetworkPort } from '../network/notify-network-port.js';
import { shutdownNetwork } from '../network/shutdown-network.js';
import { isActive, withNetwork } from '../network/with-network.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { autostartNetworks } from './autostart-networks.js';
import { orderOf, replayGroups, replaySequence } from './replay-order.js';

/**
 * networkUpdateState for networks whose bridge vanished: 9.0 only marks them inactive (no hook,
 * their port replays then fail as "not active"); 10.8+ runs networkShutdownNetwork (`stopped`).
 * Transient networks found inactive are pruned either way.
 */
function* dropVanishedNetworks(state: SimulatorState): Simulation<SimulatorState> {
  let current = state;
  for (const [name, obj] of Object.entries(state.networks)) {
    const bridge = obj.live?.bridge?.name;
    if (!obj.live || !hasManagedBridge(obj.live) || !bridge || current.hostBridges.some((b) => b.name === bridge)) continue;
    yield { type: 'log', message: `network ${name}: bridge ${bridge} is gone, marking the network inactive` };
    if (current.profile.teardownOnStartFailure) current = yield* shutdownNetwork(current, name);
    else current = withNetwork(current, name, obj.config ? { ...obj, live: null } : null);
  }
  return current;
}

/**
 * networkStateInitialize after the daemon hook: the networks rebuilt from their status files,
 * port files and configs (`connections` is not read back, so every counter restarts at 0), then
 * for every active network `port-created` replayed for each stored port (networkNotifyPort),
 * byte-identical to the port file. A failed replay is logged and ignored: the port (and its file)
 * stays, the counter is not incremented (oracle g2). No start/started runs for networks already
 * active. Before 5.5 there are no ports to replay: the guests' reconnect announces their
 * interfaces instead.
 */
export function* initNetworkDriver(state: SimulatorState, order?: ReplayOrder): Simulation<SimulatorState> {
  const loaded = yield* reloadNetworks(state);
  const reset = Object.fromEntries(Object.entries(loaded.networks).map(([name, obj]) => [name, { ...obj, connections: 0 }]));
  let current = yield* dropVanishedNetworks({ ...loaded, networks: reset });
  if (current.profile.portHooks === 'port') {
    const replay = replaySequence(current, order ?? (yield* chooseReplayOrder(current)));
    current = replay.state;
    for (const step of replay.sequence) {
      const notified = yield* notifyNetworkPort(current, step.network, step.port, { store: false, owner: null });
      current = notified.state;
      if (notified.error !== null) yield { type: 'log', message: `port ${step.port.uuid} on ${step.network}: replay failed: ${notified.error}` };
    }
  }
  for (const [name, obj] of Object.entries(current.networks)) {
    // An inactive network keeps no ports (they are deleted at its next start in libvirt).
    if (!isActive(obj) && obj.ports.length > 0) current = withNetwork(current, name, { ...obj, ports: [] });
  }
  return current;
}

/** Asks the harness for the hash order of a replay the step left to chance (undefined: the seed's). */
function* chooseReplayOrder(state: SimulatorState): Simulation<ReplayOrder | undefined> {
  const seeded = orderOf(state, replaySequence(state).sequence);
  return (yield { type: 'replay-order', groups: replayGroups(state), seeded }) as ReplayOrder | undefined;
}

/**
 * virDriverShouldAutostart: autostart networks once per boot (5.9+: the `autostarted` marker is
 * touched before the first autostart, so a restart skips it), at every daemon start before.
 */
export function* autostartOncePerBoot(state: SimulatorState): Simulation<SimulatorState> {
  if (state.profile.autostartOnce && state.autostartedThisBoot) return state;
  if (state.profile.autostartOnce) yield* writeFiles([{ path: AUTOSTARTED_MARKER, content: '' }]);
  const started = yield* autostartNetworks(state);
  return { ...started, autostartedThisBoot: true };
}
