import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VirthookError } from '../errors/virthook-error.js';
import { InThreadExecutor } from './in-thread-executor.js';
import type { JobExecutor, TaskOutcome } from './job-executor.js';
import { decodeJobError } from './job-error-codec.js';
import type { JobOutcome } from './run-scenario-job.js';
import type { ScenarioJob, ScenarioJobResult } from './scenario-job.js';
import { normalizeScenarioPoolOptions, type ScenarioPoolOptions, type ScenarioPoolSettings } from './scenario-pool-options.js';
import { validateScenarioJobs } from './validate-scenario-jobs.js';
import { WorkerPool } from './worker-pool.js';

/** Scenario workers kept between runs (a watch mode reuses them), stopped by dispose(). */
export interface ScenarioPool {
  /** The options, defaults applied. */
  readonly settings: ScenarioPoolSettings;
  /**
   * Runs the jobs on the pool's workers and resolves with one result per job, in input order.
   * `onResult` sees each as it settles (completion order), e.g. for progress.
   * @throws VirthookError OPTIONS_INVALID for malformed jobs (before any runs); rejects with the
   *   abort reason when aborted, or INTERNAL when disposed or when no worker can start.
   */
  run(jobs: readonly ScenarioJob[], onResult?: (result: ScenarioJobResult, index: number) => void): Promise<ScenarioJobResult[]>;
  /** Stops every worker after it disposed its sessions: no hook or helper survives. */
  dispose(): Promise<void>;
}

function toJobResult(job: ScenarioJob, task: TaskOutcome): ScenarioJobResult {
  if (task.crashed) {
    const error = new VirthookError('INTERNAL', `Failed to run scenario ${job.file}: ${task.reason}. The other scenarios were not affected; this is a virthook bug, please report it.`);
    return { job, ok: false, crashed: true, error };
  }
  const outcome = task.outcome as JobOutcome;
  return outcome.ok ? { job, ok: true, result: outcome.result } : { job, ok: false, crashed: false, error: decodeJobError(outcome.error) };
}

function checkWorkerEntry(entry: URL): void {
  if (existsSync(fileURLToPath(entry))) return;
  throw new VirthookError('INTERNAL', `Failed to start scenario workers: ${fileURLToPath(entry)} does not exist. Workers load the compiled module: run npm run build, or pass jobs: 1.`);
}

/**
 * Creates a pool that runs scenario jobs in parallel: `jobs` workers (started on demand), each
 * running one scenario at a time; `jobs: 1` runs them in this thread.
 * @throws VirthookError OPTIONS_INVALID for bad options; INTERNAL when workers are wanted but the
 *   compiled worker module is missing; the signal's reason when it is already aborted.
 */
export function createScenarioPool(options: ScenarioPoolOptions = {}): ScenarioPool {
  const settings = normalizeScenarioPoolOptions(options);
  settings.signal?.throwIfAborted();
  if (settings.jobs > 1) checkWorkerEntry(settings.entry);
  const executor: JobExecutor = settings.jobs === 1
    ? new InThreadExecutor(settings.createSession ?? undefined)
    : new WorkerPool({ size: settings.jobs, kind: settings.pool, entry: settings.entry, stopGraceMs: settings.stopGraceMs });
  let disposing: Promise<void> | null = null;
  const dispose = (reason?: Error): Promise<void> => (disposing ??= executor.dispose(reason));
  const onAbort = (): void => void dispose(settings.signal?.reason as Error);
  settings.signal?.addEventListener('abort', onAbort, { once: true });
  return {
    settings,
    async run(jobs, onResult) {
      validateScenarioJobs(jobs);
      const results = new Array<ScenarioJobResult>(jobs.length);
      await Promise.all(jobs.map(async (job, index) => {
        const result = toJobResult(job, await executor.run(job));
        results[index] = result;
        onResult?.(result, index);
      }));
      return results;
    },
    async dispose() {
      settings.signal?.removeEventListener('abort', onAbort);
      await dispose();
    },
  };
}
