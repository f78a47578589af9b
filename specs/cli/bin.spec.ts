import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { skippedWithout } from '../runner/sandbox-runner.js';
import { survivors } from '../support/survivors.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = `${root}dist/cli/bin.js`;
const built = existsSync(bin);
const noNamespaces = await skippedWithout('pid-namespace');

/** Processes whose command line mentions `text` (read from /proc, not through virthook). */
function processesMentioning(text: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(text)) found.push(`${pid}: ${cmdline}`);
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** The parent PID of a process, from /proc/PID/stat (null once it ended). */
function parentOf(pid: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1] ?? null;
  } catch {
    return null;
  }
}

function virthook(args: string[], onStart?: (pid: number) => void): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { cwd: root, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 3) : 0, stdout, stderr });
    });
    if (child.pid !== undefined) onStart?.(child.pid);
  });
}

describe.skipIf(!built)(`the built binary${built ? '' : ' (skipped: dist/cli/bin.js is missing; run npm run build, which npm test runs first)'}`, () => {
  it('runs the bundled examples against the bundled hooks (npm start), exits 0 and leaves no process behind', async () => {
    const { code, stdout, stderr } = await virthook(['run', 'examples/scenarios', '--hooks', 'examples/hooks']);
    // Without namespaces here (not root, no user namespaces) the run says once that doubles fell back to PATH.
    expect(stderr).toMatch(noNamespaces === '' ? /^$/ : /^virthook: warning: Command doubles fall back to PATH: [^\n]*\n$/);
    expect(stdout).toContain('✓ guard refuses an isolated network without an owner tag [libvirt 9.0] examples/scenarios/guard-isolated.yaml');
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^[1-9]\d* passed, 0 failed$/);
    expect(code).toBe(0);
    expect(processesMentioning(`${root}examples/hooks`)).toEqual([]);
    expect(survivors()).toEqual([]);
  });

  it('runs the examples on forked workers with --jobs 2, reporting them in input order as jobs 1 does', async () => {
    const args = ['run', 'examples/scenarios', 'examples/buggy/scenarios', '--hooks', 'examples/hooks', '--reporter', 'tap'];
    const [serial, parallel] = [await virthook([...args, '--jobs', '1']), await virthook([...args, '--jobs', '2'])];
    const cases = (tap: string) => tap.split('\n').filter((line) => /^(not )?ok \d/.test(line));
    expect(cases(serial.stdout).length).toBeGreaterThan(5);
    expect([parallel.code, cases(parallel.stdout), parallel.stderr]).toEqual([serial.code, cases(serial.stdout), serial.stderr]);
    expect(processesMentioning(`${root}examples/hooks`)).toEqual([]);
    expect(processesMentioning('scenario-worker')).toEqual([]);
    expect(survivors()).toEqual([]);
  }, 120_000);

  it('by default runs several scenarios on one forked worker per core, reporting them as --jobs 1 does', async () => {
    const args = ['run', 'examples/scenarios', '--hooks', 'examples/hooks', '--reporter', 'tap'];
    const serial = await virthook([...args, '--jobs', '1']);
    // Workers are the binary's own children running the worker module (a hook it forks is a grandchild).
    const workersSeen = new Set<string>();
    let binary = '';
    const watch = setInterval(() => {
      for (const pid of processesMentioning('scenario-worker').map((p) => p.split(':')[0]!)) if (parentOf(pid) === binary) workersSeen.add(pid);
    }, 25);
    const byDefault = await virthook(args, (pid) => void (binary = String(pid))).finally(() => clearInterval(watch));
    expect([byDefault.code, byDefault.stdout, byDefault.stderr]).toEqual([serial.code, serial.stdout, serial.stderr]);
    expect(workersSeen.size).toBe(availableParallelism() > 1 ? availableParallelism() : 0);
    expect(processesMentioning('scenario-worker')).toEqual([]);
    expect(survivors()).toEqual([]);
  }, 120_000);

  it('exits 2 with a message naming the file and field for a bad path, and prints its version', async () => {
    const bad = await virthook(['run', 'examples/scenarios', '--hooks', 'examples/no-such-hooks']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--hooks: hooks directory examples/no-such-hooks not found');
    expect(bad.stderr).not.toContain('    at ');
    const version = await virthook(['--version']);
    expect([version.code, version.stdout]).toEqual([0, `${JSON.parse(readFileSync(`${root}package.json`, 'utf8')).version}\n`]);
  });
});
