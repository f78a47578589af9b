import type { DaemonCommand } from '../command.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { succeeded } from '../step-result.js';
import { reloadDaemon } from './reload-daemon.js';
import { startDaemon } from './start-daemon.js';
import { stopDaemon } from './stop-daemon.js';

/** Daemon and host events; each always succeeds from the admin's point of view (hook exits are ignored). */
export function* simulateDaemon(state: SimulatorState, command: DaemonCommand): Simulation {
  switch (command.verb) {
    case 'daemon-start':
      if (state.daemonRunning) return { state, result: succeeded('libvirtd is already running') };
      return { state: yield* startDaemon(state), result: succeeded('libvirtd started') };
    case 'daemon-stop':
      if (!state.daemonRunning) return { state, result: succeeded('libvirtd is not running') };
      return { state: yield* stopDaemon(state), result: succeeded('libvirtd stopped') };
    case 'daemon-restart': {
      const stopped = state.daemonRunning ? yield* stopDaemon(state) : state;
      return { state: yield* startDaemon(stopped), result: succeeded('libvirtd restarted') };
    }
    case 'daemon-reload':
      if (!state.daemonRunning) return { state, result: succeeded('libvirtd is not running') };
      return { state: yield* reloadDaemon(state), result: succeeded('libvirtd reloaded') };
    case 'host-reboot': {
      // systemd stops libvirtd gracefully on the way down and starts it again at boot.
      const stopped = state.daemonRunning ? yield* stopDaemon(state) : state;
      return { state: yield* startDaemon(rebootHost(stopped)), result: succeeded('host rebooted') };
    }
    case 'host-link-del': {
      if (!state.hostBridges.some((b) => b.name === command.bridge)) {
        return { state, result: { ok: false, output: '', error: `Cannot find device "${command.bridge}"`, vetoed: false } };
      }
      // libvirt does not notice: an active network whose bridge vanished stays active until a restart.
      return { state: { ...state, hostBridges: state.hostBridges.filter((b) => b.name !== command.bridge) }, result: succeeded('') };
    }
  }
}

/** A reboot empties /run (tmpfs): every network and guest is down, leaked bridges and transient networks are gone. */
function rebootHost(state: SimulatorState): SimulatorState {
  const networks = Object.fromEntries(
    Object.entries(state.networks)
      .filter(([, obj]) => obj.config !== null)
      .map(([name, obj]) => [name, { ...obj, live: null, connections: 0 }]),
  );
  return { ...state, networks, hostBridges: [], daemonRunning: false, autostartedThisBoot: false };
}
