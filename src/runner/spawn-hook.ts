import { constants } from 'node:os';
import { kill } from 'node:process';
import type { Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import type { SpawnRequest, SpawnResult } from './hook-spawner.js';
import { predictExecError } from './predict-exec-error.js';
import { describeProcesses, holdsSocket, readProcesses } from './process-table.js';

/** A helper process virthook talks to over its stdio (the hook supervisor). */
export interface LaunchedProcess {
  readonly pid: number | undefined;
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
  kill(signal: NodeJS.Signals): void;
  /** Settles when the process has exited, with the signal that killed it, if one did (never rejects). */
  readonly exited: Promise<NodeJS.Signals | undefined>;
}

/** Starts a long-lived helper with piped stdio; execa kills it if virthook itself exits. */
export function launchProcess(file: string, args: readonly string[]): LaunchedProcess {
  const subprocess = execa(file, args, {
    stdin: 'pipe', stdout: 'pipe', stderr: 'pipe', buffer: false, encoding: 'buffer', reject: false, cleanup: true,
  });
  for (const stream of [subprocess.stdin, subprocess.stdout, subprocess.stderr]) stream.on('error', () => {});
  return {
    pid: subprocess.pid,
    stdin: subprocess.stdin,
    stdout: subprocess.stdout,
    stderr: subprocess.stderr,
    kill: (signal) => subprocess.kill(signal),
    exited: subprocess.then((result) => result.signal, () => undefined),
  };
}

/** The absolute path of a Python 3 interpreter (its sys.executable), or null when it does not run. */
export async function resolvePython(python: string): Promise<string | null> {
  const result = await execa(python, ['-I', '-S', '-c', 'import sys; sys.stdout.write(sys.executable if sys.version_info >= (3, 6) else "")'], {
    stdin: 'ignore', reject: false, timeout: 10_000, encoding: 'utf8',
  });
  return result.exitCode === 0 && typeof result.stdout === 'string' && result.stdout.startsWith('/') ? result.stdout : null;
}

const EMPTY = Buffer.alloc(0);
const POLL_MS = 10;

/** Whether anything (zombies included) is still in the hook's process group: one syscall, no /proc walk. */
function groupAlive(leader: number): boolean {
  try {
    kill(-leader, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Live processes in the hook's process group or session (the hook included while it lives).
 * The /proc walk is skipped when the group is empty; a descendant that left the group but
 * stayed in the session is then missed (this mode's documented weakness, with setsid).
 */
function groupMembers(leader: number): number[] {
  if (!groupAlive(leader)) return [];
  return readProcesses().filter((p) => p.pgrp === leader || p.session === leader).map((p) => p.pid);
}

function signalAll(pids: readonly number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/** TERM the group, KILL what is left after `forceKillAfterMs`, return once nothing is left. */
async function terminateGroup(leader: number, forceKillAfterMs: number): Promise<void> {
  const deadline = performance.now() + forceKillAfterMs;
  signalAll([-leader, ...groupMembers(leader)], 'SIGTERM');
  for (let members = groupMembers(leader); members.length > 0; members = groupMembers(leader)) {
    if (performance.now() >= deadline) signalAll([-leader, ...members], 'SIGKILL');
    await sleep(POLL_MS);
  }
}

function execErrorResult(errno: string): SpawnResult {
  return {
    exitCode: null, signal: null, execErrno: errno, execMessage: null, stdout: EMPTY, stderr: EMPTY, durationMs: 0,
    timedOut: false, outputCapped: null, lingering: null, survivors: [],
  };
}

/**
 * The `process-group` mechanism: spawns one hook directly with execa, in its own process group,
 * and applies virCommandRun's rules (exact env, stdin bytes then EOF, EPIPE ignored, done when the
 * hook exited AND stdout/stderr reached EOF) plus virthook's bounds (timeout, output cap, linger
 * grace). Leftovers are found by process group and session; a setsid + double fork escapes.
 * Aborting `abort` stops the hook's group (dispose).
 */
export async function spawnHook(request: SpawnRequest, abort?: AbortSignal): Promise<SpawnResult> {
  // node's spawn runs a shebang-less file through /bin/sh (execvp): decide ENOEXEC & co. first.
  const predicted = predictExecError(request.path);
  if (predicted !== null) return execErrorResult(predicted);
  const { limits } = request;
  const started = performance.now();
  const env = Object.fromEntries(request.env.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
  const subprocess = execa(request.path, request.argv.slice(1), {
    env, extendEnv: false, cwd: request.cwd, argv0: request.argv[0],
    // virExec opens /dev/null read-write; libuv's 'ignore' opens it read-only (this mode only).
    stdin: request.stdin === null ? 'ignore' : 'pipe', stdout: 'pipe', stderr: 'pipe', buffer: false, encoding: 'buffer',
    detached: true, reject: false, cleanup: true,
  });
  const leader = subprocess.pid;
  if (leader === undefined) {
    const failure = await subprocess;
    return execErrorResult(typeof failure.code === 'string' ? failure.code : 'ENOENT');
  }
  const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  const sizes = { stdout: 0, stderr: 0 };
  let outputCapped: SpawnResult['outputCapped'] = null;
  let timedOut = false;
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => (stopping ??= terminateGroup(leader, limits.forceKillAfterMs));
  const collect = (name: 'stdout' | 'stderr') => (chunk: Buffer): void => {
    const room = Math.max(0, limits.maxOutputBytes - sizes[name]);
    chunks[name].push(chunk.subarray(0, room));
    sizes[name] += Math.min(room, chunk.length);
    if (chunk.length > room && outputCapped === null) {
      outputCapped = name;
      void stop();
    }
  };
  subprocess.stdout.on('data', collect('stdout'));
  subprocess.stderr.on('data', collect('stderr'));
  // virCommandProcessIO: EPIPE from a hook that exits without reading is not an error.
  subprocess.stdin?.on('error', () => {});
  subprocess.stdin?.end(request.stdin ?? EMPTY);
  const closed = (s: Readable) => new Promise<void>((resolve) => (s.closed ? resolve() : s.once('close', () => resolve())));
  const streamsClosed = Promise.all([closed(subprocess.stdout), closed(subprocess.stderr)]);
  const timeout = setTimeout(() => { timedOut = true; void stop(); }, limits.timeoutMs);
  const onAbort = (): void => void stop();
  abort?.addEventListener('abort', onAbort, { once: true });
  const [exitCode, signalName] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    subprocess.once('exit', (code, name) => resolve([code, name])));
  clearTimeout(timeout);
  const exitedAt = performance.now();
  let lingering: SpawnResult['lingering'] = null;
  const closedInTime = (ms: number) => Promise.race([streamsClosed.then(() => true), sleep(ms, false)]);
  if (stopping === null) {
    // With nobody left in the group, a late EOF is only queued in our event loop: give it one more grace.
    if (!(await closedInTime(limits.lingerGraceMs))) {
      // node hands children socketpairs, whose ends cannot be matched up from /proc: in this mode
      // the holders are the hook's leftovers that have a socket open (a child on /dev/null has none).
      const holders = groupMembers(leader).filter(holdsSocket);
      if (holders.length > 0 || !(await closedInTime(limits.lingerGraceMs * 4))) {
        lingering = { afterExitMs: Math.round(performance.now() - exitedAt), holders: describeProcesses(holders) };
        void stop();
      }
    }
  }
  const survivors = stopping === null ? describeProcesses(groupMembers(leader)) : [];
  if (survivors.length > 0) void stop();
  if (stopping !== null) {
    await stopping;
    // Whatever still holds the pipes after the group died escaped it: stop reading.
    if (!(await closedInTime(limits.lingerGraceMs))) for (const stream of [subprocess.stdout, subprocess.stderr]) stream.destroy();
  }
  await streamsClosed;
  await subprocess;
  abort?.removeEventListener('abort', onAbort);
  return {
    exitCode, signal: signalName === null ? null : constants.signals[signalName], execErrno: null, execMessage: null,
    stdout: Buffer.concat(chunks.stdout), stderr: Buffer.concat(chunks.stderr),
    durationMs: performance.now() - started, timedOut, outputCapped, lingering, survivors,
  };
}
