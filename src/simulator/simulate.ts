import type { Command, DaemonCommand, NetworkCommand, PortCommand, VirshCommand } from './command.js';
import { ensureNetworkDaemon } from './daemon/network-daemon.js';
import { activateHypervisorDaemon } from './daemon/start-daemon.js';
import { simulateDaemon } from './daemon/simulate-daemon.js';
import { forgetNetworkConfig, saveNetworkConfig, setAutostartLink } from './files/persist-network.js';
import { syncDomainFiles } from './files/sync-domain-files.js';
import { simulateGuest } from './guest/simulate-guest.js';
import { libvirtErrors } from './libvirt-errors.js';
import { assignNetworkDef, defineNetwork } from './network/define-network.js';
import { simulatePortCommand } from './network/simulate-port-command.js';
import { shutdownNetwork } from './network/shutdown-network.js';
import { startNetwork } from './network/start-network.js';
import { updateNetwork } from './network/update-network.js';
import { isActive, withNetwork } from './network/with-network.js';
import type { Simulation } from './simulation.js';
import type { SimulatorState } from './simulator-state.js';
import { failed, succeeded } from './step-result.js';

/**
 * The simulator's one entry point: performs a virsh command against a state, yielding the hook
 * calls libvirt would make and the files it writes, and returns the next state with what virsh
 * printed.
 */
export function* simulate(state: SimulatorState, command: Command): Simulation {
  const transition = yield* simulateCommand(state, command);
  yield* syncDomainFiles(state, transition.state);
  return transition;
}

function* simulateCommand(state: SimulatorState, command: Command): Simulation {
  if (isDaemonCommand(command)) return yield* simulateDaemon(state, command);
  // virConnectOpen fails while no daemon listens on the socket (split daemons are socket-activated).
  if (!state.daemonRunning && !state.networkDaemon) return { state, result: { ok: false, output: '', error: NOT_CONNECTED, vetoed: false } };
  let active = yield* activateHypervisorDaemon(state);
  if (!isNetworkDriverCommand(command)) return yield* simulateGuest(active, command);
  // A net-* call reaches the network driver at once (socket-activating virtnetworkd).
  active = yield* ensureNetworkDaemon(active);
  if (command.verb === 'net-port-create' || command.verb === 'net-port-delete') return yield* simulatePortCommand(active, command);
  return yield* simulateNetwork(active, command);
}

function isNetworkDriverCommand(command: VirshCommand): command is NetworkCommand | PortCommand {
  return command.verb.startsWith('net-');
}

/** The network verbs (net-define ... net-update), with virsh's texts. */
function* simulateNetwork(state: SimulatorState, command: NetworkCommand): Simulation {
  switch (command.verb) {
    case 'net-define': {
      const outcome = defineNetwork(state, command.def);
      if (outcome.error !== null) return { state, result: failed(`Failed to define network from ${command.file}`, outcome.error) };
      yield* saveNetworkConfig(outcome.state, outcome.def.name);
      return { state: outcome.state, result: succeeded(`Network ${outcome.def.name} defined from ${command.file}`) };
    }
    case 'net-create': {
      const assigned = assignNetworkDef(state, command.def, 'create');
      if (assigned.error !== null) return { state, result: failed(`Failed to create network from ${command.file}`, assigned.error) };
      const name = assigned.def.name;
      const withDef = withNetwork(assigned.state, name, { config: assigned.def, live: null, autostart: false, connections: 0, ports: [] });
      const started = yield* startNetwork(withDef, name, { transient: true });
      if (started.error !== null) {
        // networkCreateXML: a transient network that failed to start is removed again.
        const cleaned = started.state.networks[name]?.live ? started.state : withNetwork(started.state, name, null);
        return { state: cleaned, result: failed(`Failed to create network from ${command.file}`, started.error, started.vetoed) };
      }
      const obj = started.state.networks[name]!;
      return { state: withNetwork(started.state, name, { ...obj, config: null }), result: succeeded(`Network ${name} created from ${command.file}`) };
    }
    case 'net-start': {
      const lookup = missing(state, command.network);
      if (lookup) return lookup;
      const started = yield* startNetwork(state, command.network);
      if (started.error !== null) return { state: started.state, result: failed(`Failed to start network ${command.network}`, started.error, started.vetoed) };
      return { state: started.state, result: succeeded(`Network ${command.network} started`) };
    }
    case 'net-destroy': {
      const lookup = missing(state, command.network);
      if (lookup) return lookup;
      if (!isActive(state.networks[command.network]!)) {
        // networkDestroy
        return { state, result: failed(`Failed to destroy network ${command.network}`, libvirtErrors.operationInvalid(`network '${command.network}' is not active`)) };
      }
      const next = yield* shutdownNetwork(state, command.network);
      return { state: next, result: succeeded(`Network ${command.network} destroyed`) };
    }
    case 'net-undefine': {
      const lookup = missing(state, command.network);
      if (lookup) return lookup;
      const obj = state.networks[command.network]!;
      if (!obj.config) {
        return { state, result: failed(`Failed to undefine network ${command.network}`, libvirtErrors.operationInvalid("can't undefine transient network")) };
      }
      // networkUndefine: an active network becomes transient and keeps running.
      const next = isActive(obj) ? { ...obj, config: null, autostart: false } : null;
      yield* forgetNetworkConfig(command.network);
      return { state: withNetwork(state, command.network, next), result: succeeded(`Network ${command.network} has been undefined`) };
    }
    case 'net-autostart': {
      const lookup = missing(state, command.network);
      if (lookup) return lookup;
      const obj = state.networks[command.network]!;
      const verb = command.disable ? 'unmark' : 'mark';
      if (!obj.config) {
        return { state, result: failed(`failed to ${verb} network ${command.network} as autostarted`, libvirtErrors.operationInvalid('cannot set autostart for transient network')) };
      }
      yield* setAutostartLink(command.network, !command.disable);
      return {
        state: withNetwork(state, command.network, { ...obj, autostart: !command.disable }),
        result: succeeded(`Network ${command.network} ${verb}ed as autostarted`),
      };
    }
    case 'net-update':
      return yield* updateNetwork(state, command);
    default:
      return assertNever(command);
  }
}

const DAEMON_VERBS: ReadonlySet<string> = new Set([
  'daemon-start', 'daemon-stop', 'daemon-restart', 'daemon-reload', 'host-reboot', 'host-link-del', 'host-kill-dnsmasq', 'virtnetworkd-idle-exit', 'firewalld-reload', 'hook-file',
]);

function isDaemonCommand(command: Command): command is DaemonCommand {
  return DAEMON_VERBS.has(command.verb);
}

function assertNever(command: never): never {
  throw new Error(`Unhandled command ${JSON.stringify(command)}`);
}

const NOT_CONNECTED =
  "error: failed to connect to the hypervisor\nerror: Failed to connect socket to '/var/run/libvirt/libvirt-sock': No such file or directory";

/** vshCommandOptNetwork: an unknown name fails before any API call. */
function missing(state: SimulatorState, name: string): { state: SimulatorState; result: ReturnType<typeof failed> } | null {
  if (state.networks[name]) return null;
  return { state, result: failed(`failed to get network '${name}'`, libvirtErrors.noNetwork(name)) };
}
