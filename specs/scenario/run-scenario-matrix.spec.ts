import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { runScenario } from '../../src/scenario/run-scenario.js';
import { scriptedSessions } from './scripted-runner.js';

let repo: string;

beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'virthook-matrix-'));
  await mkdir(join(repo, 'hooks'), { recursive: true });
  await writeFile(join(repo, 'hooks/network'), '#!/bin/sh\n', { mode: 0o755 });
  await writeFile(join(repo, 'nat.xml'), await readFile(new URL('../../fixtures/oracle/xml/net-nat.xml', import.meta.url)));
});
afterAll(async () => rm(repo, { recursive: true, force: true }));

async function scenario(name: string, lines: string[]) {
  await writeFile(join(repo, name), `${lines.join('\n')}\n`);
  return loadScenario(join(repo, name), { cwd: repo });
}

/** The main hook refuses `started`: libvirt 9.0 leaks the bridge, 10.8+ tears the network down. */
const vetoStarted = () => scriptedSessions(['network'], (_script, call) => (call.op === 'started' ? { exitCode: 1, stderr: 'no\n' } : {}));

const leakScenario = (per9: string, per11: string) => [
  'hooks: hooks',
  "libvirt: ['9.0', '11.3']",
  'networks: [nat.xml]',
  'steps:',
  '  - net-start: lvo-nat',
  '    expect:',
  '      vetoed: true',
  '      state: { networks: { lvo-nat: { active: false } } }',
  '      per-libvirt:',
  "        '<10.8':",
  '          calls: [{ op: start }, { op: started }]',
  `          state: { bridges: { lvonat0: ${per9} } }`,
  "        '>=10.8':",
  '          calls: [{ op: start }, { op: started }, { op: stopped }]',
  `          state: { bridges: { lvonat0: ${per11} } }`,
  '  - net-start: lvo-nat',
  '    expect:',
  '      per-libvirt:',
  "        '9.0': { ok: false, vetoed: false, error: { contains: 'Network is already in use by interface lvonat0' } }",
  "        '>=10.8': { vetoed: true }",
  'expect:',
  '  state: { networks: { lvo-nat: { active: false, persistent: true } } }',
];

describe('runScenario across releases', () => {
  it("asserts 9.0's leaked bridge and 11.3's teardown in one scenario, with per-libvirt overrides and state", async () => {
    const result = await runScenario(await scenario('leak.yaml', leakScenario('leaked', 'absent')), { createSession: vetoStarted() });
    expect(result.runs.map((r) => [r.libvirt, r.failures.map((f) => `${f.path}: ${f.message}`)])).toEqual([
      ['9.0', []],
      ['11.3', []],
    ]);
  });

  it('checks each step\'s state right after it, and names the fact that differs per release', async () => {
    const result = await runScenario(await scenario('wrong.yaml', leakScenario('absent', 'leaked')), { createSession: vetoStarted() });
    expect(result.runs.map((r) => [r.libvirt, r.failures.map((f) => [f.path, f.message, f.stepIndex, f.line])])).toEqual([
      ['9.0', [['steps[0].expect.state.bridges.lvonat0', 'bridge lvonat0 is leaked (left behind by the failed start of lvo-nat), expected absent', 1, 5]]],
      ['11.3', [['steps[0].expect.state.bridges.lvonat0', 'bridge lvonat0 is absent, expected leaked', 1, 5]]],
    ]);
  });

  it('fails the end state after the last step', async () => {
    const s = await scenario('end.yaml', ['hooks: hooks', 'networks: [nat.xml]', 'steps:', '  - net-start: lvo-nat', 'expect:', '  state: { networks: { lvo-nat: { active: false, autostart: true } } }']);
    const [run] = (await runScenario(s, { createSession: scriptedSessions(['network']) })).runs;
    expect(run!.failures.map((f) => [f.path, f.message, f.stepIndex, f.line])).toEqual([
      ['expect.state.networks.lvo-nat.active', 'network lvo-nat: active, expected inactive', null, 6],
      ['expect.state.networks.lvo-nat.autostart', 'network lvo-nat: not marked autostart, expected marked autostart', null, 6],
    ]);
  });
});

describe('transcript snapshots', () => {
  const lines = ['hooks: hooks', "libvirt: ['9.0', '11.3']", 'networks: [nat.xml]', 'steps:', '  - net-start: lvo-nat', '  - net-destroy: lvo-nat', 'expect: { snapshot: true }'];

  it('fail until recorded, are recorded by updateSnapshots, then compared with a diff', async () => {
    const first = await runScenario(await scenario('snap.yaml', lines), { createSession: scriptedSessions(['network']) });
    expect(first.runs.flatMap((r) => r.failures.map((f) => [r.libvirt, f.path, f.message, f.line]))).toEqual([
      ['9.0', 'expect.snapshot', 'no transcript is recorded for this release in snap.snap', 7],
      ['11.3', 'expect.snapshot', 'no transcript is recorded for this release in snap.snap', 7],
    ]);
    expect(first.snapshotUpdate).toBeUndefined();

    const update = await runScenario(await loadScenario(join(repo, 'snap.yaml'), { cwd: repo }), { createSession: scriptedSessions(['network']), updateSnapshots: true });
    expect(update.passed).toBe(true);
    expect(update.snapshotUpdate).toMatchObject({ file: join(repo, 'snap.snap'), displayFile: 'snap.snap', changed: true });
    expect(update.snapshotUpdate!.text).toContain('== libvirt 9.0 ==\n$ net-define lvo-nat\n  Network lvo-nat defined from nat.xml\n$ net-start lvo-nat\n  hook network lvo-nat start begin -: exit status 0\n    | <hookData>\n');
    await writeFile(update.snapshotUpdate!.file, update.snapshotUpdate!.text);

    const again = await loadScenario(join(repo, 'snap.yaml'), { cwd: repo });
    expect((await runScenario(again, { createSession: scriptedSessions(['network']) })).passed).toBe(true);
    expect((await runScenario(again, { createSession: scriptedSessions(['network']), updateSnapshots: true })).snapshotUpdate!.changed).toBe(false);

    const changed = await runScenario(again, { createSession: vetoStarted(), libvirt: ['9.0'] });
    const [failure] = changed.runs[0]!.failures.filter((f) => f.path === 'expect.snapshot');
    expect(failure!.message).toBe('the transcript differs from the one recorded in snap.snap');
    expect(failure!.diff).toContain('-  hook network lvo-nat started begin -: exit status 0');
    expect(failure!.diff).toContain('+  hook network lvo-nat started begin -: exit status 1');
  });
});
