import { chmodSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { VirthookError } from '../../src/errors/virthook-error.js';
import { createSession } from '../../src/harness/create-session.js';
import type { IsolationMechanism } from '../../src/runner/hook-spawner.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';
import { type HookFileSystem, NODE_FILE_SYSTEM } from '../../src/runner/hook-file-system.js';
import { fixture, file, dir, makeSandbox, tree } from '../runner/hooks-dir.js';
import { ORACLE } from '../runner/oracle.js';
import { availableMechanisms, PYTHON, START_CALL } from '../runner/sandbox-runner.js';
import { survivors } from '../support/survivors.js';
import { CORPUS_LIMITS, markedDaemonEnv, withCorpusRunner } from './corpus-runner.js';
import { markedProcesses } from './marked-processes.js';

// The adversarial corpus (fixtures/hooks), each hook through the real runner with short bounds
// (timeout 1.5 s, linger grace 0.2 s, TERM->KILL 0.3 s, 64 KiB cap), every case concurrently.
// Most cases wait on timers, not the CPU: run them all at once (vitest's default is 5 at a time).
vi.setConfig({ maxConcurrency: 16 });
const { timeoutMs, lingerGraceMs, forceKillAfterMs, maxOutputBytes } = CORPUS_LIMITS;
const supervised = (await availableMechanisms()).filter((m): m is Exclude<IsolationMechanism, 'process-group'> => m !== 'process-group');
const BIG_STDIN = readFileSync(join(ORACLE, 'traces', 'l5-big-stdin-8ce5ba6e06c7.txt'), 'utf8');
const SLEEPER = 'sleep 1000000';
const timedOutText = `Hook script /etc/libvirt/hooks/network was stopped by virthook after the ${timeoutMs / 1000} s timeout: a real libvirtd would still be waiting (libvirt has no timeout).`;
const cappedText = (stream: string) =>
  `Hook script /etc/libvirt/hooks/network was stopped by virthook at the output cap (${maxOutputBytes} bytes of ${stream}): a real libvirtd would keep reading.`;
const lingeringText = (holder: { pid: number; command: string }, afterExitMs: number) =>
  `${holder.pid} (${holder.command}) kept the hook's stdout/stderr open ${afterExitMs} ms after it exited; a real libvirtd would block here until they exit (virCommandProcessIO reads until EOF)`;

it('has a supervised mechanism to contain setsid and double forks', () => {
  expect(supervised.length).toBeGreaterThan(0);
});

// Escaping containment is what differs between mechanisms: those hooks run under every supervised
// mechanism available, the others under the strongest one only (the file stays fast).
const ESCAPE_ARTISTS = new Set(['ignore-sigterm-with-children', 'double-fork-holding-pipes', 'double-fork-setsid', 'double-fork-setsid-then-hang', 'fork-many-children']);
const mechanismsFor = (name: string) => (ESCAPE_ARTISTS.has(name) ? supervised : supervised.slice(0, 1));

describe.concurrent('hangs and timeouts', () => {
  for (const isolation of mechanismsFor('sleep-forever')) {
    it(`sleep-forever under ${isolation}: stopped at the timeout with SIGTERM; libvirt would still be waiting`, async () => {
      await withCorpusRunner({ network: fixture('sleep-forever') }, { isolation }, async ({ call }) => {
        const result = await call();
        const [run] = result.scripts;
        expect(run).toMatchObject({ exitCode: null, signal: 'SIGTERM', timedOut: true, outputCapped: null, lingering: null, survivors: [], failure: timedOutText });
        expect(run!.durationMs).toBeGreaterThanOrEqual(timeoutMs);
        expect(result).toMatchObject({ status: 'failed', error: timedOutText });
      });
    });
  }

  for (const isolation of mechanismsFor('double-fork-setsid-then-hang')) {
    it(`double-fork-setsid-then-hang under ${isolation}: the timeout kills the grandchild that left with setsid too (checked from /proc)`, async () => {
      await withCorpusRunner({ network: fixture('double-fork-setsid-then-hang') }, { isolation }, async ({ call }) => {
        // call() fails the test if any process carrying the sandbox's marker is left after the call.
        const [run] = (await call()).scripts;
        expect(run).toMatchObject({ exitCode: null, signal: 'SIGTERM', timedOut: true, lingering: null, failure: timedOutText });
      });
    });
  }

  for (const name of ['ignore-sigterm', 'ignore-sigterm-with-children']) {
    for (const isolation of mechanismsFor(name)) {
      it(`${name} under ${isolation}: SIGKILLed forceKillAfterMs after the ignored SIGTERM, children included`, async () => {
        await withCorpusRunner({ network: fixture(name) }, { isolation }, async ({ call }) => {
          const [run] = (await call()).scripts;
          expect(run).toMatchObject({ exitCode: null, signal: 'SIGKILL', timedOut: true, lingering: null, failure: timedOutText });
          expect(run!.durationMs).toBeGreaterThanOrEqual(timeoutMs + forceKillAfterMs);
        });
      });
    }
  }
});

describe.concurrent('descendants left behind', () => {
  for (const name of ['background-child-holding-pipes', 'double-fork-holding-pipes']) {
    for (const isolation of mechanismsFor(name)) {
      it(`${name} under ${isolation}: a holder of stdout/stderr is the hang libvirt would have (j1), with pid and command`, async () => {
        // Not about timeouts: a loaded machine may take a while to run the hook's forks.
        await withCorpusRunner({ network: fixture(name) }, { isolation, timeoutMs: 5_000 }, async ({ call }) => {
          const result = await call();
          const [run] = result.scripts;
          expect(run).toMatchObject({ exitCode: 0, signal: null, timedOut: false, outputCapped: null, survivors: [], failure: null });
          const holders = run!.lingering!.holders;
          expect(holders).toEqual([{ pid: expect.any(Number), command: SLEEPER }]);
          expect(run!.lingering!.afterExitMs).toBeGreaterThanOrEqual(lingerGraceMs);
          // The holder is the verdict, not the clock: lingering, and neither a timeout nor a failure.
          expect(run).toMatchObject({ timedOut: false, failure: null, lingering: { holders: [{ command: SLEEPER }] } });
          expect(run!.lingering!.explanation).toBe(lingeringText(holders[0]!, run!.lingering!.afterExitMs));
          // libvirt reports nothing: the call succeeds once the holder is gone.
          expect(result).toMatchObject({ status: 'ok', error: null });
        });
      });
    }
  }

  it('a child holding the pipes when the timeout comes before the linger grace is lingering, not a timeout', async () => {
    // The hook itself exited long before the deadline: its child is the hang, whichever limit ends the wait.
    const limits = { isolation: supervised[0], timeoutMs: 2_000, lingerGraceMs: 60_000 };
    await withCorpusRunner({ network: fixture('background-child-holding-pipes') }, limits, async ({ call }) => {
      const result = await call();
      const [run] = result.scripts;
      expect(run).toMatchObject({ exitCode: 0, signal: null, timedOut: false, failure: null, lingering: { holders: [{ pid: expect.any(Number), command: SLEEPER }] } });
      // The deadline ended the wait, yet the verdict is the lingering holder's, not the timeout's.
      expect(run!.lingering!.explanation).toBe(lingeringText(run!.lingering!.holders[0]!, run!.lingering!.afterExitMs));
      expect(result).toMatchObject({ status: 'ok', error: null });
    });
  });

  for (const [name, count] of [['background-child-devnull', 1], ['double-fork-setsid', 1], ['fork-many-children', 50]] as const) {
    for (const isolation of mechanismsFor(name)) {
      it(`${name} under ${isolation}: ${count} descendant(s) with stdio elsewhere are survivors, not a hang (j2)`, async () => {
        // Not about timeouts: forking 50 children on a loaded machine can take a while.
        await withCorpusRunner({ network: fixture(name) }, { isolation, timeoutMs: 10_000 }, async ({ call }) => {
          const [run] = (await call()).scripts;
          expect(run).toMatchObject({ exitCode: 0, signal: null, timedOut: false, lingering: null, failure: null });
          expect(run!.survivors).toEqual(Array.from({ length: count }, () => ({ pid: expect.any(Number), command: expect.stringContaining(SLEEPER) })));
          expect(new Set(run!.survivors.map((s) => s.pid)).size).toBe(count);
        });
      });
    }
  }
});

// The rest does not depend on how leftovers are contained: the strongest mechanism only.
describe.concurrent('outputs, deaths and broken files under the strongest mechanism', () => {
  const isolation = supervised[0];

  describe('output and input', () => {
    for (const stream of ['stdout', 'stderr'] as const) {
      it(`flood-1g-${stream}: 1 GiB hits the cap at once and is not buffered`, async () => {
        // A generous timeout: the cap, not the clock, must stop it (the kept bytes prove where).
        await withCorpusRunner({ network: fixture(`flood-1g-${stream}`) }, { isolation, timeoutMs: 10_000 }, async ({ call }) => {
          const result = await call();
          const [run] = result.scripts;
          expect(run).toMatchObject({ exitCode: null, signal: 'SIGTERM', timedOut: false, outputCapped: stream, lingering: null, failure: cappedText(stream) });
          expect(run![stream].equals(Buffer.alloc(maxOutputBytes))).toBe(true);
          expect(run![stream === 'stdout' ? 'stderr' : 'stdout']).toHaveLength(0);
          expect(result).toMatchObject({ status: 'failed', error: cappedText(stream) });
        });
      });
    }

    it('binary-output: bytes kept exactly, invalid UTF-8 and NUL included', async () => {
      await withCorpusRunner({ network: fixture('binary-output') }, { isolation }, async ({ call }) => {
        const [run] = (await call()).scripts;
        expect(run).toMatchObject({ exitCode: 0, failure: null });
        expect(run!.stdout).toEqual(Buffer.from([0xff, 0xfe, 0x00, 0x01, ...Buffer.from('binary'), 0x80, 0x0a]));
      });
    });

    it('close-stdin-early and exit-without-reading-stdin: EPIPE on the 141 KB stdin of l5 is not an error', async () => {
      const entries = { network: fixture('close-stdin-early'), 'network.d/10': fixture('exit-without-reading-stdin') };
      await withCorpusRunner(entries, { isolation }, async ({ call }) => {
        const result = await call({ stdin: BIG_STDIN });
        expect(result).toMatchObject({ status: 'ok', error: null });
        expect(result.scripts.map((r) => [r.hook, r.exitCode, r.signal, r.failure])).toEqual([['network', 0, null, null], ['network.d/10', 0, null, null]]);
        expect(result.scripts[0]!.durationMs).toBeGreaterThanOrEqual(300);
      });
    });
  });

  describe('deaths and exec failures, in libvirt\'s words', () => {
    it('kill-self-9, kill-self-15, exit-255: fatal signal N and exit status N (l3, l4)', async () => {
      const entries = { network: fixture('kill-self-9'), 'network.d/15': fixture('kill-self-15'), 'network.d/20': fixture('exit-255') };
      await withCorpusRunner(entries, { isolation }, async ({ call, failureOf }) => {
        const result = await call();
        expect(result.scripts.map((r) => [r.exitCode, r.signal, r.timedOut, r.failure])).toEqual([
          [null, 'SIGKILL', false, failureOf('network', 'fatal signal 9: about to die')],
          [null, 'SIGTERM', false, failureOf('network.d/15', 'fatal signal 15')],
          [255, null, false, failureOf('network.d/20', 'exit status 255')],
        ]);
        // Every script runs after a failure; the last failure is the one reported.
        expect(result).toMatchObject({ status: 'failed', error: failureOf('network.d/20', 'exit status 255') });
      });
    });

    for (const isolation of supervised) {
      it(`kill-process-group and kill-parent under ${isolation}: the hook's kill -TERM 0 / $PPID reaches neither virthook nor its supervisor`, async () => {
        const entries = { network: fixture('kill-process-group'), 'network.d/10': fixture('kill-parent') };
        await withCorpusRunner(entries, { isolation }, async ({ call, failureOf }) => {
          for (let i = 0; i < 2; i++) {
            // This test process is alive to check, and the same supervisor answers the next call.
            const result = await call();
            expect(result.scripts.map((r) => [r.hook, r.exitCode, r.signal, r.timedOut])).toEqual([['network', null, 'SIGTERM', false], ['network.d/10', 0, null, false]]);
            expect(result).toMatchObject({ status: 'failed', error: failureOf('network', 'fatal signal 15') });
          }
        });
      });
    }

    for (const isolation of supervised) {
      it(`kill-parent-9 under ${isolation}: SIGKILL to its parent is HOOK_KILLED_SUPERVISOR under subreaper, ignored by a PID namespace's init`, async () => {
        await withCorpusRunner({ network: fixture('kill-parent-9') }, { isolation }, async ({ runner, marker, call }) => {
          for (let i = 0; i < 2; i++) {
            // A fresh supervisor answers each call; nothing the hook started is left.
            if (isolation === 'subreaper') {
              await expect(runner.run(START_CALL)).rejects.toMatchObject({ code: 'HOOK_KILLED_SUPERVISOR', message: expect.stringContaining('kill -9 $PPID') });
              expect(markedProcesses(marker, { exceptSupervisors: true }), 'processes left after the supervisor died').toEqual([]);
            } else {
              expect((await call()).scripts.map((r) => [r.hook, r.exitCode, r.signal])).toEqual([['network', 0, null]]);
            }
          }
        });
      });
    }

    it('no-shebang, bad-interpreter, crlf-shebang: 126/127 with the line libvirt\'s child prints', async () => {
      const entries = { 'network.d/10': fixture('no-shebang'), 'network.d/20': fixture('bad-interpreter'), 'network.d/30': fixture('crlf-shebang') };
      await withCorpusRunner(entries, { isolation }, async ({ call, failureOf }) => {
        const line = (script: string, text: string) => `libvirt:  error : cannot execute binary /etc/libvirt/hooks/${script}: ${text}`;
        const expected = [
          ['network.d/10', 126, 'ENOEXEC', 'Exec format error'],
          ['network.d/20', 127, 'ENOENT', 'No such file or directory'],
          ['network.d/30', 127, 'ENOENT', 'No such file or directory'],
        ] as const;
        const result = await call();
        expect(result.scripts.map((r) => [r.hook, r.exitCode, r.execError, String(r.stderr), r.failure])).toEqual(
          expected.map(([script, code, errno, text]) => [script, code, errno, `${line(script, text)}\n`, failureOf(script, `exit status ${code}: ${line(script, text)}`)]),
        );
      });
    });

    it('not-executable and a directory: skipped by libvirt >= 6.5, EACCES 126 when exec\'d as cached (< 6.5)', async () => {
      const entries = { network: fixture('not-executable'), 'network.d/10': fixture('not-executable'), 'network.d/20': dir(), qemu: dir() };
      await withCorpusRunner(entries, { isolation }, async ({ call }) => {
        expect(await call()).toMatchObject({ status: 'none', error: null, scripts: [] });
        expect(await call({ driver: 'qemu' })).toMatchObject({ status: 'none', error: null, scripts: [] });
      });
      await withCorpusRunner(entries, { isolation, directories: false }, async ({ call, failureOf }) => {
        for (const driver of ['network', 'qemu'] as const) {
          const line = `libvirt:  error : cannot execute binary /etc/libvirt/hooks/${driver}: Permission denied`;
          const result = await call({ driver });
          expect(result.scripts.map((r) => [r.exitCode, r.execError, r.failure])).toEqual([
            [126, 'EACCES', failureOf('network', `exit status 126: ${line}`).replace('hooks/network lvo-iso', `hooks/${driver} lvo-iso`)],
          ]);
        }
      });
    });
  });

  describe('a broken <driver>.d', () => {
    it('network.d is a regular file: the main script runs, then opendir fails with ENOTDIR (virDirOpenIfExists)', async () => {
      await withCorpusRunner({ network: fixture('exit-0'), 'network.d': file('not a directory\n', 0o755) }, { isolation }, async ({ call, runner }) => {
        const result = await call();
        expect(result).toMatchObject({ status: 'failed', error: "cannot open directory '/etc/libvirt/hooks/network.d': Not a directory" });
        expect(result.scripts.map((r) => [r.hook, r.exitCode])).toEqual([['network', 0]]);
        // virHookCheck stops at the executable main script: the daemon starts.
        expect(await runner.scan()).toEqual(['network']);
      });
    });

    it('network.d is an executable regular file and there is no main script: the daemon refuses to start', async () => {
      await withCorpusRunner({ 'network.d': file('not a directory\n', 0o755) }, { isolation }, async ({ runner }) => {
        const error = await runner.scan().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(VirthookError);
        expect(error).toMatchObject({ code: 'HOOKS_DIR_NOT_FOUND' });
        expect((error as Error).message).toMatch(/^Unable to look for hook scripts: cannot open directory '\/etc\/libvirt\/hooks\/network\.d': Not a directory\./);
      });
    });

    it('network.d is a symlink loop (fixtures/hook-trees/symlink-loop): ELOOP from opendir at every call', async () => {
      await withCorpusRunner({ '.': tree('symlink-loop') }, { isolation }, async ({ call, sandbox }) => {
        expect(readlinkSync(join(sandbox.hooksDir, 'network.d'))).toBe('network.d');
        const result = await call();
        expect(result).toMatchObject({ status: 'failed', error: "cannot open directory '/etc/libvirt/hooks/network.d': Too many levels of symbolic links" });
        expect(result.scripts.map((r) => r.hook)).toEqual(['network']);
      });
    });

    it('a symlink loop inside network.d (fixtures/hook-trees/symlink-loop-entry) is skipped silently (virFileIsExecutable fails)', async () => {
      await withCorpusRunner({ '.': tree('symlink-loop-entry') }, { isolation }, async ({ call, runner, sandbox }) => {
        expect(readlinkSync(join(sandbox.hooksDir, 'network.d', '00-loop'))).toBe('00-loop');
        expect(await runner.scan()).toEqual(['network']);
        const result = await call();
        expect(result).toMatchObject({ status: 'ok', error: null });
        expect(result.scripts.map((r) => r.hook)).toEqual(['network.d/10']);
      });
    });

    // Unreadable needs a chmod at run time: git keeps no mode 000 directory (nor an empty one).
    it('network.d with mode 000: opendir fails with EACCES, the main script having run (virDirOpenIfExists)', async () => {
      const denied = "cannot open directory '/etc/libvirt/hooks/network.d': Permission denied";
      await withCorpusRunner({ network: fixture('exit-0'), 'network.d/10': fixture('exit-0') }, { isolation }, async ({ call, sandbox }) => {
        chmodSync(join(sandbox.hooksDir, 'network.d'), 0o000);
        try {
          const result = await call();
          if (process.getuid?.() === 0) {
            // Root reads it anyway (CAP_DAC_OVERRIDE), as a root libvirtd would: mode bits cannot make it unreadable.
            expect(result).toMatchObject({ status: 'ok', error: null });
            expect(result.scripts.map((r) => r.hook)).toEqual(['network', 'network.d/10']);
          } else {
            expect(result).toMatchObject({ status: 'failed', error: denied });
            expect(result.scripts.map((r) => r.hook)).toEqual(['network']);
          }
        } finally {
          chmodSync(join(sandbox.hooksDir, 'network.d'), 0o755);
        }
      });
      // The EACCES path itself, for root too: readdir of network.d fails as it does for a normal user.
      const fileSystem: HookFileSystem = {
        statSync: NODE_FILE_SYSTEM.statSync,
        readdirSync: (path) => {
          if (path.endsWith('/network.d')) throw Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), { code: 'EACCES' });
          return NODE_FILE_SYSTEM.readdirSync(path);
        },
      };
      await withCorpusRunner({ network: fixture('exit-0'), 'network.d/10': fixture('exit-0') }, { isolation, fileSystem }, async ({ call, runner }) => {
        const result = await call();
        expect(result).toMatchObject({ status: 'failed', error: denied });
        expect(result.scripts.map((r) => [r.hook, r.exitCode])).toEqual([['network', 0]]);
        // virHookCheck stops at the executable main script: the daemon still starts.
        expect(await runner.scan()).toEqual(['network']);
      });
    });
  });
});

describe.concurrent('the corpus through createSession (net-define, net-start as virsh would)', () => {
  const iso = parseNetworkXml(readFileSync(join(ORACLE, 'xml', 'net-iso.xml'), 'utf8'), 'net-iso.xml');
  const NOT_STARTED = 'error: Failed to start network lvo-iso\nerror: ';

  async function netStart(entries: Parameters<typeof makeSandbox>[0], limits: { timeoutMs?: number } = {}) {
    const sandbox = makeSandbox(entries);
    const marker = sandbox.root;
    const session = await createSession({ hooksDir: sandbox.hooksDir, cwd: sandbox.cwd, python: PYTHON, daemonEnv: markedDaemonEnv(marker), ...CORPUS_LIMITS, ...limits });
    try {
      await session.run({ verb: 'net-define', def: iso, file: 'net-iso.xml' });
      const step = await session.run({ verb: 'net-start', network: 'lvo-iso' });
      expect(markedProcesses(marker, { exceptSupervisors: true })).toEqual([]);
      return step;
    } finally {
      await session.dispose();
      expect(markedProcesses(marker)).toEqual([]);
      sandbox.remove();
    }
  }

  it('a lingering child: net-start succeeds as in j1, each call carries the lingering report', async () => {
    const step = await netStart({ network: fixture('background-child-holding-pipes') }, { timeoutMs: 5_000 });
    expect(step).toMatchObject({ ok: true, output: 'Network lvo-iso started', error: null });
    expect(step.calls.map((c) => [c.call.op, c.scripts[0]!.lingering?.holders])).toEqual([
      ['start', [{ pid: expect.any(Number), command: SLEEPER }]],
      ['started', [{ pid: expect.any(Number), command: SLEEPER }]],
    ]);
  });

  it('a hang: net-start fails with the timeout instead of blocking forever, and no hook vetoed it', async () => {
    const step = await netStart({ network: fixture('sleep-forever') });
    expect(step).toMatchObject({ ok: false, vetoed: false, error: `${NOT_STARTED}${timedOutText}` });
    expect(step.calls.map((c) => c.call.op)).toEqual(['start']);
  });

  it('a flood: net-start fails at the output cap, and no hook vetoed it', async () => {
    const step = await netStart({ network: fixture('flood-1g-stdout') }, { timeoutMs: 10_000 });
    expect(step).toMatchObject({ ok: false, vetoed: false, error: `${NOT_STARTED}${cappedText('stdout')}` });
  });

  it('network.d is a regular file: net-start fails with libvirt\'s opendir error', async () => {
    const step = await netStart({ network: fixture('exit-0'), 'network.d': file('x\n', 0o755) });
    expect(step).toMatchObject({ ok: false, error: `${NOT_STARTED}cannot open directory '/etc/libvirt/hooks/network.d': Not a directory` });
  });

  it('network.d is an executable regular file without a main script: the simulated daemon does not start', async () => {
    const sandbox = makeSandbox({ 'network.d': file('x\n', 0o755) });
    try {
      const error = await createSession({ hooksDir: sandbox.hooksDir, python: PYTHON }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'HOOKS_DIR_NOT_FOUND' });
    } finally {
      sandbox.remove();
    }
  });
});

afterAll(() => {
  // Every runner of this file is disposed: no process this test process started may be left.
  expect(survivors()).toEqual([]);
});
