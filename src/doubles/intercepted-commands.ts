import { posix } from 'node:path';
import { DEFAULT_ALLOWED_COMMANDS, KNOWN_HOOK_COMMANDS } from './command-allowlist.js';
import type { CommandDouble, DoublesConfig } from './doubles-config.js';

/** What answers a call to one intercepted path: a double, or strict mode's refusal (double null). */
export interface Interception {
  /** The double's key (`iptables`, `/usr/sbin/ip`) or the refused command's name. */
  readonly command: string;
  readonly double: CommandDouble | null;
}

/** The file-system facts planning needs (node:fs in the runner, a table in specs). */
export interface InterceptionFs {
  /** lstat's file type, null when nothing is there. */
  kind(path: string): 'dir' | 'file' | 'symlink' | 'other' | null;
  readlink(path: string): string;
  readdir(path: string): string[];
  /** The canonical path, null when it does not resolve. */
  realpath(path: string): string | null;
}

/** What one script run needs intercepted. */
export interface InterceptionInput {
  readonly config: DoublesConfig;
  /** The PATH the script gets, null when it has none. */
  readonly hookPath: string | null;
  /** Commands the scripts' `#!` lines need (shebangCommands); strict mode lets them run. */
  readonly interpreters: readonly string[];
  /** Files that must stay real whatever the configuration says: the shim's own interpreter. */
  readonly protectedPaths: readonly string[];
}

/** Where commands live on a Linux host besides the hook's PATH (/sbin and /bin may be links into /usr). */
const STANDARD_BIN_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
const MAX_LINKS = 16;

/** The existing directories of the hook's PATH (in order), then the standard ones, canonical and without repeats. */
export function binDirs(hookPath: string | null, fs: InterceptionFs, standard = true): string[] {
  const wanted = [...(hookPath ?? '').split(':').filter((d) => d.startsWith('/')), ...(standard ? STANDARD_BIN_DIRS : [])];
  const dirs: string[] = [];
  for (const dir of wanted) {
    const real = fs.realpath(dir);
    if (real !== null && fs.kind(real) === 'dir' && !dirs.includes(real)) dirs.push(real);
  }
  return dirs;
}

/**
 * Names strict mode lets run: the allowlists, the scripts' interpreters, the protected files, and
 * every name an allowed entry's symlink chain passes through in a bin directory
 * (`sh -> dash`, `awk -> /etc/alternatives/awk -> /usr/bin/mawk`), or the allowed command could not start.
 */
export function allowedNames(input: InterceptionInput, dirs: readonly string[], fs: InterceptionFs): Set<string> {
  const allowed = new Set([...DEFAULT_ALLOWED_COMMANDS, ...input.config.allow, ...input.interpreters, ...input.protectedPaths.map((p) => posix.basename(p))]);
  const todo = [...allowed];
  for (let name = todo.pop(); name !== undefined; name = todo.pop()) {
    for (const dir of dirs) {
      let path = `${dir}/${name}`;
      for (let hop = 0; hop < MAX_LINKS && fs.kind(path) === 'symlink'; hop += 1) {
        path = posix.resolve(posix.dirname(path), fs.readlink(path));
        const parent = fs.realpath(posix.dirname(path));
        const base = posix.basename(path);
        if (parent !== null && dirs.includes(parent) && !allowed.has(base)) {
          allowed.add(base);
          todo.push(base);
        }
      }
    }
  }
  return allowed;
}

/**
 * A path split into its longest existing prefix (canonical) and the names missing below it;
 * null when not even `/` resolves (an `fs` double without a root).
 */
export function canonicalPath(path: string, fs: InterceptionFs): { readonly anchor: string; readonly missing: readonly string[] } | null {
  const missing: string[] = [];
  let existing = posix.resolve(path);
  for (let real = fs.realpath(existing); ; real = fs.realpath(existing)) {
    if (real !== null) return { anchor: real, missing };
    if (existing === '/') return null;
    missing.unshift(posix.basename(existing));
    existing = posix.dirname(existing);
  }
}

/** Doubles by name (intercepted everywhere) and by absolute path. */
export function splitDoubles(config: DoublesConfig): { byName: CommandDouble[]; byPath: CommandDouble[] } {
  return {
    byName: config.commands.filter((d) => !d.command.startsWith('/')),
    byPath: config.commands.filter((d) => d.command.startsWith('/')),
  };
}

/**
 * What one bin directory shows in place of its commands: by-name doubles, this directory's
 * absolute-path doubles (they win), and in strict mode a refusal for every other command present
 * or commonly run by hooks that is not allowed. Protected files are never intercepted.
 */
export function directoryInterceptions(dir: string, input: InterceptionInput, allowed: ReadonlySet<string> | null, fs: InterceptionFs): Map<string, Interception> {
  const entries = new Map<string, Interception>();
  if (allowed !== null) {
    for (const name of [...fs.readdir(dir), ...KNOWN_HOOK_COMMANDS]) if (!allowed.has(name)) entries.set(name, { command: name, double: null });
  }
  const { byName, byPath } = splitDoubles(input.config);
  for (const double of byName) entries.set(double.command, { command: double.command, double });
  for (const double of byPath) {
    if (fs.realpath(posix.dirname(double.command)) === dir) entries.set(posix.basename(double.command), { command: double.command, double });
  }
  for (const path of input.protectedPaths) if (posix.dirname(path) === dir) entries.delete(posix.basename(path));
  return entries;
}
