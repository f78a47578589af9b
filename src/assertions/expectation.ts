import type { CommandsExpectation } from '../doubles/check-commands.js';
/**
 * What a scenario can expect, as plain data: the assertion engine's input. The scenario loader
 * builds these from YAML; the vitest matchers can build them from code.
 */

/** Text compared exactly, by substring, or by a regular expression (JavaScript syntax). */
export type TextExpectation =
  | { readonly equals: string }
  | { readonly contains: string }
  | { readonly matches: string };

/**
 * The expected result of an XPath query: a string, number or boolean is compared with the result
 * converted as XPath's string()/number()/boolean() would; a list compares every selected node's
 * string value, in document order.
 */
export type XPathExpected = string | number | boolean | readonly string[];

/** Checks on the stdin libvirt gave a hook (all given checks must hold). */
export interface StdinExpectation {
  /** The whole stdin, byte for byte. */
  readonly equals?: string;
  /** Where `equals` came from (a file the scenario named), for messages. */
  readonly equalsFile?: string;
  readonly contains?: string;
  /** XPath query -> expected value, evaluated on stdin parsed as XML. */
  readonly xpath?: Readonly<Record<string, XPathExpected>>;
}

/** Checks on the hook's environment (`K=V` strings in libvirt's order). */
export interface EnvExpectation {
  /** The whole environment, in order. */
  readonly equals?: readonly string[];
  /** Variables that must be set to these values. */
  readonly includes?: Readonly<Record<string, string>>;
  /** Variables that must not be set. */
  readonly excludes?: readonly string[];
}

/** One expected script run; every field given must match, absent fields match anything. */
export interface CallExpectation {
  /** `network`, `network.d/NAME`, `qemu`, ... relative to the hooks directory. */
  readonly hook?: string;
  /** argv[1..4]: network or domain name, op, subop, extra. */
  readonly object?: string;
  readonly op?: string;
  readonly subop?: string;
  readonly extra?: string;
  readonly stdin?: StdinExpectation;
  readonly env?: EnvExpectation;
  readonly exitCode?: number | null;
}

/**
 * How a list of expected calls relates to the calls that happened: `exact` (the same calls, in
 * order, nothing else), `ordered` (a subsequence), `contains` (each ran, any order), `none-of`.
 */
export type CallsMode = 'exact' | 'ordered' | 'contains' | 'none-of';

export const CALLS_MODES: readonly CallsMode[] = ['exact', 'ordered', 'contains', 'none-of'];

export interface CallsExpectation {
  readonly mode: CallsMode;
  readonly calls: readonly CallExpectation[];
}

/** A network's state: each given fact must hold (virNetworkObj: defined, active, persistent, autostart, counters). */
export interface NetworkStateExpectation {
  /** Whether the network exists at all (persistent, or transient and running). */
  readonly defined?: boolean;
  readonly active?: boolean;
  /** Whether it has a persistent config (false: transient). */
  readonly persistent?: boolean;
  readonly autostart?: boolean;
  /** netdef->connections: the driver's count of plugged ports. */
  readonly connections?: number;
  /** How many ports the network holds (its port status files). */
  readonly ports?: number;
}

/** A guest's state. */
export interface GuestStateExpectation {
  readonly defined?: boolean;
  readonly running?: boolean;
  readonly persistent?: boolean;
}

/** A bridge device on the simulated host: there, gone, or left behind by a failed start (libvirt < 10.8). */
export type BridgeState = 'present' | 'absent' | 'leaked';

export const BRIDGE_STATES: readonly BridgeState[] = ['present', 'absent', 'leaked'];

/** The simulated host after a step or a whole run; absent names and fields are not checked. */
export interface StateExpectation {
  readonly networks?: Readonly<Record<string, NetworkStateExpectation>>;
  readonly guests?: Readonly<Record<string, GuestStateExpectation>>;
  readonly bridges?: Readonly<Record<string, BridgeState>>;
}

/** What one step must end with; absent fields are not checked. */
export interface StepExpectation {
  readonly ok?: boolean;
  readonly vetoed?: boolean;
  /** virsh's stderr for the step (without the final newline). */
  readonly error?: TextExpectation;
  /** virsh's stdout for the step (without the final newline). */
  readonly output?: TextExpectation;
  /** The scripts the step ran. */
  readonly calls?: CallsExpectation;
  /** The simulated host right after the step. */
  readonly state?: StateExpectation;
  /** Commands the step's hooks ran through doubles. */
  readonly commands?: CommandsExpectation;
}

/** Expectations over a whole run: every call of every step, and the host after the last step. */
export interface RunExpectation {
  readonly calls?: CallsExpectation;
  readonly state?: StateExpectation;
  /** Commands the run's hooks ran through doubles. */
  readonly commands?: CommandsExpectation;
}
