import { readFileSync } from 'node:fs';
import { isRecord, ORACLE_DIR, readTrace } from '../support/oracle.js';

/** One run of a main hook script (the `.d` copies get the same stdin) under an operator step. */
export interface TraceRun {
  readonly marker: string;
  readonly hook: string;
  readonly object: string;
  readonly op: string;
  readonly stdin: string;
  /** The recorder's control rule made this run fail (a veto). */
  readonly vetoed: boolean;
}

/** The qemu and network main-script runs of a trace, with the marker they followed. */
export function traceRuns(name: string): TraceRun[] {
  const runs: TraceRun[] = [];
  let marker = '';
  for (const line of readTrace(name)) {
    if (!isRecord(line)) { marker = line.marker; continue; }
    if (line.script.includes('.d/')) continue;
    const hook = line.script.split('/').pop()!;
    if (hook !== 'qemu' && hook !== 'network') continue;
    runs.push({ marker, hook, object: line.argv[1]!, op: line.argv[2]!, stdin: line.stdin_text ?? '', vetoed: Object.keys(line.rule ?? {}).length > 0 });
  }
  return runs;
}

/** The runs after the n-th occurrence (0-based) of a marker, up to the next marker. */
export function runsAfter(runs: readonly TraceRun[], marker: string, occurrence = 0): TraceRun[] {
  const groups: TraceRun[][] = [];
  let last: string | null = null;
  for (const run of runs) {
    if (run.marker !== last) { groups.push([]); last = run.marker; }
    if (run.marker === marker) groups.at(-1)!.push(run);
  }
  return groups.filter((g) => g.length > 0)[occurrence] ?? [];
}

/** The `<networkport>` element of a port hook's stdin, at indent 0 with a trailing newline. */
export function networkPortOf(stdin: string): string {
  const start = stdin.indexOf('  <networkport>');
  const end = stdin.indexOf('</networkport>') + '</networkport>'.length;
  return `${stdin.slice(start, end).split('\n').map((l) => l.slice(2)).join('\n')}\n`;
}

/** The port uuid of a port hook's stdin. */
export function portUuidOf(stdin: string): string {
  return /<networkport>\s*<uuid>([^<]+)<\/uuid>/.exec(stdin)![1]!;
}

/** A definition file of the recordings. */
export function oracleXml(name: string): string {
  return readFileSync(`${ORACLE_DIR}xml/${name}`, 'utf8');
}
