import type { VirthookError } from '../errors/virthook-error.js';
import type { RunScenarioOptions } from '../scenario/run-scenario.js';
import type { ScenarioResult } from '../scenario/scenario-result.js';

/**
 * One scenario file to load and run, with runScenario's options (`libvirt`, `timeoutMs`,
 * `updateSnapshots` ...). Every field is plain data, so jobs cross to workers as they are.
 */
export interface ScenarioJob extends Omit<RunScenarioOptions, 'createSession' | 'now'> {
  /** The scenario file (YAML or JSON), relative to `cwd`. */
  readonly file: string;
  /** Base of relative paths, and of the paths shown in messages and results. @default the process's cwd */
  readonly cwd?: string;
  /** Overrides the scenario's `hooks:` (the CLI's --hooks), relative to `cwd`. */
  readonly hooksDir?: string;
}

/**
 * How one job ended. `ok: true` holds the scenario's result (which may still have failed
 * expectations). `ok: false` holds the error the job threw (a bad scenario: SCENARIO_INVALID,
 * HOOKS_DIR_NOT_FOUND, PROFILE_UNKNOWN ...), or, with `crashed`, the death of the worker that
 * ran it (code INTERNAL); other jobs are unaffected either way.
 */
export type ScenarioJobResult =
  | { readonly job: ScenarioJob; readonly ok: true; readonly result: ScenarioResult }
  | { readonly job: ScenarioJob; readonly ok: false; readonly crashed: boolean; readonly error: VirthookError };
