import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { Scenario } from '../scenario/scenario.js';
import type { CliIo } from './cli-io.js';
import { executeRun } from './execute-run.js';
import { nodeFileWatcher } from './file-watcher.js';
import { formatCliError } from './format-cli-error.js';
import { globBase, isGlob } from './glob-pattern.js';
import { readLastRun } from './last-run-state.js';
import { loadScenarioFiles, matchesFilter } from './load-scenario-files.js';
import type { RunRequest } from './parse-run-args.js';
import { DEFAULT_PATH, expandScenarioPaths } from './select-scenario-files.js';
import { shardFiles } from './shard-files.js';
import { writeRunWarnings } from './write-run-warnings.js';

/** What the watch knows of each scenario file: the loaded scenario, or null while it does not load. */
type Known = Map<string, Scenario | null>;

const within = (path: string, dir: string) => path === dir || path.startsWith(`${dir}${sep}`);

/**
 * `virthook run --watch`: runs every scenario, then waits; after each burst of changes (debounced)
 * re-runs the scenarios they affect: a changed scenario file, a definition, expected-stdin or
 * snapshot file it reads, anything in its hooks directory, and new scenario files. Invalid
 * scenarios are reported and watched until they load. Ends when `io.signal` aborts, returning
 * the exit code of the last cycle.
 */
export async function watchScenarios(request: RunRequest, io: CliIo): Promise<number> {
  const watcher = io.watcher ?? nodeFileWatcher;
  const debounceMs = watcher.debounceMs ?? 100;
  const known: Known = new Map();
  const pending = new Set<string>();
  let quietTimer: NodeJS.Timeout | undefined;
  let wake: (() => void) | null = null;
  const onChange = (path: string) => {
    pending.add(resolve(path));
    clearTimeout(quietTimer);
    quietTimer = setTimeout(() => {
      quietTimer = undefined;
      wake?.();
    }, debounceMs);
  };

  let code = await cycle(request, io, known, null);
  let targets = await watchTargets(request, io.cwd, known);
  let handle = watcher.watch(targets, onChange);
  io.stdout.write(watchingLine(targets));
  try {
    while (!io.signal?.aborted) {
      const woke = await new Promise<boolean>((done) => {
        const abort = () => done(false);
        if (io.signal?.aborted) return done(false);
        io.signal?.addEventListener('abort', abort, { once: true });
        wake = () => {
          io.signal?.removeEventListener('abort', abort);
          done(true);
        };
        // Changes that arrived during the last run and have settled already.
        if (pending.size > 0 && quietTimer === undefined) wake();
      });
      wake = null;
      if (!woke) break;
      const changed = [...pending];
      pending.clear();
      code = await cycle(request, io, known, changed);
      const next = await watchTargets(request, io.cwd, known);
      if (JSON.stringify(next) !== JSON.stringify(targets)) {
        handle.close();
        targets = next;
        handle = watcher.watch(targets, onChange);
      }
      io.stdout.write(watchingLine(targets));
    }
  } finally {
    clearTimeout(quietTimer);
    handle.close();
  }
  return code;
}

/** One run: everything at first (`changed` null), then what the changes affect. */
async function cycle(request: RunRequest, io: CliIo, known: Known, changed: readonly string[] | null): Promise<number> {
  let files: string[];
  try {
    files = await expandScenarioPaths(request.paths, io.cwd);
    if (request.shard) files = shardFiles(files, io.cwd, request.shard);
  } catch (error) {
    io.stderr.write(formatCliError(error, request.debug));
    return 2;
  }
  for (const file of [...known.keys()]) if (!files.includes(file)) known.delete(file);
  const affected = changed === null ? files : files.filter((file) => !known.has(file) || isAffected(file, known.get(file) ?? null, changed));
  if (changed !== null) {
    if (affected.length === 0) return 0;
    const shown = changed.slice(0, 3).map((path) => path.replace(`${io.cwd}${sep}`, '')).join(', ');
    io.stdout.write(`\nvirthook: ${shown}${changed.length > 3 ? ', …' : ''} changed: re-running ${affected.length} scenario file${affected.length === 1 ? '' : 's'}\n`);
  }
  const { scenarios, errors } = await loadScenarioFiles(affected, io.cwd, request.hooksDir);
  for (const file of affected) known.set(file, scenarios.find((s) => s.file === file) ?? null);
  for (const error of errors) io.stderr.write(formatCliError(error, request.debug));
  const chosen = scenarios.filter((s) => matchesFilter(s, request.filter));
  if (chosen.length === 0) return errors.length > 0 ? 2 : 0;
  try {
    const { code, results } = await executeRun(chosen.map((scenario) => ({ scenario })), request, io, await readLastRun(io.cwd));
    writeRunWarnings(results, io.stderr);
    return errors.length > 0 ? 2 : code;
  } catch (error) {
    // A bad release or hooks directory after an edit: say so and keep watching.
    io.stderr.write(formatCliError(error, request.debug));
    return 2;
  }
}

function isAffected(file: string, scenario: Scenario | null, changed: readonly string[]): boolean {
  return changed.some((path) => path === file || (scenario !== null && (within(path, scenario.hooksDir) || (scenario.files ?? []).includes(path))));
}

/** The scenario files and what they read, the hooks directories, and the searched directories (for new files). */
async function watchTargets(request: RunRequest, cwd: string, known: Known): Promise<{ files: string[]; directories: string[] }> {
  const files = new Set<string>();
  const directories = new Set<string>();
  for (const path of request.paths.length > 0 ? request.paths : [DEFAULT_PATH]) {
    const absolute = resolve(cwd, isGlob(path) ? globBase(path) : path);
    const isDir = isGlob(path) || (await stat(absolute).then((s) => s.isDirectory(), () => false));
    (isDir ? directories : files).add(absolute);
  }
  if (request.hooksDir !== null) directories.add(resolve(cwd, request.hooksDir));
  for (const [file, scenario] of known) {
    files.add(file);
    if (scenario === null) continue;
    directories.add(scenario.hooksDir);
    for (const read of scenario.files ?? []) files.add(read);
  }
  return { files: [...files].sort(), directories: [...directories].sort() };
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const watchingLine = (targets: { files: readonly string[]; directories: readonly string[] }) =>
  `\nvirthook: watching ${count(targets.files.length, 'file', 'files')} and ${count(targets.directories.length, 'directory', 'directories')} for changes (Ctrl+C to stop)\n`;
