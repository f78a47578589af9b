import { createScenarioPool } from './create-scenario-pool.js';
import type { ScenarioJob, ScenarioJobResult } from './scenario-job.js';
import { normalizeScenarioPoolOptions, type ScenarioPoolOptions } from './scenario-pool-options.js';
import { validateScenarioJobs } from './validate-scenario-jobs.js';

/** Options of runScenarioJobs: the pool's, plus a progress callback. */
export interface RunScenarioJobsOptions extends ScenarioPoolOptions {
  /** Sees each result as it settles (completion order, with its input index). */
  readonly onResult?: (result: ScenarioJobResult, index: number) => void;
}

/**
 * Runs scenario jobs on a worker pool (`jobs` workers, default the number of cores, but no more
 * workers than jobs, and none when that is one) and resolves with one result per job, in input
 * order. A job's own failure (a bad scenario file) is its result, not a rejection; a worker that
 * crashes is reported in its job's result and replaced. Every worker, session and hook is gone
 * when the promise settles.
 * @throws VirthookError OPTIONS_INVALID (bad options or jobs, all listed, before anything runs);
 *   INTERNAL when no worker can start; the signal's reason when aborted.
 */
export async function runScenarioJobs(jobs: readonly ScenarioJob[], options: RunScenarioJobsOptions = {}): Promise<ScenarioJobResult[]> {
  const { onResult, ...poolOptions } = options;
  const wanted = normalizeScenarioPoolOptions(poolOptions).jobs;
  validateScenarioJobs(jobs);
  const pool = createScenarioPool({ ...poolOptions, jobs: Math.min(wanted, Math.max(1, jobs.length)) });
  try {
    return await pool.run(jobs, onResult);
  } finally {
    await pool.dispose();
  }
}
