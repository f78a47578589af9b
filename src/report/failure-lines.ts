import type { RecordedInvocation } from '../model/recording.js';
import type { ProfileRun, ScenarioFailure } from '../scenario/scenario-result.js';
import type { AnsiStyle } from './ansi-style.js';
import { describeExit, hookCommandLine } from './hook-command-line.js';
import { visibleText } from './visible-text.js';
import { stopSummary, virthookStopOf } from '../runner/stopped-by-virthook.js';

const indent = (lines: readonly string[], by: string) => lines.map((l) => `${by}${l}`);

/**
 * Explains one failure: where (path, line, step), what was expected and what happened, the diff,
 * and for the script concerned the command line libvirt would log and the hook's stderr (once per
 * script run: `described` holds the runs already explained).
 */
export function failureLines(failure: ScenarioFailure, run: ProfileRun, file: string, style: AnsiStyle, described: Set<number>): string[] {
  const step = failure.stepIndex === null ? null : run.steps[failure.stepIndex];
  const where = `${file}${failure.line !== undefined ? `:${failure.line}` : ''}`;
  const lines = [`${style.red('✗')} ${style.bold(failure.path)} ${style.dim(`(${where}${step ? `, ${step.step}` : ''})`)}`];
  lines.push(`  ${failure.message}`);
  if (failure.diff && failure.diff.length > 0) {
    const [from = '--- expected', to = '+++ actual'] = failure.diff;
    lines.push(`  ${style.dim(`diff (- ${from.slice(4)}, + ${to.slice(4)}):`)}`);
    lines.push(...indent(failure.diff.map((l) => colourDiff(visibleText(l), style)), '    '));
  } else {
    if (failure.expected !== undefined) lines.push(...labelled('expected', failure.expected, style));
    if (failure.actual !== undefined) lines.push(...labelled('actual', failure.actual, style));
  }
  if (failure.hint) lines.push(`  ${style.yellow('hint:')} ${failure.hint}`);
  for (const index of concerned(failure, run)) {
    if (described.has(index)) continue;
    described.add(index);
    lines.push(...invocationLines(run.recording.invocations[index]!, style));
  }
  return lines;
}

/** Indexes of the script a failure is about, or of the scripts that failed during the failing step. */
function concerned(failure: ScenarioFailure, run: ProfileRun): number[] {
  if (failure.invocation !== undefined) return [failure.invocation];
  if (failure.stepIndex === null) return [];
  return run.recording.invocations.flatMap((i, index) => (i.stepIndex === failure.stepIndex && i.exitCode !== 0 ? [index] : []));
}

function invocationLines(invocation: RecordedInvocation, style: AnsiStyle): string[] {
  const stop = virthookStopOf(invocation);
  const ended = stop ? `${style.dim('which was')} ${stopSummary(stop)}` : `${style.dim('which ended with')} ${describeExit(invocation)}`;
  const lines = [`  ${style.dim('libvirt ran:')} ${hookCommandLine(invocation)}`, `  ${ended}`];
  if (invocation.stderr !== '') {
    lines.push(`  ${style.dim(`stderr of ${invocation.hook}:`)}`);
    lines.push(...indent(visibleText(invocation.stderr.replace(/\n$/u, '')).split('\n'), '    '));
  }
  return lines;
}

function labelled(label: string, text: string, style: AnsiStyle): string[] {
  const [first = '', ...rest] = visibleText(text).split('\n');
  const head = `  ${style.dim(`${label}:`.padEnd(10))}`;
  return [`${head}${first}`, ...rest.map((l) => `${' '.repeat(12)}${l}`)];
}

function colourDiff(line: string, style: AnsiStyle): string {
  if (line.startsWith('---') || line.startsWith('+++') || line.startsWith('@@')) return style.dim(line);
  if (line.startsWith('-')) return style.red(line);
  if (line.startsWith('+')) return style.green(line);
  return line;
}
