import { checkCalls } from '../assertions/check-calls.js';
import { checkStdin } from '../assertions/check-stdin.js';
import { checkStep } from '../assertions/check-step.js';
import type { CallExpectation, XPathExpected } from '../assertions/expectation.js';
import type { ExpectationFailure } from '../assertions/expectation-failure.js';
import { describeCallExpectation, describeInvocation } from '../assertions/match-call.js';
import type { RecordedInvocation } from '../model/recording.js';
import { describeReceived, invocationsOf, stepOf } from './received.js';

/** A matcher's verdict as expect.extend takes it; `message` explains the failure in whichever direction (`.not`) failed. */
export interface MatcherVerdict {
  readonly pass: boolean;
  readonly message: () => string;
}

/** A hook call as toHaveRunHooksInOrder takes it: a hook name, or the fields a call must have. */
export type HookCallPattern = string | CallExpectation;

const ARGV_FIELDS = ['object', 'op', 'subop', 'extra'] as const;

function misuse(matcher: string, wanted: string, received: unknown): never {
  throw new TypeError(`${matcher} expects ${wanted}; received ${describeReceived(received)}`);
}

const ranList = (invocations: readonly RecordedInvocation[]) =>
  invocations.length === 0 ? '(no hook ran)' : invocations.map((i) => `  ${describeInvocation(i)} (${i.exitCode === null ? `signal ${i.signal ?? '?'}` : `exit ${i.exitCode}`})`).join('\n');

const explain = (failures: readonly ExpectationFailure[]) => failures.map((f) => [f.message, ...(f.hint ? [`hint: ${f.hint}`] : []), ...(f.diff ?? [])].join('\n')).join('\n');

/** toHaveRunHook(hook, argv?): some script run is `hook` with argv[1..] starting with `argv`. */
export function hasRunHook(received: unknown, hook: string, argv: readonly string[] = [], isNot = false): MatcherVerdict {
  const invocations = invocationsOf(received) ?? misuse('toHaveRunHook', 'a Session, a SessionStep, a scenario run or a Recording', received);
  const call: CallExpectation = { hook, ...Object.fromEntries(argv.slice(0, 4).map((value, i) => [ARGV_FIELDS[i], value])) };
  const failures = checkCalls(invocations, { mode: 'contains', calls: [call] });
  const wanted = describeCallExpectation(call);
  return {
    pass: failures.length === 0,
    message: () =>
      isNot
        ? `expected ${wanted} not to run, but it ran:\n${ranList(invocations.filter((i) => checkCalls([i], { mode: 'contains', calls: [call] }).length === 0))}`
        : `${explain(failures)}\nscripts that ran:\n${ranList(invocations)}`,
  };
}

/** toHaveRunHooksInOrder([...]): the patterns matched script runs in this order (others may run between). */
export function hasRunHooksInOrder(received: unknown, patterns: readonly HookCallPattern[], isNot = false): MatcherVerdict {
  const invocations = invocationsOf(received) ?? misuse('toHaveRunHooksInOrder', 'a Session, a SessionStep, a scenario run or a Recording', received);
  const calls = patterns.map((p): CallExpectation => (typeof p === 'string' ? { hook: p } : p));
  const failures = checkCalls(invocations, { mode: 'ordered', calls });
  const wanted = calls.map(describeCallExpectation).join(', then ');
  return {
    pass: failures.length === 0,
    message: () => (isNot ? `expected the scripts not to run in the order ${wanted}, but they did:\n${ranList(invocations)}` : `${explain(failures)}\nscripts that ran:\n${ranList(invocations)}`),
  };
}

/** toBeVetoed(): a hook's non-zero exit made the step fail. */
export function isVetoed(received: unknown, isNot = false): MatcherVerdict {
  const step = stepOf(received) ?? misuse('toBeVetoed', 'a SessionStep (what session.run returns)', received);
  const failures = checkStep(step, { vetoed: true }, [], 0);
  return {
    pass: failures.length === 0,
    message: () => (isNot ? `expected the step not to be vetoed, but a hook vetoed it:\n${step.error ?? ''}` : explain(failures)),
  };
}

/** toHaveStdinMatching(xpath, expected): some script got stdin where the XPath query gives `expected`. */
export function hasStdinMatching(received: unknown, xpath: string, expected: XPathExpected, isNot = false): MatcherVerdict {
  const invocations = invocationsOf(received) ?? misuse('toHaveStdinMatching', 'a Session, a SessionStep, a recorded script run or a Recording', received);
  const checked = invocations.filter((i) => i.stdin !== '').map((i) => ({ invocation: i, failures: checkStdin(i.stdin, { xpath: { [xpath]: expected } }) }));
  const matching = checked.filter((c) => c.failures.length === 0);
  const shown = typeof expected === 'string' ? JSON.stringify(expected) : JSON.stringify(expected);
  return {
    pass: matching.length > 0,
    message: () =>
      isNot
        ? `expected no stdin where ${xpath} gives ${shown}, but these scripts got one:\n${matching.map((c) => `  ${describeInvocation(c.invocation)}`).join('\n')}`
        : checked.length === 0
          ? `expected a script to get stdin where ${xpath} gives ${shown}, but no script got stdin (${invocations.length} ran)`
          : `expected a script to get stdin where ${xpath} gives ${shown}; none did:\n${checked.map((c) => `  ${describeInvocation(c.invocation)}: ${c.failures[0]!.message}`).join('\n')}`,
  };
}
