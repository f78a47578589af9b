import { describe, expect, it } from 'vitest';
import { checkEnv } from '../../src/assertions/check-env.js';
import { oracleInvocations } from './oracle-invocations.js';

// libvirt 9.0.0's environment for hooks (oracle scenario a).
const env = oracleInvocations('a-network-lifecycle')[0]!.env;

describe('checkEnv', () => {
  it('compares the whole environment in order, with a diff', () => {
    expect(checkEnv(env, { equals: env })).toEqual([]);
    const reordered = [env[1]!, env[0]!, ...env.slice(2)];
    const [failure] = checkEnv(env, { equals: reordered });
    expect(failure!.diff).toBeDefined();
  });

  it('checks included and excluded variables', () => {
    expect(checkEnv(env, { includes: { LC_ALL: 'C', HOME: '/root' }, excludes: ['LANG', 'LVORACLE_MARKER'] })).toEqual([]);
    const failures = checkEnv(env, { includes: { HOME: '/home/me', SHELL: '/bin/sh' }, excludes: ['PATH'] });
    expect(failures.map((f) => f.message)).toEqual([
      'HOME is "/root", expected "/home/me"',
      "SHELL is not set in the hook's environment",
      "PATH is set in the hook's environment but should not be",
    ]);
  });
});
