/**
 * The JSON recording of a run. Field names are a contract other tools read: keep them stable.
 */
export interface RecordedInvocation {
  /** `network`, `network.d/NAME`, `qemu`, ... relative to the hooks directory. */
  readonly hook: string;
  /** argv[1..4]. */
  readonly argv: readonly [string, string, string, string];
  /** The exact stdin given ('' for /dev/null). */
  readonly stdin: string;
  /** `K=V` in the order libvirt built them. */
  readonly env: readonly string[];
  readonly cwd: string;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
  /** Index into `steps` of the step that caused this call. */
  readonly stepIndex: number;
  /** Present when virthook stopped the script at its timeout (a real libvirtd would still be waiting). */
  readonly timedOut?: true;
  /** Present when the script exceeded the output cap on this stream and was stopped. */
  readonly outputCapped?: 'stdout' | 'stderr';
  /** Present when descendants held stdout/stderr after the script exited (a real libvirtd blocks until they exit). */
  readonly lingering?: { readonly afterExitMs: number; readonly holders: readonly { readonly pid: number; readonly command: string }[] };
  /** Present when descendants outlived the script with their stdio elsewhere (virthook killed them; libvirt would not). */
  readonly survivors?: readonly { readonly pid: number; readonly command: string }[];
}

export interface RecordedStep {
  /** The step as written, e.g. `net-start lvo-nat`. */
  readonly step: string;
  readonly ok: boolean;
  /** virsh's stderr for a failed step (`error: Failed to start network X\nerror: ...`), else null. */
  readonly error: string | null;
  /**
   * What libvirt logged during the step, in order: a replay or autostart that failed and was
   * ignored, a vanished bridge, a firewalld reload (no hook runs) ... Absent in older recordings.
   */
  readonly logs?: readonly string[];
}

export interface Recording {
  readonly invocations: readonly RecordedInvocation[];
  readonly steps: readonly RecordedStep[];
}
