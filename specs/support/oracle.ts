import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Root of the copied recordings (fixtures/oracle): specs read only these copies, never the workplace's originals. */
export const ORACLE_DIR = fileURLToPath(new URL('../../fixtures/oracle/', import.meta.url));

/** One hook run recorded by the oracle's recorder.py. */
export interface OracleRecord {
  readonly argv: readonly string[];
  readonly env: readonly string[];
  readonly cwd: string;
  readonly stdin_text: string | null;
  readonly script: string;
  readonly rule: Record<string, unknown>;
}

export type OracleLine = { readonly marker: string } | OracleRecord;

/** Reads traces/NAME.jsonl: marker lines and hook records, in recorded order. */
export function readTrace(name: string): OracleLine[] {
  const text = readFileSync(`${ORACLE_DIR}traces/${name}.jsonl`, 'utf8');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as OracleLine);
}

export const isRecord = (line: OracleLine): line is OracleRecord => 'argv' in line;

/** A command from a transcript with what it printed and the ctl rules in force. */
export interface TranscriptCommand {
  readonly argv: readonly string[];
  /** The raw command line after `$ `. */
  readonly line: string;
  readonly output: string;
  readonly rc: number;
  readonly rules: readonly Record<string, unknown>[];
}

/** A part of a transcript recorded in one go (`### scenario NAME (TIME)` starts one). */
export interface TranscriptSegment {
  readonly scenario: string;
  readonly at: string;
  readonly commands: TranscriptCommand[];
}

/**
 * Parses transcripts/NAME.txt into segments of commands (`$ ...`, output, `[rc=N, ...]`) with the
 * ctl rules in force. Segments of one file may have been recorded at different times.
 */
export function readTranscript(name: string): TranscriptSegment[] {
  const lines = readFileSync(`${ORACLE_DIR}transcripts/${name}.txt`, 'utf8').split('\n');
  const segments: TranscriptSegment[] = [];
  let commands: TranscriptCommand[] = [];
  let rules: Record<string, unknown>[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const header = /^### scenario (\S+) \((.*)\)$/.exec(line);
    if (header) { commands = []; segments.push({ scenario: header[1]!, at: header[2]!, commands }); continue; }
    const ctl = /^# ctl\.json := (.*)$/.exec(line);
    if (ctl) { rules = (JSON.parse(ctl[1]!) as { rules: Record<string, unknown>[] }).rules; continue; }
    if (!line.startsWith('$ ')) continue;
    const output: string[] = [];
    let rc = 0;
    for (i++; i < lines.length; i++) {
      const done = /^\[rc=(\d+), [\d.]+s\]$/.exec(lines[i]!);
      if (done) { rc = Number(done[1]); break; }
      output.push(lines[i]!);
    }
    commands.push({ argv: line.slice(2).split(' '), line: line.slice(2), output: output.join('\n'), rc, rules });
  }
  return segments;
}
