import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { main } from '../../src/cli/main.js';
import type { SessionFactory } from '../../src/scenario/run-scenario.js';
import { scriptedSessions } from '../scenario/scripted-runner.js';
import { survivors } from '../support/survivors.js';

let repo: string;

beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'virthook-cli-'));
  await mkdir(join(repo, 'hooks'), { recursive: true });
  await mkdir(join(repo, 'scenarios/nested'), { recursive: true });
  await mkdir(join(repo, 'broken'), { recursive: true });
  await writeFile(join(repo, 'hooks/network'), '#!/bin/sh\n', { mode: 0o755 });
  await writeFile(join(repo, 'iso.xml'), await readFile(new URL('../../fixtures/oracle/xml/net-iso.xml', import.meta.url)));
  await writeFile(join(repo, 'scenarios/pass.yaml'), 'hooks: ../hooks\nnetworks: [../iso.xml]\nsteps:\n  - net-start: lvo-iso\n');
  await writeFile(join(repo, 'scenarios/nested/fail.yml'), 'name: wants a veto\nhooks: ../../hooks\nnetworks: [../../iso.xml]\nsteps:\n  - net-start: lvo-iso\n    expect: { vetoed: true }\n');
  await writeFile(join(repo, 'broken/typo.yaml'), 'hooks: ../hooks\nsteps:\n  - net-strat: lvo-iso\n');
  await writeFile(join(repo, 'broken/no-hooks.yaml'), 'hooks: ../nowhere\nsteps: []\n');
  // Hooks libvirt would never run: a forgotten chmod +x, an empty directory, a file named as the directory.
  await mkdir(join(repo, 'unrunnable/noexec-hooks'), { recursive: true });
  await mkdir(join(repo, 'unrunnable/empty-hooks'), { recursive: true });
  await writeFile(join(repo, 'unrunnable/noexec-hooks/network'), '#!/bin/sh\nexit 1\n');
  await chmod(join(repo, 'unrunnable/noexec-hooks/network'), 0o644);
  await writeFile(join(repo, 'unrunnable/noexec.yaml'), 'hooks: noexec-hooks\nnetworks: [../iso.xml]\nsteps:\n  - net-start: lvo-iso\n');
  await writeFile(join(repo, 'unrunnable/empty.yaml'), 'hooks: empty-hooks\nnetworks: [../iso.xml]\nsteps:\n  - net-start: lvo-iso\n');
  await writeFile(join(repo, 'unrunnable/file.yaml'), 'steps: []\nhooks: ../iso.xml\n');
});
afterAll(async () => rm(repo, { recursive: true, force: true }));

async function cli(argv: string[], io: Partial<CliIo> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd: repo,
    env: {},
    isTTY: false,
    createSession: scriptedSessions(['network']),
    ...io,
  });
  return { code, stdout, stderr };
}

describe('main', () => {
  it('prints help (exit 0), and usage on stderr without a command (exit 2)', async () => {
    const help = await cli(['--help']);
    expect([help.code, help.stdout]).toEqual([0, expect.stringMatching(/^Usage: virthook run/)]);
    const none = await cli([]);
    expect([none.code, none.stdout, none.stderr]).toEqual([2, '', expect.stringMatching(/^Usage: virthook run/)]);
  });

  it('prints the package version', async () => {
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('exits 0 when every scenario passes, with the pretty report on stdout', async () => {
    const { code, stdout, stderr } = await cli(['run', 'scenarios/pass.yaml']);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toMatch(/^✓ pass \[libvirt 9\.0\] scenarios\/pass\.yaml \(\d+ ms\)\n\n1 passed, 0 failed\n$/);
  });

  it('exits 1 when a scenario fails, searching directories and expanding globs', async () => {
    const dir = await cli(['run', 'scenarios']);
    expect(dir.code).toBe(1);
    expect(dir.stdout).toContain('✗ wants a veto [libvirt 9.0] scenarios/nested/fail.yml');
    expect(dir.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 1 failed');
    const glob = await cli(['run', 'scenarios/**/*.yml']);
    expect([glob.code, glob.stdout.trimEnd().split('\n').at(-1)]).toEqual([1, '0 passed, 1 failed']);
    const filtered = await cli(['run', 'scenarios', '--filter', 'PASS']);
    expect([filtered.code, filtered.stdout.trimEnd().split('\n').at(-1)]).toEqual([0, '1 passed, 0 failed']);
  });

  it('exits 2 for invalid scenarios, naming every file, field and line, without a stack trace', async () => {
    const { code, stdout, stderr } = await cli(['run', 'broken']);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toBe(
      [
        'virthook: Scenario broken/no-hooks.yaml: hooks: hooks directory ../nowhere (looked for nowhere) not found. Point it at a directory laid out like /etc/libvirt/hooks.',
        '  broken/no-hooks.yaml:1:8: hooks: hooks directory ../nowhere (looked for nowhere) not found',
        'virthook: Scenario broken/typo.yaml is invalid (1 problem)',
        '  broken/typo.yaml:3:5: steps[0].net-strat: unknown step "net-strat"; did you mean "net-start"?',
        '',
      ].join('\n'),
    );
  });

  it('exits 2 before any step when libvirt would run none of the hooks, naming the file, its mode and the field', async () => {
    const noexec = await cli(['run', 'unrunnable/noexec.yaml']);
    expect(noexec).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        'virthook: Scenario unrunnable/noexec.yaml: hooks: hook script unrunnable/noexec-hooks/network is not executable (mode 0644), so libvirt would skip it without a word. ' +
          'Run chmod +x unrunnable/noexec-hooks/network; or, if the scenario means to test libvirt skipping it, keep it executable and drop the bit in a step: - hook-chmod: { path: network, mode: "644" }.',
        '  unrunnable/noexec.yaml:1:8: hooks: unrunnable/noexec-hooks/network is not executable (mode 0644)',
        '',
      ].join('\n'),
    });
    const empty = await cli(['run', 'unrunnable/empty.yaml']);
    expect(empty).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        'virthook: Scenario unrunnable/empty.yaml: hooks: hooks directory unrunnable/empty-hooks holds no hook libvirt would run (the directory is empty). ' +
          'libvirt runs an executable script named after its driver (daemon, qemu, lxc, network, libxl, bhyve) and the executable files in <driver>.d/: add one, or chmod +x it.',
        '  unrunnable/empty.yaml:1:8: hooks: no runnable hook in unrunnable/empty-hooks (the directory is empty)',
        '',
      ].join('\n'),
    });
    // --hooks is the field when it names the directory; every scenario file is reported.
    const flag = await cli(['run', 'scenarios/pass.yaml', '--hooks', 'unrunnable/empty-hooks']);
    expect([flag.code, flag.stdout]).toEqual([2, '']);
    expect(flag.stderr).toContain('virthook: Scenario scenarios/pass.yaml: --hooks: hooks directory unrunnable/empty-hooks holds no hook libvirt would run');
    const all = await cli(['run', 'unrunnable']);
    expect([all.code, all.stdout]).toEqual([2, '']);
    expect(all.stderr.split('\n').filter((line) => line.startsWith('virthook: '))).toEqual([
      expect.stringContaining('unrunnable/empty.yaml: hooks: hooks directory unrunnable/empty-hooks holds no hook'),
      'virthook: Scenario unrunnable/file.yaml: hooks: hooks directory ../iso.xml (looked for iso.xml) is a file, not a directory. Point it at a directory laid out like /etc/libvirt/hooks.',
      expect.stringContaining('unrunnable/noexec.yaml: hooks: hook script unrunnable/noexec-hooks/network is not executable (mode 0644)'),
    ]);
    expect(await cli(['run', 'scenarios', '--hooks', 'iso.xml'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'virthook: --hooks: hooks directory iso.xml is a file, not a directory. Point it at a directory laid out like /etc/libvirt/hooks.\n',
    });
  });

  it('notes definition elements a release leaves out of the hook XML, without failing the run', async () => {
    await writeFile(join(repo, 'titled.xml'), "<network>\n  <name>titled</name>\n  <title>Lab</title>\n  <description>lab net</description>\n</network>\n");
    await mkdir(join(repo, 'notes'), { recursive: true });
    await writeFile(join(repo, 'notes/titled.yml'), 'hooks: ../hooks\nlibvirt: ["9.0", "11.3"]\nnetworks: [../titled.xml]\nsteps: []\n');
    const { code, stderr } = await cli(['run', 'notes/titled.yml']);
    expect([code, stderr]).toEqual([0, 'virthook: note: notes/titled.yml:3: networks[0] (titled): libvirt 9.0 leaves <title>, <description> out of the hook XML (formatted from 9.7 on)\n']);
    expect(await cli(['run', 'notes/titled.yml', '--libvirt', '11.3'])).toMatchObject({ code: 0, stderr: '' });
  });

  it('exits 2 for usage errors and paths that name nothing', async () => {
    expect(await cli(['run', '--hook', 'x'])).toMatchObject({ code: 2, stderr: 'virthook: Unknown option --hook; did you mean --hooks? Run virthook --help for usage.\n' });
    expect(await cli(['run', 'nothing-here'])).toMatchObject({ code: 2, stderr: expect.stringContaining('No scenario found at nothing-here') });
    expect(await cli(['run', 'scenarios', '--libvirt', 'nine'])).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown libvirt version "nine"') });
    expect(await cli(['run', 'scenarios', '--filter', 'zzz'])).toMatchObject({ code: 2, stderr: 'virthook: No scenario matches --filter "zzz"\n' });
    expect(await cli(['run', 'scenarios', '--hooks', 'nope'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'virthook: --hooks: hooks directory nope not found. Point it at a directory laid out like /etc/libvirt/hooks.\n',
    });
  });

  it('writes reporters to files, the recording, and the summary line when nothing else goes to stdout', async () => {
    const { code, stdout } = await cli(['run', 'scenarios/pass.yaml', '--reporter', 'junit:out/junit.xml', '--reporter', 'json', '-o', 'out/report.json', '--record', 'out/rec.json']);
    expect([code, stdout]).toEqual([0, '1 passed, 0 failed\n']);
    expect(await readFile(join(repo, 'out/junit.xml'), 'utf8')).toContain('<testcase name="pass [libvirt 9.0]"');
    expect(JSON.parse(await readFile(join(repo, 'out/report.json'), 'utf8')).summary.line).toBe('1 passed, 0 failed');
    const recording = JSON.parse(await readFile(join(repo, 'out/rec.json'), 'utf8'));
    expect(Object.keys(recording)).toEqual(['invocations', 'steps']);
    expect(recording.steps).toEqual([
      // Issue 2's fields, plus what libvirt logged during the step.
      { step: 'net-define lvo-iso', ok: true, error: null, logs: [] },
      { step: 'net-start lvo-iso', ok: true, error: null, logs: [] },
    ]);
  });

  it('labels each recording when several runs are recorded, and prints TAP on stdout', async () => {
    const { code, stdout } = await cli(['run', 'scenarios', '--libvirt', '9.0,11.3', '--reporter', 'tap', '--record', 'out/all.json']);
    expect(code).toBe(1);
    expect(stdout.split('\n').slice(0, 2)).toEqual(['TAP version 13', '1..4']);
    const { recordings } = JSON.parse(await readFile(join(repo, 'out/all.json'), 'utf8'));
    expect(recordings.map((r: { file: string; libvirt: string }) => `${r.file} ${r.libvirt}`)).toEqual([
      'scenarios/nested/fail.yml 9.0',
      'scenarios/nested/fail.yml 11.3',
      'scenarios/pass.yaml 9.0',
      'scenarios/pass.yaml 11.3',
    ]);
  });

  it('records real runs: one run as { invocations, steps }, several as { recordings }, with exactly the documented fields', async () => {
    const invocationKeys = ['hook', 'argv', 'stdin', 'env', 'cwd', 'exitCode', 'signal', 'stdout', 'stderr', 'durationMs', 'stepIndex'];
    const stepKeys = ['step', 'ok', 'error', 'logs'];
    // No session double: the real hooks/network runs, as libvirtd would run it.
    const one = await cli(['run', 'scenarios/pass.yaml', '--record', 'out/real.json'], { createSession: undefined });
    expect([one.code, one.stderr]).toEqual([0, '']);
    const recording = JSON.parse(await readFile(join(repo, 'out/real.json'), 'utf8'));
    expect(Object.keys(recording)).toEqual(['invocations', 'steps']);
    expect(recording.invocations.map((i: object) => Object.keys(i))).toEqual([invocationKeys, invocationKeys]);
    expect(recording.invocations.map((i: { hook: string; argv: string[] }) => [i.hook, ...i.argv])).toEqual([
      ['network', 'lvo-iso', 'start', 'begin', '-'],
      ['network', 'lvo-iso', 'started', 'begin', '-'],
    ]);
    expect(recording.steps.map((step: object) => Object.keys(step))).toEqual([stepKeys, stepKeys]);

    const several = await cli(['run', 'scenarios/pass.yaml', '--libvirt', '9.0,11.3', '--record', 'out/real-all.json'], { createSession: undefined });
    expect([several.code, several.stderr]).toEqual([0, '']);
    const envelope = JSON.parse(await readFile(join(repo, 'out/real-all.json'), 'utf8'));
    expect(Object.keys(envelope)).toEqual(['recordings']);
    expect(envelope.recordings.map((r: object) => Object.keys(r))).toEqual([
      ['scenario', 'file', 'libvirt', 'invocations', 'steps'],
      ['scenario', 'file', 'libvirt', 'invocations', 'steps'],
    ]);
    expect(envelope.recordings.map((r: { scenario: string; file: string; libvirt: string }) => `${r.scenario} ${r.file} ${r.libvirt}`)).toEqual(['pass scenarios/pass.yaml 9.0', 'pass scenarios/pass.yaml 11.3']);
    for (const run of envelope.recordings as { invocations: object[]; steps: object[] }[]) {
      expect(run.invocations.length).toBeGreaterThan(0);
      expect(run.invocations.map((i) => Object.keys(i))).toEqual(run.invocations.map(() => invocationKeys));
      expect(run.steps.map((step) => Object.keys(step))).toEqual(run.steps.map(() => stepKeys));
    }
    expect(survivors()).toEqual([]);
  });

  it('colours the pretty report only on a TTY without NO_COLOR', async () => {
    expect((await cli(['run', 'scenarios/pass.yaml'], { isTTY: true })).stdout).toContain('\u001b[32m✓');
    expect((await cli(['run', 'scenarios/pass.yaml'], { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await cli(['run', 'scenarios/pass.yaml', '--reporter', 'pretty:out/p.txt'], { isTTY: true })).code).toBe(0);
    expect(await readFile(join(repo, 'out/p.txt'), 'utf8')).not.toContain('\u001b[');
  });

  it('exits 3 for an internal error, with the stack only under --debug', async () => {
    const broken: SessionFactory = async () => {
      throw new TypeError('boom');
    };
    const plain = await cli(['run', 'scenarios/pass.yaml'], { createSession: broken });
    expect([plain.code, plain.stderr]).toEqual([3, 'virthook: internal error: boom\nThis is a bug in virthook. Run again with --debug to see the stack trace, and report it.\n']);
    const debug = await cli(['run', 'scenarios/pass.yaml', '--debug'], { createSession: broken });
    expect(debug.code).toBe(3);
    expect(debug.stderr).toMatch(/TypeError: boom\n\s+at /);
  });
});
