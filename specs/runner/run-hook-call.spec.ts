import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_FILE_SYSTEM, type HookFileSystem } from '../../src/runner/hook-file-system.js';
import { dir, file, fixture, symlink } from './hooks-dir.js';
import { callsOf, readTrace, runsAfter } from './oracle.js';
import { START_CALL, withRunner } from './sandbox-runner.js';

const argvAndStdin = (output: Buffer) => {
  const parts = output.toString('utf8').split('\0');
  return { argv: parts.slice(1, 5), stdin: parts.slice(5).join('\0') };
};
const orderLog = (cwd: string) => readFileSync(join(cwd, 'order.log'), 'utf8').trim().split('\n');
const MIGRATE = { driver: 'qemu', object: 'vm', op: 'migrate', subop: 'begin', extra: '-', stdin: '<domain/>\n', filter: true } as const;

describe.concurrent('runHookCall (virHookCall)', () => {
  it('runs the main script, then network.d in strcmp order, as recorded in oracle h3b (plus 15-late)', async () => {
    const names = ['aaa', 'Zed', '9-nine', '20-second', '15-late', '10-first'];
    const entries = Object.fromEntries(names.map((n) => [`network.d/${n}`, fixture('append-name-to-log')]));
    await withRunner({ network: fixture('append-name-to-log'), ...entries }, {}, async ({ call, sandbox }) => {
      const result = await call({ op: 'stopped', subop: 'end' });
      expect(result).toMatchObject({ status: 'ok', error: null, output: null });
      const [recorded] = callsOf(runsAfter(readTrace('h-exec-bit-late-hook-sighup'), 'h3b'));
      const expected = (recorded ?? []).map((r) => r.argv?.[0]?.split('/').pop());
      expected.splice(2, 0, '15-late');
      expect(orderLog(sandbox.cwd)).toEqual(expected);
      expect(result.scripts.map((s) => s.libvirtPath.split('/').pop())).toEqual(expected);
    });
  });

  it('gives every script identical argv and stdin bytes', async () => {
    const entries = { network: fixture('print-argv-and-stdin'), 'network.d/.hidden': fixture('print-argv-and-stdin'), 'network.d/05~backup': fixture('print-argv-and-stdin'), 'network.d/40-link': symlink('../network') };
    await withRunner(entries, {}, async ({ call }) => {
      const result = await call();
      expect(result.scripts).toHaveLength(4);
      for (const run of result.scripts) {
        expect(argvAndStdin(run.stdout)).toEqual({ argv: ['lvo-iso', 'start', 'begin', '-'], stdin: START_CALL.stdin });
        expect(run.stdin?.equals(Buffer.from(START_CALL.stdin ?? ''))).toBe(true);
        expect(run.argv).toEqual(['lvo-iso', 'start', 'begin', '-']);
      }
    });
  });

  it('runs every script after a failure and reports the LAST failure (b4)', async () => {
    const entries = { network: fixture('fail-with-stderr'), 'network.d/10-first': fixture('exit-0'), 'network.d/20-second': fixture('fail-with-stderr'), 'network.d/30-third': fixture('exit-0') };
    await withRunner(entries, {}, async ({ call }) => {
      const result = await call();
      expect(result.scripts.map((s) => s.exitCode)).toEqual([1, 0, 1, 0]);
      expect(result.status).toBe('failed');
      expect(result.error).toMatch(/\/etc\/libvirt\/hooks\/network\.d\/20-second lvo-iso start begin -\) unexpected exit status 1: veto from 20-second$/);
      expect(result.scripts[0]?.failure).toMatch(/: veto from network$/);
    });
  });

  it('fails AFTER the main script ran when network.d is a regular file (ENOTDIR)', async () => {
    await withRunner({ network: fixture('append-name-to-log'), 'network.d': file('oops\n', 0o755) }, {}, async ({ call, sandbox }) => {
      const result = await call();
      expect(orderLog(sandbox.cwd)).toEqual(['network']);
      expect(result).toMatchObject({ status: 'failed', error: "cannot open directory '/etc/libvirt/hooks/network.d': Not a directory" });
      expect(result.scripts.map((s) => s.hook)).toEqual(['network']);
    });
  });

  it('fails AFTER the main script ran when network.d cannot be read (EACCES), overwriting its error', async () => {
    // Root reads a chmod 000 directory anyway, so the denial comes from a file-system double.
    const fileSystem: HookFileSystem = {
      statSync: (p) => NODE_FILE_SYSTEM.statSync(p),
      readdirSync: (p) => {
        if (p.endsWith('/network.d')) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
        return NODE_FILE_SYSTEM.readdirSync(p);
      },
    };
    await withRunner({ network: fixture('fail-with-stderr'), 'network.d/10-a': fixture('exit-0') }, { fileSystem }, async ({ call }) => {
      const result = await call();
      expect(result.scripts.map((s) => s.exitCode)).toEqual([1]);
      expect(result).toMatchObject({ status: 'failed', error: "cannot open directory '/etc/libvirt/hooks/network.d': Permission denied" });
    });
  });

  it("is 'none' when nothing is runnable (non-executables, directories, broken links)", async () => {
    const entries = { network: fixture('not-executable'), 'network.d/10': fixture('not-executable'), 'network.d/20': dir(), 'network.d/30': symlink('/nonexistent') };
    await withRunner(entries, {}, async ({ call }) => {
      expect(await call()).toMatchObject({ status: 'none', error: null, output: null, scripts: [] });
    });
  });

  it('runs only the main script with directories: false (libvirt < 6.5)', async () => {
    await withRunner({ network: fixture('exit-0'), 'network.d/10': fixture('exit-3') }, { directories: false }, async ({ call }) => {
      expect((await call()).scripts.map((s) => s.hook)).toEqual(['network']);
    });
  });

  it('gives daemon hooks /dev/null in every script', async () => {
    await withRunner({ daemon: fixture('print-stdin-target'), 'daemon.d/10': fixture('print-stdin-target') }, {}, async ({ call }) => {
      const result = await call({ driver: 'daemon', object: '-', op: 'reload', subop: 'begin', extra: 'SIGHUP', stdin: null });
      expect(result.scripts.map((s) => [s.stdin, String(s.stdout)])).toEqual([[null, '/dev/null\n'], [null, '/dev/null\n']]);
    });
  });
});

describe.concurrent('filter calls (qemu migrate/restore, libxl migrate)', () => {
  it('chains non-blank stdout from script to script and returns the last one', async () => {
    const entries = { qemu: fixture('append-own-name'), 'qemu.d/10-a': fixture('append-own-name'), 'qemu.d/20-blank': fixture('print-whitespace'), 'qemu.d/30-c': fixture('append-own-name') };
    await withRunner(entries, {}, async ({ call }) => {
      const result = await call(MIGRATE);
      expect(result.scripts.map((s) => String(s.stdin))).toEqual(['<domain/>\n', '<domain/>\nqemu\n', '<domain/>\nqemu\n10-a\n', '<domain/>\nqemu\n10-a\n']);
      expect(result).toMatchObject({ status: 'ok', output: '<domain/>\nqemu\n10-a\n30-c\n' });
    });
  });

  it('feeds the original input to the first .d script when there is no main script', async () => {
    await withRunner({ 'qemu.d/10-a': fixture('append-own-name'), 'qemu.d/20-b': fixture('append-own-name') }, {}, async ({ call }) => {
      const result = await call(MIGRATE);
      expect(result.scripts.map((s) => String(s.stdin))).toEqual(['<domain/>\n', '<domain/>\n10-a\n']);
      expect(result.output).toBe('<domain/>\n10-a\n20-b\n');
    });
  });

  it('goes back to the original input once a script failed, and returns no output', async () => {
    await withRunner({ qemu: fixture('fail-with-stderr'), 'qemu.d/10-a': fixture('append-own-name'), 'qemu.d/20-b': fixture('append-own-name') }, {}, async ({ call }) => {
      const result = await call(MIGRATE);
      expect(result.scripts.map((s) => String(s.stdin))).toEqual(['<domain/>\n', '<domain/>\n', '<domain/>\n']);
      expect(result).toMatchObject({ status: 'failed', output: null });
    });
  });

  it('returns no output when every script printed only whitespace', async () => {
    await withRunner({ qemu: fixture('print-whitespace') }, {}, async ({ call }) => {
      expect(await call(MIGRATE)).toMatchObject({ status: 'ok', output: null });
    });
  });

  it('does not chain for ordinary calls', async () => {
    await withRunner({ qemu: fixture('append-own-name'), 'qemu.d/10-a': fixture('cat-stdin') }, {}, async ({ call }) => {
      const result = await call({ ...MIGRATE, op: 'prepare', filter: false });
      expect(String(result.scripts[1]?.stdout)).toBe('<domain/>\n');
      expect(result.output).toBeNull();
    });
  });
});
