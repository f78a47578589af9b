import { isUtf8 } from 'node:buffer';
import type { HookCall } from '../model/hook-call.js';
import type { RecordedInvocation } from '../model/recording.js';
import type { ScriptRun } from '../runner/run-script.js';

/** One script run as the recording keeps it (its stable JSON field names, see model/recording.ts). */
export function recordInvocation(script: ScriptRun, call: HookCall, stepIndex: number): RecordedInvocation {
  return {
    hook: script.hook,
    argv: script.argv,
    // Filter hooks chain stdout into the next script's stdin, so take what this script was given;
    // the call's own string when equal, so that 10,000 recorded calls do not keep two copies each.
    stdin: script.stdin ? sameText(script.stdin.toString('utf8'), call.stdin) : (call.stdin ?? ''),
    env: script.env,
    cwd: script.cwd,
    exitCode: script.exitCode,
    signal: script.signal,
    stdout: script.stdout.toString('utf8'),
    stderr: script.stderr.toString('utf8'),
    // The text fields cannot hold bytes that are not UTF-8: then the exact bytes go alongside.
    ...exactBytes('stdinBase64', script.stdin),
    ...exactBytes('stdoutBase64', script.stdout),
    ...exactBytes('stderrBase64', script.stderr),
    durationMs: script.durationMs,
    stepIndex,
    // Only what went wrong is added, so ordinary recordings stay as small as the contract's fields.
    ...(script.timedOut ? { timedOut: true as const, timeoutMs: script.timeoutMs } : {}),
    ...(script.outputCapped ? { outputCapped: script.outputCapped, maxOutputBytes: script.maxOutputBytes } : {}),
    ...(script.lingering ? { lingering: { afterExitMs: script.lingering.afterExitMs, holders: script.lingering.holders } } : {}),
    ...(script.survivors.length > 0 ? { survivors: script.survivors } : {}),
  };
}

/** `{ [field]: base64 }` when `bytes` are not valid UTF-8 (toString would replace them with U+FFFD), else nothing. */
function exactBytes<K extends 'stdinBase64' | 'stdoutBase64' | 'stderrBase64'>(field: K, bytes: Buffer | null): Partial<Record<K, string>> {
  if (bytes === null || isUtf8(bytes)) return {};
  return { [field]: bytes.toString('base64') } as Partial<Record<K, string>>;
}

function sameText(text: string, known: string | null): string {
  return text === known ? known : text;
}
