import type { RecordedInvocation } from '../model/recording.js';
import { checkEnv } from './check-env.js';
import { checkStdin } from './check-stdin.js';
import type { CallExpectation } from './expectation.js';
import type { ExpectationFailure } from './expectation-failure.js';

const ARGV_FIELDS = ['object', 'op', 'subop', 'extra'] as const;

/** True when the script and argv are the expected ones (stdin, env and exit code aside). */
export function isSameCall(invocation: RecordedInvocation, expected: CallExpectation): boolean {
  if (expected.hook !== undefined && invocation.hook !== expected.hook) return false;
  return ARGV_FIELDS.every((field, i) => expected[field] === undefined || invocation.argv[i] === expected[field]);
}

/**
 * Everything about one script run that differs from the expectation; empty when it matches.
 * Paths are relative to the call (`hook`, `op`, `stdin.equals`, `exitCode`).
 */
export function matchCall(invocation: RecordedInvocation, expected: CallExpectation): ExpectationFailure[] {
  const failures: ExpectationFailure[] = [];
  if (expected.hook !== undefined && invocation.hook !== expected.hook) {
    failures.push({ path: 'hook', message: `ran ${invocation.hook}, expected ${expected.hook}`, expected: expected.hook, actual: invocation.hook });
  }
  ARGV_FIELDS.forEach((field, i) => {
    const want = expected[field];
    if (want === undefined || invocation.argv[i] === want) return;
    failures.push({ path: field, message: `argv[${i + 1}] (${field}) is ${JSON.stringify(invocation.argv[i])}, expected ${JSON.stringify(want)}`, expected: want, actual: invocation.argv[i]! });
  });
  if (expected.stdin) failures.push(...checkStdin(invocation.stdin, expected.stdin));
  if (expected.env) failures.push(...checkEnv(invocation.env, expected.env));
  if (expected.exitCode !== undefined && invocation.exitCode !== expected.exitCode) {
    const actual = invocation.exitCode === null ? `killed by ${invocation.signal ?? 'a signal'}` : `exit status ${invocation.exitCode}`;
    failures.push({ path: 'exitCode', message: `${invocation.hook} ended with ${actual}, expected ${String(expected.exitCode)}`, expected: String(expected.exitCode), actual });
  }
  return failures;
}

/** A script run as libvirt's argv reads: `network.d/10-first lvo-nat start begin -`. */
export function describeInvocation(invocation: Pick<RecordedInvocation, 'hook' | 'argv'>): string {
  return `${invocation.hook} ${invocation.argv.join(' ')}`;
}

/** An expected call in the same shape, `*` for what any value matches: `network lvo-nat start * *`. */
export function describeCallExpectation(expected: CallExpectation): string {
  const parts = [expected.hook ?? '*', ...ARGV_FIELDS.map((f) => expected[f] ?? '*')];
  while (parts.length > 1 && parts[parts.length - 1] === '*') parts.pop();
  return parts.join(' ');
}
