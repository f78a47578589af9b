import { readdir, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { VirthookError } from '../errors/virthook-error.js';
import { globBase, globToRegExp, isGlob } from './glob-pattern.js';

const SCENARIO_FILE = /\.(ya?ml|json)$/u;

/** Directories never searched: dependencies and hidden directories (.git...). */
const skipDirectory = (name: string) => name === 'node_modules' || name.startsWith('.');

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return skipDirectory(entry.name) ? [] : walk(path);
      return entry.isFile() ? [path] : [];
    }),
  );
  return nested.flat();
}

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const posix = (path: string) => path.split(sep).join('/');

/**
 * Expands the CLI's path arguments into scenario files (absolute): a file as is, a directory
 * searched recursively for *.yaml, *.yml and *.json, a glob matched against paths. Throws
 * SCENARIO_NOT_FOUND for an argument that names nothing.
 */
export async function findScenarioFiles(patterns: readonly string[], cwd: string): Promise<string[]> {
  const found: string[] = [];
  for (const pattern of patterns) {
    let files: string[];
    if (isGlob(pattern)) {
      const base = resolve(cwd, globBase(pattern));
      const matcher = globToRegExp(posix(resolve(cwd, pattern)).replace(/\/$/u, ''));
      files = await walk(base).then((all) => all.filter((f) => matcher.test(posix(f))), () => []);
    } else {
      const path = resolve(cwd, pattern);
      const info = await stat(path).catch(() => null);
      if (info?.isDirectory()) files = (await walk(path)).filter((f) => SCENARIO_FILE.test(f));
      else files = info ? [path] : [];
    }
    if (files.length === 0) {
      throw new VirthookError('SCENARIO_NOT_FOUND', `No scenario found at ${pattern}: give a scenario file, a directory of *.yaml files, or a glob.`);
    }
    found.push(...files.sort(byteOrder));
  }
  return [...new Set(found)];
}
