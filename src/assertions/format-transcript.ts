import type { RecordedInvocation } from '../model/recording.js';
import { describeInvocation } from './match-call.js';

/** What a step showed (a scenario's StepRun and a Session's SessionStep both satisfy it). */
export interface TranscriptStep {
  /** The step as typed after `virsh`: `net-start lab-nat`. */
  readonly step: string;
  readonly ok: boolean;
  readonly vetoed: boolean;
  readonly output: string;
  readonly error: string | null;
}

/** A run to transcribe: its steps in order, and every script run with the index of its step. */
export interface TranscriptInput {
  readonly steps: readonly TranscriptStep[];
  readonly invocations: readonly Pick<RecordedInvocation, 'hook' | 'argv' | 'stdin' | 'exitCode' | 'signal' | 'stepIndex'>[];
}

const indent = (text: string, by: string) => text.split('\n').map((line) => `${by}${line}`.trimEnd());

/**
 * A stable text transcript of a run for snapshots: each step, the scripts it ran with their argv,
 * stdin (`| ` lines; "same stdin" when a script got its predecessor's) and how they ended, then
 * what virsh printed. Only seeded, deterministic data: no durations, no environment, no hook output
 * beyond what virsh itself shows. Every line but the `$ step` lines is indented.
 */
export function formatTranscript(run: TranscriptInput): string {
  const lines: string[] = [];
  run.steps.forEach((step, index) => {
    lines.push(`$ ${step.step}`);
    let previousStdin: string | null = null;
    for (const invocation of run.invocations.filter((i) => i.stepIndex === index)) {
      const exit = invocation.exitCode !== null ? `exit status ${invocation.exitCode}` : `killed by ${invocation.signal ?? 'a signal'}`;
      const same = invocation.stdin !== '' && invocation.stdin === previousStdin;
      lines.push(`  hook ${describeInvocation(invocation)}: ${exit}${same ? ' (same stdin)' : ''}`);
      if (invocation.stdin !== '' && !same) lines.push(...indent(invocation.stdin, '    | '));
      previousStdin = invocation.stdin;
    }
    const output = step.output.replace(/\n+$/u, '');
    const error = (step.error ?? '').replace(/\n+$/u, '');
    if (step.ok) {
      if (output !== '') lines.push(...indent(output, '  '));
    } else {
      lines.push(`  failed${step.vetoed ? ' (vetoed by a hook)' : ''}${error === '' ? '' : ':'}`);
      if (error !== '') lines.push(...indent(error, '    '));
    }
  });
  return `${lines.join('\n')}\n`;
}
