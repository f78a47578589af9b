import { VirthookError, type Problem } from '../errors/virthook-error.js';
import type { DomainDef } from '../model/domain-def.js';
import { domainDriverOf } from '../model/domain-stage.js';
import type { NetworkDef } from '../model/network-def.js';
import type { Command, NetworkPortRequest } from './command.js';
import { createSimulatorState, type SimulatorStateOptions } from './create-simulator-state.js';
import type { EffectAnswer } from './effect.js';
import { simulate } from './simulate.js';
import type { Simulation, Transition } from './simulation.js';
import type { HypervisorCounters, SimulatorState } from './simulator-state.js';

/** A network of the described host. */
export interface SeedNetwork {
  /** The parsed definition (completed as `net-define` would). */
  readonly def: NetworkDef;
  /** @default false */
  readonly active?: boolean;
  /** @default false */
  readonly autostart?: boolean;
  /** False for a network made by `net-create` (it must be active). @default true */
  readonly persistent?: boolean;
}

/** A guest of the described host. */
export interface SeedDomain {
  /** The parsed definition (completed as `virsh define` would). */
  readonly def: DomainDef;
  /** Running guests hold their ports and taps as if started. @default false */
  readonly running?: boolean;
  /** False for a running guest with no persistent definition. @default true */
  readonly persistent?: boolean;
}

/** A port made with `net-port-create` (no guest behind it). */
export interface SeedPort {
  readonly network: string;
  readonly port: NetworkPortRequest;
}

/** A host described by what is on it, not by how it got there. */
export interface SeedDescription extends SimulatorStateOptions {
  readonly networks?: readonly SeedNetwork[];
  readonly domains?: readonly SeedDomain[];
  readonly ports?: readonly SeedPort[];
  /** Counters to continue from (a recording's domain ids and vnet numbers), after the guests started. */
  readonly counters?: Partial<HypervisorCounters>;
  /** Whether autostart already ran this boot (the `autostarted` marker). @default true */
  readonly autostartedThisBoot?: boolean;
}

/** Drives a step with every hook absent: the seeding runs libvirt's logic but no hook. */
function runSilently(simulation: Simulation): Transition {
  let answer: EffectAnswer;
  for (;;) {
    const step = simulation.next(answer);
    if (step.done) return step.value;
    answer = step.value.type === 'scan-hooks' ? [] : undefined;
  }
}

/**
 * Builds the state of a host that already has networks active, guests running and ports
 * plugged, without any hook having run: the same libvirt logic as the steps (ids, vnetN, port
 * UUIDs and MACs from the seed, connections counted), silently. The hook cache is set from
 * `hooksFound` afterwards. Throws SCENARIO_INVALID listing every step libvirt would refuse.
 */
export function seedSimulatorState(description: SeedDescription): SimulatorState {
  const base = createSimulatorState({ ...description, hooksFound: [] });
  const commands: [string, Command][] = [];
  description.networks?.forEach((n, i) => {
    const file = `networks[${i}]`;
    const persistent = n.persistent ?? true;
    commands.push([file, { verb: persistent ? 'net-define' : 'net-create', def: n.def, file }]);
    if (persistent && n.autostart) commands.push([file, { verb: 'net-autostart', network: n.def.name, disable: false }]);
    if (persistent && n.active) commands.push([file, { verb: 'net-start', network: n.def.name }]);
  });
  description.domains?.forEach((d, i) => {
    const file = `domains[${i}]`;
    commands.push([file, { verb: 'define', def: d.def, file }]);
    if (d.running) commands.push([file, { verb: 'start', domain: d.def.name }]);
    if (d.persistent === false) commands.push([file, { verb: 'undefine', domain: d.def.name }]);
  });
  description.ports?.forEach((p, i) => {
    commands.push([`ports[${i}]`, { verb: 'net-port-create', network: p.network, port: p.port, file: `ports[${i}]` }]);
  });
  const problems: Problem[] = [];
  let state = base;
  for (const [path, command] of commands) {
    const { state: next, result } = runSilently(simulate(state, command));
    if (!result.ok) problems.push({ file: 'state', path, message: (result.error ?? '').replace(/^error: /gm, '') });
    state = next;
  }
  if (problems.length > 0) {
    throw new VirthookError('SCENARIO_INVALID', `The described state is not one libvirt can reach:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`, { problems });
  }
  const found = [...description.hooksFound];
  // The hooks ran when these networks and guests started, so libvirt tainted them (networkRunHook, qemuDomainObjCheckTaint).
  const networks = Object.fromEntries(Object.entries(state.networks).map(([name, obj]) => [name, obj.live && found.includes('network') ? { ...obj, tainted: true } : obj]));
  const domains = Object.fromEntries(Object.entries(state.domains).map(([name, obj]) => [name, obj.live && domainDriverOf(obj.live) === 'qemu' && found.includes('qemu') ? { ...obj, tainted: true } : obj]));
  return {
    ...state,
    networks,
    domains,
    hooksFound: found,
    networkDaemon: state.networkDaemon ? { running: true, hooksFound: found } : null,
    counters: { ...state.counters, ...description.counters },
    autostartedThisBoot: description.autostartedThisBoot ?? true,
  };
}
