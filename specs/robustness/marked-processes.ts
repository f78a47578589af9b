import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

function read(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

function link(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}

/** Options of markedProcesses. */
export interface MarkedProcessOptions {
  /**
   * Skip the runner's own supervisors (they name themselves `libvirtd` and stand in the daemon's
   * cwd); only while a runner is meant to be alive. After dispose nothing may be skipped.
   * @default false
   */
  readonly exceptSupervisors?: boolean;
}

/**
 * Every live process on the machine (all of /proc, whatever its parent or PID namespace) that
 * carries `marker` in its command line, its environment or its cwd. The corpus puts a unique
 * marker in each sandbox's path and in the hooks' TMPDIR, so anything a hook started carries it
 * even after setsid, a double fork or a chdir; this does not trust the runner's own bookkeeping.
 */
export function markedProcesses(marker: string, options: MarkedProcessOptions = {}): string[] {
  const needle = Buffer.from(marker);
  const found: string[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    // /proc reads are slow in some sandboxes: the cheapest check first, stat/comm only for a match.
    // Zombies match nothing (no cwd, no environ, empty cmdline): they hold nothing.
    const how: string[] = [];
    if (link(`/proc/${name}/cwd`).includes(marker)) how.push('cwd');
    if (read(`/proc/${name}/environ`)?.includes(needle)) how.push('environ');
    const cmdline = read(`/proc/${name}/cmdline`) ?? Buffer.alloc(0);
    if (cmdline.includes(needle)) how.push('cmdline');
    if (how.length === 0) continue;
    if (options.exceptSupervisors && read(`/proc/${name}/comm`)?.toString('utf8').trim() === 'libvirtd') continue;
    found.push(`${name} ${cmdline.toString('utf8').replaceAll('\0', ' ').trim()} [${how.join(', ')}]`);
  }
  return found;
}
