import { formatCommand } from './format-command.js';

/** What libvirt knows about a failed child when it writes its error. */
export interface HookFailureFacts {
  /** The child's environment (`NAME=value`), as passed to execve. */
  readonly env: readonly string[];
  /** argv as libvirt built it: the path libvirt executes (under /etc/libvirt/hooks), then the 4 arguments. */
  readonly argv: readonly string[];
  /** Exit status when the child exited, else null. */
  readonly exitCode: number | null;
  /** Signal number when the child was killed by a signal, else null. */
  readonly signal: number | null;
  /** Everything the child wrote to stderr. */
  readonly stderr: Uint8Array;
}

/**
 * virProcessTranslateStatus: `exit status N` or `fatal signal N`.
 */
export function translateStatus(exitCode: number | null, signal: number | null): string {
  if (signal !== null) return `fatal signal ${signal}`;
  return `exit status ${exitCode ?? 0}`;
}

/** The stderr text libvirt embeds: a C string (ends at the first NUL), one trailing newline dropped. */
function stderrText(stderr: Uint8Array): string {
  const nul = stderr.indexOf(0);
  const text = Buffer.from(stderr.buffer, stderr.byteOffset, nul < 0 ? stderr.length : nul).toString('utf8');
  // The recordings (scenario b) show exactly one trailing newline removed, inner newlines kept.
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

/**
 * The message libvirt reports when a hook script fails: virCommandWait's
 * `Child process (CMD) unexpected STATUS[: STDERR]` as an internal error, re-reported by
 * virRunScript as VIR_ERR_HOOK_SCRIPT_FAILED (`Hook script execution failed: %s`).
 */
export function formatHookFailure(facts: HookFailureFacts): string {
  const stderr = stderrText(facts.stderr);
  const status = translateStatus(facts.exitCode, facts.signal);
  const detail = stderr === '' ? '' : `: ${stderr}`;
  return `Hook script execution failed: internal error: Child process (${formatCommand(facts.env, facts.argv)}) unexpected ${status}${detail}`;
}
