import { afterAll, describe, expect, it } from 'vitest';
import { VirthookError } from '../../src/errors/virthook-error.js';
import type { HookDriver } from '../../src/model/hook-driver.js';
import { createRunner } from '../../src/runner/create-runner.js';
import { NODE_FILE_SYSTEM } from '../../src/runner/hook-file-system.js';
import { fixture, makeSandbox, sandboxProcesses } from './hooks-dir.js';
import { availableMechanisms, PYTHON, skippedWithout, START_CALL, withRunner } from './sandbox-runner.js';

const mechanisms = await availableMechanisms();
const noNamespaces = await skippedWithout('pid-namespace');

describe('createRunner', () => {
  it.skipIf(noNamespaces !== '')(`picks the pid-namespace mechanism (as root, or in a user namespace), with the default python3${noNamespaces}`, async () => {
    const sandbox = makeSandbox({});
    const runner = createRunner({ hooksDir: sandbox.hooksDir });
    try {
      expect(await runner.isolation()).toBe('pid-namespace');
    } finally {
      await runner.dispose();
      sandbox.remove();
    }
  });

  const asRoot = process.getuid?.() === 0 ? '' : ' (skipped: this run is not root)';
  it.skipIf(asRoot !== '' || noNamespaces !== '')(`as root, runs hooks as the real root, not in a user namespace${asRoot || noNamespaces}`, async () => {
    await withRunner({ network: { kind: 'file', text: '#!/bin/sh\ncat /proc/self/uid_map\n', mode: 0o755 } }, { isolation: 'pid-namespace' }, async ({ call }) => {
      // The initial user namespace maps every uid to itself; `unshare --map-root-user` would map just 0 -> 0.
      expect(String((await call()).scripts[0]?.stdout).trim().split(/\s+/)).toEqual(['0', '0', '4294967295']);
    });
  });

  it('validates before anything runs', () => {
    expect(() => createRunner({ hooksDir: '/nonexistent/hooks' })).toThrow(expect.objectContaining({ code: 'HOOKS_DIR_NOT_FOUND' }));
    expect(() => createRunner({ hooksDir: '/', timeoutMs: 0 })).toThrow(expect.objectContaining({ code: 'OPTIONS_INVALID' }));
  });

  it('fails clearly when an explicitly requested mechanism cannot start', async () => {
    const sandbox = makeSandbox({});
    const runner = createRunner({ hooksDir: sandbox.hooksDir, isolation: 'subreaper', python: '/nonexistent/python3' });
    try {
      await expect(runner.isolation()).rejects.toMatchObject({ code: 'OPTIONS_INVALID', message: expect.stringMatching(/Failed to start hook isolation 'subreaper'/) });
    } finally {
      await runner.dispose();
      sandbox.remove();
    }
  });

  it('falls back to process-group under auto when python is missing', async () => {
    await withRunner({ network: fixture('exit-0') }, { python: '/nonexistent/python3' }, async ({ runner, call }) => {
      expect(await call()).toMatchObject({ status: 'ok', isolation: 'process-group' });
      expect(await runner.isolation()).toBe('process-group');
    });
  });

  it('rejects calls for an unknown driver, bad per-call limits, and calls after dispose', async () => {
    await withRunner({}, {}, async ({ runner }) => {
      await expect(runner.run({ ...START_CALL, driver: '../etc' as HookDriver })).rejects.toBeInstanceOf(VirthookError);
      await expect(runner.run(START_CALL, { timeoutMs: 0 })).rejects.toMatchObject({ code: 'OPTIONS_INVALID', message: expect.stringMatching(/timeoutMs/) });
      await expect(runner.run(START_CALL, { maxOutputBytes: 1.5 })).rejects.toMatchObject({ code: 'OPTIONS_INVALID', message: 'run(): maxOutputBytes must be a positive whole number of bytes, got 1.5' });
      await runner.dispose();
      await expect(runner.run(START_CALL)).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/disposed/) });
    });
  });

  it('scans like virHookInitialize, and fails like the daemon on an unreadable .d', async () => {
    await withRunner({ network: fixture('exit-0'), 'qemu.d/10': fixture('exit-0') }, {}, async ({ runner }) => {
      expect(await runner.scan()).toEqual(['qemu', 'network']);
    });
    const fileSystem = { statSync: NODE_FILE_SYSTEM.statSync, readdirSync: () => { throw Object.assign(new Error('denied'), { code: 'EACCES' }); } };
    await withRunner({ 'lxc.d/10': fixture('exit-0') }, { fileSystem }, async ({ runner }) => {
      await expect(runner.scan()).rejects.toMatchObject({
        code: 'HOOKS_DIR_NOT_FOUND',
        message: expect.stringContaining("Unable to look for hook scripts: cannot open directory '/etc/libvirt/hooks/lxc.d': Permission denied"),
      });
    });
  });

  it('runs concurrent calls in parallel, each still sequential inside', async () => {
    await withRunner({ network: fixture('sleep-forever') }, { timeoutMs: 1_500, concurrency: 3 }, async ({ runner, sandbox }) => {
      const pending = Promise.all(['a', 'b', 'c'].map((object) => runner.run({ ...START_CALL, object })));
      // All three hooks are alive at the same moment (checked in /proc): they run side by side.
      await expect.poll(() => sandboxProcesses(sandbox).length, { timeout: 1_200, interval: 50 }).toBe(3);
      const results = await pending;
      expect(results.every((r) => r.scripts[0]?.timedOut)).toBe(true);
      expect(sandboxProcesses(sandbox)).toEqual([]);
    });
  });
});

describe.concurrent.each(mechanisms)('dispose under %s', (isolation) => {
  const sandboxes: Array<{ remove(): void }> = [];
  afterAll(() => sandboxes.forEach((s) => s.remove()));

  it('kills a running hook and its children, and fails the pending call', async () => {
    const sandbox = makeSandbox({ network: fixture('ignore-sigterm'), 'network.d/10': fixture('exit-0') });
    sandboxes.push(sandbox);
    const runner = createRunner({ hooksDir: sandbox.hooksDir, cwd: sandbox.cwd, isolation, python: PYTHON, forceKillAfterMs: 300 });
    const pending = runner.run(START_CALL);
    // Wait until the hook is really running (a loaded machine may take a while to start it).
    await expect.poll(() => sandboxProcesses(sandbox).length, { timeout: 10_000, interval: 50 }).toBeGreaterThan(0);
    await runner.dispose();
    expect(sandboxProcesses(sandbox)).toEqual([]);
    await expect(pending).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(sandboxProcesses(sandbox)).toEqual([]);
  });
});
