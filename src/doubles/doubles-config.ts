/** What a double answers to one call: written to the caller's stdout/stderr, then it exits. */
export interface CommandReply {
  readonly stdout: string;
  readonly stderr: string;
  /** 0-255. */
  readonly exitCode: number;
}

/** One scripted answer; the first rule that matches a call and has uses left answers it. */
export interface ReplyRule {
  /** Matches when the call's arguments (argv[1..]) are exactly these. */
  readonly argv?: readonly string[];
  /** Matches when this regular expression (JavaScript, `u` flag) finds the arguments joined by single spaces. */
  readonly matches?: string;
  /** How many calls this rule answers before it is used up; unlimited when absent. */
  readonly times?: number;
  readonly reply: CommandReply;
}

/** One command replaced by a double. */
export interface CommandDouble {
  /**
   * `iptables` (a name: intercepted in every bin directory and on the hook's PATH) or an absolute
   * path `/usr/sbin/ip` (intercepted at that path, and found by PATH lookups that reach it).
   */
  readonly command: string;
  /** Tried in order; a call no rule answers gets exit status 0 and no output. */
  readonly replies: readonly ReplyRule[];
  /** A libvirt client (virsh, virt-admin, ...): calling it from a hook deadlocks a real libvirtd. */
  readonly libvirtClient: boolean;
}

/**
 * What to do when a hook calls back into libvirt (virsh or libvirt's sockets): `flag` records a
 * violation (the call would deadlock a real daemon), `allow` treats virsh as an ordinary double.
 */
export type LibvirtCallbacks = 'flag' | 'allow';

/** A validated doubles section, defaults applied (see normalizeDoubles). */
export interface DoublesConfig {
  /** Every double, built-in ones (virsh, logger) included unless turned off. */
  readonly commands: readonly CommandDouble[];
  /** Commands that are neither doubled nor allowed fail (exit 127) and are reported. */
  readonly strict: boolean;
  /** Command names strict mode lets run for real, on top of DEFAULT_ALLOWED_COMMANDS. */
  readonly allow: readonly string[];
  readonly libvirtCallbacks: LibvirtCallbacks;
}
