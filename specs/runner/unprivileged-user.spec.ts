import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, statSync } from 'node:fs';
import { arch } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { survivors } from '../support/survivors.js';
import { fixture, makeSandbox, type Sandbox, sandboxProcesses } from './hooks-dir.js';

/** The unprivileged user the specs run the runner as (nobody on most systems). */
const UID = 65534;
const DIST = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const CHILD = fileURLToPath(new URL('./support/run-hooks-as-user.mjs', import.meta.url));
const DENY_USERNS = fileURLToPath(new URL('../../fixtures/userns/deny-user-namespaces', import.meta.url));
const ENV = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/', LANG: 'C' };
const AS_USER = ['setpriv', `--reuid=${UID}`, `--regid=${UID}`, '--clear-groups'];

/** Why these specs cannot run here, or '' when they can. */
function whySkipped(): string {
  if (process.getuid?.() !== 0) return ' (skipped: switching to an unprivileged user needs root; this run is not root)';
  if (!existsSync(DIST)) return ' (skipped: dist/index.js is missing; run npm run build, which npm test runs first)';
  try {
    execFileSync(AS_USER[0]!, [...AS_USER.slice(1), process.execPath, '-e', `await import(${JSON.stringify(DIST)}); await import('node:child_process').then((c) => c.execFileSync('python3', ['-c', '']))`], { env: ENV, stdio: 'pipe', input: '' });
  } catch (error) {
    const detail = String((error as { stderr?: Buffer }).stderr ?? (error as Error).message).trim().split('\n').at(-1);
    return ` (skipped: uid ${UID} cannot run node ${process.execPath}, dist/ or python3 through setpriv: ${detail})`;
  }
  return '';
}

const skipped = whySkipped();

interface ChildResult {
  isolation: string;
  interception: string;
  warnings: string[];
  scripts: { hook: string; stdout: string; stderr: string; survivors: string[] }[];
  commands: { command: string; path: string; outcome: string }[];
  violations: { kind: string; command: string }[];
}

/** A sandbox the unprivileged user can read, with a daemon cwd it owns (the hook writes there). */
function userSandbox(entries: Parameters<typeof makeSandbox>[0]): Sandbox {
  const sandbox = makeSandbox(entries);
  chmodSync(sandbox.root, 0o755);
  chmodSync(sandbox.hooksDir, 0o755);
  chownSync(sandbox.cwd, UID, UID);
  return sandbox;
}

/** Runs `calls` hook calls as the unprivileged user (behind `wrapper`, if any); returns what the runner reported. */
function runAsUser(sandbox: Sandbox, doubles: unknown, calls: number, wrapper: readonly string[] = []): Promise<ChildResult[]> {
  const argv = [...wrapper, ...AS_USER, process.execPath, CHILD, JSON.stringify({ dist: DIST, hooksDir: sandbox.hooksDir, cwd: sandbox.cwd, doubles, calls })];
  return new Promise((resolve, reject) => {
    execFile(argv[0]!, argv.slice(1), { env: ENV, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${argv.slice(0, -1).join(' ')} failed: ${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as ChildResult[]);
    });
  });
}

const probe = [
  '#!/bin/sh',
  'echo "uid=$(id -u) argv0=$0 pid1=$(cat /proc/1/comm)"',
  '/sbin/iptables -w -L FORWARD; echo "iptables=$?"',
  '/usr/bin/nproc >/dev/null 2>&1; echo "nproc=$?"',
  'touch "$PWD/made-by-hook"',
  '',
].join('\n');
const doubles = { doubles: { '/sbin/iptables': {} }, strict: true, allow: ['mkfifo', 'setsid'] };

describe.skipIf(skipped !== '')(`the runner as an unprivileged user (uid ${UID})${skipped}`, () => {
  it('runs hooks in a user namespace with PID and mount namespaces: absolute paths doubled or refused, hooks at /etc/libvirt/hooks, nothing left', async () => {
    const sandbox = userSandbox({ network: { kind: 'file', text: probe, mode: 0o755 }, 'network.d/10-detach': fixture('double-fork-setsid') });
    try {
      const [result] = await runAsUser(sandbox, doubles, 1);
      expect(result).toMatchObject({ isolation: 'pid-namespace', interception: 'namespace', warnings: [], violations: [{ kind: 'undoubled-command', command: 'nproc' }] });
      // uid 0 inside the user namespace, as under libvirtd; PID 1 is the supervisor, named like the daemon.
      expect(result!.scripts[0]!.stdout).toBe('uid=0 argv0=/etc/libvirt/hooks/network pid1=libvirtd\niptables=0\nnproc=127\n');
      expect(result!.commands).toEqual([
        { command: '/sbin/iptables', path: '/sbin/iptables', outcome: 'double' },
        { command: 'nproc', path: '/usr/bin/nproc', outcome: 'refused' },
      ]);
      // Outside the namespace, what the hook created belongs to the real, unprivileged user.
      expect(statSync(`${sandbox.cwd}/made-by-hook`).uid).toBe(UID);
      expect(result!.scripts[1]!.survivors).toEqual([expect.stringContaining('sleep 1000000')]);
      expect(sandboxProcesses(sandbox)).toEqual([]);
      expect(survivors()).toEqual([]);
    } finally {
      sandbox.remove();
    }
  });

  it.skipIf(!['x64', 'arm64'].includes(arch()))(`falls back to subreaper and PATH where user namespaces are denied (seccomp, as Docker's default profile), and says once that absolute paths run for real${['x64', 'arm64'].includes(arch()) ? '' : ` (skipped: the seccomp fixture knows x86_64 and aarch64 only, this is ${arch()})`}`, async () => {
    const sandbox = userSandbox({ network: { kind: 'file', text: probe, mode: 0o755 } });
    try {
      const [first, second] = await runAsUser(sandbox, doubles, 2, [DENY_USERNS]);
      expect(first).toMatchObject({ isolation: 'subreaper', interception: 'path', commands: [], violations: [] });
      // Nothing intercepted /sbin/iptables (it ran for real, or was not found: never the double's 0) or /usr/bin/nproc (ran, not refused).
      expect(first!.scripts[0]!.stdout).toMatch(new RegExp(`^uid=${UID} argv0=${sandbox.hooksDir}/network pid1=(?!libvirtd\\n).*\niptables=[1-9]\\d*\nnproc=0\n$`));
      expect(first!.warnings).toHaveLength(1);
      expect(first!.warnings[0]).toMatch(/^Command doubles fall back to PATH: no private mount namespace could be created \(pid-namespace: unshare: .*Operation not permitted; pid-namespace \(user namespace\): unshare: .*Operation not permitted\)\. Commands a hook runs by absolute path .* are NOT intercepted: they run for real on this machine/);
      expect(second!.warnings).toEqual([]);
      expect(sandboxProcesses(sandbox)).toEqual([]);
      expect(survivors()).toEqual([]);
    } finally {
      sandbox.remove();
    }
  });
});
