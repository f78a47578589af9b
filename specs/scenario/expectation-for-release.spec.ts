import { describe, expect, it } from 'vitest';
import type { StepExpectation } from '../../src/assertions/expectation.js';
import { expectationForRelease } from '../../src/scenario/expectation-for-release.js';

const base: StepExpectation = {
  ok: true,
  output: { equals: 'Network lab started' },
  calls: { mode: 'ordered', calls: [{ op: 'start' }] },
  state: { networks: { lab: { active: true, autostart: false } }, bridges: { virbr9: 'present' } },
};

describe('expectationForRelease', () => {
  it('keeps the base for releases no range matches', () => {
    expect(expectationForRelease(base, [{ range: '>=10.8', expect: { vetoed: true } }], '9.0')).toBe(base);
  });

  it('replaces the outcome as a group, other keys one by one, and merges state per object', () => {
    const overrides = [
      { range: '<10.8', expect: { vetoed: true, calls: { mode: 'none-of' as const, calls: [{ op: 'stopped' }] }, state: { networks: { lab: { active: false } }, bridges: { virbr9: 'leaked' as const } } } },
      { range: '9.0', expect: { error: { contains: 'in use' } } },
    ];
    expect(expectationForRelease(base, overrides, '9.0')).toEqual({
      error: { contains: 'in use' },
      output: { equals: 'Network lab started' },
      calls: { mode: 'none-of', calls: [{ op: 'stopped' }] },
      state: { networks: { lab: { active: false, autostart: false } }, bridges: { virbr9: 'leaked' } },
    });
    expect(expectationForRelease(base, overrides, '10.7')).toMatchObject({ vetoed: true });
    expect(expectationForRelease(base, overrides, '10.7')).not.toHaveProperty('ok');
  });
});
