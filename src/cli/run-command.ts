import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { VirthookError } from '../errors/virthook-error.js';
import { libvirtProfile } from '../model/libvirt-profile.js';
import { unformattedElements } from '../scenario/unformatted-elements.js';
import type { CliIo } from './cli-io.js';
import { executeRun } from './execute-run.js';
import { formatCliError } from './format-cli-error.js';
import { readLastRun } from './last-run-state.js';
import { loadScenarioFiles, matchesFilter } from './load-scenario-files.js';
import type { RunRequest } from './parse-run-args.js';
import { selectScenarioFiles } from './select-scenario-files.js';
import { watchScenarios } from './watch-scenarios.js';
import { writeRunWarnings } from './write-run-warnings.js';

/**
 * `virthook run`: selects the scenario files (paths, --shard, --rerun-failed), loads them all
 * (every invalid one is reported before anything runs), runs them and writes what a run leaves
 * behind; with --watch, keeps re-running what changes affect. Returns 0 when all pass, 1 when
 * one fails, 2 when a scenario could not be loaded.
 */
export async function runCommand(request: RunRequest, io: CliIo): Promise<number> {
  for (const version of request.libvirt ?? []) libvirtProfile(version);
  if (request.hooksDir !== null) await checkHooksFlag(request.hooksDir, io.cwd);
  if (request.watch) return watchScenarios(request, io);

  const previous = await readLastRun(io.cwd);
  const selection = await selectScenarioFiles(request, io, previous);
  if (selection.notice) io.stderr.write(`virthook: ${selection.notice}\n`);
  const { scenarios, errors } = await loadScenarioFiles(selection.files, io.cwd, request.hooksDir);
  if (errors.length > 0) {
    for (const error of errors) io.stderr.write(formatCliError(error, request.debug));
    return 2;
  }
  const chosen = scenarios.filter((s) => matchesFilter(s, request.filter));
  if (chosen.length === 0 && request.filter !== null) throw new VirthookError('OPTIONS_INVALID', `No scenario matches --filter ${JSON.stringify(request.filter)}`);
  const planned = chosen.map((scenario) => {
    const releases = selection.releases.get(scenario.file);
    return releases ? { scenario, libvirt: releases } : { scenario };
  });
  for (const { scenario, libvirt } of planned) {
    const releases = libvirt ?? (request.libvirt && request.libvirt.length > 0 ? request.libvirt : scenario.libvirt);
    for (const line of unformattedElements(scenario, releases)) io.stderr.write(`virthook: note: ${line}\n`);
  }
  const { code, results } = await executeRun(planned, request, io, previous);
  writeRunWarnings(results, io.stderr);
  return code;
}

/** --hooks is checked once, not once per scenario. */
async function checkHooksFlag(hooksDir: string, cwd: string): Promise<void> {
  const kind = await stat(resolve(cwd, hooksDir)).then((s) => (s.isDirectory() ? 'directory' : 'file'), () => 'missing');
  if (kind === 'directory') return;
  const why = kind === 'file' ? 'is a file, not a directory' : 'not found';
  throw new VirthookError('HOOKS_DIR_NOT_FOUND', `--hooks: hooks directory ${hooksDir} ${why}. Point it at a directory laid out like /etc/libvirt/hooks.`);
}
