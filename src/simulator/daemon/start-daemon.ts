import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { autostartNetworks } from './autostart-networks.js';
import { runDaemonHook } from './run-daemon-hook.js';
import { scanHooks } from './scan-hooks.js';

/**
 * libvirtd's main(): virHookInitialize, the daemon `start` hook (before any driver work), then the
 * network driver's init: autostart once per boot (virDriverShouldAutostart's marker since 5.9).
 */
export function* startDaemon(state: SimulatorState): Simulation<SimulatorState> {
  let current = yield* scanHooks({ ...state, daemonRunning: true });
  yield* runDaemonHook(current, 'start');
  if (!current.profile.autostartOnce || !current.autostartedThisBoot) {
    current = yield* autostartNetworks(current);
    current = { ...current, autostartedThisBoot: true };
  }
  return current;
}
