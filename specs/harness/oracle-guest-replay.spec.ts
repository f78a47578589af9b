import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/harness/session.js';
import { libvirtProfile } from '../../src/model/libvirt-profile.js';
import { createRunner } from '../../src/runner/create-runner.js';
import type { SimulatorState } from '../../src/simulator/simulator-state.js';
import { portUuidPairs, withPortUuids, type CallView } from '../simulator/support/compare-calls.js';
import { recordedLineToCommand } from '../simulator/support/guest-line.js';
import { recordedDomain, recordedHost, recordedNetworkConfigs } from '../simulator/support/oracle-host.js';
import { recordsBetween, segmentsBetween } from '../simulator/support/oracle-timeline.js';
import { virshView } from '../simulator/support/virsh-views.js';
import { ORACLE_DIR } from '../support/oracle.js';
import { ORACLE_DAEMON_ENV } from '../support/oracle-daemon-env.js';
import { recorderHooks, type RecorderHooks } from '../support/recorder-hooks.js';
import { survivors } from '../support/survivors.js';

const { nat, iso } = recordedNetworkConfigs();
const guests = () => [{ def: recordedDomain('dom-vm.xml') }, { def: recordedDomain('dom-vm2.xml') }];

/** Recording windows of e, f, k and n without a daemon restart inside, each on the host it began with. */
const WINDOWS: readonly { readonly name: string; readonly from: string; readonly to: string; readonly host: () => SimulatorState }[] = [
  { name: 'e1 e2 f', from: '2026-11-24T22:20:06Z', to: '2026-11-24T22:22:32Z', host: () => recordedHost({ networks: [{ def: nat }, { def: iso }] }) },
  { name: 'k', from: '2026-11-24T22:30:24Z', to: '2026-11-24T22:30:46Z', host: () => recordedHost({ networks: [{ def: nat, active: true, autostart: true }, { def: iso }], domains: guests() }) },
  { name: 'e3 e4 n', from: '2026-11-24T22:32:41Z', to: '2026-11-24T22:34:54Z', host: () => recordedHost({ networks: [{ def: nat, active: true, autostart: true }, { def: iso }], domains: guests() }) },
];

/** The oracle's hooks: recorder.py as the main scripts and as network.d/10-first and 20-second. */
const SCRIPTS = ['daemon', 'qemu', 'network', 'network.d/10-first', 'network.d/20-second'];

interface Replayed {
  readonly outputs: { readonly line: string; readonly rc: number; readonly text: string }[];
  readonly expectedOutputs: { readonly line: string; readonly rc: number; readonly text: string }[];
  /** Every script run: `script argv...` and what the recorder saw. */
  readonly runs: (CallView & { readonly env: readonly string[]; readonly cwd: string })[];
}

async function replayWindow(hooks: RecorderHooks, window: (typeof WINDOWS)[number]): Promise<Replayed> {
  const runner = createRunner({ hooksDir: hooks.dir, profile: libvirtProfile('9.0'), daemonEnv: ORACLE_DAEMON_ENV });
  const session = new Session(window.host(), runner, { hooksDir: hooks.dir });
  const replayed: Replayed = { outputs: [], expectedOutputs: [], runs: [] };
  try {
    for (const event of segmentsBetween(window.from, window.to).flatMap((s) => s.events)) {
      if (event.kind === 'ctl') hooks.setRules(event.rules);
      if (event.kind !== 'command') {
        expect(event.kind).toBe('ctl');
        continue;
      }
      if (virshView(session.state, event.line)) continue;
      const command = recordedLineToCommand(event.line, ORACLE_DIR);
      if (!command) continue;
      const step = await session.run(command);
      replayed.outputs.push({ line: event.line, rc: step.ok ? 0 : 1, text: step.ok ? step.output : step.error! });
      replayed.expectedOutputs.push({ line: event.line, rc: event.rc, text: event.output });
      for (const script of step.calls.flatMap((c) => c.scripts)) {
        const seen = JSON.parse(script.stdout.toString('utf8').split('\n')[0]!) as { argv: string[]; env: string[]; cwd: string; stdin: string };
        replayed.runs.push({ head: `${script.hook.split('/').pop()} ${seen.argv.join(' ')}`, stdin: seen.stdin, env: seen.env, cwd: seen.cwd });
      }
    }
  } finally {
    await session.dispose();
  }
  return replayed;
}

const recordedRuns = (window: (typeof WINDOWS)[number]) =>
  recordsBetween(window.from, window.to, true).map((r) => ({ head: `${r.argv[0]!.split('/').pop()} ${r.argv.slice(1).join(' ')}`, stdin: r.stdin_text ?? '', env: r.env, cwd: r.cwd }));

// The windows are independent (own hooks directory, own session): they replay side by side.
const hooksByWindow = WINDOWS.map(() => recorderHooks(SCRIPTS));
let replays: Promise<Replayed[]>;
beforeAll(() => {
  replays = Promise.all(WINDOWS.map((window, i) => replayWindow(hooksByWindow[i]!, window)));
  replays.catch(() => undefined);
});
afterAll(async () => {
  await replays.catch(() => undefined);
  for (const hooks of hooksByWindow) hooks.remove();
});

describe.each(WINDOWS.map((window, i) => ({ ...window, i })))('oracle $name against real hooks with network.d (libvirt 9.0)', (window) => {
  const recorded = recordedRuns(window);
  let replayed: Replayed;
  beforeAll(async () => {
    replayed = (await replays)[window.i]!;
  }, 180_000);

  it('runs the main script, then network.d/10-first and 20-second, for every call, in the recorded order', () => {
    expect(replayed.runs.map((r) => r.head)).toEqual(recorded.map((r) => r.head));
    expect(recorded.some((r) => r.head.startsWith('10-first '))).toBe(true);
  });

  it('gives every script the recorded argv, environment, cwd and stdin bytes', () => {
    const names = portUuidPairs(recorded, replayed.runs);
    const expected = recorded.map((r) => ({ head: r.head, env: r.env, cwd: r.cwd, stdin: withPortUuids(r.stdin, names) }));
    expect(replayed.runs.map((r) => ({ head: r.head, env: r.env, cwd: r.cwd, stdin: r.stdin }))).toEqual(expected);
  });

  it('prints what virsh printed', () => {
    expect(replayed.outputs).toEqual(replayed.expectedOutputs);
  });
});

describe('after every window', () => {
  it('leaves no process behind', async () => {
    await replays;
    expect(survivors()).toEqual([]);
  }, 180_000);
});
