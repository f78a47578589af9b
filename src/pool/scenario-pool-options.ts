import { type Problem, VirthookError } from '../errors/virthook-error.js';
import type { SessionFactory } from '../scenario/run-scenario.js';
import { defaultScenarioJobs, SCENARIO_WORKER_ENTRY } from './default-scenario-jobs.js';
import { showValue } from './show-value.js';
import type { WorkerKind } from './worker-handle.js';

/** Options of createScenarioPool and runScenarioJobs. */
export interface ScenarioPoolOptions {
  /**
   * Scenarios run at the same time, each in a worker of its own (the CLI's --jobs); 1 runs them
   * one after another in this thread. Steps inside a scenario always run in order, as in libvirt.
   * @default os.availableParallelism(), or 1 when running from sources (no compiled worker)
   */
  readonly jobs?: number;
  /**
   * `forks`: child processes, each in its own process group (a crash takes its hooks with it);
   * `threads`: worker_threads in this process (see bench/RESULTS.md for the measured difference).
   * @default 'forks'
   */
  readonly pool?: WorkerKind;
  /** Aborting stops every worker and every hook; unfinished runs reject with the signal's reason. */
  readonly signal?: AbortSignal;
  /**
   * Builds the simulated daemons in this thread (a double in specs). A function cannot reach a
   * worker, so it needs `jobs: 1`, which it implies when `jobs` is not given.
   * @default the harness's createSession
   */
  readonly createSession?: SessionFactory;
  /**
   * How long a stopped worker may spend disposing its sessions before it is killed.
   * @default 5000
   */
  readonly stopGraceMs?: number;
}

/** ScenarioPoolOptions with defaults applied. */
export interface ScenarioPoolSettings {
  readonly jobs: number;
  readonly pool: WorkerKind;
  readonly signal: AbortSignal | null;
  readonly createSession: SessionFactory | null;
  readonly stopGraceMs: number;
  /** The compiled worker module. */
  readonly entry: URL;
}

const KNOWN = new Set(['jobs', 'pool', 'signal', 'createSession', 'stopGraceMs']);

/**
 * Applies defaults and checks the pool's options, before any worker exists.
 * @throws VirthookError OPTIONS_INVALID listing every problem.
 */
export function normalizeScenarioPoolOptions(options: ScenarioPoolOptions): ScenarioPoolSettings {
  const problems: Problem[] = [];
  const bad = (path: string, message: string): void => void problems.push({ file: 'scenario pool options', path, message: `${path} ${message}` });
  const raw = (options ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(raw)) if (!KNOWN.has(key)) bad(key, `is not an option (known: ${[...KNOWN].join(', ')})`);
  const isCount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 1;
  if (raw.jobs !== undefined && !isCount(raw.jobs)) bad('jobs', `must be a positive integer, got ${showValue(raw.jobs)}`);
  if (raw.pool !== undefined && raw.pool !== 'threads' && raw.pool !== 'forks') bad('pool', `must be 'threads' or 'forks', got ${showValue(raw.pool)}`);
  if (raw.signal !== undefined && !(raw.signal instanceof AbortSignal)) bad('signal', `must be an AbortSignal, got ${showValue(raw.signal)}`);
  if (raw.createSession !== undefined && typeof raw.createSession !== 'function') bad('createSession', `must be a function, got ${showValue(raw.createSession)}`);
  if (raw.stopGraceMs !== undefined && !(Number.isSafeInteger(raw.stopGraceMs) && (raw.stopGraceMs as number) >= 0)) {
    bad('stopGraceMs', `must be a non-negative integer (milliseconds), got ${showValue(raw.stopGraceMs)}`);
  }
  if (options.createSession !== undefined && options.jobs !== undefined && options.jobs > 1) {
    bad('createSession', `runs in this thread only, so it needs jobs: 1 (got jobs: ${options.jobs})`);
  }
  if (problems.length > 0) {
    throw new VirthookError('OPTIONS_INVALID', `Invalid scenario pool options:\n${problems.map((p) => `  - ${p.message}`).join('\n')}`, { problems });
  }
  return {
    jobs: options.jobs ?? (options.createSession ? 1 : defaultScenarioJobs()),
    pool: options.pool ?? 'forks',
    signal: options.signal ?? null,
    createSession: options.createSession ?? null,
    stopGraceMs: options.stopGraceMs ?? 5_000,
    entry: SCENARIO_WORKER_ENTRY,
  };
}
