import { defaultScenarioJobs } from '../pool/default-scenario-jobs.js';
import { holdSupervisorParking } from '../runner/supervisor-parking.js';
import { runScenario, type RunScenarioOptions } from '../scenario/run-scenario.js';
import type { Scenario } from '../scenario/scenario.js';
import type { ScenarioResult } from '../scenario/scenario-result.js';

/**
 * One loaded scenario to run, with this run's options (releases, timeout, snapshot updates, the
 * session factory). A worker pool can rebuild it in a worker from plain data: `scenario.file`,
 * `scenario.hooksDir` and the options other than `createSession`.
 */
export interface LoadedScenarioJob {
  readonly scenario: Scenario;
  readonly options: RunScenarioOptions;
}

/**
 * Runs scenario jobs and returns their results in the jobs' order. The CLI's seam for parallel
 * execution: a worker pool (`--jobs`) replaces this sequential one through CliIo.runJobs.
 */
export type ScenarioJobRunner = (jobs: readonly LoadedScenarioJob[]) => Promise<ScenarioResult[]>;

/** One job after another, in order; each scenario's idle hook supervisor serves the next one. */
export const runJobsInOrder: ScenarioJobRunner = async (jobs) => {
  const releaseParking = holdSupervisorParking();
  try {
    const results: ScenarioResult[] = [];
    for (const job of jobs) results.push(await runScenario(job.scenario, job.options));
    return results;
  } finally {
    await releaseParking();
  }
};

/**
 * `--jobs N`: the same jobs on a pool of N forked workers (src/pool), each loading its scenario
 * file again; results come back in the jobs' order. A job that fails to load there (it loaded
 * here a moment ago, so only if the file changed) is reported as that error.
 */
export function runJobsInPool(workers: number): ScenarioJobRunner {
  return async (jobs) => {
    const { runScenarioJobs } = await import('../pool/run-scenario-jobs.js');
    const settled = await runScenarioJobs(
      jobs.map(({ scenario, options }) => {
        const { createSession: _session, now: _now, ...plain } = options;
        return { ...plain, file: scenario.file, hooksDir: scenario.hooksDir };
      }),
      { jobs: workers },
    );
    return settled.map((outcome) => {
      if (outcome.ok) return outcome.result;
      throw outcome.error;
    });
  };
}

/**
 * The runner for `--jobs` (null: one worker per core): a pool of at most one worker per job, or
 * in this process when that is one worker, or when there is no compiled worker to fork (sources).
 */
export function chooseJobRunner(requested: number | null, jobCount: number, entry?: URL): ScenarioJobRunner {
  const workers = Math.min(requested ?? defaultScenarioJobs(entry), jobCount);
  return workers > 1 ? runJobsInPool(workers) : runJobsInOrder;
}
