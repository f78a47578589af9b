import { checkCalls } from '../assertions/check-calls.js';
import { checkSnapshot } from '../assertions/check-snapshot.js';
import { checkStep } from '../assertions/check-step.js';
import type { RunExpectation, StepExpectation } from '../assertions/expectation.js';
import { prefixFailures, type ExpectationFailure } from '../assertions/expectation-failure.js';
import type { Recording } from '../model/recording.js';
import type { Scenario } from './scenario.js';
import type { ScenarioFailure, StepRun } from './scenario-result.js';
import { snapshotSection } from './snapshot-file.js';

/** One release's run of a scenario, with the expectations that hold for that release. */
export interface ProfileOutcome {
  readonly scenario: Scenario;
  readonly libvirt: string;
  readonly steps: readonly StepRun[];
  readonly recording: Recording;
  readonly stepExpects: readonly StepExpectation[];
  /** Each step's state check, made right after the step ran. */
  readonly stateFailures: readonly (readonly ExpectationFailure[])[];
  readonly runExpect: RunExpectation;
  /** The scenario-level state check, made after the last step. */
  readonly endState: readonly ExpectationFailure[];
  readonly transcript: string;
  /** false while snapshots are being updated: a differing transcript is what gets written. */
  readonly compareSnapshot: boolean;
}

/**
 * Every expectation of one release's run that did not hold, placed in the scenario: each step's
 * outcome, calls and state (in step order), then the scenario-level calls, end state and snapshot.
 */
export function profileFailures(outcome: ProfileOutcome): ScenarioFailure[] {
  const { scenario, recording } = outcome;
  const failures: ScenarioFailure[] = [];
  const at = (stepIndex: number | null, line: number | undefined) => (f: ExpectationFailure): ScenarioFailure => ({ ...f, stepIndex, ...(line !== undefined ? { line } : {}) });
  for (const [index, step] of scenario.steps.entries()) {
    const found = [...checkStep(outcome.steps[index]!, outcome.stepExpects[index]!, recording.invocations, index), ...(outcome.stateFailures[index] ?? [])];
    const where = step.path.startsWith('networks') ? step.path : `${step.path}.expect`;
    failures.push(...prefixFailures(where, found).map(at(index, step.line)));
  }
  const line = scenario.expect.line;
  const run = [...(outcome.runExpect.calls ? checkCalls(recording.invocations, outcome.runExpect.calls) : []), ...outcome.endState];
  failures.push(...prefixFailures('expect', run).map(at(null, line)));
  const snapshot = scenario.snapshot;
  if (snapshot && outcome.compareSnapshot) {
    const found = checkSnapshot(outcome.transcript, snapshotSection(snapshot.text, outcome.libvirt), snapshot.displayFile);
    failures.push(...prefixFailures('expect', found).map(at(null, snapshot.line ?? line)));
  }
  return failures;
}
