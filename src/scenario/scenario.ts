import type { StatusFiles } from '../status/status-files.js';
import type { DoublesOptions } from '../doubles/normalize-doubles.js';
import type { RunExpectation, StepExpectation } from '../assertions/expectation.js';
import type { Command } from '../simulator/command.js';
import type { HooksField } from './check-hook-files.js';

/** Expectations that replace (or, for `state`, merge into) the base ones for the releases in `range` (`per-libvirt:`). */
export interface LibvirtOverride<T> {
  /** A release range: `<10.8`, `>=10.8`, `9.0`, `>=9.0 <10.8`, `9.0 || >=11`. */
  readonly range: string;
  readonly expect: T;
  readonly line?: number;
}

/** One step ready to run: the virsh command, where it was written, and what it must end with. */
export interface ScenarioStep {
  readonly command: Command;
  /** Where the step sits in the file: `steps[2]`, or `networks[0]` for a definition. */
  readonly path: string;
  readonly line?: number;
  /** Always holds at least one check: a step without ok/vetoed/error must succeed. */
  readonly expect: StepExpectation;
  /** `expect.per-libvirt`, in file order (later ranges win where several match). @default [] */
  readonly perLibvirt?: readonly LibvirtOverride<StepExpectation>[];
  /** The step's `doubles:`, `strict:`, `allow:` and `libvirt-callbacks:`, on top of the scenario's. */
  readonly doubles?: DoublesOptions;
  /** The step's `timeout:` in milliseconds, overriding the scenario's. */
  readonly timeoutMs?: number;
  /** The step's `max-output:` in bytes, overriding the scenario's. */
  readonly maxOutputBytes?: number;
}

/** A transcript snapshot the scenario is compared with (`expect.snapshot`). */
export interface SnapshotReference {
  /** The snapshot file, absolute. */
  readonly file: string;
  readonly displayFile: string;
  /** Its text when the scenario was loaded; null when it does not exist yet. */
  readonly text: string | null;
  readonly line?: number;
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
  /** Where the hooks directory was named, for messages about its files. @default { name: 'hooks' } */
  readonly hooksField?: HooksField;
  /** libvirt releases to run against, in order (a matrix when several). */
  readonly libvirt: readonly string[];
  readonly seed: string | null;
  /** The daemon's environment in order; null for the recorded libvirtd's. */
  readonly daemonEnv: ReadonlyArray<readonly [string, string]> | null;
  readonly daemonCwd: string | null;
  /** `doubles:`, `strict:`, `allow:` and `libvirt-callbacks:` (strict unset: the runner's caller decides). */
  readonly doubles: DoublesOptions;
  /** libvirt's files the host starts with (`state-files:`), or null for an empty host. */
  readonly statusFiles: StatusFiles | null;
  /** One libvirtd, or modular virtnetworkd + virtqemud. */
  readonly daemonMode: 'monolithic' | 'modular';
  /**
   * `boot: fresh`: after the definitions, the host is as right after boot, before any daemon
   * ran (daemon stopped, /run/libvirt empty, autostart pending). @default false
   */
  readonly freshBoot?: boolean;
  readonly timeoutMs: number | null;
  /** `max-output:` in bytes; null for the runner's default. @default null */
  readonly maxOutputBytes?: number | null;
  /** `networks:` definitions first (as net-define steps), then `steps:`. */
  readonly steps: readonly ScenarioStep[];
  /** Expectations over the whole run. */
  readonly expect: RunExpectation & { readonly line?: number; readonly perLibvirt?: readonly LibvirtOverride<RunExpectation>[] };
  /** The transcript snapshot to compare with; null (or absent) when the scenario asks for none. */
  readonly snapshot?: SnapshotReference | null;
  /** Every other file the scenario read (definitions, expected stdin, the snapshot), absolute: what --watch watches. */
  readonly files?: readonly string[];
}

/** The release simulated when a scenario names none (the recorded one). */
export const DEFAULT_LIBVIRT = '9.0';
