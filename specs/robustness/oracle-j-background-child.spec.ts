import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/harness/create-session.js';
import type { Session } from '../../src/harness/session.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';
import { PYTHON } from '../runner/sandbox-runner.js';
import { ORACLE_DIR, readTranscript } from '../support/oracle.js';
import { ORACLE_DAEMON_ENV } from '../support/oracle-daemon-env.js';
import { EXACT_VIEW_DOUBLES } from '../support/exact-view-doubles.js';
import { recorderHooks, type RecorderHooks } from '../support/recorder-hooks.js';
import { survivors } from '../support/survivors.js';
import { markedProcesses } from './marked-processes.js';
import { ORACLE_SCRIPTS, observedRuns, recordedRuns, type ReplayedCommand, replayTranscript } from './oracle-runs.js';

// Oracle j: the main start hook leaves `sleep 20 &` behind. j1: the child inherited stdout/stderr
// and net-start blocked 20 s (virCommandProcessIO reads until EOF); j2: its stdio was /dev/null and
// net-start returned at once, the child living on. virthook reports j1 as a lingering hang (and
// stops waiting after the linger grace) and j2 as a survivor, then kills both.
const SLEEPER = { pid: expect.any(Number), command: 'sleep 1000000' };
const mainFor = (rules: readonly Record<string, unknown>[]) => {
  const bg = rules.find((r) => r.bg !== undefined);
  if (!bg) return null;
  return bg.bg_devnull ? 'background-child-devnull-on-start' : 'background-child-on-start';
};

describe('oracle j: a start hook that leaves a background child', () => {
  let hooks: RecorderHooks;
  let session: Session;
  let replayed: ReplayedCommand[];

  beforeAll(async () => {
    hooks = recorderHooks(ORACLE_SCRIPTS);
    session = await createSession({ hooksDir: hooks.dir, libvirt: '9.0', daemonEnv: ORACLE_DAEMON_ENV, python: PYTHON, timeoutMs: 5_000, lingerGraceMs: 200, ...EXACT_VIEW_DOUBLES });
    const iso = parseNetworkXml(readFileSync(join(ORACLE_DIR, 'xml', 'net-iso.xml'), 'utf8'), 'xml/net-iso.xml');
    await session.run({ verb: 'net-define', def: iso, file: 'xml/net-iso.xml' });
    replayed = await replayTranscript(session, hooks, readTranscript('j-background-child'), mainFor);
  });

  afterAll(async () => {
    await session?.dispose();
    expect(markedProcesses(hooks.dir)).toEqual([]);
    hooks?.remove();
    expect(survivors()).toEqual([]);
  });

  it('prints what virsh printed: both net-starts succeed, as in the recording', () => {
    expect(replayed.map((r) => r.line)).toEqual([
      'virsh -c qemu:///system net-start lvo-iso', 'virsh -c qemu:///system net-destroy lvo-iso',
      'virsh -c qemu:///system net-start lvo-iso', 'virsh -c qemu:///system net-destroy lvo-iso',
    ]);
    expect(replayed.map((r) => r.actual)).toEqual(replayed.map((r) => r.expected));
  });

  it('j1: the child holding stdout/stderr is reported as the hang a real libvirtd would block on', () => {
    const [start, started] = replayed[0]!.step.calls;
    const main = start!.scripts[0]!;
    expect(main).toMatchObject({ hook: 'network', exitCode: 0, timedOut: false, failure: null, survivors: [] });
    expect(main.lingering?.holders).toEqual([SLEEPER]);
    expect(main.lingering?.explanation).toMatch(/a real libvirtd would block here until they exit/);
    // The other runs of the step left nothing behind.
    const others = [...start!.scripts.slice(1), ...started!.scripts];
    expect(others.map((r) => [r.lingering, r.survivors])).toEqual(others.map(() => [null, []]));
  });

  it('j2: the child with stdio on /dev/null is a survivor, not a hang', () => {
    const main = replayed[2]!.step.calls[0]!.scripts[0]!;
    expect(main).toMatchObject({ hook: 'network', exitCode: 0, timedOut: false, failure: null, lingering: null });
    expect(main.survivors).toEqual([SLEEPER]);
  });

  it('runs the same scripts with the same argv, env, cwd and stdin as libvirt (the .d recorders observed them)', () => {
    const steps = replayed.map((r) => r.step);
    const mains = steps.flatMap((s) => s.calls.map((c) => [c.scripts[0]!.hook, ...c.scripts[0]!.argv]));
    const recorded = recordedRuns('j-background-child', 'j1');
    expect(mains).toEqual(recorded.filter((r) => r.script === '/etc/libvirt/hooks/network').map((r) => ['network', ...r.argv]));
    // While a `bg` rule is in force the main script is the single-behaviour fixture: the .d recorders observed the rest.
    const recorderRuns = recorded.filter((r) => r.script !== '/etc/libvirt/hooks/network');
    expect(recorderRuns).toHaveLength(12);
    expect(observedRuns(steps)).toEqual(recorderRuns);
  });
});
