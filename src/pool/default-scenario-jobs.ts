import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

/** The compiled worker module every scenario worker loads (missing when running from sources). */
export const SCENARIO_WORKER_ENTRY = new URL('./scenario-worker.js', import.meta.url);

/**
 * How many scenario workers to use when none was asked for: one per core, or 1 (this thread)
 * where the compiled worker module is missing, i.e. when virthook runs from its TypeScript sources.
 */
export function defaultScenarioJobs(entry: URL = SCENARIO_WORKER_ENTRY): number {
  return existsSync(fileURLToPath(entry)) ? availableParallelism() : 1;
}
