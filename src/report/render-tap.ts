import { runLabel } from './run-label.js';
import type { ScenarioResult } from '../scenario/scenario-result.js';
import { runWarnings } from './run-warnings.js';
import { summarizeResults } from './summarize-results.js';

/** A YAML scalar for TAP's diagnostic block: a literal block for multi-line text, JSON quoting otherwise. */
function yamlScalar(value: string | number, indent: string): string {
  if (typeof value === 'number') return String(value);
  const blockSafe = value.includes('\n') && !/[\r\u0000-\u0008\u000b-\u001f\u007f]/u.test(value) && !/\n\n$/u.test(value) && !/^[ \n]/u.test(value);
  if (!blockSafe) return JSON.stringify(value);
  const chomp = value.endsWith('\n') ? '' : '-';
  return `|${chomp}\n${value.replace(/\n$/u, '').split('\n').map((l) => (l === '' ? '' : `${indent}${l}`)).join('\n')}`;
}

/** TAP's description may not contain `#` unescaped (it starts a directive). */
const description = (text: string) => text.replaceAll('\\', '\\\\').replaceAll('#', '\\#');

/**
 * TAP version 13: one test point per scenario and release, failures in a YAML block, a run's
 * warnings as `# warning:` diagnostics, the run's interception warnings as `# warning:` comments
 * after the plan; ends with `# N passed, N failed`.
 */
export function renderTap(results: readonly ScenarioResult[]): string {
  const runs = results.flatMap((result) => result.runs.map((run) => ({ result, run })));
  const lines = ['TAP version 13', `1..${runs.length}`, ...runWarnings(results).map((warning) => `# warning: ${warning}`)];
  runs.forEach(({ result, run }, i) => {
    lines.push(`${run.passed ? 'ok' : 'not ok'} ${i + 1} - ${description(`${result.name} [${runLabel(run)}]`)}`);
    // Diagnostics, after the YAML block when there is one (it must follow its test point).
    const warnings = (run.warnings ?? []).map((w) => `# warning: ${w.path} (${result.file}${w.line !== undefined ? `:${w.line}` : ''}): ${w.message.replace(/\s+/gu, ' ')}`);
    if (run.passed) {
      lines.push(...warnings);
      return;
    }
    lines.push('  ---', `  file: ${JSON.stringify(result.file)}`, `  libvirt: ${JSON.stringify(run.libvirt)}`, `  duration_ms: ${run.durationMs}`, '  failures:');
    for (const failure of run.failures) {
      const fields: [string, string | number | undefined][] = [
        ['path', failure.path],
        ['line', failure.line],
        ['step', failure.stepIndex === null ? undefined : run.steps[failure.stepIndex]?.step],
        ['message', failure.message],
        ['expected', failure.diff?.length ? undefined : failure.expected],
        ['actual', failure.diff?.length ? undefined : failure.actual],
        ['diff', failure.diff?.length ? failure.diff.join('\n') : undefined],
        ['hint', failure.hint],
      ];
      fields
        .filter((field): field is [string, string | number] => field[1] !== undefined)
        .forEach(([key, value], k) => lines.push(`    ${k === 0 ? '- ' : '  '}${key}: ${yamlScalar(value, '        ')}`));
    }
    lines.push('  ...', ...warnings);
  });
  lines.push(`# ${summarizeResults(results).line}`);
  return `${lines.join('\n')}\n`;
}
