/** Why virthook, not the hook, ended a script run: libvirt itself has no limit (virCommandRun). */
export type VirthookStop =
  | { readonly reason: 'timeout'; readonly timeoutMs: number }
  | { readonly reason: 'output-cap'; readonly stream: 'stdout' | 'stderr'; readonly maxOutputBytes: number };

/** What a ScriptRun or a recorded invocation says about its limits. */
export interface StopFields {
  readonly timedOut?: boolean;
  readonly outputCapped?: 'stdout' | 'stderr' | null;
  readonly timeoutMs?: number;
  readonly maxOutputBytes?: number;
}

/**
 * How virthook stopped a script, or null when the script ended by itself (the limits of an old
 * recording without `timeoutMs`/`maxOutputBytes` are shown as unknown: 0 stands for it).
 */
export function virthookStopOf(run: StopFields): VirthookStop | null {
  if (run.timedOut) return { reason: 'timeout', timeoutMs: run.timeoutMs ?? 0 };
  if (run.outputCapped) return { reason: 'output-cap', stream: run.outputCapped, maxOutputBytes: run.maxOutputBytes ?? 0 };
  return null;
}

/** `stopped by virthook after the 2 s timeout`, `stopped by virthook at the output cap (65536 bytes of stdout)`: how a script ended, in a word. */
export function stopSummary(stop: VirthookStop): string {
  if (stop.reason === 'timeout') {
    return `stopped by virthook after ${stop.timeoutMs > 0 ? `the ${Number((stop.timeoutMs / 1000).toFixed(3))} s timeout` : 'its timeout'}`;
  }
  return `stopped by virthook at the output cap (${stop.maxOutputBytes > 0 ? `${stop.maxOutputBytes} bytes of ${stop.stream}` : stop.stream})`;
}

/**
 * stopSummary and what it means for a real host: `...: a real libvirtd would still be waiting
 * (libvirt has no timeout)` or `...: a real libvirtd would keep reading`. This is virthook's
 * verdict, never the hook's: virCommandRun would wait or read on for ever.
 */
export function stoppedByVirthook(stop: VirthookStop): string {
  const consequence = stop.reason === 'timeout' ? 'a real libvirtd would still be waiting (libvirt has no timeout)' : 'a real libvirtd would keep reading';
  return `${stopSummary(stop)}: ${consequence}`;
}
