import { runLabel } from './run-label.js';
import type { ProfileRun, ScenarioResult } from '../scenario/scenario-result.js';
import { mermaidSequence } from './mermaid-sequence.js';
import { runWarnings } from './run-warnings.js';
import { summarizeResults } from './summarize-results.js';

/** Failed runs drawn as diagrams; GitHub caps a step summary at 1 MiB. */
const MAX_DIAGRAMS = 20;

/** Table-safe text: one line, `|` escaped, and HTML-like text (`<ip>`) shown rather than swallowed. */
const cell = (value: string) => value.replace(/\s+/gu, ' ').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('|', '\\|');
const code = (value: string) => `\`${value.replace(/\s+/gu, ' ').replaceAll('`', "'").replaceAll('|', '\\|')}\``;

/** A run's warnings as list items (`- ⚠️ ...`). */
function warningItems(file: string, run: ProfileRun): string[] {
  return (run.warnings ?? []).map((w) => `- ⚠️ ${code(w.path)} (${code(`${file}${w.line !== undefined ? `:${w.line}` : ''}`)}): ${cell(w.message)}`);
}

/**
 * The markdown virthook appends to `$GITHUB_STEP_SUMMARY`: the `N passed, N failed` headline, the
 * run's warnings (a GitHub warning alert each), a table of every scenario and release, and for
 * each failed run its failed expectations and a mermaid sequence diagram (virsh -> libvirtd ->
 * hook scripts, with exit statuses); runs that passed with warnings (survivors) get a section listing them.
 */
export function renderGithubSummary(results: readonly ScenarioResult[]): string {
  const summary = summarizeResults(results);
  const runs = results.flatMap((result) => result.runs.map((run) => ({ result, run })));
  const lines = [
    `## virthook: ${summary.line}`,
    '',
    ...runWarnings(results).flatMap((warning) => ['> [!WARNING]', `> ${cell(warning)}`, '']),
    '| | scenario | libvirt | file | time |',
    '| --- | --- | --- | --- | --- |',
    ...runs.map(({ result, run }) => `| ${run.passed ? '✅' : '❌'}${run.warnings?.length ? ' ⚠️' : ''} | ${cell(result.name)} | ${run.libvirt} | ${code(result.file)} | ${run.durationMs} ms |`),
    '',
  ];
  const failed = runs.filter(({ run }) => !run.passed);
  for (const { result, run } of failed.slice(0, MAX_DIAGRAMS)) {
    lines.push(`### ❌ ${cell(result.name)} [${runLabel(run)}]`, '');
    for (const failure of run.failures) {
      const where = `${result.file}${failure.line !== undefined ? `:${failure.line}` : ''}`;
      lines.push(`- ${code(failure.path)} (${code(where)}): ${cell(failure.message)}`);
      if (failure.hint) lines.push(`  - hint: ${cell(failure.hint)}`);
    }
    lines.push(...warningItems(result.file, run));
    lines.push('', '```mermaid', mermaidSequence(run).trimEnd(), '```', '');
  }
  if (failed.length > MAX_DIAGRAMS) lines.push(`…and ${failed.length - MAX_DIAGRAMS} more failed runs: see the full report.`, '');
  for (const { result, run } of runs.filter(({ run }) => run.passed && (run.warnings?.length ?? 0) > 0)) {
    lines.push(`### ⚠️ ${cell(result.name)} [${runLabel(run)}]`, '', ...warningItems(result.file, run), '');
  }
  return `${lines.join('\n')}\n`;
}
