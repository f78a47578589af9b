/**
 * How virthook guarantees that nothing a hook started outlives its call:
 * - `pid-namespace`: hooks run under a supervisor that is PID 1 of its own PID namespace, so
 *   kill(-1) reaches every descendant, whatever it did (setsid, double fork). Needs root (or
 *   CAP_SYS_ADMIN), `unshare` and python3.
 * - `subreaper`: the supervisor is a child subreaper; orphans are reparented to it and hunted
 *   through /proc. Needs python3 only.
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
}

/** Runs script requests under one isolation mechanism. */
export interface HookSpawner {
  readonly isolation: IsolationMechanism;
  spawn(request: SpawnRequest): Promise<SpawnResult>;
  /** Kills everything still running and releases helpers. */
  dispose(): Promise<void>;
}
