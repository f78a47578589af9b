import { VirthookError, type Problem } from '../errors/virthook-error.js';
import { explainIssues } from './explain-issues.js';
import type { ScenarioSource } from './parse-scenario-source.js';
import { scenarioSchema, type ScenarioInput } from './scenario-schema.js';

/**
 * Validates parsed scenario data against the one schema. Throws SCENARIO_INVALID listing every
 * problem with its path, line and column (never only the first).
 */
export function validateScenario(source: ScenarioSource, file: string): ScenarioInput {
  if (source.data === null || source.data === undefined) {
    throw invalid(file, [{ file, line: 1, column: 1, message: 'the scenario is empty: it needs at least steps' }]);
  }
  const result = scenarioSchema.safeParse(source.data);
  if (result.success) return result.data;
  throw invalid(file, explainIssues(result.error.issues, scenarioSchema, { file, source }));
}

function invalid(file: string, problems: readonly Problem[]): VirthookError {
  const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  return new VirthookError('SCENARIO_INVALID', `Scenario ${file} is invalid (${count})`, { problems });
}
