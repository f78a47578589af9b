import { copyFileSync, chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Session, SessionStep } from '../../src/harness/session.js';
import { FIXTURE_HOOKS } from '../runner/hooks-dir.js';
import { isRecord, ORACLE_DIR, readTrace, type TranscriptSegment } from '../support/oracle.js';
import type { RecorderHooks } from '../support/recorder-hooks.js';
import { virshLineToCommand } from '../support/virsh-line.js';

/** What one hook run saw: its script as libvirt names it, argv[1..4], environment, cwd and stdin. */
export interface ObservedRun {
  readonly script: string;
  readonly argv: readonly string[];
  readonly env: readonly string[];
  readonly cwd: string;
  readonly stdin: string;
}

/** The scripts of the oracle's hooks directory (recorder.py under each name). */
export const ORACLE_SCRIPTS = ['network', 'network.d/10-first', 'network.d/20-second', 'qemu', 'daemon'];

/** Puts a single-behaviour fixture (or, with null, the recorder again) in place of the main network script. */
export function installMainScript(hooks: RecorderHooks, fixtureName: string | null): void {
  const target = join(hooks.dir, 'network');
  copyFileSync(fixtureName === null ? join(ORACLE_DIR, '..', 'recorder', 'recorder.py') : join(FIXTURE_HOOKS, fixtureName), target);
  chmodSync(target, 0o755);
}

/**
 * What the recorder hooks themselves observed during `steps` (their JSON line on stdout), in run
 * order; scripts that are not the recorder (a single-behaviour fixture) are left out.
 */
export function observedRuns(steps: readonly SessionStep[]): ObservedRun[] {
  return steps.flatMap((step) => step.calls.flatMap((call) => call.scripts)).flatMap((run) => {
    const line = run.stdout.toString('utf8').split('\n')[0]!;
    if (!line.startsWith('{"argv"')) return [];
    const seen = JSON.parse(line) as Omit<ObservedRun, 'script'>;
    return [{ script: `/etc/libvirt/hooks/${run.hook}`, argv: seen.argv, env: seen.env, cwd: seen.cwd, stdin: seen.stdin }];
  });
}

interface TraceRun {
  readonly argv: readonly string[];
  readonly env: readonly string[];
  readonly cwd: string;
  readonly stdin_text?: string | null;
  readonly stdin_ref?: string;
  readonly phase?: string;
  readonly rule?: Record<string, unknown>;
}

/**
 * The runs a real libvirtd made between the marker starting with `from` and the one starting with
 * `to` (end of trace when absent), other markers ignored; `keep` drops runs (e.g. the ones a
 * fixture replaced the recorder for). Big stdin stored by reference is read back.
 */
export function recordedRuns(trace: string, from: string, to?: string, keep: (rule: Record<string, unknown>) => boolean = () => true): ObservedRun[] {
  const lines = readTrace(trace);
  const start = lines.findIndex((l) => !isRecord(l) && l.marker.startsWith(from));
  if (start < 0) throw new Error(`no marker ${from} in ${trace}`);
  const rest = lines.slice(start + 1);
  const stop = to === undefined ? -1 : rest.findIndex((l) => !isRecord(l) && l.marker.startsWith(to));
  return (stop < 0 ? rest : rest.slice(0, stop))
    .filter(isRecord)
    .map((r) => r as unknown as TraceRun)
    .filter((r) => r.phase === 'begin' && keep(r.rule ?? {}))
    .map((r) => ({
      script: r.argv[0]!,
      argv: r.argv.slice(1),
      env: r.env,
      cwd: r.cwd,
      // A hook that skipped stdin recorded none; the recorder replica then reports ''.
      stdin: r.stdin_ref ? readFileSync(join(ORACLE_DIR, 'traces', r.stdin_ref), 'utf8') : (r.stdin_text ?? ''),
    }));
}

/** A transcript command replayed on a session, with what virsh printed in the recording. */
export interface ReplayedCommand {
  readonly line: string;
  /** virsh's recorded output and exit code. */
  readonly expected: { readonly text: string; readonly rc: number };
  /** What the simulated virsh printed, in the same shape. */
  readonly actual: { readonly text: string; readonly rc: number };
  readonly step: SessionStep;
}

/**
 * Replays the recorded virsh commands of `segments` that the simulator models, in order, giving
 * the recorders the rules in force; `mainFor` names the single-behaviour fixture standing in for
 * the main network script when a rule asks for something recorder.py's replica cannot do (a
 * background child, a signal death), null for the recorder itself.
 */
export async function replayTranscript(
  session: Session,
  hooks: RecorderHooks,
  segments: readonly TranscriptSegment[],
  mainFor: (rules: readonly Record<string, unknown>[]) => string | null,
): Promise<ReplayedCommand[]> {
  const replayed: ReplayedCommand[] = [];
  for (const command of segments.flatMap((s) => s.commands)) {
    const simulated = virshLineToCommand(command.line, ORACLE_DIR);
    if (!simulated) continue;
    installMainScript(hooks, mainFor(command.rules));
    hooks.setRules(command.rules);
    const step = await session.run(simulated);
    replayed.push({
      line: command.line,
      expected: { text: command.output, rc: command.rc },
      actual: { text: step.ok ? step.output : step.error ?? '', rc: step.ok ? 0 : 1 },
      step,
    });
  }
  return replayed;
}
