import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { runScenario } from '../../src/scenario/run-scenario.js';
import type { ProfileRun } from '../../src/scenario/scenario-result.js';
import { ORACLE_DIR } from '../support/oracle.js';
import { recorderHooks, type RecorderHooks } from '../support/recorder-hooks.js';
import { survivors } from '../support/survivors.js';
import { recordedView, withOurPortUuids, type CallView } from '../simulator/support/compare-calls.js';
import { recordsBetween } from '../simulator/support/oracle-timeline.js';

const RECORDER = new URL('../../fixtures/recorder/recorder.py', import.meta.url);
const SCRIPTS = ['daemon', 'qemu', 'network', 'network.d/10-first', 'network.d/20-second'];

/**
 * Oracle h as a scenario file with real hook files (the recorder, as on the recorded host), the
 * admin's edits as hook-chmod/hook-remove/hook-write steps. Starts as after g7: lvo-nat
 * (autostart) inactive, lvo-iso active, lvo-vm shut off.
 */
function scenarioSteps(recorder: string): unknown[] {
  const v = (verb: string, value: unknown = null) => ({ [verb]: value });
  return [
    v('net-autostart', 'lvo-nat'),
    v('net-start', 'lvo-iso'),
    // h1a: the main network script loses its exec bit while the daemon runs: skipped silently, network.d still runs.
    v('hook-chmod', { path: 'network', mode: '644' }),
    v('net-start', 'lvo-nat'),
    // h1b: SIGHUP rescans; network.d keeps the driver found.
    v('daemon-reload'),
    { 'net-start': 'lvo-nat', expect: { ok: false, error: { contains: 'network is already active' } } },
    v('net-destroy', 'lvo-nat'),
    v('hook-chmod', { path: 'network', mode: '755' }),
    // h2a: the qemu hook is moved away across a restart and put back while the daemon runs;
    // network.d/15-late appears after the start too.
    v('daemon-stop'),
    v('hook-remove', 'qemu'),
    v('daemon-start'),
    v('hook-write', { path: 'qemu', content: recorder }),
    v('hook-write', { path: 'network.d/15-late', content: recorder }),
    v('net-start', 'lvo-nat'),
    v('start', 'lvo-vm'),
    v('destroy', 'lvo-vm'),
    // h2b: SIGHUP finds the qemu hook.
    v('daemon-reload'),
    v('start', 'lvo-vm'),
    v('destroy', 'lvo-vm'),
    v('hook-remove', 'network.d/15-late'),
    // h6: a qemu hook not executable at SIGHUP stays unused after chmod 755 until the next scan.
    v('hook-chmod', { path: 'qemu', mode: '644' }),
    v('daemon-reload'),
    v('start', 'lvo-vm'),
    v('destroy', 'lvo-vm'),
    v('hook-chmod', { path: 'qemu', mode: '755' }),
    v('start', 'lvo-vm'),
    v('destroy', 'lvo-vm'),
  ];
}

// Run step indexes: networks[0..1] and domains[0] come first.
const FIRST = 3;
const [H1A, H6, END] = [FIRST + 2, FIRST + 20, FIRST + 27];

/** Each script run of the steps in [from, to), as the script itself saw it (the recorder's stdout). */
function ourCalls(run: ProfileRun, from: number, to: number): CallView[] {
  return run.recording.invocations
    .filter((i) => i.stepIndex >= from && i.stepIndex < to)
    .map((i) => {
      const seen = JSON.parse(i.stdout.split('\n')[0]!) as { argv: string[]; stdin: string };
      return { head: `${i.hook.split('/').pop()} ${seen.argv.join(' ')}`, stdin: seen.stdin };
    });
}

describe('oracle h as a scenario file: hook files changed mid-run (hook-chmod, hook-remove, hook-write)', () => {
  let repo: string;
  let hooks: RecorderHooks;
  let run: ProfileRun;

  beforeAll(async () => {
    hooks = recorderHooks(SCRIPTS);
    repo = await mkdtemp(join(tmpdir(), 'virthook-oracle-h-'));
    for (const file of ['net-iso.xml', 'dom-vm.xml']) await copyFile(join(ORACLE_DIR, 'xml', file), join(repo, file));
    // lvo-nat as oracle d's net-update --config calls left its definition: two DHCP hosts more.
    const nat = await readFile(join(ORACLE_DIR, 'xml/net-nat.xml'), 'utf8');
    const hosts = "      <host mac='52:54:00:00:00:bb' name='h2' ip='192.0.2.52'/>\n      <host mac='52:54:00:00:00:cc' name='h3' ip='192.0.2.53'/>\n";
    await writeFile(join(repo, 'net-nat.xml'), nat.replace('    </dhcp>', `${hosts}    </dhcp>`));
    const scenario = {
      hooks: hooks.dir,
      networks: ['net-nat.xml', 'net-iso.xml'],
      domains: ['dom-vm.xml'],
      steps: scenarioSteps(await readFile(RECORDER, 'utf8')),
    };
    await writeFile(join(repo, 'h.json'), JSON.stringify(scenario, null, 2));
    const result = await runScenario(await loadScenario(join(repo, 'h.json')));
    run = result.runs[0]!;
    // About 120 recorder (python) runs: a generous hang guard, not a speed check.
  }, 180_000);

  afterAll(async () => {
    hooks?.remove();
    await rm(repo, { recursive: true, force: true });
  });

  it('passes, and the hooks directory it was given is unchanged', async () => {
    expect(run.failures).toEqual([]);
    expect(run.steps).toHaveLength(END);
    expect(await readFile(join(hooks.dir, 'qemu'), 'utf8')).toBe(await readFile(RECORDER, 'utf8'));
    expect(survivors()).toEqual([]);
  });

  it('h1a-h2b: the same scripts run with the same argv and stdin as recorded', () => {
    const ours = ourCalls(run, H1A, H6);
    const recorded = withOurPortUuids(recordsBetween('2026-11-24T22:26:11Z', '2026-11-24T22:27:17Z', true).map(recordedView), ours);
    expect(ours.map((c) => c.head)).toEqual(recorded.map((c) => c.head));
    // A qemu hook missing at the daemon start is not called until SIGHUP; network.d/15-late at once.
    expect(ours.filter((c) => c.head.startsWith('qemu ')).map((c) => c.head)).toEqual(['qemu lvo-vm prepare begin -', 'qemu lvo-vm start begin -', 'qemu lvo-vm started begin -', 'qemu lvo-vm stopped end -', 'qemu lvo-vm release end -']);
    expect(ours.map((c) => c.stdin)).toEqual(recorded.map((c) => c.stdin));
  });

  it('h6: the same scripts run with the same argv and stdin as recorded (no qemu call at all)', () => {
    const ours = ourCalls(run, H6, END);
    const recorded = withOurPortUuids(recordsBetween('2026-11-24T22:34:54Z', '2026-11-24T22:35:29Z', true).map(recordedView), ours);
    expect(ours.map((c) => c.head)).toEqual(recorded.map((c) => c.head));
    expect(ours.some((c) => c.head.startsWith('qemu '))).toBe(false);
    expect(ours.map((c) => c.stdin)).toEqual(recorded.map((c) => c.stdin));
  });
});
