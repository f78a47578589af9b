import type { ReplayOrder } from '../command.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { initHypervisorDriver } from './init-hypervisor-driver.js';
import { autostartOncePerBoot, initNetworkDriver } from './init-network-driver.js';
import { startNetworkDaemon } from './network-daemon.js';
import { runDaemonHook } from './run-daemon-hook.js';
import { scanHooks } from './scan-hooks.js';

/**
 * The hypervisor daemon's start (virtqemud in modular mode): its hook scan, the daemon `start`
 * hook, then the guests' reconnect (which socket-activates virtnetworkd if a guest has ports).
 */
export function* startHypervisorDaemon(state: SimulatorState): Simulation<SimulatorState> {
  const found = yield* scanHooks();
  yield* runDaemonHook(found, 'start');
  return yield* initHypervisorDriver({ ...state, hooksFound: found, daemonRunning: true });
}

/** Socket activation of virtqemud (modular mode): `virsh -c qemu:///system` connects to it first. */
export function* activateHypervisorDaemon(state: SimulatorState): Simulation<SimulatorState> {
  if (!state.networkDaemon || state.daemonRunning) return state;
  yield { type: 'log', message: 'virtqemud is socket-activated' };
  return yield* startHypervisorDaemon(state);
}

/**
 * libvirtd's main(): virHookInitialize, the daemon `start` hook (before any driver work), then the
 * drivers in registration order: the network driver (port replay; autostart once per boot since
 * 5.9), then qemu/lxc reconnect. Before 5.5 the guests announce their interfaces at reconnect
 * and autostart runs in the later stateAutoStart pass. In modular mode, virtnetworkd starts
 * (if down) before virtqemud.
 */
export function* startDaemon(state: SimulatorState, order?: ReplayOrder): Simulation<SimulatorState> {
  if (state.networkDaemon) {
    const withNetwork = state.networkDaemon.running ? state : yield* startNetworkDaemon(state, order);
    return state.daemonRunning ? withNetwork : yield* startHypervisorDaemon(withNetwork);
  }
  const found = yield* scanHooks();
  let current: SimulatorState = { ...state, hooksFound: found, daemonRunning: true };
  yield* runDaemonHook(found, 'start');
  current = yield* initNetworkDriver(current, order);
  const portEra = current.profile.portHooks === 'port';
  if (portEra) current = yield* autostartOncePerBoot(current);
  current = yield* initHypervisorDriver(current);
  return portEra ? current : yield* autostartOncePerBoot(current);
}
