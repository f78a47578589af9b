import type { ProfileRun } from '../scenario/scenario-result.js';
import type { AnsiStyle } from './ansi-style.js';

/**
 * Two lines per warning of a run: `⚠ path (file:line, step)`, then what happened (descendants a
 * hook left running with their stdio elsewhere: the run passes, but a real host keeps them).
 */
export function warningLines(run: ProfileRun, file: string, style: AnsiStyle): string[] {
  return (run.warnings ?? []).flatMap((warning) => {
    const step = run.steps[warning.stepIndex];
    const where = `${file}${warning.line !== undefined ? `:${warning.line}` : ''}${step ? `, ${step.step}` : ''}`;
    return [`${style.yellow('⚠')} ${style.bold(warning.path)} ${style.dim(`(${where})`)}`, `  ${warning.message}`];
  });
}
