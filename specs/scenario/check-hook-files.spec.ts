import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatLocation, VirthookError } from '../../src/errors/virthook-error.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { runScenario } from '../../src/scenario/run-scenario.js';
import { survivors } from '../support/survivors.js';
import { scriptedSessions } from './scripted-runner.js';

const repos: string[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A repository on disk: `files` maps paths to [text, mode]; iso.xml and s.yaml are always there. */
async function repo(files: Record<string, readonly [string, number]>, scenario = 'hooks: hooks\nnetworks: [iso.xml]\nsteps:\n  - net-start: lvo-iso\n'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'virthook-hook-files-'));
  repos.push(dir);
  await mkdir(join(dir, 'hooks'));
  await writeFile(join(dir, 'iso.xml'), await readFile(new URL('../../fixtures/oracle/xml/net-iso.xml', import.meta.url)));
  await writeFile(join(dir, 's.yaml'), scenario);
  for (const [path, [text, mode]] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
    await chmod(join(dir, path), mode);
  }
  return dir;
}

async function loadError(dir: string, hooksDir?: string): Promise<VirthookError> {
  const error = await loadScenario('s.yaml', { cwd: dir, ...(hooksDir !== undefined ? { hooksDir } : {}) }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(VirthookError);
  return error as VirthookError;
}

const located = (error: VirthookError) => error.problems.map((p) => `${formatLocation(p)} ${p.path}: ${p.message}`);

describe('hook files are checked when a scenario loads', () => {
  it('refuses a driver script without its exec bit, naming the file, its mode, the field and both fixes', async () => {
    const dir = await repo({ 'hooks/network': ['#!/bin/sh\n', 0o644] });
    const error = await loadError(dir);
    expect(error.code).toBe('HOOK_NOT_EXECUTABLE');
    expect(error.message).toBe(
      'Scenario s.yaml: hooks: hook script hooks/network is not executable (mode 0644), so libvirt would skip it without a word. ' +
        'Run chmod +x hooks/network; or, if the scenario means to test libvirt skipping it, keep it executable and drop the bit in a step: - hook-chmod: { path: network, mode: "644" }.',
    );
    expect(located(error)).toEqual(['s.yaml:1:8 hooks: hooks/network is not executable (mode 0644)']);
  });

  it('names --hooks when the directory came from the command line, and every script without its bit', async () => {
    const dir = await repo({ 'other/network': ['#!/bin/sh\n', 0o600], 'other/qemu': ['#!/bin/sh\n', 0o640], 'hooks/network': ['#!/bin/sh\n', 0o755] });
    const error = await loadError(dir, 'other');
    expect(error.code).toBe('HOOK_NOT_EXECUTABLE');
    expect(error.message).toMatch(/^Scenario s\.yaml: --hooks: hook script other\/qemu is not executable \(mode 0640\) \(and 1 more\)/);
    expect(located(error)).toEqual(['s.yaml --hooks: other/qemu is not executable (mode 0640)', 's.yaml --hooks: other/network is not executable (mode 0600)']);
  });

  it('refuses a directory where nothing would ever run, saying what is there', async () => {
    const empty = await loadError(await repo({}));
    expect(empty.code).toBe('HOOK_NOT_FOUND');
    expect(empty.message).toBe(
      'Scenario s.yaml: hooks: hooks directory hooks holds no hook libvirt would run (the directory is empty). ' +
        'libvirt runs an executable script named after its driver (daemon, qemu, lxc, network, libxl, bhyve) and the executable files in <driver>.d/: add one, or chmod +x it.',
    );
    expect(located(empty)).toEqual(['s.yaml:1:8 hooks: no runnable hook in hooks (the directory is empty)']);

    const dir = await repo({ 'hooks/network.d/README': ['docs\n', 0o644], 'hooks/networks': ['#!/bin/sh\n', 0o755], 'hooks/bhyve.d': ['', 0o644] });
    await mkdir(join(dir, 'hooks/qemu'));
    await mkdir(join(dir, 'hooks/lxc.d'));
    await symlink('nowhere', join(dir, 'hooks/network.d/50-gone'));
    const what = await loadError(dir);
    expect(what.code).toBe('HOOK_NOT_FOUND');
    expect(what.problems[0]!.message).toBe(
      'no runnable hook in hooks (qemu is a directory, not a script; lxc.d/ is empty; network.d/50-gone is a broken symlink; ' +
        'network.d/README exists but is not executable (mode 0644); bhyve.d is not a directory; networks is not a hook name, did you mean "network"?)',
    );
  });

  it('lets non-executable files in <driver>.d/ be skipped as libvirt skips them, when something runs', async () => {
    const dir = await repo({ 'hooks/network.d/README': ['docs\n', 0o644], 'hooks/network.d/50-log': ['#!/bin/sh\n', 0o755] });
    await expect(loadScenario('s.yaml', { cwd: dir })).resolves.toMatchObject({ hooksDir: join(dir, 'hooks') });
  });

  it('leaves the files a hook-file step names, and a directory a step fills, to the scenario', async () => {
    const chmodded = await repo({ 'hooks/network': ['#!/bin/sh\n', 0o644] }, 'hooks: hooks\nsteps:\n  - hook-chmod: { path: network, mode: "755" }\n  - daemon-reload:\n');
    await expect(loadScenario('s.yaml', { cwd: chmodded })).resolves.toMatchObject({ hooksDir: join(chmodded, 'hooks') });
    const written = await repo({}, 'hooks: hooks\nsteps:\n  - hook-write: { path: network, content: "#!/bin/sh\\n" }\n  - daemon-reload:\n');
    await expect(loadScenario('s.yaml', { cwd: written })).resolves.toMatchObject({ hooksDir: join(written, 'hooks') });
    // A step that writes only a non-executable file makes nothing runnable.
    const readme = await repo({}, 'hooks: hooks\nsteps:\n  - hook-write: { path: network.d/README, content: "x", mode: "644" }\n');
    expect((await loadError(readme)).code).toBe('HOOK_NOT_FOUND');
  });

  it('says a hooks: that names a file is a file, not a directory', async () => {
    const dir = await repo({}, 'hooks: iso.xml\nsteps: []\n');
    const error = await loadError(dir);
    expect(error.code).toBe('HOOKS_DIR_NOT_FOUND');
    expect(error.message).toBe('Scenario s.yaml: hooks: hooks directory iso.xml (looked for iso.xml) is a file, not a directory. Point it at a directory laid out like /etc/libvirt/hooks.');
  });
});

describe('hook files are checked again by runScenario, before any step', () => {
  it('refuses a script that lost its exec bit after the scenario loaded, without starting a session', async () => {
    const dir = await repo({ 'hooks/network': ['#!/bin/sh\n', 0o755] });
    const scenario = await loadScenario('s.yaml', { cwd: dir });
    await chmod(join(dir, 'hooks/network'), 0o644);
    const sessions = scriptedSessions(['network']);
    const error = await runScenario(scenario, { createSession: sessions }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'HOOK_NOT_EXECUTABLE', problems: [{ file: 's.yaml', line: 1, column: 8, path: 'hooks' }] });
    expect((error as Error).message).toContain(`hook script ${join(dir, 'hooks/network')} is not executable (mode 0644)`);
    expect(sessions.options).toEqual([]);
  });

  it('refuses a hand-built scenario whose hooks directory holds nothing runnable', async () => {
    const dir = await repo({ 'hooks/network': ['#!/bin/sh\n', 0o755] });
    const scenario = { ...(await loadScenario('s.yaml', { cwd: dir, hooksDir: 'hooks' })), hooksDir: join(dir, 'empty') };
    await mkdir(join(dir, 'empty'));
    const sessions = scriptedSessions(['network']);
    await expect(runScenario(scenario, { createSession: sessions })).rejects.toMatchObject({ code: 'HOOK_NOT_FOUND', problems: [{ path: '--hooks' }] });
    await expect(runScenario({ ...scenario, hooksDir: join(dir, 'iso.xml') }, { createSession: sessions })).rejects.toMatchObject({ code: 'HOOKS_DIR_NOT_FOUND' });
    expect(sessions.options).toEqual([]);
  });

  it('still runs a scenario whose hook-chmod step drops the exec bit mid-run: libvirt skips the script silently', async () => {
    // The hook would veto; once its bit is gone, libvirt skips it and the network starts.
    const text = 'hooks: hooks\nnetworks: [iso.xml]\nsteps:\n  - hook-chmod: { path: network, mode: "644" }\n  - net-start: lvo-iso\n    expect: { ok: true, mode: none-of, calls: [{ hook: network }] }\n';
    const dir = await repo({ 'hooks/network': ['#!/bin/sh\nexit 1\n', 0o755] }, text);
    const result = await runScenario(await loadScenario('s.yaml', { cwd: dir }));
    expect(result.runs[0]!.failures).toEqual([]);
    expect(result.runs[0]!.recording.invocations).toEqual([]);
    expect(result.passed).toBe(true);
    expect(survivors()).toEqual([]);
  });
});
