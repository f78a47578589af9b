import { runLabel } from './run-label.js';
import { describeInvocation } from '../assertions/match-call.js';
import type { ProfileRun, ScenarioResult } from '../scenario/scenario-result.js';
import { ansiStyle } from './ansi-style.js';
import { failureLines } from './failure-lines.js';
import { describeExit } from './hook-command-line.js';
import { summarizeResults } from './summarize-results.js';
import { timelineLines } from './timeline-lines.js';

/** Characters XML 1.0 cannot hold at all are shown as `\xNN` (hook output may contain anything). */
function xmlSafe(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, (c) => `\\x${c.codePointAt(0)!.toString(16).padStart(2, '0')}`);
}

const escapeText = (text: string) => xmlSafe(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const escapeAttr = (text: string) => escapeText(text).replaceAll('"', '&quot;').replaceAll('\n', '&#10;').replaceAll('\r', '&#13;').replaceAll('\t', '&#9;');
const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** Each script's output under a header naming the script and how it ended. */
function hookOutput(run: ProfileRun, stream: 'stdout' | 'stderr'): string {
  return run.recording.invocations
    .filter((i) => i[stream] !== '')
    .map((i) => `--- ${describeInvocation(i)} (${describeExit(i)})\n${i[stream].replace(/\n?$/u, '\n')}`)
    .join('');
}

/** The pretty reporter's explanation of a failed run, without colour. */
function failureDetails(run: ProfileRun, file: string): string {
  const plain = ansiStyle(false);
  const described = new Set<number>();
  const lastStep = Math.max(...run.failures.map((f) => f.stepIndex ?? run.steps.length - 1));
  return [
    ...run.failures.flatMap((f) => failureLines(f, run, file, plain, described)),
    'timeline:',
    ...timelineLines(run, lastStep, plain).map((l) => `  ${l}`),
  ].join('\n');
}

/**
 * JUnit XML as CI test reporters read it: one testsuite per scenario file, one testcase per
 * scenario and release, hook output in system-out/system-err (a run's warnings first in
 * system-err), a scenario's interception warnings in its testsuite's system-err; ends with
 * `<!-- N passed, N failed -->`.
 */
export function renderJunit(results: readonly ScenarioResult[]): string {
  const summary = summarizeResults(results);
  const total = (rs: readonly ScenarioResult[]) => rs.flatMap((r) => r.runs).reduce((sum, run) => sum + run.durationMs, 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="virthook" tests="${summary.passed + summary.failed}" failures="${summary.failed}" errors="0" time="${seconds(total(results))}">`,
  ];
  for (const result of results) {
    const failed = result.runs.filter((r) => !r.passed).length;
    lines.push(`  <testsuite name="${escapeAttr(result.file)}" tests="${result.runs.length}" failures="${failed}" errors="0" skipped="0" time="${seconds(total([result]))}">`);
    for (const run of result.runs) {
      const name = `${result.name} [${runLabel(run)}]`;
      const attributes = `name="${escapeAttr(name)}" classname="${escapeAttr(result.file)}" file="${escapeAttr(result.file)}" time="${seconds(run.durationMs)}"`;
      const stdout = hookOutput(run, 'stdout');
      // Warnings have no JUnit element of their own: they lead system-err, where CI shows them for passing tests too.
      const warnings = (run.warnings ?? []).map((w) => `virthook warning: ${w.path} (${result.file}${w.line !== undefined ? `:${w.line}` : ''}): ${w.message}\n`).join('');
      const stderr = `${warnings}${hookOutput(run, 'stderr')}`;
      if (run.passed && !stdout && !stderr) {
        lines.push(`    <testcase ${attributes}/>`);
        continue;
      }
      lines.push(`    <testcase ${attributes}>`);
      if (!run.passed) {
        const details = failureDetails(run, result.file);
        const message = run.failures.length === 1 ? run.failures[0]!.message : `${run.failures.length} expectations failed; first: ${run.failures[0]!.message}`;
        lines.push(`      <failure message="${escapeAttr(message)}" type="expectation">${escapeText(details)}</failure>`);
      }
      if (stdout) lines.push(`      <system-out>${escapeText(stdout)}</system-out>`);
      if (stderr) lines.push(`      <system-err>${escapeText(stderr)}</system-err>`);
      lines.push('    </testcase>');
    }
    const warnings = result.warnings ?? [];
    if (warnings.length > 0) lines.push(`    <system-err>${escapeText(warnings.map((w) => `virthook: warning: ${w}\n`).join(''))}</system-err>`);
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', `<!-- ${summary.line} -->`);
  return `${lines.join('\n')}\n`;
}
