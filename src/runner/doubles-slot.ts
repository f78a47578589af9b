import { chmodSync, copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { pid } from 'node:process';
import { type CommandCall, describeCommandCall, type DoublesViolation } from '../doubles/command-call.js';
import type { CommandDoubles } from '../doubles/command-doubles.js';
import type { CommandReply } from '../doubles/doubles-config.js';
import type { Interception } from '../doubles/intercepted-commands.js';
import { LIBVIRT_SOCKET_DIRS, LIBVIRT_SOCKET_NAMES } from '../doubles/libvirt-sockets.js';
import type { ShimView } from '../doubles/plan-namespace.js';
import { decodeShimRequest, encodeShimReply, type ShimRequest } from '../doubles/shim-protocol.js';
import { shimProgram } from '../doubles/shim-program.js';
import { libvirtCallbackMessage, refusalMessage, refusalStderr } from '../doubles/violation-messages.js';

const SLOT_PREFIX = 'virthook-doubles-';

/** The script run a slot answers for, while it runs. */
export interface SlotRun {
  readonly script: string;
  readonly doubles: CommandDoubles;
  /** What answers an executed path (null: nothing planned for it). */
  resolve(path: string): Interception | null;
}

/** What a run's doubles saw. */
export interface SlotRecord {
  readonly commands: readonly CommandCall[];
  readonly violations: readonly DoublesViolation[];
}

/** Unix socket paths are limited to 107 bytes (sun_path). */
const MAX_SOCKET_PATH = 107;

/**
 * The private directory one runner slot (a supervisor, or one direct spawn) answers doubles from:
 * the shim (its `#!` names the interpreter, its body this slot's socket), the views of shim links,
 * the control socket the shims call and, when libvirt callbacks are flagged, listeners standing
 * in for libvirt's sockets. One script runs per slot at a time, so every call belongs to `current`.
 */
export class DoublesSlot {
  readonly shim: string;
  readonly viewRoot: string;
  /** Namespace keys the slot's supervisor has built. */
  readonly prepared = new Set<string>();
  /** Why this slot's supervisor could not build a namespace (then the slot uses PATH). */
  namespaceFailure: string | null = null;
  private current: (SlotRun & { commands: CommandCall[]; violations: DoublesViolation[] }) | null = null;
  private readonly servers: Server[] = [];
  private libvirtSockets: Promise<Map<string, string>> | null = null;
  private readonly views = new Set<string>();
  private readonly plans = new Map<string, unknown>();

  private constructor(readonly dir: string, readonly interpreter: string) {
    this.shim = join(dir, 'shim');
    this.viewRoot = join(dir, 'views');
  }

  /** Creates the directory, writes the shim and starts the control socket. */
  static async create(interpreter: string): Promise<DoublesSlot> {
    // The owner's pid in the name: whoever sees that process die can remove what it left (removeLeftBy).
    const slot = new DoublesSlot(mkdtempSync(join(tmpdir(), `${SLOT_PREFIX}${pid}-`)), interpreter);
    try {
      const control = join(slot.dir, 'control.sock');
      if (Buffer.byteLength(control) > MAX_SOCKET_PATH) throw new Error(`the socket path ${control} is too long; set TMPDIR to a shorter directory`);
      mkdirSync(slot.viewRoot);
      writeFileSync(slot.shim, shimProgram(interpreter, control));
      chmodSync(slot.shim, 0o755);
      chmodSync(slot.dir, 0o755);
      await slot.listen(control, (socket) => slot.serve(socket));
      return slot;
    } catch (error) {
      await slot.dispose();
      throw error;
    }
  }

  /** Listening sockets standing in for libvirt's (name -> path), started on first use. */
  libvirtListeners(): Promise<Map<string, string>> {
    this.libvirtSockets ??= (async () => {
      const dir = join(this.dir, 'libvirt');
      mkdirSync(dir, { recursive: true });
      const sockets = new Map<string, string>();
      for (const name of LIBVIRT_SOCKET_NAMES) {
        const path = join(dir, name);
        await this.listen(path, (socket) => this.libvirtConnection(name, socket));
        sockets.set(name, path);
      }
      return sockets;
    })();
    return this.libvirtSockets;
  }

  /** Creates each view once: a directory of hard links (or copies) of the shim. */
  materialize(views: readonly ShimView[]): void {
    for (const view of views) {
      if (this.views.has(view.dir) || existsSync(view.dir)) {
        this.views.add(view.dir);
        continue;
      }
      const staging = `${view.dir}.tmp`;
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging);
      for (const name of view.names) this.placeShim(join(staging, name));
      renameSync(staging, view.dir);
      this.views.add(view.dir);
    }
  }

  private placeShim(target: string): void {
    try {
      linkSync(this.shim, target);
    } catch {
      // No hard links on this file system: a copy answers the same.
      copyFileSync(this.shim, target);
      chmodSync(target, 0o755);
    }
  }

  /** A plan computed once per key (planning reads every bin directory; a script run should not). */
  plan<T>(key: string, build: () => T): T {
    if (!this.plans.has(key)) this.plans.set(key, build());
    return this.plans.get(key) as T;
  }

  /** Starts answering for one script run. */
  begin(run: SlotRun): void {
    this.current = { ...run, commands: [], violations: [] };
  }

  /** Stops answering (late calls get exit 127) and returns what the run's doubles saw. */
  end(): SlotRecord {
    const run = this.current;
    this.current = null;
    return { commands: run?.commands ?? [], violations: run?.violations ?? [] };
  }

  /** Removes the slot directories a process that died without disposing them left (a killed pool worker). */
  static removeLeftBy(owner: number): void {
    const prefix = `${SLOT_PREFIX}${owner}-`;
    try {
      for (const name of readdirSync(tmpdir()).filter((entry) => entry.startsWith(prefix))) {
        rmSync(join(tmpdir(), name), { recursive: true, force: true });
      }
    } catch {
      // Best effort: a directory that cannot be listed or removed must not fail the run that noticed the death.
    }
  }

  async dispose(): Promise<void> {
    this.current = null;
    await Promise.all(this.servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private listen(path: string, handle: (socket: Socket) => void): Promise<void> {
    const server = createServer({ allowHalfOpen: true }, handle);
    this.servers.push(server);
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => resolve());
    });
  }

  private serve(socket: Socket): void {
    const chunks: Buffer[] = [];
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      const request = decodeShimRequest(Buffer.concat(chunks));
      const reply: CommandReply = request === null
        ? { stdout: '', stderr: 'virthook: a command double sent a malformed request\n', exitCode: 127 }
        : this.answer(request);
      socket.end(encodeShimReply(reply));
    });
  }

  private answer(request: ShimRequest): CommandReply {
    const run = this.current;
    if (run === null) return { stdout: '', stderr: `virthook: ${request.path} ran after its hook finished; no double answers it.\n`, exitCode: 127 };
    const name = posix.basename(request.path);
    // Only a path outside the plan gets here (a plan bug): refuse it in strict mode, else spy on it.
    const interception = run.resolve(request.path)
      ?? { command: name, double: run.doubles.config.strict ? null : { command: name, replies: [], libvirtClient: false } };
    const line = describeCommandCall({ path: request.path, argv: request.args });
    let reply: CommandReply;
    if (interception.double === null) {
      reply = { stdout: '', stderr: refusalStderr(name), exitCode: 127 };
      run.violations.push({ kind: 'undoubled-command', script: run.script, command: name, message: refusalMessage(run.script, line, name) });
    } else {
      reply = run.doubles.answer(interception.double, request.args).reply;
      if (interception.double.libvirtClient && run.doubles.config.libvirtCallbacks === 'flag') {
        run.violations.push({ kind: 'libvirt-callback', script: run.script, command: name, message: libvirtCallbackMessage(run.script, `ran ${line}`) });
      }
    }
    run.commands.push({
      script: run.script, command: interception.command, path: request.path, argv: request.args, stdin: request.stdin,
      env: request.env, cwd: request.cwd, outcome: interception.double === null ? 'refused' : 'double', reply, atMs: performance.now(),
    });
    return reply;
  }

  private libvirtConnection(name: string, socket: Socket): void {
    const run = this.current;
    if (run !== null && run.doubles.config.libvirtCallbacks === 'flag') {
      const path = `${LIBVIRT_SOCKET_DIRS[0]}/${name}`;
      run.violations.push({ kind: 'libvirt-callback', script: run.script, command: path, message: libvirtCallbackMessage(run.script, `connected to ${path}`) });
    }
    // The client sees the connection drop instead of the hang a real daemon would cause.
    socket.on('error', () => {});
    socket.destroy();
  }
}
