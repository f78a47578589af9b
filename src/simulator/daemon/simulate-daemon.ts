import { VirthookError } from '../../errors/virthook-error.js';
import { RUNTIME_DIR } from '../../status/status-paths.js';
import type { DaemonCommand, DaemonName } from '../command.js';
import { removeFiles } from '../files/file-effects.js';
import { isActive } from '../network/with-network.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { succeeded } from '../step-result.js';
import { idleExitNetworkDaemon, startNetworkDaemon, stopNetworkDaemon } from './network-daemon.js';
import { rebootHost } from './reboot-host.js';
import { reloadHypervisorDaemon, reloadNetworkDaemon } from './reload-daemon.js';
import { startDaemon, startHypervisorDaemon } from './start-daemon.js';
import { stopDaemon, stopHypervisorDaemon } from './stop-daemon.js';

type Target = 'all' | 'network' | 'hypervisor';

/** Which daemon a step addresses; a split daemon in monolithic mode (or libvirtd in modular mode) is a scenario error. */
function target(state: SimulatorState, daemon: DaemonName | undefined, verb: string): Target {
  if (daemon === undefined) return 'all';
  const modular = state.networkDaemon !== null;
  if (!modular && daemon === 'libvirtd') return 'all';
  if (modular && daemon !== 'libvirtd') return daemon === 'virtnetworkd' ? 'network' : 'hypervisor';
  const mode = modular ? 'modular' : 'monolithic';
  throw new VirthookError('SCENARIO_INVALID', `${verb} ${daemon}: there is no ${daemon} in ${mode} mode. Use ${modular ? 'virtnetworkd or virtqemud' : 'libvirtd'}, or set daemon: ${modular ? 'monolithic' : 'modular'} in the scenario (daemon: { mode: ${modular ? 'monolithic' : 'modular'} } with other daemon settings).`);
}

const NAMES: Record<Target, (state: SimulatorState) => string> = {
  all: (state) => (state.networkDaemon ? 'virtnetworkd and virtqemud' : 'libvirtd'),
  network: () => 'virtnetworkd',
  hypervisor: () => 'virtqemud',
};

function isRunning(state: SimulatorState, which: Target): boolean {
  if (which === 'network') return state.networkDaemon?.running ?? false;
  if (which === 'hypervisor') return state.daemonRunning;
  return state.daemonRunning && (state.networkDaemon?.running ?? true);
}

function* start(state: SimulatorState, which: Target, order?: readonly string[]): Simulation<SimulatorState> {
  if (which === 'network') return yield* startNetworkDaemon(state, order);
  if (which === 'hypervisor') return yield* startHypervisorDaemon(state);
  return yield* startDaemon(state, order);
}

function* stop(state: SimulatorState, which: Target): Simulation<SimulatorState> {
  if (which === 'network') return state.networkDaemon?.running ? yield* stopNetworkDaemon(state) : state;
  if (which === 'hypervisor') return state.daemonRunning ? yield* stopHypervisorDaemon(state) : state;
  return yield* stopDaemon(state);
}

/** Daemon and host events; each always succeeds from the admin's point of view (hook exits are ignored). */
export function* simulateDaemon(state: SimulatorState, command: DaemonCommand): Simulation {
  switch (command.verb) {
    case 'daemon-start': {
      const which = target(state, command.daemon, command.verb);
      if (isRunning(state, which)) return { state, result: succeeded(`${NAMES[which](state)} is already running`) };
      return { state: yield* start(state, which, command.order), result: succeeded(`${NAMES[which](state)} started`) };
    }
    case 'daemon-stop': {
      const which = target(state, command.daemon, command.verb);
      return { state: yield* stop(state, which), result: succeeded(`${NAMES[which](state)} stopped`) };
    }
    case 'daemon-restart': {
      const which = target(state, command.daemon, command.verb);
      const stopped = yield* stop(state, which);
      return { state: yield* start(stopped, which, command.order), result: succeeded(`${NAMES[which](state)} restarted`) };
    }
    case 'daemon-reload': {
      const which = target(state, command.daemon, command.verb);
      const networkUp = state.networkDaemon ? state.networkDaemon.running : state.daemonRunning;
      const reloadNetwork = which !== 'hypervisor' && networkUp;
      const reloadHypervisor = which !== 'network' && state.networkDaemon !== null && state.daemonRunning;
      if (!reloadNetwork && !reloadHypervisor) return { state, result: succeeded(`${NAMES[which](state)} is not running`) };
      let next = state;
      if (reloadNetwork) next = yield* reloadNetworkDaemon(next);
      if (reloadHypervisor) next = yield* reloadHypervisorDaemon(next);
      return { state: next, result: succeeded(`${NAMES[which](state)} reloaded`) };
    }
    case 'host-reboot': {
      // systemd stops the daemons gracefully on the way down and starts them again at boot.
      const stopped = yield* stopDaemon(state);
      // /run is a tmpfs: every status file and the autostart marker are gone; /etc stays.
      yield* removeFiles([{ tree: RUNTIME_DIR }]);
      return { state: yield* startDaemon(rebootHost(stopped)), result: succeeded('host rebooted') };
    }
    case 'host-kill-dnsmasq': {
      const leaked = state.leakedDnsmasq ?? [];
      // Only a leaked dnsmasq is modelled: a running network's own has its pid file but is not simulated.
      if (!leaked.some((d) => d.network === command.network)) {
        return { state, result: { ok: false, output: '', error: `no dnsmasq left behind by a failed start of network ${command.network}`, vetoed: false } };
      }
      return { state: { ...state, leakedDnsmasq: leaked.filter((d) => d.network !== command.network) }, result: succeeded('') };
    }
    case 'host-link-del': {
      if (!state.hostBridges.some((b) => b.name === command.bridge)) {
        return { state, result: { ok: false, output: '', error: `Cannot find device "${command.bridge}"`, vetoed: false } };
      }
      // libvirt does not notice: an active network whose bridge vanished stays active until a restart.
      return { state: { ...state, hostBridges: state.hostBridges.filter((b) => b.name !== command.bridge) }, result: succeeded('') };
    }
    case 'virtnetworkd-idle-exit':
      if (!state.networkDaemon) {
        throw new VirthookError('SCENARIO_INVALID', 'virtnetworkd-idle-exit needs split daemons: set daemon: modular in the scenario (daemon: { mode: modular } with other daemon settings).');
      }
      return { state: yield* idleExitNetworkDaemon(state), result: succeeded('') };
    case 'firewalld-reload': {
      const networks = Object.entries(state.networks).filter(([, obj]) => isActive(obj)).map(([name]) => name);
      const active = networks.length > 0 ? networks.join(', ') : 'no active network';
      const networkDaemonUp = state.networkDaemon ? state.networkDaemon.running : state.daemonRunning;
      // networkReloadFirewallRules runs on firewalld's D-Bus Reloaded signal: a daemon that is not running misses it.
      const readded = networkDaemonUp
        ? `libvirt re-adds its rules for ${active}`
        : `${state.networkDaemon ? 'virtnetworkd' : 'libvirtd'} is not running, so nothing re-adds libvirt's rules for ${active} until it starts`;
      yield { type: 'log', message: `firewalld reloaded: ${readded}; rules added by hooks are lost (no hook runs)` };
      return { state, result: succeeded('') };
    }
    case 'hook-file': {
      // libvirt notices nothing now: the hook cache changes at the next scan, the script list at the next call.
      const error = (yield { type: 'hook-file', change: command.change }) as string | null;
      return { state, result: error === null ? succeeded('') : { ok: false, output: '', error, vetoed: false } };
    }
  }
}
