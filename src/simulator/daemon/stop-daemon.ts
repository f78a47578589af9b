import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { runDaemonHook } from './run-daemon-hook.js';
import { scanHooks } from './scan-hooks.js';

/** A graceful stop (SIGTERM): virHookCall forces a rescan, then the `shutdown` hook; guests and networks keep running. */
export function* stopDaemon(state: SimulatorState): Simulation<SimulatorState> {
  const rescanned = yield* scanHooks(state);
  yield* runDaemonHook(rescanned, 'shutdown');
  return { ...rescanned, daemonRunning: false };
}
