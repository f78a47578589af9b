import { chmodSync, copyFileSync, cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** fixtures/hooks, where the single-behaviour hook scripts live. */
export const FIXTURE_HOOKS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'hooks');

/** fixtures/hook-trees: whole hooks directories whose shape is the behaviour (symlink loops). */
export const FIXTURE_TREES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'hook-trees');

/** How one entry of a throw-away hooks directory is made. */
export type Entry =
  | { kind: 'fixture'; name: string; mode?: number }
  | { kind: 'tree'; name: string }
  | { kind: 'file'; text: string; mode?: number }
  | { kind: 'dir' }
  | { kind: 'symlink'; target: string };

/** A fixture hook copied in, executable unless it is `not-executable` (git modes are not trusted). */
export const fixture = (name: string, mode?: number): Entry => ({ kind: 'fixture', name, mode });
export const file = (text: string, mode = 0o644): Entry => ({ kind: 'file', text, mode });
export const dir = (): Entry => ({ kind: 'dir' });
export const symlink = (target: string): Entry => ({ kind: 'symlink', target });
/** A fixture tree copied in at this entry's path (`'.'`: the hooks directory itself), symlinks as they are, files executable. */
export const tree = (name: string): Entry => ({ kind: 'tree', name });

/** Makes every regular file under `dir` executable (git modes are not trusted); symlinks are left alone. */
function makeExecutable(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isDirectory()) makeExecutable(path);
    else if (stat.isFile()) chmodSync(path, 0o755);
  }
}

/** A temporary hooks directory plus a private cwd whose use identifies everything the hooks start. */
export interface Sandbox {
  readonly root: string;
  readonly hooksDir: string;
  /** The simulated daemon's cwd for this sandbox; every hook descendant inherits it. */
  readonly cwd: string;
  remove(): void;
}

/** Builds `{ 'network': fixture('exit-0'), 'network.d/10-a': ... }` under a fresh directory. */
export function makeSandbox(entries: Record<string, Entry>): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'virthook-runner-'));
  const hooksDir = join(root, 'hooks');
  const cwd = join(root, 'daemon-cwd');
  mkdirSync(hooksDir);
  mkdirSync(cwd);
  for (const [relative, entry] of Object.entries(entries)) {
    const target = join(hooksDir, relative);
    mkdirSync(dirname(target), { recursive: true });
    if (entry.kind === 'dir') mkdirSync(target, { recursive: true });
    else if (entry.kind === 'tree') {
      cpSync(join(FIXTURE_TREES, entry.name), target, { recursive: true, verbatimSymlinks: true });
      makeExecutable(target);
    }
    else if (entry.kind === 'symlink') symlinkSync(entry.target, target);
    else if (entry.kind === 'file') {
      writeFileSync(target, entry.text);
      chmodSync(target, entry.mode ?? 0o644);
    } else {
      copyFileSync(join(FIXTURE_HOOKS, entry.name), target);
      chmodSync(target, entry.mode ?? (entry.name === 'not-executable' ? 0o644 : 0o755));
    }
  }
  return { root, hooksDir, cwd, remove: () => rmSync(root, { recursive: true, force: true }) };
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'latin1');
  } catch {
    return '';
  }
}

function safeLink(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}

/**
 * Processes (looked up in /proc directly, not through the runner) that belong to a sandbox:
 * their cwd is the sandbox's, or their command line mentions it. The supervisor itself (it
 * stands in the daemon's cwd and names itself libvirtd) is not a hook's process.
 */
export function sandboxProcesses(sandbox: Sandbox): string[] {
  const found: string[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = safeRead(`/proc/${name}/stat`);
    if (stat === '' || /\) [ZX] /.test(stat)) continue;
    if (safeRead(`/proc/${name}/comm`).trim() === 'libvirtd') continue;
    const cmdline = safeRead(`/proc/${name}/cmdline`).replaceAll('\0', ' ');
    if (safeLink(`/proc/${name}/cwd`).startsWith(sandbox.root) || cmdline.includes(sandbox.root)) found.push(`${name}: ${cmdline}`);
  }
  return found;
}
