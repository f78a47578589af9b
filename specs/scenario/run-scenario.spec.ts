import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { runScenario } from '../../src/scenario/run-scenario.js';
import { scriptedSessions } from './scripted-runner.js';

let repo: string;

/** A hooks repository on disk (hint checks look at the real files); hooks are run by a double. */
beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'virthook-run-scenario-'));
  await mkdir(join(repo, 'hooks/network.d'), { recursive: true });
  await writeFile(join(repo, 'hooks/network'), '#!/bin/sh\n', { mode: 0o755 });
  await writeFile(join(repo, 'hooks/network.d/20-log'), '#!/bin/sh\n');
  await chmod(join(repo, 'hooks/network.d/20-log'), 0o644);
  await writeFile(join(repo, 'nat.xml'), await readFile(new URL('../../fixtures/oracle/xml/net-nat.xml', import.meta.url)));
  await writeFile(join(repo, 'iso.xml'), await readFile(new URL('../../fixtures/oracle/xml/net-iso.xml', import.meta.url)));
});
afterAll(async () => rm(repo, { recursive: true, force: true }));

async function scenario(name: string, text: string) {
  await writeFile(join(repo, name), text);
  return loadScenario(join(repo, name), { cwd: repo });
}

describe('runScenario', () => {
  it('runs the steps on one session, records every script and passes when expectations hold', async () => {
    const sessions = scriptedSessions(['network']);
    const s = await scenario('pass.yaml', [
      'hooks: hooks',
      'seed: s1',
      'timeout: 2',
      'networks: [nat.xml]',
      'steps:',
      '  - net-start: lvo-nat',
      '    expect:',
      '      output: Network lvo-nat started',
      '      calls: [{ hook: network, op: start }, { hook: network, op: started, stdin: { xpath: { /hookData/network/forward/nat/port/@end: 65535 } } }]',
      '  - net-destroy: lvo-nat',
      'expect: { mode: ordered, calls: [{ op: start }, { op: stopped }] }',
      '',
    ].join('\n'));
    const result = await runScenario(s, { createSession: sessions });
    expect(result.runs[0]!.failures).toEqual([]);
    expect(result).toMatchObject({ name: 'pass', file: 'pass.yaml', passed: true });
    expect(result.runs[0]!.steps.map((step) => [step.step, step.ok])).toEqual([
      ['net-define lvo-nat', true],
      ['net-start lvo-nat', true],
      ['net-destroy lvo-nat', true],
    ]);
    expect(result.runs[0]!.recording.invocations.map((i) => [i.stepIndex, i.argv[1]])).toEqual([[1, 'start'], [1, 'started'], [2, 'stopped']]);
    expect(sessions.options).toEqual([{ hooksDir: join(repo, 'hooks'), libvirt: '9.0', seed: 's1', timeoutMs: 2000 }]);
  });

  it('fails a step that a hook vetoed when the scenario did not expect it, with the step and its line', async () => {
    const sessions = scriptedSessions(['network'], (_script, call) => (call.op === 'start' ? { exitCode: 1, stderr: 'no\n' } : {}));
    const s = await scenario('veto.yaml', 'hooks: hooks\nnetworks: [iso.xml]\nsteps:\n  - net-start: lvo-iso\n');
    const [run] = (await runScenario(s, { createSession: sessions })).runs;
    expect(run!.passed).toBe(false);
    expect(run!.failures).toEqual([
      expect.objectContaining({ path: 'steps[0].expect.ok', stepIndex: 1, line: 4, message: expect.stringMatching(/^the step failed: Hook script execution failed: .*unexpected exit status 1: no$/) }),
    ]);
    expect(run!.steps[1]).toMatchObject({ ok: false, vetoed: true });
  });

  it('runs a matrix, one fresh daemon per release, where behaviour differs by release', async () => {
    const sessions = scriptedSessions(['network'], (_script, call) => (call.op === 'start' ? { exitCode: 1 } : {}));
    const s = await scenario('matrix.yaml', [
      'hooks: hooks',
      "libvirt: ['9.0', '11.3']",
      'networks: [iso.xml]',
      'steps:',
      '  - net-start: lvo-iso',
      '    expect: { vetoed: true }',
      'expect: { mode: none-of, calls: [{ op: stopped }] }',
      '',
    ].join('\n'));
    const result = await runScenario(s, { createSession: sessions });
    // networkStartNetwork (10.8+) tears a vetoed network down and runs the stopped hook; 9.0 does not.
    expect(result.runs.map((r) => [r.libvirt, r.passed, r.failures.map((f) => f.path)])).toEqual([
      ['9.0', true, []],
      ['11.3', false, ['expect.calls[0]']],
    ]);
    expect(result.passed).toBe(false);
    const overridden = await runScenario(s, { createSession: sessions, libvirt: ['11.3'] });
    expect(overridden.runs.map((r) => r.libvirt)).toEqual(['11.3']);
  });

  it('says why an expected hook never ran, from the file itself', async () => {
    const sessions = scriptedSessions(['network']);
    const s = await scenario('missing.yaml', [
      'hooks: hooks',
      'networks: [iso.xml]',
      'steps:',
      '  - net-start: lvo-iso',
      '    expect: { mode: contains, calls: [{ hook: network.d/20-log, op: start }, { hook: network.d/30-gone }] }',
      '',
    ].join('\n'));
    const [run] = (await runScenario(s, { createSession: sessions })).runs;
    expect(run!.failures.map((f) => [f.path, f.ranInstead, f.hint])).toEqual([
      ['steps[0].expect.calls[0]', ['network lvo-iso start begin -', 'network lvo-iso started begin -'], expect.stringContaining('network.d/20-log exists but is not executable (mode 0644)')],
      ['steps[0].expect.calls[1]', expect.any(Array), expect.stringContaining('network.d/30-gone does not exist in')],
    ]);
  });

  it('hints from the files as hook-file steps left them, naming the user\'s directory (a real run)', async () => {
    const s = await scenario('hook-file-hint.yaml', [
      'hooks: hooks',
      'networks: [iso.xml]',
      'steps:',
      "  - hook-write: { path: network.d/30-late, content: '#!/bin/sh\\n', mode: '644' }",
      '  - hook-remove: network',
      '  - hook-write: { path: network.d/40-new, content: "#!/bin/sh\\n" }',
      '  - net-start: lvo-iso',
      '    expect: { mode: contains, calls: [{ hook: network.d/30-late }, { hook: network }, { hook: network.d/40-new, op: start }] }',
      '',
    ].join('\n'));
    const [run] = (await runScenario(s)).runs;
    const left = `${join(repo, 'hooks')} as the scenario's hook-file steps left it`;
    expect(run!.failures.map((f) => [f.path, f.hint])).toEqual([
      ['steps[3].expect.calls[0]', `network.d/30-late exists in ${left} but is not executable (mode 0644); libvirt skips it silently. Did you forget chmod +x?`],
      ['steps[3].expect.calls[1]', `network does not exist in ${left}. Check the name: libvirt runs <driver> and <driver>.d/* only.`],
    ]);
  });

  it('locates a scenario error the simulation finds at a step: file, line and step path', async () => {
    const s = await scenario('step-error.yaml', [
      'hooks: hooks',
      'networks: [iso.xml]',
      'steps:',
      '  - net-start: lvo-iso',
      "  - daemon-restart: { order: ['lvo-iso:52:54:00:de:ad:00'] }",
      '  - virtnetworkd-idle-exit:',
      '',
    ].join('\n'));
    const error = await runScenario(s, { createSession: scriptedSessions(['network']) }).catch((e: unknown) => e);
    // No port is on lvo-iso: the order names none that this restart replays (a misspelt MAC, say).
    expect(error).toMatchObject({
      code: 'SCENARIO_INVALID',
      message: `Scenario ${s.displayFile}:5: steps[1]: order: lvo-iso:52:54:00:de:ad:00 names no port this daemon start replays (it replays none); name a port by its UUID or as network:mac.`,
      problems: [{ file: s.displayFile, line: 5, path: 'steps[1]', message: expect.stringMatching(/^order: lvo-iso:52:54:00:de:ad:00 names no port/) }],
    });
    const idle = await scenario('idle.yaml', 'hooks: hooks\nsteps:\n  - virtnetworkd-idle-exit:\n');
    await expect(runScenario(idle, { createSession: scriptedSessions(['network']) })).rejects.toThrow(`Scenario ${idle.displayFile}:3: steps[0]: virtnetworkd-idle-exit needs split daemons`);
  });

  it('rejects an unknown release before running anything', async () => {
    const sessions = scriptedSessions(['network']);
    const s = await scenario('bad-release.yaml', 'hooks: hooks\nsteps: []\n');
    await expect(runScenario(s, { createSession: sessions, libvirt: ['9.0', 'ten'] })).rejects.toMatchObject({ code: 'PROFILE_UNKNOWN' });
    expect(sessions.options).toEqual([]);
  });
});
