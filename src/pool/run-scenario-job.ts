import { loadScenario } from '../scenario/load-scenario.js';
import { runScenario, type SessionFactory } from '../scenario/run-scenario.js';
import type { ScenarioResult } from '../scenario/scenario-result.js';
import { encodeJobError, type JobErrorData } from './job-error-codec.js';
import type { ScenarioJob } from './scenario-job.js';

/** A job's outcome as it crosses back from a worker: plain data only. */
export type JobOutcome = { readonly ok: true; readonly result: ScenarioResult } | { readonly ok: false; readonly error: JobErrorData };

/**
 * Loads and runs one scenario job in this thread, as `virthook run` does for one file. Never
 * throws: the job's own error comes back as data.
 */
export async function runScenarioJob(job: ScenarioJob, createSession?: SessionFactory): Promise<JobOutcome> {
  const { file, cwd, hooksDir, ...runOptions } = job;
  try {
    const scenario = await loadScenario(file, { ...(cwd !== undefined ? { cwd } : {}), ...(hooksDir !== undefined ? { hooksDir } : {}) });
    const result = await runScenario(scenario, { ...runOptions, ...(createSession !== undefined ? { createSession } : {}) });
    return { ok: true, result };
  } catch (error) {
    return { ok: false, error: encodeJobError(error) };
  }
}
