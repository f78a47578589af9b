import { resolve } from 'node:path';
import { VirthookError } from '../errors/virthook-error.js';
import type { CliIo } from './cli-io.js';
import { findScenarioFiles } from './find-scenario-files.js';
import { LAST_RUN_FILE, type LastRun } from './last-run-state.js';
import type { RunRequest } from './parse-run-args.js';
import { shardFiles } from './shard-files.js';

/** Where scenarios are looked for when no path is given. */
export const DEFAULT_PATH = 'scenarios';

/** The scenario files one run covers, and the releases to run where --rerun-failed narrows them. */
export interface FileSelection {
  /** Absolute paths, in run order. */
  readonly files: readonly string[];
  /** Per file, the releases that failed last time (--rerun-failed); absent: the scenario's own. */
  readonly releases: ReadonlyMap<string, readonly string[]>;
  /** Said on stderr: why the selection is what it is (an empty shard, nothing to rerun...). */
  readonly notice: string | null;
}

/** The path arguments expanded into files, with the default `scenarios/` when none are given. */
export async function expandScenarioPaths(paths: readonly string[], cwd: string): Promise<string[]> {
  return findScenarioFiles(paths.length > 0 ? paths : [DEFAULT_PATH], cwd).catch((error: unknown) => {
    if (paths.length > 0 || !(error instanceof VirthookError)) throw error;
    throw new VirthookError('SCENARIO_NOT_FOUND', `No scenario paths given and no ${DEFAULT_PATH}/ directory in ${cwd}. Usage: virthook run PATHS...`);
  });
}

/** Expands the paths, keeps this shard's files (--shard), then only what failed last time (--rerun-failed). */
export async function selectScenarioFiles(request: RunRequest, io: CliIo, previous: LastRun | null): Promise<FileSelection> {
  let files = await expandScenarioPaths(request.paths, io.cwd);
  const notices: string[] = [];
  if (request.shard) {
    files = shardFiles(files, io.cwd, request.shard);
    if (files.length === 0) notices.push(`shard ${request.shard.index}/${request.shard.count} has no scenario (there are fewer files than shards)`);
  }
  const releases = new Map<string, string[]>();
  if (request.rerunFailed) {
    if (previous === null) notices.push(`no previous run is recorded in ${LAST_RUN_FILE}: running every scenario`);
    else {
      for (const failed of previous.failed) {
        const file = resolve(io.cwd, failed.file);
        const wanted = request.libvirt === null || request.libvirt.includes(failed.libvirt);
        if (wanted) releases.set(file, [...(releases.get(file) ?? []), failed.libvirt]);
      }
      files = files.filter((file) => releases.has(file));
      if (files.length === 0) notices.push(`nothing failed in the last run (${LAST_RUN_FILE}): nothing to rerun`);
    }
  }
  return { files, releases, notice: notices.length > 0 ? notices.join('; ') : null };
}
