import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { stopNetworkDaemon } from './network-daemon.js';
import { runDaemonHook } from './run-daemon-hook.js';
import { scanHooks } from './scan-hooks.js';

/** The hypervisor daemon's graceful stop (SIGTERM): virHookCall forces a rescan, then the `shutdown` hook; guests keep running. */
export function* stopHypervisorDaemon(state: SimulatorState): Simulation<SimulatorState> {
  const found = yield* scanHooks();
  yield* runDaemonHook(found, 'shutdown');
  return { ...state, hooksFound: found, daemonRunning: false };
}

/** A graceful stop of libvirtd, or of both split daemons (virtqemud first); guests and networks keep running. */
export function* stopDaemon(state: SimulatorState): Simulation<SimulatorState> {
  const current = state.daemonRunning ? yield* stopHypervisorDaemon(state) : state;
  return current.networkDaemon?.running ? yield* stopNetworkDaemon(current) : current;
}
