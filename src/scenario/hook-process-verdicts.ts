import { describeInvocation } from '../assertions/match-call.js';
import type { RecordedInvocation, Recording } from '../model/recording.js';
import { stoppedByVirthook, virthookStopOf } from '../runner/stopped-by-virthook.js';
import type { ScenarioStep } from './scenario.js';
import type { ScenarioFailure, ScenarioWarning } from './scenario-result.js';

/** What the script runs of a recording say about the run, besides its expectations. */
export interface HookProcessVerdicts {
  /** One per script that hung a real libvirtd (stopped at the timeout or the output cap, or a pipe held after exit). */
  readonly failures: readonly ScenarioFailure[];
  /** One per script that left descendants running with their stdio elsewhere. */
  readonly warnings: readonly ScenarioWarning[];
}

const processes = (list: readonly { readonly pid: number; readonly command: string }[]) => list.map((p) => `${p.pid} (${p.command})`).join(', ') || 'a descendant';

/** Why this script run fails the scenario, or null. */
function hangOf(invocation: RecordedInvocation): string | null {
  const stop = virthookStopOf(invocation);
  if (stop) return `the hook was ${stoppedByVirthook(stop)}`;
  if (!invocation.lingering) return null;
  // virCommandProcessIO reads stdout/stderr until EOF: the call returns when the last holder exits.
  const { holders, afterExitMs } = invocation.lingering;
  return `the hook exited, but ${processes(holders)} kept its stdout/stderr open: a real libvirtd would block here until they exit (virthook stopped waiting ${afterExitMs} ms after the exit and killed them)`;
}

/**
 * The verdicts virthook gives on the hook processes themselves, whatever a step expects: a script
 * virthook had to stop (timeout, output cap) or whose descendants kept its pipes open after it
 * exited fails the scenario, since a real libvirtd would hang on it; descendants that outlived it
 * with their stdio elsewhere are warnings (libvirt does not wait for them). `steps` are the
 * scenario's, indexed as the recording's `stepIndex`.
 */
export function hookProcessVerdicts(steps: readonly ScenarioStep[], recording: Recording): HookProcessVerdicts {
  const failures: ScenarioFailure[] = [];
  const warnings: ScenarioWarning[] = [];
  recording.invocations.forEach((invocation, index) => {
    const step = steps[invocation.stepIndex];
    const at = { stepIndex: invocation.stepIndex, path: step?.path ?? `steps[${invocation.stepIndex}]`, ...(step?.line !== undefined ? { line: step.line } : {}), invocation: index };
    const hang = hangOf(invocation);
    if (hang) failures.push({ ...at, message: `${describeInvocation(invocation)}: ${hang}` });
    if (invocation.survivors && invocation.survivors.length > 0) {
      const message = `${describeInvocation(invocation)}: ${processes(invocation.survivors)} outlived the hook with stdio redirected (libvirt does not wait for them); virthook killed them, a real host keeps them running`;
      warnings.push({ ...at, message });
    }
  });
  return { failures, warnings };
}
