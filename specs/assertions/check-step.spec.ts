import { describe, expect, it } from 'vitest';
import { checkStep } from '../../src/assertions/check-step.js';

// virsh's output for oracle b1 (transcripts/b-start-veto.txt).
const vetoed = {
  ok: false,
  vetoed: true,
  output: '',
  error:
    'error: Failed to start network lvo-iso\nerror: Hook script execution failed: internal error: Child process (LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root USER=root LOGNAME=root TMPDIR=/tmp /etc/libvirt/hooks/network lvo-iso start begin -) unexpected exit status 1: lvoracle: veto from main hook (stderr)',
};
const started = { ok: true, vetoed: false, output: 'Network lvo-iso started', error: null };

describe('checkStep', () => {
  it('checks ok and vetoed', () => {
    expect(checkStep(vetoed, { ok: false, vetoed: true }, [], 0)).toEqual([]);
    const failures = checkStep(vetoed, { ok: true, vetoed: false }, [], 0);
    expect(failures.map((f) => f.path)).toEqual(['ok', 'vetoed']);
    expect(failures[0]!.message).toBe('the step failed: Hook script execution failed: internal error: Child process (LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root USER=root LOGNAME=root TMPDIR=/tmp /etc/libvirt/hooks/network lvo-iso start begin -) unexpected exit status 1: lvoracle: veto from main hook (stderr)');
    expect(checkStep(started, { vetoed: true }, [], 0)[0]!.message).toBe('no hook vetoed the step (it succeeded)');
  });

  it('compares the error exactly, ignoring one final newline as YAML block scalars add it', () => {
    expect(checkStep(vetoed, { error: { equals: `${vetoed.error}\n` } }, [], 0)).toEqual([]);
    const [failure] = checkStep(vetoed, { error: { equals: vetoed.error.replace('exit status 1', 'exit status 2') } }, [], 0);
    expect(failure!.diff!.filter((l) => /^[-+][^-+]/.test(l))).toHaveLength(2);
  });

  it('matches the error by substring or regular expression', () => {
    expect(checkStep(vetoed, { error: { contains: 'veto from main hook' }, output: { equals: '' } }, [], 0)).toEqual([]);
    expect(checkStep(vetoed, { error: { matches: 'unexpected exit status [0-9]+' } }, [], 0)).toEqual([]);
    expect(checkStep(started, { error: { contains: 'veto' } }, [], 0)[0]!.actual).toBe('(the step printed no error)');
    expect(checkStep(started, { output: { matches: '^Network \\S+ destroyed$' } }, [], 0)).toHaveLength(1);
  });
  it('blames a missing call on the step, not on the hook file, when the step failed before any hook ran', () => {
    const refused = { ok: false, vetoed: false, output: '', error: "error: Failed to start domain 'web'\nerror: Requested operation is not valid: network 'lab-nat' is not active" };
    const failures = checkStep(refused, { ok: false, calls: { mode: 'exact', calls: [{ hook: 'network', op: 'port-created' }] } }, [], 3);
    expect(failures.map((f) => [f.path, f.hint, f.missingHook])).toEqual([
      ['calls', "no hook ran because the step failed first: Requested operation is not valid: network 'lab-nat' is not active", undefined],
      ['calls[0]', "no hook ran because the step failed first: Requested operation is not valid: network 'lab-nat' is not active", undefined],
    ]);
    // A step that succeeded without the call keeps the hook-file hint.
    expect(checkStep(started, { calls: { mode: 'exact', calls: [{ hook: 'network', op: 'start' }] } }, [], 3).at(-1)).toMatchObject({ missingHook: 'network', hint: expect.stringMatching(/^network never ran: check that it exists/) });
  });
});
