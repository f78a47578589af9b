import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** fixtures/oracle: recordings of a real libvirt 9.0.0. */
export const ORACLE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'oracle');

/** One line of a trace: a hook run or an operator marker. */
export interface TraceRecord {
  readonly marker?: string;
  readonly argv?: string[];
  readonly env?: string[];
  readonly cwd?: string;
  readonly script?: string;
  readonly stdin_text?: string;
}

export function readTrace(name: string): TraceRecord[] {
  return readFileSync(join(ORACLE, 'traces', `${name}.jsonl`), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as TraceRecord);
}

/** The hook runs between the marker starting with `prefix` and the next marker. */
export function runsAfter(records: readonly TraceRecord[], prefix: string): TraceRecord[] {
  const start = records.findIndex((r) => r.marker?.startsWith(prefix));
  if (start < 0) throw new Error(`no marker ${prefix}`);
  const rest = records.slice(start + 1);
  const end = rest.findIndex((r) => r.marker !== undefined);
  return end < 0 ? rest : rest.slice(0, end);
}

/** Splits runs into hook calls: a call starts at each main script (argv[0] without `.d/`). */
export function callsOf(runs: readonly TraceRecord[]): TraceRecord[][] {
  const calls: TraceRecord[][] = [];
  for (const run of runs) {
    if (!run.argv?.[0]?.includes('.d/') || calls.length === 0) calls.push([]);
    calls[calls.length - 1]?.push(run);
  }
  return calls;
}

/** The `error: ...` lines virsh printed in a transcript. */
export function virshErrors(scenario: string): string[] {
  const text = readFileSync(join(ORACLE, 'transcripts', `${scenario}.txt`), 'utf8');
  const errors: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (!line.startsWith('error: Hook script')) continue;
    let message = line.slice('error: '.length);
    // Multi-line stderr continues until virsh's `[rc=...]` trailer.
    for (let j = i + 1; j < lines.length && !(lines[j] as string).startsWith('[rc='); j++) message += `\n${lines[j]}`;
    errors.push(message);
  }
  return errors;
}
