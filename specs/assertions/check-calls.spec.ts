import { describe, expect, it } from 'vitest';
import { checkCalls } from '../../src/assertions/check-calls.js';
import { oracleInvocations } from './oracle-invocations.js';

// Oracle scenario b: each net-start ran network, network.d/10-first, network.d/20-second.
const runs = oracleInvocations('b-start-veto');
const b1 = runs.filter((r) => r.stepIndex === 0);
const b7 = runs.filter((r) => r.stepIndex === 6);

describe('checkCalls', () => {
  describe('exact', () => {
    it('passes the same runs in the same order', () => {
      const calls = [{ hook: 'network', op: 'start' }, { hook: 'network.d/10-first' }, { hook: 'network.d/20-second', argv: undefined }];
      expect(checkCalls(b1, { mode: 'exact', calls })).toEqual([]);
    });

    it('fails a run that differs, naming the call and the field', () => {
      const failures = checkCalls(b1, { mode: 'exact', calls: [{ hook: 'network' }, { hook: 'network.d/20-second' }, { hook: 'network.d/20-second' }] });
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatchObject({ path: 'calls[1].hook', expected: 'network.d/20-second', actual: 'network.d/10-first', invocation: 1 });
      expect(failures[0]!.message).toBe('call 2 was network.d/10-first lvo-iso start begin -: ran network.d/10-first, expected network.d/20-second');
    });

    it('fails when more scripts ran than expected, listing both sides', () => {
      const [failure] = checkCalls(b1, { mode: 'exact', calls: [{ hook: 'network' }] });
      expect(failure!.message).toBe('expected 1 call, 3 script runs happened');
      expect(failure!.actual).toBe('network lvo-iso start begin -\nnetwork.d/10-first lvo-iso start begin -\nnetwork.d/20-second lvo-iso start begin -');
    });
  });

  describe('ordered', () => {
    it('accepts a subsequence', () => {
      expect(checkCalls(b7, { mode: 'ordered', calls: [{ op: 'start' }, { hook: 'network.d/20-second', op: 'started' }] })).toEqual([]);
    });

    it('fails a call that ran before the one expected ahead of it', () => {
      const [failure] = checkCalls(b7, { mode: 'ordered', calls: [{ op: 'started' }, { hook: 'network', op: 'start' }] });
      expect(failure!.path).toBe('calls[1]');
      expect(failure!.message).toContain('out of order');
      expect(failure!.invocation).toBe(0);
    });

    it('fails a hook that never ran, saying which hooks ran instead', () => {
      const [failure] = checkCalls(b1, { mode: 'ordered', calls: [{ hook: 'network.d/30-third', op: 'start' }] });
      expect(failure!.message).toBe('expected network.d/30-third * start to run, but it did not');
      expect(failure!.ranInstead).toEqual(['network lvo-iso start begin -', 'network.d/10-first lvo-iso start begin -', 'network.d/20-second lvo-iso start begin -']);
      expect(failure!.missingHook).toBe('network.d/30-third');
      expect(failure!.hint).toMatch(/chmod \+x/);
    });

    it('explains a near miss by what differs (here the exit status)', () => {
      const [failure] = checkCalls(b1, { mode: 'ordered', calls: [{ hook: 'network', op: 'start', exitCode: 0 }] });
      expect(failure).toMatchObject({ path: 'calls[0].exitCode', expected: '0', actual: 'exit status 1', invocation: 0 });
      expect(failure!.message).toBe('network lvo-iso start begin - ran, but network ended with exit status 1, expected 0');
    });
  });

  describe('contains', () => {
    it('accepts calls in any order', () => {
      expect(checkCalls(b1, { mode: 'contains', calls: [{ hook: 'network.d/20-second' }, { hook: 'network' }] })).toEqual([]);
    });

    it('fails a call no run matches', () => {
      expect(checkCalls(b1, { mode: 'contains', calls: [{ op: 'stopped' }] })[0]!.path).toBe('calls[0]');
    });
  });

  describe('none-of', () => {
    it('passes when nothing matches', () => {
      expect(checkCalls(b1, { mode: 'none-of', calls: [{ op: 'started' }, { op: 'stopped' }] })).toEqual([]);
    });

    it('fails once per matching run', () => {
      const failures = checkCalls(b7, { mode: 'none-of', calls: [{ op: 'started' }] });
      expect(failures.map((f) => f.invocation)).toEqual([3, 4, 5]);
      expect(failures[0]!.message).toBe("network lvo-iso started begin - ran, but the scenario expects no call matching * * started");
    });
  });

  it('restricts the check to one step, keeping indexes into the whole recording', () => {
    const failures = checkCalls(runs, { mode: 'exact', calls: [{ hook: 'network', exitCode: 0 }, { hook: 'network.d/10-first' }, { hook: 'network.d/20-second' }] }, { stepIndex: 1 });
    expect(failures).toEqual([]);
    const [failure] = checkCalls(runs, { mode: 'exact', calls: [{ hook: 'network', exitCode: 0 }, { hook: 'network.d/10-first', exitCode: 0 }, { hook: 'network.d/20-second' }] }, { stepIndex: 1 });
    expect(failure!.invocation).toBe(4);
  });
});
