import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/harness/create-session.js';
import type { SessionStep } from '../../src/harness/session.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';
import { PYTHON } from '../runner/sandbox-runner.js';
import { ORACLE_DIR } from '../support/oracle.js';
import { ORACLE_DAEMON_ENV } from '../support/oracle-daemon-env.js';
import { EXACT_VIEW_DOUBLES } from '../support/exact-view-doubles.js';
import { recorderHooks, type RecorderHooks } from '../support/recorder-hooks.js';
import { survivors } from '../support/survivors.js';
import { markedProcesses } from './marked-processes.js';
import { ORACLE_SCRIPTS, observedRuns, recordedRuns } from './oracle-runs.js';

// Oracle i: a `start` hook sleeping 10 s (i1) and 70 s (i2) just delayed net-start, which then
// succeeded: libvirt has no timeout. Scaled down (timings aside): the hook sleeps 1 s under a 5 s
// harness timeout, the same observable outcome. When a hook outlasts the harness's timeout (i2's
// 70 s against a 1 s limit here), virthook stops it and says so instead of waiting.
const ISO = parseNetworkXml(readFileSync(join(ORACLE_DIR, 'xml', 'net-iso.xml'), 'utf8'), 'xml/net-iso.xml');
const transcript = readFileSync(join(ORACLE_DIR, 'transcripts', 'i-slow-hook.txt'), 'utf8');
const sessionOptions = (hooks: RecorderHooks, timeoutMs: number) =>
  ({ hooksDir: hooks.dir, libvirt: '9.0', daemonEnv: ORACLE_DAEMON_ENV, python: PYTHON, timeoutMs, lingerGraceMs: 200, forceKillAfterMs: 300, ...EXACT_VIEW_DOUBLES }) as const;

async function slowStart(sleepSeconds: number, timeoutMs: number): Promise<{ start: SessionStep; destroy: SessionStep | null; hooks: RecorderHooks }> {
  const hooks = recorderHooks(ORACLE_SCRIPTS);
  const session = await createSession(sessionOptions(hooks, timeoutMs));
  try {
    await session.run({ verb: 'net-define', def: ISO, file: 'xml/net-iso.xml' });
    hooks.setRules([{ who: 'network', op: 'start', obj: 'lvo-iso', sleep: sleepSeconds }]);
    const start = await session.run({ verb: 'net-start', network: 'lvo-iso' });
    hooks.setRules([]);
    const destroy = start.ok ? await session.run({ verb: 'net-destroy', network: 'lvo-iso' }) : null;
    return { start, destroy, hooks };
  } finally {
    await session.dispose();
    expect(markedProcesses(hooks.dir)).toEqual([]);
    hooks.remove();
  }
}

describe.concurrent('oracle i: a slow start hook', () => {
  it('i1: a hook slower than usual but within the timeout only delays net-start; every script sees what libvirt gave', async () => {
    const { start, destroy } = await slowStart(1, 5_000);
    // The transcript interleaves a concurrent virsh's lines; net-start's own output is its first line.
    expect(transcript).toContain('$ virsh -c qemu:///system net-start lvo-iso\nNetwork lvo-iso started\n');
    expect(transcript).toContain('$ virsh -c qemu:///system net-destroy lvo-iso\nNetwork lvo-iso destroyed\n');
    expect([start.ok, start.output, destroy?.ok, destroy?.output]).toEqual([true, 'Network lvo-iso started', true, 'Network lvo-iso destroyed']);
    const [main] = start.calls[0]!.scripts;
    expect(main).toMatchObject({ hook: 'network', exitCode: 0, timedOut: false, lingering: null, failure: null });
    expect(main!.durationMs).toBeGreaterThanOrEqual(1_000);
    const recorded = recordedRuns('i-slow-hook', 'i1 net-start', 'i2 net-start');
    expect(recorded).toHaveLength(9);
    expect(observedRuns([start, destroy!])).toEqual(recorded);
  });

  it('i2: a hook that outlasts the harness timeout is stopped and reported; the .d scripts still run (virHookCall)', async () => {
    const { start } = await slowStart(3, 1_000);
    // virthook stopped the hook: that is not the hook's veto (a real libvirtd would still be waiting).
    expect(start).toMatchObject({
      ok: false,
      vetoed: false,
      error: 'error: Failed to start network lvo-iso\nerror: Hook script /etc/libvirt/hooks/network was stopped by virthook after the 1 s timeout: a real libvirtd would still be waiting (libvirt has no timeout).',
    });
    expect(start.calls.map((c) => c.call.op)).toEqual(['start']);
    expect(start.calls[0]!.scripts.map((r) => [r.hook, r.timedOut, r.signal, r.exitCode])).toEqual([
      ['network', true, 'SIGTERM', null],
      ['network.d/10-first', false, null, 0],
      ['network.d/20-second', false, null, 0],
    ]);
    // The real daemon waited 70 s and went on; what the .d scripts were given is the same.
    const recordedStart = recordedRuns('i-slow-hook', 'i2 net-start').filter((r) => r.argv[1] === 'start' && r.script.includes('.d/'));
    expect(recordedStart).toHaveLength(2);
    expect(observedRuns([start])).toEqual(recordedStart);
  });
});

afterAll(() => {
  expect(survivors()).toEqual([]);
});
