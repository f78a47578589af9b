import type { ScenarioResult } from '../scenario/scenario-result.js';

/** Counts of test cases: one per scenario and libvirt release. */
export interface ResultSummary {
  readonly passed: number;
  readonly failed: number;
  /** The last line of every report: `N passed, N failed`. */
  readonly line: string;
}

/** Counts every scenario's run per release as one test case. */
export function summarizeResults(results: readonly ScenarioResult[]): ResultSummary {
  const runs = results.flatMap((r) => r.runs);
  const passed = runs.filter((r) => r.passed).length;
  const failed = runs.length - passed;
  return { passed, failed, line: `${passed} passed, ${failed} failed` };
}
