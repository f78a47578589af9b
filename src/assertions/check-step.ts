import type { RecordedInvocation } from '../model/recording.js';
import { checkCalls } from './check-calls.js';
import type { StepExpectation, TextExpectation } from './expectation.js';
import type { ExpectationFailure } from './expectation-failure.js';
import { lineDiff } from './line-diff.js';
import { describeText, matchText } from './match-text.js';

/** What virsh showed for a step (a SessionStep satisfies it). */
export interface StepOutcomeLike {
  readonly ok: boolean;
  readonly vetoed: boolean;
  readonly output: string;
  readonly error: string | null;
}

/** Checks one step's outcome and, when expected, the scripts it ran (`invocations` is the whole recording). */
export function checkStep(
  step: StepOutcomeLike,
  expectation: StepExpectation,
  invocations: readonly RecordedInvocation[],
  stepIndex: number,
): ExpectationFailure[] {
  const failures: ExpectationFailure[] = [];
  const shownError = step.error ?? '(no error)';
  if (expectation.ok !== undefined && step.ok !== expectation.ok) {
    failures.push({
      path: 'ok',
      message: step.ok ? 'the step succeeded, but it was expected to fail' : `the step failed: ${libvirtLine(step.error)}`,
      expected: `ok: ${expectation.ok}`,
      actual: step.ok ? `ok: true\n${step.output}` : `ok: false\n${shownError}`,
    });
  }
  if (expectation.vetoed !== undefined && step.vetoed !== expectation.vetoed) {
    failures.push({
      path: 'vetoed',
      message: step.vetoed ? 'a hook vetoed the step, but no veto was expected' : `no hook vetoed the step${step.ok ? ' (it succeeded)' : ` (it failed otherwise: ${libvirtLine(step.error)})`}`,
      expected: `vetoed: ${expectation.vetoed}`,
      actual: `vetoed: ${step.vetoed}${step.error ? `\n${step.error}` : ''}`,
    });
  }
  if (expectation.error !== undefined) failures.push(...checkText('error', step.error, expectation.error));
  if (expectation.output !== undefined) failures.push(...checkText('output', step.output, expectation.output));
  if (expectation.calls) {
    const callFailures = checkCalls(invocations, expectation.calls, { stepIndex });
    // A step libvirt refused before calling any hook says nothing about the hook files.
    const refused = !step.ok && !invocations.some((i) => i.stepIndex === stepIndex);
    failures.push(...(refused ? callFailures.map(beforeAnyHook(step.error)) : callFailures));
  }
  return failures;
}

/** A missing call of a step that failed before any hook ran: blame the step's error, not the hook's file. */
function beforeAnyHook(error: string | null): (failure: ExpectationFailure) => ExpectationFailure {
  return ({ missingHook: _missing, hint: _hint, ...failure }) => ({ ...failure, hint: `no hook ran because the step failed first: ${libvirtLine(error)}` });
}

function checkText(path: 'error' | 'output', actual: string | null, expected: TextExpectation): ExpectationFailure[] {
  if (actual !== null && matchText(actual, expected)) return [];
  const want = describeText(expected);
  const shown = actual ?? (path === 'error' ? '(the step printed no error)' : '(no output)');
  return [
    {
      path,
      message: path === 'error' ? "virsh's error differs from the expected one" : "virsh's output differs from the expected one",
      expected: want,
      actual: shown,
      ...('equals' in expected && actual !== null ? { diff: lineDiff(want, actual.replace(/\r?\n$/, '')) } : {}),
    },
  ];
}

/** virsh prints its own line first; the last line is libvirt's reason. */
const libvirtLine = (text: string | null) => (text ?? '').split('\n').at(-1)?.replace(/^error: /u, '') ?? '';
