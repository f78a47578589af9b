import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import type { ProcessInfo } from './hook-spawner.js';

/** The /proc/PID/stat fields process cleanup needs. */
export interface ProcessEntry {
  readonly pid: number;
  readonly ppid: number;
  readonly pgrp: number;
  readonly session: number;
}

/** Every live (non-zombie) process in /proc. */
export function readProcesses(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'latin1');
    } catch {
      continue;
    }
    // The command name may contain spaces and parentheses: fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') continue;
    entries.push({ pid: Number(name), ppid: Number(fields[1]), pgrp: Number(fields[2]), session: Number(fields[3]) });
  }
  return entries;
}

/** The command line of a process (`[comm]` for kernel-style empty ones), `?` once it is gone. */
export function commandOf(pid: number): string {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`);
    if (raw.length > 0) return raw.toString('utf8').replace(/\0+$/, '').replaceAll('\0', ' ');
    return `[${readFileSync(`/proc/${pid}/comm`, 'utf8').trim()}]`;
  } catch {
    return '?';
  }
}

/** Describes pids for a report. */
export function describeProcesses(pids: readonly number[]): ProcessInfo[] {
  return pids.map((pid) => ({ pid, command: commandOf(pid) }));
}

/** Whether a process has any socket open (node gives process-group hooks socketpairs for stdio). */
export function holdsSocket(pid: number): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:');
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}
