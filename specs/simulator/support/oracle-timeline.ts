import { readdirSync, readFileSync } from 'node:fs';
import { isRecord, ORACLE_DIR, readTrace, type OracleRecord } from '../../support/oracle.js';

/** One thing the operator did, in transcript order. */
export type TimelineEvent =
  | { readonly kind: 'ctl'; readonly rules: readonly Record<string, unknown>[] }
  /** `rcRecorded` is false when the transcript lost the `[rc=N]` line (rc then reads 0). */
  | { readonly kind: 'command'; readonly line: string; readonly output: string; readonly rc: number; readonly rcRecorded: boolean }
  | { readonly kind: 'daemon-stop' }
  | { readonly kind: 'daemon-start' }
  | { readonly kind: 'rm-autostarted' };

/** A transcript segment (`### scenario NAME (TIME)`) with its events. */
export interface TimelineSegment {
  readonly scenario: string;
  readonly at: number;
  readonly events: TimelineEvent[];
}

/** Every transcript segment of the recordings, in time order, with daemon and marker comments kept. */
export function readTimeline(): TimelineSegment[] {
  const segments: TimelineSegment[] = [];
  for (const file of readdirSync(`${ORACLE_DIR}transcripts`).filter((f) => f.endsWith('.txt'))) {
    const lines = readFileSync(`${ORACLE_DIR}transcripts/${file}`, 'utf8').split('\n');
    let events: TimelineEvent[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const header = /^### scenario (\S+) \((.*)\)$/.exec(line);
      if (header) { events = []; segments.push({ scenario: header[1]!, at: Date.parse(header[2]!) / 1000, events }); continue; }
      const ctl = /^# ctl\.json := (.*)$/.exec(line);
      if (ctl) { events.push({ kind: 'ctl', rules: (JSON.parse(ctl[1]!) as { rules: Record<string, unknown>[] }).rules }); continue; }
      if (/^# libvirtd pid=\d+ stopped/.test(line)) { events.push({ kind: 'daemon-stop' }); continue; }
      if (/^# libvirtd started/.test(line)) { events.push({ kind: 'daemon-start' }); continue; }
      if (line === '# rm -f /run/libvirt/network/autostarted') { events.push({ kind: 'rm-autostarted' }); continue; }
      if (!line.startsWith('$ ')) continue;
      const output: string[] = [];
      let rc = 0;
      let rcRecorded = false;
      for (i++; i < lines.length; i++) {
        const done = /^\[rc=(\d+), [\d.]+s\]$/.exec(lines[i]!);
        if (done) { rc = Number(done[1]); rcRecorded = true; break; }
        // Some commands have no rc line (the recorder lost it); the next command or comment ends them.
        if (/^(\$ |# |### )/.test(lines[i]!)) { i--; break; }
        output.push(lines[i]!);
      }
      events.push({ kind: 'command', line: line.slice(2), output: output.join('\n'), rc, rcRecorded });
    }
  }
  return segments.sort((a, b) => a.at - b.at);
}

/** The segments recorded in [from, to) (ISO times of segment headers). */
export function segmentsBetween(from: string, to: string): TimelineSegment[] {
  const [start, end] = [Date.parse(from) / 1000, Date.parse(to) / 1000];
  return readTimeline().filter((s) => s.at >= start && s.at < end);
}

/** The hook runs of every trace recorded in [from, to), in time order: main scripts only, unless `withDirectories`. */
export function recordsBetween(from: string, to: string, withDirectories = false): OracleRecord[] {
  const [start, end] = [Date.parse(from) / 1000, Date.parse(to) / 1000];
  const names = readdirSync(`${ORACLE_DIR}traces`).filter((f) => f.endsWith('.jsonl')).map((f) => f.slice(0, -'.jsonl'.length));
  return names
    .flatMap((name) => readTrace(name).filter(isRecord))
    .map((r) => r as OracleRecord & { readonly t_wall: number })
    .filter((r) => r.t_wall >= start && r.t_wall < end && (withDirectories || !r.script.includes('.d/')))
    .sort((a, b) => a.t_wall - b.t_wall);
}
