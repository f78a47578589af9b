import { realpathSync } from 'node:fs';
import type { MountOp } from '../doubles/plan-namespace.js';
import { VirthookError } from '../errors/virthook-error.js';
import { DoublesSlot } from './doubles-slot.js';
import { encodeFrame, type Frame, FrameDecoder } from './frame-codec.js';
import type { ProcessInfo, SpawnRequest, SpawnResult } from './hook-spawner.js';
import { launchProcess, type LaunchedProcess } from './spawn-hook.js';
import { spawnWithDoubles } from './spawn-with-doubles.js';
import { SUPERVISOR_PROGRAM } from './supervisor-program.js';

/** The two mechanisms that run hooks under the Python supervisor. */
export type SupervisorMechanism = 'pid-namespace' | 'subreaper';

/** How one supervisor is started. */
export interface SupervisorLaunch {
  readonly mechanism: SupervisorMechanism;
  /**
   * `pid-namespace` only: create a user namespace first that maps the caller to root in it
   * (`unshare --user --map-root-user`), so that an unprivileged user gets the PID and mount
   * namespaces too. Hooks then run as uid 0 inside (as under libvirtd); outside, they are the caller.
   */
  readonly userNamespace: boolean;
}

/** `pid-namespace`, `pid-namespace (user namespace)` or `subreaper`: how messages name a launch. */
export function describeLaunch(launch: SupervisorLaunch): string {
  return launch.userNamespace ? `${launch.mechanism} (user namespace)` : launch.mechanism;
}

/** How long dispose() waits for a clean exit before SIGKILL. */
const DISPOSE_GRACE_MS = 2_000;
const STDERR_KEEP_BYTES = 4_096;
/** Extra time, beyond the request's own limits, before a silent supervisor is presumed stuck. */
const WATCHDOG_SLACK_MS = 10_000;

function command(launch: SupervisorLaunch, python: string): [string, string[]] {
  const program = [python, '-I', '-S', '-c', SUPERVISOR_PROGRAM, launch.mechanism];
  if (launch.mechanism === 'subreaper') return [python, program.slice(1)];
  // An unprivileged caller may create a user namespace, and in it the PID and mount namespaces.
  const user = launch.userNamespace ? ['--user', '--map-root-user'] : [];
  // --propagation unchanged keeps hook mounts visible to the host, like under libvirtd (as root; a
  // user namespace's mounts never propagate back); only the new /proc is private.
  return ['unshare', [...user, '--pid', '--fork', '--kill-child', '--mount-proc', '--propagation', 'unchanged', ...program]];
}

/** One running supervisor; it runs one script at a time. */
export class Supervisor {
  private readonly decoder = new FrameDecoder();
  private readonly waiting: Array<{ resolve(frame: Frame): void; reject(error: Error): void }> = [];
  private stderr = '';
  private gone = false;
  /** virthook itself sent the SIGKILL (watchdog, dispose): any other one came from a hook. */
  private killedByUs = false;
  /** SIGKILL from elsewhere: a hook killed its parent, as `kill -9 $PPID` would kill libvirtd. */
  private killedByHook = false;
  /** Where this supervisor's command doubles answer from, created on first use. */
  private slot: Promise<DoublesSlot> | null = null;

  /** The interpreter's resolved path (skips a version-manager shim when starting more supervisors). */
  python = '';

  private constructor(readonly launch: SupervisorLaunch, private readonly child: LaunchedProcess) {
    child.stdout.on('data', (chunk: Buffer) => {
      for (const frame of this.decoder.push(chunk)) this.waiting.shift()?.resolve(frame);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-STDERR_KEEP_BYTES);
    });
    void child.exited.then((signal) => {
      this.gone = true;
      this.killedByHook = signal === 'SIGKILL' && !this.killedByUs;
      const reason = this.stderr.trim() || 'it exited';
      for (const waiter of this.waiting.splice(0)) waiter.reject(new Error(reason));
    });
  }

  /** Whether the helper process is still there. */
  get alive(): boolean {
    return !this.gone;
  }

  /**
   * Starts a supervisor and waits for its ready frame.
   * @throws Error with the reason when the mechanism is unavailable (no unshare rights, no python3...).
   */
  static async start(launch: SupervisorLaunch, python: string): Promise<Supervisor> {
    const [file, args] = command(launch, python);
    const supervisor = new Supervisor(launch, launchProcess(file, args));
    const ready: Pick<Frame, 'header'> = await supervisor.next().catch((error: Error) => ({ header: { ready: false, reason: error.message } }));
    if (ready.header.ready !== true) {
      await supervisor.dispose();
      throw new Error(String(ready.header.reason ?? 'no ready message'));
    }
    supervisor.python = typeof ready.header.python === 'string' && ready.header.python !== '' ? ready.header.python : python;
    return supervisor;
  }

  private next(): Promise<Frame> {
    if (this.gone) return Promise.reject(new Error(this.stderr.trim() || 'the supervisor is gone'));
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /**
   * Runs one script request (with its command doubles, if any).
   * @param withoutNamespace why a `subreaper` supervisor has no mount namespace (for the PATH fallback's notice)
   */
  async spawn(request: SpawnRequest, withoutNamespace: string): Promise<SpawnResult> {
    if (request.doubles === undefined) return this.run(request, null);
    this.slot ??= DoublesSlot.create(realpathSync(this.python));
    return spawnWithDoubles(request, await this.slot, {
      withoutNamespace: this.launch.mechanism === 'pid-namespace' ? null : withoutNamespace,
      prepareNamespace: (key, ops) => this.prepareNamespace(key, ops),
      spawn: (spawned, namespace) => this.run(spawned, namespace),
    });
  }

  /** Builds a mount namespace in the supervisor; null when ready, else why not. */
  private async prepareNamespace(key: string, ops: readonly MountOp[]): Promise<string | null> {
    const reply = this.next();
    this.child.stdin.write(encodeFrame({ prepare: key, ops }));
    let frame: Frame;
    try {
      frame = await reply;
    } catch (error) {
      throw new VirthookError('INTERNAL', `Failed to set up command doubles: the hook supervisor stopped (${(error as Error).message}).`, { cause: error });
    }
    return frame.header.prepared === true ? null : String(frame.header.reason ?? 'no reason given');
  }

  private async run(request: SpawnRequest, namespace: string | null): Promise<SpawnResult> {
    const header = {
      path: request.path, libvirtPath: request.libvirtPath, argv: request.argv, env: request.env, cwd: request.cwd,
      stdin: request.stdin !== null, cap: request.limits.maxOutputBytes, timeout: request.limits.timeoutMs,
      grace: request.limits.lingerGraceMs, killDelay: request.limits.forceKillAfterMs, namespace,
    };
    const reply = this.next();
    this.child.stdin.write(encodeFrame(header, request.stdin ?? undefined));
    // The supervisor enforces every limit itself; this only guards against the supervisor hanging.
    const { timeoutMs, lingerGraceMs, forceKillAfterMs } = request.limits;
    const watchdog = setTimeout(() => this.kill(), timeoutMs + lingerGraceMs + 2 * forceKillAfterMs + WATCHDOG_SLACK_MS);
    let frame: Frame;
    try {
      frame = await reply;
    } catch (error) {
      if (this.killedByHook) {
        throw new VirthookError('HOOK_KILLED_SUPERVISOR', `Failed to run hook ${request.path}: its parent, virthook's hook supervisor (in libvirtd's place), was killed by SIGKILL while it ran. A hook that kills its parent (kill -9 $PPID) kills libvirtd on a real host; no exit status could be collected.`, { cause: error });
      }
      throw new VirthookError('INTERNAL', `Failed to run hook ${request.path}: the hook supervisor stopped (${(error as Error).message}).`, { cause: error });
    } finally {
      clearTimeout(watchdog);
    }
    const h = frame.header;
    if (typeof h.error === 'string') {
      throw new VirthookError('OPTIONS_INVALID', `Failed to run hook ${request.path}: ${h.error}. Check the runner's cwd option.`);
    }
    const stdoutLength = Number(h.stdoutLength);
    return {
      exitCode: h.exitCode as number | null,
      signal: h.signal as number | null,
      execErrno: h.execErrno as string | null,
      execMessage: h.execMessage as string | null,
      stdout: frame.payload.subarray(0, stdoutLength),
      stderr: frame.payload.subarray(stdoutLength),
      durationMs: Number(h.durationMs),
      timedOut: h.timedOut === true,
      outputCapped: h.outputCapped as SpawnResult['outputCapped'],
      lingering: h.lingering as SpawnResult['lingering'],
      survivors: h.survivors as ProcessInfo[],
    };
  }

  private kill(): void {
    this.killedByUs = true;
    this.child.kill('SIGKILL');
  }

  /** Closes the supervisor's stdin (it kills whatever runs and exits), then SIGKILLs if it lingers. */
  async dispose(): Promise<void> {
    if (!this.gone) {
      this.child.stdin.end();
      const timer = setTimeout(() => this.kill(), DISPOSE_GRACE_MS);
      await this.child.exited;
      clearTimeout(timer);
    }
    const slot = this.slot;
    this.slot = null;
    await (await slot?.catch(() => null))?.dispose();
  }
}
