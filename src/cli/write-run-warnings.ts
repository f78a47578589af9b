import { runWarnings } from '../report/run-warnings.js';
import type { ScenarioResult } from '../scenario/scenario-result.js';
import type { TextSink } from './cli-io.js';

/**
 * Says the run's warnings on stderr, once each (e.g. command doubles fell back to PATH: commands
 * run by absolute path ran for real), whatever the reporters and wherever they write.
 */
export function writeRunWarnings(results: readonly ScenarioResult[], stderr: TextSink): void {
  for (const warning of runWarnings(results)) stderr.write(`virthook: warning: ${warning}\n`);
}
