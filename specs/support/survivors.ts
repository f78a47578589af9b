import { readdirSync, readFileSync } from 'node:fs';

/**
 * Processes descended from this test process that are still alive, read from /proc (not from the
 * runner's bookkeeping). Long-lived helper processes the runner keeps on purpose are listed too,
 * so call this after disposing the runner.
 */
export function survivors(root: number = process.pid): string[] {
  const parents = new Map<number, number>();
  const commands = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
      commands.set(Number(entry), readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim());
    } catch {
      // The process exited while we looked.
    }
  }
  const found: string[] = [];
  for (const [pid] of parents) {
    if (pid === root) continue;
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) {
      if (p === root) { found.push(`${pid} ${commands.get(pid)}`); break; }
    }
  }
  return found;
}
