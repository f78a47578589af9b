import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/harness/create-session.js';
import type { SessionStep } from '../../src/harness/session.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';
import { PYTHON } from '../runner/sandbox-runner.js';
import { ORACLE_DIR, readTranscript } from '../support/oracle.js';
import { recorderHooks } from '../support/recorder-hooks.js';
import { EXACT_VIEW_DOUBLES } from '../support/exact-view-doubles.js';
import { survivors } from '../support/survivors.js';
import { markedProcesses } from './marked-processes.js';
import { ORACLE_SCRIPTS, observedRuns, recordedRuns } from './oracle-runs.js';

// Oracle m: libvirtd restarted with other environments and working directories; what the hooks
// inherit. m1: a custom environment (`env -i ...`, cwd /); m2: no PATH, foreground from /tmp (the
// daemon start hook ran, then libvirtd died for want of dnsmasq in $PATH: not modelled, virsh could
// not connect); m3: foreground from /tmp with a short PATH. Each daemon is one session: its first
// daemon-stop (the recorded shutdown ran under the previous daemon's environment) is not compared.
const ISO = parseNetworkXml(readFileSync(join(ORACLE_DIR, 'xml', 'net-iso.xml'), 'utf8'), 'xml/net-iso.xml');
const segments = readTranscript('m-env-passthrough');
const pairs = (text: string): Array<[string, string]> => text.split(' ').map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]);

const DAEMONS = {
  m1: {
    env: pairs('PATH=/opt/lvo/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/nonexistent-home LANG=C.UTF-8 LC_ALL=fr_FR.UTF-8 TMPDIR=/var/tmp LD_LIBRARY_PATH=/opt/lvo/lib TZ=Europe/Paris LVORACLE_MARKER=set-in-libvirtd-env LIBVIRT_LOG_FILTERS=3:*'),
    cwd: '/',
  },
  m2: { env: pairs('HOME=/root LANG=C.UTF-8 INVOCATION_ID=0123456789abcdef LVORACLE_MARKER=fg'), cwd: '/tmp' },
  m3: { env: pairs('PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 INVOCATION_ID=0123456789abcdef LVORACLE_MARKER=fg'), cwd: '/tmp' },
} as const;

/** Starts the daemon `name` describes over recorder hooks and runs its net-start/net-destroy (and final stop). */
async function runDaemon(name: keyof typeof DAEMONS, virsh: boolean, stopAtEnd: boolean): Promise<SessionStep[]> {
  const hooks = recorderHooks(ORACLE_SCRIPTS);
  const { env, cwd } = DAEMONS[name];
  const session = await createSession({ hooksDir: hooks.dir, libvirt: '9.0', daemonEnv: env, cwd, python: PYTHON, timeoutMs: 5_000, ...EXACT_VIEW_DOUBLES });
  try {
    await session.run({ verb: 'net-define', def: ISO, file: 'xml/net-iso.xml' });
    await session.run({ verb: 'daemon-stop' });
    const steps = [await session.run({ verb: 'daemon-start' })];
    if (virsh) {
      steps.push(await session.run({ verb: 'net-start', network: 'lvo-iso' }));
      steps.push(await session.run({ verb: 'net-destroy', network: 'lvo-iso' }));
    }
    if (stopAtEnd) steps.push(await session.run({ verb: 'daemon-stop' }));
    return steps;
  } finally {
    await session.dispose();
    expect(markedProcesses(hooks.dir)).toEqual([]);
    hooks.remove();
  }
}

const printed = (steps: readonly SessionStep[]) => steps.filter((s) => s.command.verb.startsWith('net-')).map((s) => (s.ok ? s.output : s.error));
const recordedOutputs = (segment: number) => segments[segment]!.commands.map((c) => c.output);

describe.concurrent('oracle m: the daemon\'s environment and cwd as the hooks inherit them', () => {
  it('m1: only LC_ALL=C and the passed variables the daemon has, in libvirt\'s order (LD_LIBRARY_PATH first)', async () => {
    const steps = await runDaemon('m1', true, false);
    expect(printed(steps)).toEqual(recordedOutputs(0));
    const recorded = recordedRuns('m-env-passthrough', 'm1 start libvirtd', 'm2 SIGTERM');
    expect(recorded).toHaveLength(10);
    expect(observedRuns(steps)).toEqual(recorded);
  });

  it('m2: no PATH in the daemon, none for the hooks (no default in 9.0), cwd /tmp', async () => {
    const steps = await runDaemon('m2', false, false);
    const recorded = recordedRuns('m-env-passthrough', 'm2 start libvirtd', 'm2 net-start');
    expect(recorded.map((r) => r.env)).toEqual([['LC_ALL=C', 'HOME=/root']]);
    expect(observedRuns(steps)).toEqual(recorded);
  });

  it('m3: a foreground daemon from /tmp: every hook runs in /tmp, through to the shutdown hook', async () => {
    const steps = await runDaemon('m3', true, true);
    expect(printed(steps)).toEqual(recordedOutputs(2));
    const recorded = recordedRuns('m-env-passthrough', 'm3 start libvirtd');
    expect(recorded).toHaveLength(11);
    expect(observedRuns(steps)).toEqual(recorded);
  });
});

afterAll(() => {
  expect(survivors()).toEqual([]);
});
