import type { HookCall } from '../../model/hook-call.js';
import { hookArgs } from '../../model/hook-call.js';
import { describeExit } from '../../report/hook-command-line.js';
import { visibleText } from '../../report/visible-text.js';
import type { CallResult } from '../../runner/run-hook-call.js';
import type { ScriptRun } from '../../runner/run-script.js';
import type { StepResult } from '../../simulator/step-result.js';

/** What `virthook call` shows: the steps that led there, the call's scripts, and virsh's outcome. */
export interface CallReport {
  readonly libvirt: string;
  /** The hooks directory as the user gave it. */
  readonly hooksDir: string;
  readonly prepared: readonly string[];
  readonly step: string;
  readonly result: StepResult;
  readonly calls: readonly (CallResult & { readonly call: HookCall })[];
}

const LABEL = 8;
const field = (label: string, text: string) => {
  const [first = '', ...rest] = visibleText(text).split('\n');
  return [`  ${label.padEnd(LABEL)}${first}`, ...rest.map((line) => `  ${' '.repeat(LABEL)}${line}`)];
};

function scriptLines(script: ScriptRun, hooksDir: string, previousStdin: Buffer | null): string[] {
  const stdin = script.stdin === null ? '(/dev/null)' : previousStdin !== null && script.stdin.equals(previousStdin) ? '(the same bytes as above)' : script.stdin.toString('utf8');
  const lines = [
    ...field('script', `${hooksDir}/${script.hook}`),
    ...field('argv', [script.libvirtPath, ...script.argv].join(' ')),
    ...field('env', script.env.join('\n')),
    ...field('cwd', script.cwd),
    ...field('stdin', stdin === '' ? '(empty)' : stdin),
    ...field('ended', `${describeExit(script)} after ${Math.round(script.durationMs)} ms`),
    ...field('stdout', script.stdout.length === 0 ? '(empty)' : script.stdout.toString('utf8').replace(/\n$/u, '')),
    ...field('stderr', script.stderr.length === 0 ? '(empty)' : script.stderr.toString('utf8').replace(/\n$/u, '')),
  ];
  if (script.failure !== null) lines.push(...field('libvirt', script.failure));
  // A pipe held after exit is a hang of the real daemon: it fails the call like a timeout.
  if (script.lingering) lines.push(...field('hang', script.lingering.explanation));
  if (script.survivors.length > 0) lines.push(...field('warning', `left ${script.survivors.length} process(es) running; virthook killed them`));
  return lines;
}

/**
 * The report, and whether the hook did what libvirt needs: every script ran and exited 0 by
 * itself (not stopped by virthook), leaving no descendant on its stdout/stderr.
 */
export function formatCallReport(report: CallReport): { text: string; ok: boolean } {
  const lines = [`libvirt ${report.libvirt}: virsh ${report.step}`];
  if (report.prepared.length > 0) lines.push(`(after ${report.prepared.join(', ')}, whose hook calls were not run)`);
  const scripts = report.calls.flatMap((c) => c.scripts);
  for (const { call, scripts: runs } of report.calls) {
    lines.push('', `network hook call: ${hookArgs(call).join(' ')}`);
    if (runs.length === 0) lines.push(`  no script ran: ${report.hooksDir} has no executable network or network.d/* entry now`);
    let previous: Buffer | null = null;
    for (const script of runs) {
      lines.push(...scriptLines(script, report.hooksDir, previous), '');
      previous = script.stdin;
    }
  }
  if (report.calls.length === 0) {
    lines.push('', report.result.ok
      ? `libvirt made no such call: ${report.hooksDir} had no executable network hook (network or network.d/*) when the daemon started`
      : 'libvirt made no such call: the step failed before it');
  }
  const failed = scripts.some((s) => s.exitCode !== 0);
  const stopped = scripts.some((s) => s.timedOut || s.outputCapped !== null);
  const ignored = report.result.ok && failed && !stopped;
  const outcome = report.result.ok ? 'succeeded' : report.result.vetoed ? 'failed (vetoed by the hook)' : stopped ? 'failed (virthook stopped the hook)' : 'failed';
  const note = ignored ? ' (libvirt ignores a failure of this op)' : report.result.ok && stopped ? ' (only because virthook stopped the hook: a real libvirtd would hang there)' : '';
  lines.push(`virsh ${report.step}: ${outcome}${note}`);
  const virsh = report.result.ok ? report.result.output : (report.result.error ?? '');
  if (virsh !== '') lines.push(...visibleText(virsh).split('\n').map((line) => `  ${line}`));
  return { text: `${lines.join('\n')}\n`, ok: scripts.length > 0 && !failed && !scripts.some((s) => s.lingering !== null) };
}
