import type { ScenarioResult } from '../scenario/scenario-result.js';
import { runWarnings } from './run-warnings.js';
import { summarizeResults } from './summarize-results.js';

/**
 * Machine-readable results: every scenario's runs with their steps (libvirt's `logs` included),
 * failures, warnings and JSON recording (the field names of model/recording.ts), and the
 * `replayOrder` of each --replay-orders run; `summary.line` is `N passed, N failed`; top-level
 * `warnings` is the run's interception warnings once each (every scenario has its own too).
 */
export function renderJson(results: readonly ScenarioResult[]): string {
  const summary = summarizeResults(results);
  const report = {
    summary: { passed: summary.passed, failed: summary.failed, line: summary.line },
    warnings: runWarnings(results),
    scenarios: results.map((result) => ({
      name: result.name,
      description: result.description,
      file: result.file,
      hooksDir: result.hooksDir,
      passed: result.passed,
      warnings: result.warnings ?? [],
      runs: result.runs.map((run) => ({
        libvirt: run.libvirt,
        ...(run.replayOrder ? { replayOrder: run.replayOrder } : {}),
        passed: run.passed,
        durationMs: run.durationMs,
        steps: run.steps,
        failures: run.failures,
        warnings: run.warnings ?? [],
        recording: run.recording,
      })),
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
