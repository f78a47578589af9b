/**
 * The JSON recording of a run. Field names are a contract other tools read: keep them stable.
 */
export interface RecordedInvocation {
  /** `network`, `network.d/NAME`, `qemu`, ... relative to the hooks directory. */
  readonly hook: string;
  /** argv[1..4]. */
  readonly argv: readonly [string, string, string, string];
  /** The stdin given ('' for /dev/null), decoded as UTF-8 (see `stdinBase64` for bytes that are not). */
  readonly stdin: string;
  /** `K=V` in the order libvirt built them. */
  readonly env: readonly string[];
  readonly cwd: string;
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** Decoded as UTF-8: an invalid sequence reads as U+FFFD here, and `stdoutBase64` holds the exact bytes. */
  readonly stdout: string;
  /** Decoded as UTF-8: an invalid sequence reads as U+FFFD here, and `stderrBase64` holds the exact bytes. */
  readonly stderr: string;
  /** The exact stdin bytes, base64; present only when they are not valid UTF-8 (a filter hook's chained output). */
  readonly stdinBase64?: string;
  /** The exact stdout bytes, base64; present only when they are not valid UTF-8. */
  readonly stdoutBase64?: string;
  /** The exact stderr bytes, base64; present only when they are not valid UTF-8. */
  readonly stderrBase64?: string;
  readonly durationMs: number;
  /** Index into `steps` of the step that caused this call. */
  readonly stepIndex: number;
  /** Present when virthook stopped the script at its timeout (a real libvirtd would still be waiting). */
  readonly timedOut?: true;
  /** With `timedOut`: the timeout it ran under, in milliseconds. */
  readonly timeoutMs?: number;
  /** Present when the script exceeded the output cap on this stream and was stopped. */
  readonly outputCapped?: 'stdout' | 'stderr';
  /** With `outputCapped`: the cap per stream it ran under, in bytes. */
  readonly maxOutputBytes?: number;
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
