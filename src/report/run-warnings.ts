import type { ScenarioResult } from '../scenario/scenario-result.js';

/** Every scenario's warnings (ScenarioResult.warnings), once each, in the order first met: what a run says once. */
export function runWarnings(results: readonly ScenarioResult[]): string[] {
  return [...new Set(results.flatMap((result) => result.warnings ?? []))];
}
