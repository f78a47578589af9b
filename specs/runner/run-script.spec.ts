import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dir, fixture } from './hooks-dir.js';
import { ORACLE, readTrace, runsAfter } from './oracle.js';
import { availableMechanisms, START_CALL, unavailableMechanisms, withRunner } from './sandbox-runner.js';

const mechanisms = await availableMechanisms();
const BIG_STDIN = readFileSync(join(ORACLE, 'traces', 'l5-big-stdin-8ce5ba6e06c7.txt'), 'utf8');
const RECORDED_ENV = ['LC_ALL=C', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOME=/root', 'USER=root', 'LOGNAME=root', 'TMPDIR=/tmp'];
const CMD = `${RECORDED_ENV.join(' ')} /etc/libvirt/hooks/network lvo-iso start begin -`;
const failureOf = (detail: string) => `Hook script execution failed: internal error: Child process (${CMD}) unexpected ${detail}`;

it('has at least the process-group mechanism', () => {
  expect(mechanisms).toContain('process-group');
});

// A mechanism this machine lacks is skipped visibly, with the reason, not silently.
for (const [isolation, reason] of await unavailableMechanisms()) it.skip(`one script under ${isolation} (skipped: unavailable here: ${reason})`, () => {});

describe.concurrent.each(mechanisms)('one script under %s', (isolation) => {
  const supervised = isolation !== 'process-group';

  it('reports exit statuses as exit statuses, even 137 or 255, never as signals', async () => {
    const cases = [['network', 'exit-3', 3], ['qemu', 'exit-137', 137], ['lxc', 'exit-255', 255]] as const;
    await withRunner(Object.fromEntries(cases.map(([driver, name]) => [driver, fixture(name)])), { isolation }, async ({ call }) => {
      for (const [driver, , code] of cases) {
        const result = await call({ driver });
        const failure = failureOf(`exit status ${code}`).replace('/hooks/network ', `/hooks/${driver} `);
        expect(result.scripts[0]).toMatchObject({ exitCode: code, signal: null, execError: null, failure });
        expect(result).toMatchObject({ status: 'failed', error: failure });
      }
    });
  });

  it('reports signal deaths by number in the text and by name in the data (l3)', async () => {
    await withRunner({ network: fixture('kill-self-9'), 'network.d/15': fixture('kill-self-15') }, { isolation }, async ({ call }) => {
      const [nine, fifteen] = (await call()).scripts;
      expect(nine).toMatchObject({ exitCode: null, signal: 'SIGKILL', failure: failureOf('fatal signal 9: about to die') });
      expect(fifteen?.signal).toBe('SIGTERM');
      expect(fifteen?.failure).toMatch(/unexpected fatal signal 15$/);
    });
  });

  it('keeps stderr of a successful script out of any error, and stdout out of the message (b5, b7)', async () => {
    await withRunner({ network: fixture('stderr-but-exit-0'), 'network.d/10': fixture('fail-stdout-only') }, { isolation }, async ({ call }) => {
      const [warn, stdoutOnly] = (await call()).scripts;
      expect(warn).toMatchObject({ exitCode: 0, failure: null });
      expect(String(warn?.stderr)).toBe('warning-on-stderr\n');
      expect(String(stdoutOnly?.stdout)).toBe('only-stdout\n');
      expect(stdoutOnly?.failure).toMatch(/network\.d\/10 lvo-iso start begin -\) unexpected exit status 1$/);
    });
  });

  it('keeps inner newlines of multi-line stderr (b6)', async () => {
    await withRunner({ network: fixture('fail-multiline-stderr') }, { isolation }, async ({ call }) => {
      expect((await call()).error).toBe(failureOf('exit status 1: line1\nline2 no-newline'));
    });
  });

  it('fails to exec like libvirt\'s child: 126 EACCES/ENOEXEC, 127 ENOENT, with its stderr line', async () => {
    const cases = [
      ['network', fixture('not-executable'), 126, 'EACCES', 'Permission denied'],
      ['qemu', fixture('bad-interpreter'), 127, 'ENOENT', 'No such file or directory'],
      ['lxc', fixture('crlf-shebang'), 127, 'ENOENT', 'No such file or directory'],
      ['libxl', fixture('no-shebang'), 126, 'ENOEXEC', 'Exec format error'],
      ['bhyve', dir(), 126, 'EACCES', 'Permission denied'],
      ['daemon', null, 127, 'ENOENT', 'No such file or directory'],
    ] as const;
    const entries = Object.fromEntries(cases.flatMap(([driver, entry]) => (entry ? [[driver, entry]] : [])));
    // libvirt < 6.5 execs the main script cached at daemon start without re-checking it.
    await withRunner(entries, { isolation, directories: false }, async ({ call }) => {
      for (const [driver, , code, errno, text] of cases) {
        const [run] = (await call({ driver })).scripts;
        const line = `libvirt:  error : cannot execute binary /etc/libvirt/hooks/${driver}: ${text}`;
        const failure = failureOf(`exit status ${code}: ${line}`).replace('/hooks/network ', `/hooks/${driver} `);
        expect(run).toMatchObject({ exitCode: code, signal: null, execError: errno, failure });
        expect(String(run?.stderr)).toBe(`${line}\n`);
      }
    });
  });

  it('stops a hanging script at the timeout: libvirt would still be waiting', async () => {
    await withRunner({ network: fixture('sleep-forever') }, { isolation, timeoutMs: 300 }, async ({ call }) => {
      const result = await call();
      expect(result.scripts[0]).toMatchObject({ timedOut: true, exitCode: null, signal: 'SIGTERM' });
      expect(result.error).toBe('Hook script /etc/libvirt/hooks/network was stopped by virthook after the 0.3 s timeout: a real libvirtd would still be waiting (libvirt has no timeout).');
      expect(result.scripts[0]).toMatchObject({ timeoutMs: 300, failure: result.error });
    });
  });

  it('SIGKILLs a script that ignores SIGTERM after forceKillAfterMs', async () => {
    await withRunner({ network: fixture('ignore-sigterm') }, { isolation, timeoutMs: 200, forceKillAfterMs: 200 }, async ({ call }) => {
      const [run] = (await call()).scripts;
      expect(run).toMatchObject({ timedOut: true, signal: 'SIGKILL' });
      expect(run?.durationMs).toBeGreaterThanOrEqual(380);
    });
  });

  it('reports a background child that keeps stdout/stderr open as lingering (j1), with its pid and command', async () => {
    await withRunner({ network: fixture('background-child-holding-pipes') }, { isolation, lingerGraceMs: 150 }, async ({ call }) => {
      const result = await call();
      const [run] = result.scripts;
      expect(result.status).toBe('ok');
      expect(run?.exitCode).toBe(0);
      expect(run?.lingering?.afterExitMs).toBeGreaterThanOrEqual(140);
      expect(run?.lingering?.holders).toEqual([{ pid: expect.any(Number), command: 'sleep 1000000' }]);
      expect(run?.lingering?.explanation).toMatch(/a real libvirtd would block here until they exit/);
    });
  });

  it('reports a background child with stdio on /dev/null as a survivor, not a hang (j2)', async () => {
    await withRunner({ network: fixture('background-child-devnull') }, { isolation }, async ({ call }) => {
      const [run] = (await call()).scripts;
      expect(run?.lingering).toBeNull();
      expect(run?.survivors).toEqual([{ pid: expect.any(Number), command: 'sleep 1000000' }]);
    });
  });

  it.skipIf(!supervised)(`catches a descendant that called setsid after a double fork${supervised ? '' : ' (skipped: process-group cannot, by design)'}`, async () => {
    await withRunner({ network: fixture('double-fork-setsid') }, { isolation }, async ({ call }) => {
      expect((await call()).scripts[0]?.survivors).toEqual([{ pid: expect.any(Number), command: expect.stringContaining('sleep 1000000') }]);
    });
  });

  it('stops a script past the output cap and says which stream', async () => {
    await withRunner({ network: fixture('flood-stdout') }, { isolation, maxOutputBytes: 4096 }, async ({ call }) => {
      const result = await call();
      expect(result.scripts[0]).toMatchObject({ outputCapped: 'stdout', timedOut: false });
      expect(result.scripts[0]?.stdout).toHaveLength(4096);
      expect(result.error).toBe('Hook script /etc/libvirt/hooks/network was stopped by virthook at the output cap (4096 bytes of stdout): a real libvirtd would keep reading.');
    });
  });

  it('takes a per-call output cap over the runner\'s (a scenario step\'s max-output)', async () => {
    await withRunner({ network: fixture('flood-stdout') }, { isolation, maxOutputBytes: 4096 }, async ({ runner }) => {
      const [run] = (await runner.run(START_CALL, { maxOutputBytes: 1000 })).scripts;
      expect(run).toMatchObject({ outputCapped: 'stdout', maxOutputBytes: 1000 });
      expect(run?.stdout).toHaveLength(1000);
    });
  });

  it('keeps binary stdout byte for byte', async () => {
    await withRunner({ network: fixture('binary-output') }, { isolation }, async ({ call }) => {
      expect((await call()).scripts[0]?.stdout).toEqual(Buffer.from([0xff, 0xfe, 0x00, 0x01, ...Buffer.from('binary'), 0x80, 0x0a]));
    });
  });

  it('writes the 141 KB stdin of l5 exactly, and ignores EPIPE when the hook does not read it', async () => {
    await withRunner({ network: fixture('cat-stdin'), 'network.d/10': fixture('exit-without-reading-stdin') }, { isolation }, async ({ call }) => {
      const result = await call({ object: 'lvo-big', stdin: BIG_STDIN });
      expect(result.status).toBe('ok');
      expect(result.scripts[0]?.stdout.equals(Buffer.from(BIG_STDIN))).toBe(true);
      expect(result.scripts[1]).toMatchObject({ exitCode: 0, failure: null });
    });
  });

  it('passes exactly the environment libvirt passed in m1, nothing of the harness', async () => {
    const recorded = runsAfter(readTrace('m-env-passthrough'), 'm1 net-start')[0]?.env;
    const daemonEnv: Array<[string, string]> = [
      ['PATH', '/opt/lvo/bin:/usr/sbin:/usr/bin:/sbin:/bin'], ['HOME', '/nonexistent-home'], ['LANG', 'C.UTF-8'], ['LC_ALL', 'fr_FR.UTF-8'],
      ['TMPDIR', '/var/tmp'], ['LD_LIBRARY_PATH', '/opt/lvo/lib'], ['TZ', 'Europe/Paris'], ['LVORACLE_MARKER', 'set-in-libvirtd-env'],
    ];
    await withRunner({ network: fixture('record-env') }, { isolation, daemonEnv }, async ({ call }) => {
      const [run] = (await call()).scripts;
      expect(String(run?.stdout).split('\0').slice(0, -1)).toEqual(recorded);
      expect(run?.env).toEqual(recorded);
    });
  });

  it('runs in the daemon cwd with argv [path, object, op, subop, extra]', async () => {
    await withRunner({ network: fixture('print-cwd'), 'network.d/10': fixture('print-argv') }, { isolation }, async ({ call, sandbox }) => {
      const [cwd, argv] = (await call({ extra: 'from snapshot' })).scripts;
      expect(String(cwd?.stdout)).toBe(`${sandbox.cwd}\n`);
      expect(String(argv?.stdout).split('\0')).toEqual([`${sandbox.hooksDir}/network.d/10`, 'lvo-iso', 'start', 'begin', 'from snapshot', '']);
    });
  });

  it('gives a pipe as stdin when there is input, /dev/null when there is none (daemon hooks)', async () => {
    await withRunner({ network: fixture('print-stdin-target'), daemon: fixture('print-stdin-target') }, { isolation }, async ({ call }) => {
      // node only makes socketpairs for child stdio: the process-group fallback cannot give real pipes.
      expect(String((await call()).scripts[0]?.stdout)).toMatch(supervised ? /^pipe:\[\d+\]\n$/ : /^socket:\[\d+\]\n$/);
      const daemon = await call({ driver: 'daemon', object: '-', op: 'start', subop: '-', extra: 'start', stdin: null });
      expect(daemon.scripts[0]).toMatchObject({ stdin: null });
      expect(String(daemon.scripts[0]?.stdout)).toBe('/dev/null\n');
    });
  });

  it.skipIf(!supervised)(`shows the hook a parent named libvirtd, as under the real daemon${supervised ? '' : ' (skipped: process-group has no supervisor to name)'}`, async () => {
    await withRunner({ network: fixture('print-parent-comm') }, { isolation }, async ({ call }) => {
      expect(String((await call()).scripts[0]?.stdout)).toBe('libvirtd\n');
    });
  });
});

it('uses the same call shape as the recordings', () => {
  expect(START_CALL.stdin?.endsWith('</hookData>')).toBe(true);
});
