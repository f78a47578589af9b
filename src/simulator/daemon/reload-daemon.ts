import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { autostartNetworks } from './autostart-networks.js';
import { runDaemonHook } from './run-daemon-hook.js';
import { scanHooks } from './scan-hooks.js';

/** SIGHUP to the daemon running the network driver: rescan, `reload begin SIGHUP`, then networkStateReload reruns autostart without the marker check. */
export function* reloadNetworkDaemon(state: SimulatorState): Simulation<SimulatorState> {
  const found = yield* scanHooks();
  yield* runDaemonHook(found, 'reload');
  const rescanned = state.networkDaemon ? { ...state, networkDaemon: { running: true, hooksFound: found } } : { ...state, hooksFound: found };
  return yield* autostartNetworks(rescanned);
}

/** SIGHUP to virtqemud (modular mode): rescan and `reload begin SIGHUP`; no guest hook runs. */
export function* reloadHypervisorDaemon(state: SimulatorState): Simulation<SimulatorState> {
  const found = yield* scanHooks();
  yield* runDaemonHook(found, 'reload');
  return { ...state, hooksFound: found };
}
