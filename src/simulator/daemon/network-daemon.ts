import type { ReplayOrder } from '../command.js';
import { isActive } from '../network/with-network.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { autostartOncePerBoot, initNetworkDriver } from './init-network-driver.js';
import { runDaemonHook } from './run-daemon-hook.js';
import { scanHooks } from './scan-hooks.js';

/**
 * virtnetworkd's start (modular mode; also its socket activation): its own hook scan, the daemon
 * `start` hook, then the network driver's init: every port replayed, autostart once per boot.
 */
export function* startNetworkDaemon(state: SimulatorState, order?: ReplayOrder): Simulation<SimulatorState> {
  const found = yield* scanHooks();
  const current: SimulatorState = { ...state, networkDaemon: { running: true, hooksFound: found } };
  yield* runDaemonHook(found, 'start');
  return yield* autostartOncePerBoot(yield* initNetworkDriver(current, order));
}

/** virtnetworkd's graceful stop: rescan, `shutdown` hook; networks and their ports keep running. */
export function* stopNetworkDaemon(state: SimulatorState): Simulation<SimulatorState> {
  const found = yield* scanHooks();
  yield* runDaemonHook(found, 'shutdown');
  return { ...state, networkDaemon: { running: false, hooksFound: found } };
}

/**
 * Socket activation: a call that needs the network driver while virtnetworkd is not running
 * starts it first (with its full port replay). Nothing to do in monolithic mode.
 */
export function* ensureNetworkDaemon(state: SimulatorState): Simulation<SimulatorState> {
  if (!state.networkDaemon || state.networkDaemon.running) return state;
  yield { type: 'log', message: 'virtnetworkd is socket-activated' };
  return yield* startNetworkDaemon(state);
}

/**
 * virtnetworkd's `--timeout 120` idle exit. Before the idle-exit fix (profile networkIdleExit)
 * it exits even with active networks, so the next network call replays every port; after it,
 * active networks hold an inhibitor and it stays.
 */
export function* idleExitNetworkDaemon(state: SimulatorState): Simulation<SimulatorState> {
  if (!state.networkDaemon?.running) return state;
  if (!state.profile.networkIdleExit && Object.values(state.networks).some(isActive)) {
    yield { type: 'log', message: 'virtnetworkd stays: active networks inhibit its idle exit' };
    return state;
  }
  return yield* stopNetworkDaemon(state);
}
