import type { HookCall } from '../model/hook-call.js';
import { hookArgs } from '../model/hook-call.js';
import type { HookOutcome } from '../model/hook-outcome.js';
import type { CommandCall, DoublesViolation } from '../doubles/command-call.js';
import type { InterceptionMode, IsolationMechanism } from './hook-spawner.js';
import { findMainHookScript, type HookLayout, type HookScript, listHookDirectory } from './list-hook-scripts.js';
import { runScript, type ScriptContext, type ScriptRun } from './run-script.js';

/** A hook call's outcome plus every script run behind it. */
export interface CallResult extends HookOutcome {
  /** One entry per script that ran, in order. */
  readonly scripts: readonly ScriptRun[];
  /** How leftovers were contained during this call. */
  readonly isolation: IsolationMechanism;
  /** Every intercepted command of every script, in call order (present when the call had doubles). */
  readonly commands?: readonly CommandCall[];
  /**
   * Strict-mode refusals and calls back into libvirt. The hook call's libvirt outcome (`status`)
   * stays what the scripts' exit statuses make it; a test fails on these separately.
   */
  readonly violations?: readonly DoublesViolation[];
  /** How commands were intercepted (present when the call had doubles). */
  readonly interception?: InterceptionMode;
  /** Limits of the interception, each said once per runner (e.g. the PATH fallback). */
  readonly warnings?: readonly string[];
}

/** Everything runHookCall needs besides the call. */
export interface HookCallContext extends Omit<ScriptContext, 'argv'> {
  readonly layout: HookLayout;
  /** false models libvirt < 6.5: only the main script, exec'd without re-checking it. */
  readonly directories: boolean;
}

/** The doubles' records of a call's scripts, flattened in run order. */
function doublesOf(scripts: readonly ScriptRun[]): Pick<CallResult, 'commands' | 'violations' | 'interception' | 'warnings'> {
  const warnings = [...new Set(scripts.flatMap((s) => s.interceptionWarnings ?? []))];
  return {
    commands: scripts.flatMap((s) => s.commands ?? []),
    violations: scripts.flatMap((s) => s.violations ?? []),
    ...(scripts[0]?.interception ? { interception: scripts[0].interception } : {}),
    warnings,
  };
}

/** virCommandSetInputBuffer/virCommandSetOutputBuffer deal in C strings: bytes up to the first NUL. */
function cString(bytes: Buffer): Buffer {
  const nul = bytes.indexOf(0);
  return nul < 0 ? bytes : bytes.subarray(0, nul);
}

/** The text's UTF-8 bytes outside Buffer's shared 8 KiB pool: a recorded call keeps its stdin, which would pin whole slabs. */
function unpooledBytes(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text, 'utf8');
  return bytes;
}

/** virStringIsEmpty: NULL or nothing but c_isspace characters. */
function isBlank(bytes: Buffer | null): boolean {
  return bytes === null || bytes.every((b) => b === 0x20 || (b >= 0x09 && b <= 0x0d));
}

/**
 * virHookCall for one call: the main script `<hooks>/<driver>` first (if executable), then the
 * `<driver>.d` entries listed after it ran, in strcmp order. Every script runs even after one
 * failed; every script gets the same argv and stdin, except filter calls, where a script's
 * non-blank stdout becomes the next one's stdin while all so far succeeded. The status is 'none'
 * when nothing ran, and the error is the LAST failure's (each virReportError overwrites the previous).
 */
export async function runHookCall(call: HookCall, context: HookCallContext): Promise<CallResult> {
  const scriptContext: ScriptContext = { ...context, argv: hookArgs(call) };
  const input = call.stdin === null ? null : cString(unpooledBytes(call.stdin));
  const scripts: ScriptRun[] = [];
  let scriptRet = 1;
  let error: string | null = null;
  let output: Buffer | null = null;
  const isolation = context.spawner.isolation;
  const finish = (): CallResult => ({
    status: scriptRet === 1 ? 'none' : scriptRet === 0 ? 'ok' : 'failed',
    error,
    output: call.filter && scriptRet === 0 && output !== null && !isBlank(output) ? output.toString('utf8') : null,
    scripts,
    isolation,
    ...(context.doubles ? doublesOf(scripts) : {}),
  });
  // libvirt < 6.5 runs the path cached at daemon start without re-checking it: a vanished or
  // non-executable script then fails to exec (127/126) and vetoes.
  const main: HookScript | null = context.directories
    ? findMainHookScript(context.layout, call.driver)
    : { hook: call.driver, path: `${context.layout.hooksDir}/${call.driver}`, libvirtPath: `${context.layout.libvirtHooksDir}/${call.driver}` };
  if (main) {
    const run = await runScript(main, input, scriptContext);
    scripts.push(run);
    scriptRet = run.failure === null ? 0 : -1;
    error = run.failure ?? error;
    // The main script writes straight into the caller's output buffer, success or not.
    if (call.filter) output = cString(run.stdout);
  }
  if (!context.directories) return finish();
  const listing = listHookDirectory(context.layout, call.driver);
  if (listing.error !== null) {
    scriptRet = -1;
    error = listing.error;
    return finish();
  }
  for (const entry of listing.scripts) {
    const entryInput = call.filter && scriptRet === 0 && !isBlank(output) ? output : input;
    const run = await runScript(entry, entryInput, scriptContext);
    scripts.push(run);
    const entryRet = run.failure === null ? 0 : -1;
    scriptRet = Math.min(scriptRet, entryRet);
    error = run.failure ?? error;
    const entryOutput = cString(run.stdout);
    if (call.filter && entryRet === 0 && !isBlank(entryOutput)) output = entryOutput;
  }
  return finish();
}
