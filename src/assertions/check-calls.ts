import type { RecordedInvocation } from '../model/recording.js';
import type { CallExpectation, CallsExpectation } from './expectation.js';
import { prefixFailures, type ExpectationFailure } from './expectation-failure.js';
import { describeCallExpectation, describeInvocation, isSameCall, matchCall } from './match-call.js';

interface Indexed {
  readonly invocation: RecordedInvocation;
  /** Index in the whole recording. */
  readonly index: number;
}

/**
 * Checks the script runs of a recording (or of one step, with `stepIndex`) against a list of
 * expected calls in one of four modes. Paths are relative to the expectation (`calls[1].stdin`).
 */
export function checkCalls(invocations: readonly RecordedInvocation[], expectation: CallsExpectation, options: { stepIndex?: number } = {}): ExpectationFailure[] {
  const runs = invocations
    .map((invocation, index): Indexed => ({ invocation, index }))
    .filter((r) => options.stepIndex === undefined || r.invocation.stepIndex === options.stepIndex);
  switch (expectation.mode) {
    case 'exact':
      return checkExact(runs, expectation.calls);
    case 'ordered':
      return checkOrdered(runs, expectation.calls);
    case 'contains':
      return expectation.calls.flatMap((call, i) => (runs.some((r) => matchCall(r.invocation, call).length === 0) ? [] : notRun(call, `calls[${i}]`, runs)));
    case 'none-of':
      return expectation.calls.flatMap((call, i) =>
        runs
          .filter((r) => matchCall(r.invocation, call).length === 0)
          .map((r): ExpectationFailure => ({
            path: `calls[${i}]`,
            message: `${describeInvocation(r.invocation)} ran, but the scenario expects no call matching ${describeCallExpectation(call)}`,
            expected: 'no such call',
            actual: describeInvocation(r.invocation),
            invocation: r.index,
          })),
      );
  }
}

function checkExact(runs: readonly Indexed[], calls: readonly CallExpectation[]): ExpectationFailure[] {
  if (runs.length !== calls.length) {
    const missing = calls.flatMap((call, i) => (runs.some((r) => isSameCall(r.invocation, call)) ? [] : notRun(call, `calls[${i}]`, runs)));
    return [
      {
        path: 'calls',
        message: `expected ${plural(calls.length, 'call')}, ${plural(runs.length, 'script run')} happened`,
        expected: calls.map(describeCallExpectation).join('\n'),
        actual: runs.map((r) => describeInvocation(r.invocation)).join('\n') || '(no hook ran)',
      },
      // The count failure lists both sides already; each missing call adds only why it did not run.
      ...missing.map(({ expected: _e, actual: _a, ...rest }) => rest),
    ];
  }
  return calls.flatMap((call, i) => {
    const run = runs[i]!;
    const failures = matchCall(run.invocation, call);
    if (failures.length === 0) return [];
    const lead = `call ${i + 1} was ${describeInvocation(run.invocation)}`;
    return prefixFailures(`calls[${i}]`, failures).map((f) => ({ ...f, message: `${lead}: ${f.message}`, invocation: run.index }));
  });
}

function checkOrdered(runs: readonly Indexed[], calls: readonly CallExpectation[]): ExpectationFailure[] {
  const failures: ExpectationFailure[] = [];
  let cursor = 0;
  calls.forEach((call, i) => {
    // Earliest match first: a greedy subsequence match finds one whenever any exists.
    const found = runs.findIndex((r, k) => k >= cursor && matchCall(r.invocation, call).length === 0);
    if (found >= 0) {
      cursor = found + 1;
      return;
    }
    const earlier = runs.find((r, k) => k < cursor && matchCall(r.invocation, call).length === 0);
    if (earlier) {
      failures.push({
        path: `calls[${i}]`,
        message: `${describeInvocation(earlier.invocation)} ran, but before the call expected ahead of it (out of order)`,
        expected: `${describeCallExpectation(call)} after ${describeCallExpectation(calls[i - 1]!)}`,
        actual: runs.map((r) => describeInvocation(r.invocation)).join('\n'),
        invocation: earlier.index,
      });
      return;
    }
    failures.push(...notRun(call, `calls[${i}]`, runs.slice(cursor)));
  });
  return failures;
}

/** Why an expected call has no match: the same script ran with other stdin/env/status, or never ran. */
function notRun(call: CallExpectation, path: string, runs: readonly Indexed[]): ExpectationFailure[] {
  const near = runs.find((r) => isSameCall(r.invocation, call));
  if (near) {
    const lead = `${describeInvocation(near.invocation)} ran, but`;
    return prefixFailures(path, matchCall(near.invocation, call)).map((f) => ({ ...f, message: `${lead} ${f.message}`, invocation: near.index }));
  }
  const ran = runs.map((r) => describeInvocation(r.invocation));
  const neverRan = call.hook !== undefined && !runs.some((r) => r.invocation.hook === call.hook);
  return [
    {
      path,
      message: `expected ${describeCallExpectation(call)} to run, but it did not${ran.length === 0 ? ' (no hook ran)' : ''}`,
      expected: describeCallExpectation(call),
      actual: ran.join('\n') || '(no hook ran)',
      ranInstead: ran,
      ...(neverRan ? { missingHook: call.hook, hint: `${call.hook} never ran: check that it exists in the hooks directory, is executable (chmod +x) and is named as libvirt expects.` } : {}),
    },
  ];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
