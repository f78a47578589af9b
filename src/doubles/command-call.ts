import type { CommandReply } from './doubles-config.js';

/** One command a hook ran that virthook intercepted, as it happened. */
export interface CommandCall {
  /** The script that ran it (`network`, `network.d/10-nat`), as in ScriptRun.hook. */
  readonly script: string;
  /** The double that answered (`iptables`, `/usr/sbin/ip`), or the bare name of a refused command. */
  readonly command: string;
  /** The path that was executed (`/sbin/iptables`); argv[0] itself is not visible to a script's interpreter. */
  readonly path: string;
  /** The arguments, argv[1..]. */
  readonly argv: readonly string[];
  /** What the caller redirected into it; null when it inherited its caller's stdin (then it is left unread). */
  readonly stdin: Buffer | null;
  /** Its complete environment, `NAME=value`, in execve order. */
  readonly env: readonly string[];
  readonly cwd: string;
  /** `double`: answered by a double; `refused`: strict mode refused it (exit 127). */
  readonly outcome: 'double' | 'refused';
  readonly reply: CommandReply;
  /** Milliseconds since the runner started (orders calls across scripts). */
  readonly atMs: number;
}

/** Something a hook did that a test should fail on, although the hook call itself may have succeeded. */
export interface DoublesViolation {
  /** `undoubled-command` (strict mode) or `libvirt-callback` (virsh or libvirt's socket). */
  readonly kind: 'undoubled-command' | 'libvirt-callback';
  readonly script: string;
  /** The command name, or the socket path connected to. */
  readonly command: string;
  /** What happened, why it matters and what to do. */
  readonly message: string;
}

/** The command line as a person reads it: `iptables -t nat -A PREROUTING` (arguments with blanks quoted). */
export function describeCommandCall(call: Pick<CommandCall, 'path' | 'argv'>): string {
  const name = call.path.slice(call.path.lastIndexOf('/') + 1);
  return [name, ...call.argv.map((a) => (a === '' || /[\s'"\\$`]/.test(a) ? `'${a.replaceAll("'", "'\\''")}'` : a))].join(' ');
}
