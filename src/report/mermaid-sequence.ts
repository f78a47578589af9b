import { describeInvocation } from '../assertions/match-call.js';
import type { ProfileRun } from '../scenario/scenario-result.js';
import { describeExit } from './hook-command-line.js';

/** Steps drawn before the last failing one; earlier steps are summarised in a note. */
const MAX_STEPS = 10;
const MAX_TEXT = 140;

/** Mermaid message text: one line, short, with the characters its parser reads (`;`, `#`, `<`, `>`, `&`) as entity codes. */
function text(value: string): string {
  const line = value.replace(/\s+/gu, ' ').trim();
  const short = line.length > MAX_TEXT ? `${line.slice(0, MAX_TEXT - 1)}…` : line;
  return short.replace(/[#;<>&]/gu, (c) => `#${c.codePointAt(0)};`) || ' ';
}

/** The command line libvirt quotes in a hook failure is long and already in the hook's arrow: keep what follows it. */
const withoutCommand = (message: string) => message.replace(/Child process \(.*\) (unexpected exit status|fatal signal)/u, 'Child process (…) $1');

/** virsh's reason for a failed step: libvirt's last line, without `error: ` and the quoted command line. */
const reason = (error: string | null) => withoutCommand((error ?? '').trim().split('\n').at(-1)?.replace(/^error: /u, '') ?? '');

/**
 * A mermaid sequenceDiagram of a run up to its last failing step: virsh asks libvirtd, libvirtd
 * runs each hook script (argv) and gets its exit status, virsh gets the outcome; each failed
 * expectation is a note at the step it concerns.
 */
export function mermaidSequence(run: ProfileRun): string {
  const lastStep = Math.max(0, ...run.failures.map((f) => f.stepIndex ?? run.steps.length - 1));
  const steps = run.steps.slice(0, lastStep + 1);
  const shown = steps.slice(-MAX_STEPS);
  const invocations = run.recording.invocations.filter((i) => shown.some((s) => s.index === i.stepIndex));
  const hooks = [...new Set(invocations.map((i) => i.hook))];
  const alias = (hook: string) => `h${hooks.indexOf(hook)}`;
  const lines = ['sequenceDiagram', '    participant virsh', '    participant libvirtd', ...hooks.map((hook) => `    participant ${alias(hook)} as ${text(hook)}`)];
  if (shown.length < steps.length) lines.push(`    Note over virsh,libvirtd: ${steps.length - shown.length} earlier steps`);
  for (const step of shown) {
    lines.push(`    virsh->>libvirtd: ${text(step.step)}`);
    for (const invocation of invocations.filter((i) => i.stepIndex === step.index)) {
      const args = describeInvocation(invocation).slice(invocation.hook.length + 1);
      lines.push(`    libvirtd->>${alias(invocation.hook)}: ${text(args)}`, `    ${alias(invocation.hook)}-->>libvirtd: ${text(`${describeExit(invocation)}${invocation.lingering ? ', stdout/stderr held open after exit' : ''}`)}`);
    }
    const outcome = step.ok ? `ok${step.output ? `: ${step.output}` : ''}` : `${step.vetoed ? 'vetoed' : 'failed'}: ${reason(step.error)}`;
    lines.push(`    libvirtd-->>virsh: ${text(outcome)}`);
    for (const failure of run.failures.filter((f) => f.stepIndex === step.index)) lines.push(`    Note over virsh,libvirtd: ✗ ${text(`${failure.path}: ${withoutCommand(failure.message)}`)}`);
  }
  for (const failure of run.failures.filter((f) => f.stepIndex === null)) lines.push(`    Note over virsh,libvirtd: ✗ ${text(`${failure.path}: ${withoutCommand(failure.message)}`)}`);
  return `${lines.join('\n')}\n`;
}
