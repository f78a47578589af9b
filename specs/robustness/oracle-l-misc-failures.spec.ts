import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/harness/create-session.js';
import type { Session, SessionStep } from '../../src/harness/session.js';
import { parseDomainXml } from '../../src/xml/parse-domain.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';
import { PYTHON } from '../runner/sandbox-runner.js';
import { ORACLE_DIR, readTranscript } from '../support/oracle.js';
import { ORACLE_DAEMON_ENV } from '../support/oracle-daemon-env.js';
import { EXACT_VIEW_DOUBLES } from '../support/exact-view-doubles.js';
import { recorderHooks, type RecorderHooks } from '../support/recorder-hooks.js';
import { survivors } from '../support/survivors.js';
import { markedProcesses } from './marked-processes.js';
import { type ObservedRun, ORACLE_SCRIPTS, observedRuns, recordedRuns, type ReplayedCommand, replayTranscript } from './oracle-runs.js';

// Oracle l: failures of hooks whose exit libvirt ignores (l1 guest teardown, l2 network stopped),
// signal deaths (l3), exit 255 (l4), a 141 KB stdin and a hook that never reads it (l5). The
// recorder replica cannot kill itself: kill-self-9 / kill-self-15 stand in for it on l3's rules.
const xml = (name: string) => readFileSync(join(ORACLE_DIR, 'xml', name), 'utf8');
const network = (name: string) => ({ verb: 'net-define', def: parseNetworkXml(xml(name), `xml/${name}`), file: `xml/${name}` }) as const;
const mainFor = (rules: readonly Record<string, unknown>[]) => {
  const kill = rules.find((r) => r.kill_self !== undefined);
  return kill ? `kill-self-${String(kill.kill_self)}` : null;
};
const sessionOptions = (hooks: RecorderHooks) =>
  ({ hooksDir: hooks.dir, libvirt: '9.0', daemonEnv: ORACLE_DAEMON_ENV, python: PYTHON, timeoutMs: 5_000, lingerGraceMs: 200, ...EXACT_VIEW_DOUBLES }) as const;

describe.concurrent('oracle l2-l5: network hook failures, signal deaths and a big stdin', () => {
  let hooks: RecorderHooks;
  let session: Session;
  let replayed: ReplayedCommand[];

  beforeAll(async () => {
    hooks = recorderHooks(ORACLE_SCRIPTS);
    session = await createSession(sessionOptions(hooks));
    // As the daemon stood before l2: both networks defined and active (l1's guest steps are below).
    for (const command of [network('net-iso.xml'), network('net-nat.xml')]) await session.run(command);
    for (const name of ['lvo-iso', 'lvo-nat']) await session.run({ verb: 'net-start', network: name });
    replayed = await replayTranscript(session, hooks, readTranscript('l-misc-failures'), mainFor);
  });

  afterAll(async () => {
    await session?.dispose();
    expect(markedProcesses(hooks.dir)).toEqual([]);
    hooks?.remove();
  });

  it('prints exactly what virsh printed for every failure class (ignored stopped, fatal signal 9 and 15, exit 255, l5)', () => {
    expect(replayed.map((r) => r.line.replace('virsh -c qemu:///system ', ''))).toEqual([
      'net-destroy lvo-iso', 'net-start lvo-iso', 'net-start lvo-iso', 'net-start lvo-iso',
      'net-define xml/net-big.xml', 'net-start lvo-big', 'net-destroy lvo-big', 'net-start lvo-big',
      'net-destroy lvo-big', 'net-start lvo-big', 'net-destroy lvo-big', 'net-undefine lvo-big',
    ]);
    expect(replayed.map((r) => r.actual)).toEqual(replayed.map((r) => r.expected));
  });

  it('l3: reports the signal by name in the data and by number in libvirt\'s text', () => {
    const deaths = replayed.slice(1, 3).map((r) => r.step.calls[0]!.scripts[0]!);
    expect(deaths.map((r) => [r.hook, r.exitCode, r.signal, String(r.stderr)])).toEqual([
      ['network', null, 'SIGKILL', 'about to die\n'],
      ['network', null, 'SIGTERM', ''],
    ]);
  });

  it('l5: 141 KB of stdin reach every script byte for byte; not reading it is no error (EPIPE ignored)', () => {
    const skipped = replayed[7]!.step.calls[0]!.scripts[0]!;
    expect(skipped).toMatchObject({ hook: 'network', exitCode: 0, failure: null });
    expect(skipped.stdin).toHaveLength(141_213);
  });

  it('runs the same scripts with the same argv, env, cwd and stdin as libvirt', () => {
    const steps = replayed.map((r) => r.step);
    const recorded = [
      ...recordedRuns('l-misc-failures', 'l2', undefined, (rule) => rule.kill_self === undefined),
      ...recordedRuns('l-misc-failures-l5-big-stdin', 'l5 net-start lvo-big (normal)'),
    ];
    expect(recorded).toHaveLength(3 + 2 * 2 + 3 + 9 + 9 + 3);
    expect(observedRuns(steps)).toEqual(recorded);
  });
});

describe.concurrent('oracle l1: a guest destroyed while port-deleted, stopped and release hooks fail', () => {
  let hooks: RecorderHooks;
  let destroy: SessionStep;

  beforeAll(async () => {
    hooks = recorderHooks(ORACLE_SCRIPTS);
    const session = await createSession(sessionOptions(hooks));
    try {
      for (const command of [network('net-iso.xml'), network('net-nat.xml')]) await session.run(command);
      for (const name of ['lvo-iso', 'lvo-nat']) await session.run({ verb: 'net-start', network: name });
      // lvo-nat as scenario d left it: two DHCP hosts added live and in the config.
      for (const host of ["<host mac='52:54:00:00:00:bb' name='h2' ip='192.0.2.52'/>", "<host mac='52:54:00:00:00:cc' name='h3' ip='192.0.2.53'/>"]) {
        await session.run({ verb: 'net-update', network: 'lvo-nat', command: 'add', section: 'ip-dhcp-host', xml: host, parentIndex: -1, live: true, config: true });
      }
      await session.run({ verb: 'define', def: parseDomainXml(xml('dom-vm.xml'), 'xml/dom-vm.xml'), file: 'xml/dom-vm.xml' });
      const start = await session.run({ verb: 'start', domain: 'lvo-vm' });
      expect(start).toMatchObject({ ok: true, output: "Domain 'lvo-vm' started" });
      const segment = readTranscript('l-misc-failures')[0]!;
      hooks.setRules(segment.commands.find((c) => c.line.endsWith('destroy lvo-vm'))!.rules);
      destroy = await session.run({ verb: 'destroy', domain: 'lvo-vm' });
    } finally {
      await session.dispose();
    }
  });

  afterAll(() => {
    expect(markedProcesses(hooks.dir)).toEqual([]);
    hooks?.remove();
  });

  it('destroys the guest as virsh did: the failures are ignored', () => {
    expect(destroy).toMatchObject({ ok: true, output: "Domain 'lvo-vm' destroyed", error: null });
    expect(destroy.calls.map((c) => [c.call.driver, c.call.object, c.call.op, c.status])).toEqual([
      ['qemu', 'lvo-vm', 'stopped', 'failed'],
      ['network', 'lvo-nat', 'port-deleted', 'failed'],
      ['network', 'lvo-iso', 'port-deleted', 'failed'],
      ['qemu', 'lvo-vm', 'release', 'failed'],
    ]);
  });

  it('runs the same scripts with the same argv, env, cwd and stdin as libvirt', () => {
    // Port UUIDs are random in libvirt (virUUIDGenerate): only their place is compared.
    const portUuids = (runs: readonly ObservedRun[]) => runs.map((r) => ({ ...r, stdin: r.stdin.replace(/(<networkport>\s*<uuid>)[0-9a-f-]{36}/g, '$1UUID') }));
    const recorded = recordedRuns('l-misc-failures', 'l1 destroy', 'l2');
    expect(recorded).toHaveLength(8);
    expect(portUuids(observedRuns([destroy]))).toEqual(portUuids(recorded));
  });
});

afterAll(() => {
  // Both suites ran concurrently: only now is every session of this file disposed.
  expect(survivors()).toEqual([]);
});
