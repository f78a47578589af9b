import { readFileSync } from 'node:fs';
import type { RecordedInvocation } from '../../src/model/recording.js';

interface TraceRecord {
  readonly marker?: string;
  readonly script?: string;
  readonly argv?: string[];
  readonly stdin_text?: string;
  readonly env?: string[];
  readonly cwd?: string;
  readonly rule?: { exit?: number; stdout?: string; stderr?: string };
}

/**
 * The hook runs of an oracle trace (recorded from libvirt 9.0.0) as recording invocations: each
 * `marker` line starts a step; exit status and output come from the recorder's control rule.
 */
export function oracleInvocations(trace: string): RecordedInvocation[] {
  const lines = readFileSync(new URL(`../../fixtures/oracle/traces/${trace}.jsonl`, import.meta.url), 'utf8').split('\n').filter(Boolean);
  let stepIndex = -1;
  const invocations: RecordedInvocation[] = [];
  for (const line of lines) {
    const record = JSON.parse(line) as TraceRecord;
    if (record.marker !== undefined) {
      stepIndex++;
      continue;
    }
    if (!record.script || !record.argv) continue;
    invocations.push({
      hook: record.script.replace('/etc/libvirt/hooks/', ''),
      argv: record.argv.slice(1) as unknown as [string, string, string, string],
      stdin: record.stdin_text ?? '',
      env: record.env ?? [],
      cwd: record.cwd ?? '/',
      exitCode: record.rule?.exit ?? 0,
      signal: null,
      stdout: record.rule?.stdout ?? '',
      stderr: record.rule?.stderr ?? '',
      durationMs: 1,
      stepIndex: Math.max(stepIndex, 0),
    });
  }
  return invocations;
}
