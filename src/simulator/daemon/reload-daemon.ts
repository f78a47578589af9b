import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { autostartNetworks } from './autostart-networks.js';
import { runDaemonHook } from './run-daemon-hook.js';
import { scanHooks } from './scan-hooks.js';

/** SIGHUP: rescan, `reload begin SIGHUP`, then networkStateReload reruns autostart without the marker check. */
export function* reloadDaemon(state: SimulatorState): Simulation<SimulatorState> {
  const rescanned = yield* scanHooks(state);
  yield* runDaemonHook(rescanned, 'reload');
  return yield* autostartNetworks(rescanned);
}
