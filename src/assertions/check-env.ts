import type { EnvExpectation } from './expectation.js';
import type { ExpectationFailure } from './expectation-failure.js';
import { lineDiff } from './line-diff.js';

/** Checks a hook's environment (`K=V` strings in the order libvirt built them). */
export function checkEnv(env: readonly string[], expected: EnvExpectation): ExpectationFailure[] {
  const failures: ExpectationFailure[] = [];
  if (expected.equals !== undefined && !sameList(env, expected.equals)) {
    failures.push({
      path: 'env',
      message: 'the environment differs',
      expected: expected.equals.join('\n'),
      actual: env.join('\n'),
      diff: lineDiff(expected.equals.join('\n'), env.join('\n')),
    });
  }
  const values = new Map(env.map((entry) => splitEntry(entry)));
  for (const [key, value] of Object.entries(expected.includes ?? {})) {
    const actual = values.get(key);
    if (actual === value) continue;
    failures.push({
      path: `env.includes.${key}`,
      message: actual === undefined ? `${key} is not set in the hook's environment` : `${key} is ${JSON.stringify(actual)}, expected ${JSON.stringify(value)}`,
      expected: `${key}=${value}`,
      actual: actual === undefined ? '(unset)' : `${key}=${actual}`,
    });
  }
  for (const key of expected.excludes ?? []) {
    if (!values.has(key)) continue;
    failures.push({ path: `env.excludes`, message: `${key} is set in the hook's environment but should not be`, expected: '(unset)', actual: `${key}=${values.get(key)}` });
  }
  return failures;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

function splitEntry(entry: string): [string, string] {
  const at = entry.indexOf('=');
  return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
}
