import type { CallsExpectation, StepExpectation } from '../assertions/expectation.js';
import type { Command } from '../simulator/command.js';

/** One step ready to run: the virsh command, where it was written, and what it must end with. */
export interface ScenarioStep {
  readonly command: Command;
  /** Where the step sits in the file: `steps[2]`, or `networks[0]` for a definition. */
  readonly path: string;
  readonly line?: number;
  /** Always holds at least one check: a step without ok/vetoed/error must succeed. */
  readonly expect: StepExpectation;
}

/** A validated scenario with its files read, paths resolved and defaults applied. */
export interface Scenario {
  readonly name: string;
  readonly description: string | null;
  /** The scenario file, absolute. */
  readonly file: string;
  /** The file as shown in messages (relative to the caller's cwd when it gave one). */
  readonly displayFile: string;
  /** The hooks directory, absolute. */
  readonly hooksDir: string;
  /** libvirt releases to run against, in order (a matrix when several). */
  readonly libvirt: readonly string[];
  readonly seed: string | null;
  /** The daemon's environment in order; null for the recorded libvirtd's. */
  readonly daemonEnv: ReadonlyArray<readonly [string, string]> | null;
  readonly daemonCwd: string | null;
  readonly timeoutMs: number | null;
  /** `networks:` definitions first (as net-define steps), then `steps:`. */
  readonly steps: readonly ScenarioStep[];
  /** Expectations over the whole run. */
  readonly expect: { readonly calls?: CallsExpectation; readonly line?: number };
}

/** The release simulated when a scenario names none (the recorded one). */
export const DEFAULT_LIBVIRT = '9.0';
