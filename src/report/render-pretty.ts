import { runLabel } from './run-label.js';
import type { ScenarioResult } from '../scenario/scenario-result.js';
import { warningLines } from './warning-lines.js';
import { ansiStyle } from './ansi-style.js';
import { failureLines } from './failure-lines.js';
import { summarizeResults } from './summarize-results.js';
import { timelineLines } from './timeline-lines.js';

/** Options of the pretty reporter. */
export interface PrettyOptions {
  /** ANSI colours; the CLI sets it only on a TTY without NO_COLOR. @default false */
  readonly colour?: boolean;
}

const indent = (lines: readonly string[], by: string) => lines.map((l) => (l === '' ? l : `${by}${l}`));

/**
 * The human report: one line per scenario and release (✓/✗) with its warnings (⚠); for a
 * failure, every failure explained (a hook virthook had to stop or whose pipes stayed open, each
 * expectation that did not hold) and a timeline up to the failing step; ends with `N passed, N failed`.
 */
export function renderPretty(results: readonly ScenarioResult[], options: PrettyOptions = {}): string {
  const style = ansiStyle(options.colour ?? false);
  const lines: string[] = [];
  for (const result of results) {
    for (const run of result.runs) {
      const mark = run.passed ? style.green('✓') : style.red('✗');
      lines.push(`${mark} ${result.name} ${style.dim(`[${runLabel(run)}] ${result.file} (${run.durationMs} ms)`)}`);
      lines.push(...indent(warningLines(run, result.file, style), '    '));
      if (run.passed) continue;
      const described = new Set<number>();
      for (const failure of run.failures) lines.push(...indent(failureLines(failure, run, result.file, style, described), '    '));
      const lastStep = Math.max(...run.failures.map((f) => f.stepIndex ?? run.steps.length - 1));
      lines.push(`    ${style.dim('timeline:')}`);
      lines.push(...indent(timelineLines(run, lastStep, style), '      '));
    }
  }
  const summary = summarizeResults(results);
  lines.push('', summary.failed > 0 ? style.red(summary.line) : style.green(summary.line));
  return `${lines.join('\n')}\n`;
}
