import { execFailure } from './exec-failure.js';
import { formatHookFailure } from './format-hook-failure.js';
import type { CommandCall, DoublesViolation } from '../doubles/command-call.js';
import type { HookSpawner, InterceptionMode, ProcessInfo, SpawnDoubles, SpawnLimits } from './hook-spawner.js';
import type { HookScript } from './list-hook-scripts.js';
import { signalName } from './signal-name.js';
import { stoppedByVirthook } from './stopped-by-virthook.js';

/** Descendants that kept the hook's stdout/stderr open after it exited. */
export interface Lingering {
  /** How long after the hook's exit virthook stopped waiting (the linger grace). */
  readonly afterExitMs: number;
  readonly holders: readonly ProcessInfo[];
  /** What this means for the real daemon. */
  readonly explanation: string;
}

/** One script of a hook call, as it ran. Every field is data; nothing here throws. */
export interface ScriptRun {
  /** `network` (main script) or `network.d/NAME`. */
  readonly hook: string;
  /** The real file that ran. */
  readonly path: string;
  /** The path libvirt would run (`/etc/libvirt/hooks/network.d/NAME`), used in its messages. */
  readonly libvirtPath: string;
  /** argv[1..4]: object, op, subop, extra. argv[0] is `path`, or `libvirtPath` when doubles run it in a mount namespace. */
  readonly argv: readonly [string, string, string, string];
  /** The bytes written to stdin; null when stdin was /dev/null. */
  readonly stdin: Buffer | null;
  /** The complete environment, `NAME=value`, in execve order. */
  readonly env: readonly string[];
  readonly cwd: string;
  /** Exit status, or null when killed by a signal (or when virthook had to stop it). */
  readonly exitCode: number | null;
  /** Signal name (`SIGKILL`) when the script died from a signal. */
  readonly signal: string | null;
  /** errno name when execve failed (`EACCES`, `ENOENT`, `ENOEXEC`); exitCode/stderr then hold what libvirt's child reports. */
  readonly execError: string | null;
  readonly stdout: Buffer;
  readonly stderr: Buffer;
  readonly durationMs: number;
  /** virthook stopped the script at the timeout; a real libvirtd would still be waiting. */
  readonly timedOut: boolean;
  /** The stream that exceeded the output cap; virthook stopped the script. */
  readonly outputCapped: 'stdout' | 'stderr' | null;
  /** The per-script timeout it ran under, in milliseconds (what `timedOut` refers to). */
  readonly timeoutMs: number;
  /** The output cap per stream it ran under, in bytes (what `outputCapped` refers to). */
  readonly maxOutputBytes: number;
  /** Set when descendants held stdout/stderr open after the script exited. */
  readonly lingering: Lingering | null;
  /** Descendants still alive when the call ended (their stdio was elsewhere); virthook killed them. */
  readonly survivors: readonly ProcessInfo[];
  /** libvirt's error for this script (or virthook's, for timeouts and the output cap); null on success. */
  readonly failure: string | null;
  /** Commands the script ran that doubles intercepted, in call order (present when the call had doubles). */
  readonly commands?: readonly CommandCall[];
  /** Undoubled commands in strict mode and calls back into libvirt: a test should fail on them. */
  readonly violations?: readonly DoublesViolation[];
  /** How commands were intercepted: a private mount namespace, or the PATH fallback. */
  readonly interception?: InterceptionMode;
  /** Limits of the interception for this script (e.g. the PATH fallback); the runner reports each once per call result. */
  readonly interceptionWarnings?: readonly string[];
}

/** What every script of one call shares. */
export interface ScriptContext {
  readonly argv: readonly [string, string, string, string];
  readonly env: readonly string[];
  readonly cwd: string;
  readonly limits: SpawnLimits;
  readonly spawner: HookSpawner;
  /** Command doubles for the call's scripts; null or absent: nothing is intercepted. */
  readonly doubles?: Omit<SpawnDoubles, 'script'> | null;
}

function lingeringOf(afterExitMs: number, holders: readonly ProcessInfo[]): Lingering {
  const who = holders.length > 0 ? holders.map((h) => `${h.pid} (${h.command})`).join(', ') : 'a descendant';
  return {
    afterExitMs,
    holders,
    explanation: `${who} kept the hook's stdout/stderr open ${afterExitMs} ms after it exited; a real libvirtd would block here until they exit (virCommandProcessIO reads until EOF)`,
  };
}

/**
 * virRunScript: runs one script with libvirt's argv/env/stdin and turns the outcome into a
 * ScriptRun, including libvirt's failure message (virCommandWait) for a non-zero exit, a signal
 * death or an exec failure.
 */
export async function runScript(script: HookScript, stdin: Buffer | null, context: ScriptContext): Promise<ScriptRun> {
  const raw = await context.spawner.spawn({
    path: script.path, libvirtPath: script.libvirtPath, argv: [script.path, ...context.argv],
    env: context.env, cwd: context.cwd, stdin, limits: context.limits,
    ...(context.doubles ? { doubles: { ...context.doubles, script: script.hook } } : {}),
  });
  const exec = raw.execErrno === null ? null : execFailure(raw.execErrno, script.libvirtPath, raw.execMessage);
  const exitCode = exec?.exitCode ?? raw.exitCode;
  const stderr = exec?.stderr ?? raw.stderr;
  let failure: string | null = null;
  if (raw.timedOut) failure = `Hook script ${script.libvirtPath} was ${stoppedByVirthook({ reason: 'timeout', timeoutMs: context.limits.timeoutMs })}.`;
  else if (raw.outputCapped !== null) {
    failure = `Hook script ${script.libvirtPath} was ${stoppedByVirthook({ reason: 'output-cap', stream: raw.outputCapped, maxOutputBytes: context.limits.maxOutputBytes })}.`;
  } else if (exitCode !== 0 || raw.signal !== null) {
    failure = formatHookFailure({ env: context.env, argv: [script.libvirtPath, ...context.argv], exitCode, signal: raw.signal, stderr });
  }
  return {
    hook: script.hook,
    path: script.path,
    libvirtPath: script.libvirtPath,
    argv: context.argv,
    stdin,
    env: context.env,
    cwd: context.cwd,
    exitCode,
    signal: raw.signal === null ? null : signalName(raw.signal),
    execError: raw.execErrno,
    stdout: raw.stdout,
    stderr,
    durationMs: raw.durationMs,
    timedOut: raw.timedOut,
    outputCapped: raw.outputCapped,
    timeoutMs: context.limits.timeoutMs,
    maxOutputBytes: context.limits.maxOutputBytes,
    lingering: raw.lingering === null ? null : lingeringOf(raw.lingering.afterExitMs, raw.lingering.holders),
    survivors: raw.survivors,
    failure,
    ...(raw.doubles ? {
      commands: raw.doubles.commands,
      violations: raw.doubles.violations,
      interception: raw.doubles.mode,
      interceptionWarnings: raw.doubles.warnings,
    } : {}),
  };
}
