import type { CommandCall, DoublesViolation } from '../doubles/command-call.js';
import type { CommandDoubles } from '../doubles/command-doubles.js';

/**
 * How virthook guarantees that nothing a hook started outlives its call:
 * - `pid-namespace`: hooks run under a supervisor that is PID 1 of its own PID namespace, so
 *   kill(-1) reaches every descendant, whatever it did (setsid, double fork), with a private mount
 *   namespace for command doubles. Needs `unshare` (util-linux), python3, and root (or
 *   CAP_SYS_ADMIN) or, for other users, unprivileged user namespaces: hooks then run as uid 0 of a
 *   user namespace that maps it to the caller.
 * - `subreaper`: the supervisor is a child subreaper; orphans are reparented to it and hunted
 *   through /proc. Needs python3 only; no mount namespace (command doubles fall back to PATH).
 * - `process-group`: no helper; each hook is spawned directly in its own process group and
 *   cleaned up by group and session. A descendant that calls setsid and double-forks can escape.
 */
export type IsolationMechanism = 'pid-namespace' | 'subreaper' | 'process-group';

/** Bounds on one script run; libvirt has none of them (it waits forever and buffers everything). */
export interface SpawnLimits {
  readonly timeoutMs: number;
  readonly lingerGraceMs: number;
  readonly forceKillAfterMs: number;
  readonly maxOutputBytes: number;
}

/** How commands are intercepted for one script run: a private mount namespace, or PATH only. */
export type InterceptionMode = 'namespace' | 'path';

/** The command doubles one script runs with. */
export interface SpawnDoubles {
  readonly doubles: CommandDoubles;
  /** The script, as ScriptRun.hook names it (recorded with each command). */
  readonly script: string;
  /** The user's hooks directory, shown at `libvirtHooksDir` inside the namespace. */
  readonly hooksDir: string;
  readonly libvirtHooksDir: string;
}

/** What a script's command doubles saw. */
export interface DoublesOutcome {
  readonly mode: InterceptionMode;
  readonly commands: readonly CommandCall[];
  readonly violations: readonly DoublesViolation[];
  /** Limits of this run's interception (the PATH fallback, paths a namespace cannot show). */
  readonly warnings: readonly string[];
}

/** One script execution, already in libvirt's terms. */
export interface SpawnRequest {
  /** The real file to execute. */
  readonly path: string;
  /** The path libvirt would execute, for libvirt's own exec-failure text. */
  readonly libvirtPath: string;
  /** argv, argv[0] included. */
  readonly argv: readonly string[];
  /** `NAME=value` entries, the complete environment. */
  readonly env: readonly string[];
  readonly cwd: string;
  /** The bytes written to stdin before closing it; null means stdin is /dev/null. */
  readonly stdin: Buffer | null;
  readonly limits: SpawnLimits;
  /** Command doubles; absent: every command runs for real and nothing is intercepted. */
  readonly doubles?: SpawnDoubles;
}

/** A process seen in /proc. */
export interface ProcessInfo {
  /** As the hook saw it (inside the PID namespace in `pid-namespace` mode). */
  readonly pid: number;
  readonly command: string;
}

/** What happened, as data; nothing here is interpreted in libvirt's terms yet. */
export interface SpawnResult {
  readonly exitCode: number | null;
  readonly signal: number | null;
  /** errno name when execve itself failed (no hook process ever ran). */
  readonly execErrno: string | null;
  /** The platform's strerror text for execErrno, when known. */
  readonly execMessage: string | null;
  readonly stdout: Buffer;
  readonly stderr: Buffer;
  readonly durationMs: number;
  readonly timedOut: boolean;
  readonly outputCapped: 'stdout' | 'stderr' | null;
  readonly lingering: { readonly afterExitMs: number; readonly holders: readonly ProcessInfo[] } | null;
  readonly survivors: readonly ProcessInfo[];
  /** Present when the request had doubles. */
  readonly doubles?: DoublesOutcome;
}

/** Runs script requests under one isolation mechanism. */
export interface HookSpawner {
  readonly isolation: IsolationMechanism;
  spawn(request: SpawnRequest): Promise<SpawnResult>;
  /** Kills everything still running and releases helpers. */
  dispose(): Promise<void>;
}
