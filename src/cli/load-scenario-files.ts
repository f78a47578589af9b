import { VirthookError } from '../errors/virthook-error.js';
import { loadScenario } from '../scenario/load-scenario.js';
import type { Scenario } from '../scenario/scenario.js';

/** The scenarios that loaded, and the errors of those that did not (every file is tried). */
export interface LoadedScenarios {
  readonly scenarios: readonly Scenario[];
  readonly errors: readonly VirthookError[];
}

/**
 * Loads every file (all invalid ones are reported, not only the first). Errors that are not
 * VirthookError are bugs and are rethrown.
 */
export async function loadScenarioFiles(files: readonly string[], cwd: string, hooksDir: string | null): Promise<LoadedScenarios> {
  const loaded = await Promise.allSettled(files.map((file) => loadScenario(file, { cwd, ...(hooksDir !== null ? { hooksDir } : {}) })));
  const errors: VirthookError[] = [];
  const scenarios: Scenario[] = [];
  for (const outcome of loaded) {
    if (outcome.status === 'fulfilled') scenarios.push(outcome.value);
    else if (outcome.reason instanceof VirthookError) errors.push(outcome.reason);
    else throw outcome.reason;
  }
  return { scenarios, errors };
}

/** `--filter TEXT`: scenarios whose name or path contains TEXT, ignoring case. */
export function matchesFilter(scenario: Scenario, filter: string | null): boolean {
  if (filter === null) return true;
  const needle = filter.toLowerCase();
  return scenario.name.toLowerCase().includes(needle) || scenario.displayFile.toLowerCase().includes(needle);
}
