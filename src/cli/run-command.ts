import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { VirthookError } from '../errors/virthook-error.js';
import { libvirtProfile } from '../model/libvirt-profile.js';
import { renderReport } from '../report/render-report.js';
import { summarizeResults } from '../report/summarize-results.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { runScenario } from '../scenario/run-scenario.js';
import type { Scenario } from '../scenario/scenario.js';
import type { ScenarioResult } from '../scenario/scenario-result.js';
import type { CliIo } from './cli-io.js';
import { findScenarioFiles } from './find-scenario-files.js';
import { formatCliError } from './format-cli-error.js';
import type { CliCommand } from './parse-cli-args.js';

type RunRequest = Extract<CliCommand, { command: 'run' }>;

/** Where scenarios are looked for when no path is given. */
const DEFAULT_PATH = 'scenarios';

/**
 * `virthook run`: finds and loads every scenario (all invalid ones are reported before anything
 * runs), runs them, writes the reports and the recording. Returns 0 when all pass, 1 when one
 * fails, 2 when a scenario could not be loaded.
 */
export async function runCommand(request: RunRequest, io: CliIo): Promise<number> {
  const files = await findScenarioFiles(request.paths.length > 0 ? request.paths : [DEFAULT_PATH], io.cwd).catch((error: unknown) => {
    if (request.paths.length > 0 || !(error instanceof VirthookError)) throw error;
    throw new VirthookError('SCENARIO_NOT_FOUND', `No scenario paths given and no ${DEFAULT_PATH}/ directory in ${io.cwd}. Usage: virthook run PATHS...`);
  });
  for (const version of request.libvirt ?? []) libvirtProfile(version);
  if (request.hooksDir !== null) await checkHooksFlag(request.hooksDir, io.cwd);

  const loaded = await Promise.allSettled(
    files.map((file) => loadScenario(file, { cwd: io.cwd, ...(request.hooksDir !== null ? { hooksDir: request.hooksDir } : {}) })),
  );
  const failures = loaded.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.length > 0) {
    for (const error of failures) {
      if (!(error instanceof VirthookError)) throw error;
      io.stderr.write(formatCliError(error, request.debug));
    }
    return 2;
  }
  const scenarios = (loaded as PromiseFulfilledResult<Scenario>[]).map((r) => r.value).filter((s) => matches(s, request.filter));
  if (scenarios.length === 0) throw new VirthookError('OPTIONS_INVALID', `No scenario matches --filter ${JSON.stringify(request.filter)}`);

  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    results.push(
      await runScenario(scenario, {
        ...(request.libvirt ? { libvirt: request.libvirt } : {}),
        ...(request.timeoutMs !== null ? { timeoutMs: request.timeoutMs } : {}),
        ...(io.createSession ? { createSession: io.createSession } : {}),
      }),
    );
  }

  const colour = io.isTTY && !io.env.NO_COLOR;
  for (const target of request.reports) {
    if (target.output === null) io.stdout.write(renderReport(target.reporter, results, { colour }));
    else await writeText(resolve(io.cwd, target.output), renderReport(target.reporter, results));
  }
  const summary = summarizeResults(results);
  if (request.reports.every((t) => t.output !== null)) io.stdout.write(`${summary.line}\n`);
  if (request.record !== null) await writeText(resolve(io.cwd, request.record), `${JSON.stringify(recordingOf(results), null, 2)}\n`);
  return summary.failed > 0 ? 1 : 0;
}

function matches(scenario: Scenario, filter: string | null): boolean {
  if (filter === null) return true;
  const needle = filter.toLowerCase();
  return scenario.name.toLowerCase().includes(needle) || scenario.displayFile.toLowerCase().includes(needle);
}

/** One run: the recording itself (issue 2's contract); several: `{ recordings: [...] }`, each labelled. */
function recordingOf(results: readonly ScenarioResult[]): unknown {
  const runs = results.flatMap((result) => result.runs.map((run) => ({ result, run })));
  if (runs.length === 1) return runs[0]!.run.recording;
  return { recordings: runs.map(({ result, run }) => ({ scenario: result.name, file: result.file, libvirt: run.libvirt, ...run.recording })) };
}

/** --hooks is checked once, not once per scenario. */
async function checkHooksFlag(hooksDir: string, cwd: string): Promise<void> {
  const isDir = await stat(resolve(cwd, hooksDir)).then((s) => s.isDirectory(), () => false);
  if (isDir) return;
  throw new VirthookError('HOOKS_DIR_NOT_FOUND', `--hooks: hooks directory ${hooksDir} not found. Point it at a directory laid out like /etc/libvirt/hooks.`);
}

async function writeText(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}
