import type { DomainObject, NetworkObject, SimulatorState } from '../simulator/simulator-state.js';
import type { BridgeState, GuestStateExpectation, NetworkStateExpectation, StateExpectation } from './expectation.js';
import type { ExpectationFailure } from './expectation-failure.js';

/** The parts of the simulator's state the checks read (a Session's `state` satisfies it). */
export type StateLike = Pick<SimulatorState, 'networks' | 'domains' | 'hostBridges'>;

type Fact<T> = (obj: T) => boolean | number;

/** How each network fact is read from a virNetworkObj; a new fact is one line here and one in the schema. */
const NETWORK_FACTS: { readonly [K in Exclude<keyof NetworkStateExpectation, 'defined'>]-?: Fact<NetworkObject> } = {
  active: (obj) => obj.live !== null,
  persistent: (obj) => obj.config !== null,
  autostart: (obj) => obj.autostart,
  connections: (obj) => obj.connections,
  ports: (obj) => obj.ports.length,
};

const GUEST_FACTS: { readonly [K in Exclude<keyof GuestStateExpectation, 'defined'>]-?: Fact<DomainObject> } = {
  running: (obj) => obj.live !== null,
  persistent: (obj) => obj.config !== null,
};

/** A network or guest by name; names are data, so `constructor` is not Object's. */
const own = <T>(map: Readonly<Record<string, T>>, name: string): T | undefined => (Object.hasOwn(map, name) ? map[name] : undefined);

/** `networks.lab-nat.active`, or `networks["a b"].active` for names that are not plain words. */
const key = (name: string) => (/^[\w.-]+$/u.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`);

/**
 * Checks the simulated host against the expected state: networks (defined, active, persistent,
 * autostart, connections, ports), guests (defined, running, persistent) and host bridges
 * (present, absent, leaked by a failed start). Paths are relative to the expectation (`state.networks.X.active`).
 */
export function checkState(state: StateLike, expected: StateExpectation): ExpectationFailure[] {
  return [
    ...Object.entries(expected.networks ?? {}).flatMap(([name, facts]) =>
      checkObject('network', `state.networks${key(name)}`, name, own(state.networks, name), facts, NETWORK_FACTS),
    ),
    ...Object.entries(expected.guests ?? {}).flatMap(([name, facts]) =>
      checkObject('guest', `state.guests${key(name)}`, name, own(state.domains, name), facts, GUEST_FACTS),
    ),
    ...Object.entries(expected.bridges ?? {}).flatMap(([name, want]) => checkBridge(state, name, want)),
  ];
}

function checkObject<T>(
  kind: 'network' | 'guest',
  path: string,
  name: string,
  obj: T | undefined,
  facts: NetworkStateExpectation | GuestStateExpectation,
  table: Readonly<Record<string, Fact<T>>>,
): ExpectationFailure[] {
  const { defined, ...rest } = facts as { readonly defined?: boolean } & Readonly<Record<string, boolean | number | undefined>>;
  const exists = obj !== undefined;
  if (defined !== undefined && defined !== exists) {
    return [{ path: `${path}.defined`, message: `${kind} ${name} is ${exists ? '' : 'not '}defined, expected it ${defined ? '' : 'not '}to be`, expected: `defined: ${defined}`, actual: `defined: ${exists}` }];
  }
  const asked = Object.entries(rest).filter(([, value]) => value !== undefined);
  if (!exists) {
    if (asked.length === 0) return [];
    return [{ path, message: `no ${kind} ${name} is defined, so ${asked.map(([k]) => k).join(', ')} cannot hold`, expected: describeFacts(asked), actual: `(no ${kind} ${name})` }];
  }
  return asked.flatMap(([fact, want]): ExpectationFailure[] => {
    const actual = table[fact]!(obj);
    if (actual === want) return [];
    return [{ path: `${path}.${fact}`, message: `${kind} ${name}: ${describeFact(fact, actual)}, expected ${describeFact(fact, want!)}`, expected: `${fact}: ${String(want)}`, actual: `${fact}: ${String(actual)}` }];
  });
}

function checkBridge(state: StateLike, name: string, want: BridgeState): ExpectationFailure[] {
  const bridge = state.hostBridges.find((b) => b.name === name);
  const actual: BridgeState = !bridge ? 'absent' : bridge.leakedBy !== undefined ? 'leaked' : 'present';
  // A leaked bridge is present too: `present` only asks that the device exists.
  if (actual === want || (want === 'present' && actual === 'leaked')) return [];
  const shown = actual === 'leaked' ? `leaked (left behind by the failed start of ${bridge!.leakedBy})` : actual;
  return [{ path: `state.bridges${key(name)}`, message: `bridge ${name} is ${shown}, expected ${want}`, expected: want, actual: shown }];
}

function describeFact(fact: string, value: boolean | number): string {
  if (typeof value === 'number') return `${fact} is ${value}`;
  const words: Record<string, [string, string]> = {
    active: ['active', 'inactive'],
    running: ['running', 'shut off'],
    persistent: ['persistent', 'transient'],
    autostart: ['marked autostart', 'not marked autostart'],
  };
  const [yes, no] = words[fact] ?? [fact, `not ${fact}`];
  return value ? yes : no;
}

const describeFacts = (facts: readonly [string, unknown][]) => facts.map(([k, v]) => `${k}: ${String(v)}`).join('\n');
