import { describeInvocation } from '../assertions/match-call.js';
import type { ProfileRun } from '../scenario/scenario-result.js';
import type { AnsiStyle } from './ansi-style.js';
import { describeExit } from './hook-command-line.js';
import { virthookStopOf } from '../runner/stopped-by-virthook.js';

/** Steps shown before the failing one; earlier ones are summarised in one line. */
const MAX_STEPS = 8;

/**
 * A short timeline of a run up to (and including) `lastStep`: each step with its outcome, the
 * scripts it ran and what libvirt logged, the way an admin would retrace it.
 */
export function timelineLines(run: ProfileRun, lastStep: number, style: AnsiStyle): string[] {
  const steps = run.steps.slice(0, lastStep + 1);
  const shown = steps.slice(-MAX_STEPS);
  const lines: string[] = [];
  if (shown.length < steps.length) lines.push(style.dim(`… ${steps.length - shown.length} earlier steps`));
  for (const step of shown) {
    const invocations = run.recording.invocations.filter((i) => i.stepIndex === step.index);
    const stopped = invocations.some((i) => virthookStopOf(i) !== null);
    const outcome = step.ok ? style.green('ok') : style.red(step.vetoed ? 'failed (vetoed by a hook)' : stopped ? 'failed (virthook stopped a hook)' : 'failed');
    lines.push(`${step.index + 1}. ${step.step}  ${outcome}`);
    for (const invocation of invocations) {
      const exit = describeExit(invocation);
      const ending = invocation.lingering ? style.red(`${exit}, its stdout/stderr held open after it exited`) : invocation.exitCode === 0 ? style.dim(exit) : style.red(exit);
      lines.push(`     ${describeInvocation(invocation)}  ${ending}`);
    }
    // What libvirt logged and went on with: a failed replay or autostart, a firewalld reload (no hook).
    for (const log of step.logs ?? []) lines.push(`     ${style.yellow('libvirt logged:')} ${log}`);
  }
  return lines;
}
