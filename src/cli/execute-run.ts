import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isCi } from '../doubles/is-ci.js';
import { renderGithubSummary } from '../report/render-github-summary.js';
import { renderReport } from '../report/render-report.js';
import { summarizeResults } from '../report/summarize-results.js';
import type { Scenario } from '../scenario/scenario.js';
import type { ScenarioResult } from '../scenario/scenario-result.js';
import type { CliIo } from './cli-io.js';
import { LAST_RUN_FILE, nextLastRun, saveLastRun, type LastRun } from './last-run-state.js';
import type { RunRequest } from './parse-run-args.js';
import { chooseJobRunner, runJobsInOrder } from './run-scenario-jobs.js';

/** A scenario to run, and the releases to run it on when they differ from its own (--rerun-failed). */
export interface PlannedScenario {
  readonly scenario: Scenario;
  readonly libvirt?: readonly string[];
}

/**
 * Runs the planned scenarios and does everything a run leaves behind: transcript snapshots
 * (--update), the reports, the recording (--record), the failures for --rerun-failed, and the
 * GitHub step summary when GITHUB_STEP_SUMMARY is set. Returns 0 when all passed, else 1.
 */
export async function executeRun(planned: readonly PlannedScenario[], request: RunRequest, io: CliIo, previous: LastRun | null): Promise<{ code: 0 | 1; results: ScenarioResult[]; lastRun: LastRun }> {
  const jobs = planned.map(({ scenario, libvirt }) => ({
    scenario,
    options: {
      ...(libvirt ? { libvirt } : request.libvirt ? { libvirt: request.libvirt } : {}),
      ...(request.timeoutMs !== null ? { timeoutMs: request.timeoutMs } : {}),
      ...(request.maxOutputBytes !== null ? { maxOutputBytes: request.maxOutputBytes } : {}),
      ...(request.update ? { updateSnapshots: true } : {}),
      ...(request.replayOrders === 'all' ? { replayOrders: 'all' as const } : {}),
      ...(request.maxReplayOrders !== null ? { maxReplayOrders: request.maxReplayOrders } : {}),
      // Strict mode is the default in CI: an undoubled firewall command fails instead of running.
      strictByDefault: isCi(io.env),
      ...(io.createSession ? { createSession: io.createSession } : {}),
    },
  }));
  // A session factory (a double in specs) cannot reach a worker: those runs stay in this process.
  const runJobs = io.runJobs ?? (io.createSession ? runJobsInOrder : chooseJobRunner(request.jobs, jobs.length));
  const results = await runJobs(jobs);

  for (const update of results.flatMap((r) => (r.snapshotUpdate?.changed ? [r.snapshotUpdate] : []))) {
    await writeText(update.file, update.text);
    io.stderr.write(`virthook: wrote snapshot ${update.displayFile}\n`);
  }
  const colour = io.isTTY && !io.env.NO_COLOR;
  for (const target of request.reports) {
    if (target.output === null) io.stdout.write(renderReport(target.reporter, results, { colour }));
    else await writeText(resolve(io.cwd, target.output), renderReport(target.reporter, results));
  }
  const summary = summarizeResults(results);
  if (request.reports.every((t) => t.output !== null)) io.stdout.write(`${summary.line}\n`);
  if (request.record !== null) await writeText(resolve(io.cwd, request.record), `${JSON.stringify(recordingOf(results), null, 2)}\n`);
  const lastRun = nextLastRun(previous, results);
  // A read-only checkout still gets its verdict: only --rerun-failed loses its memory.
  await saveLastRun(io.cwd, lastRun).catch((error: NodeJS.ErrnoException) => {
    io.stderr.write(`virthook: warning: could not write ${LAST_RUN_FILE} (${error.code ?? error.message}), so --rerun-failed will not know this run's failures. Run from a directory you can write to.\n`);
  });
  const stepSummary = io.env.GITHUB_STEP_SUMMARY;
  if (stepSummary) await appendFile(resolve(io.cwd, stepSummary), renderGithubSummary(results));
  return { code: summary.failed > 0 ? 1 : 0, results, lastRun };
}

/** One run: the recording itself (issue 2's contract); several: `{ recordings: [...] }`, each labelled. */
function recordingOf(results: readonly ScenarioResult[]): unknown {
  const runs = results.flatMap((result) => result.runs.map((run) => ({ result, run })));
  if (runs.length === 1) return runs[0]!.run.recording;
  return {
    recordings: runs.map(({ result, run }) => ({ scenario: result.name, file: result.file, libvirt: run.libvirt, ...(run.replayOrder ? { replayOrder: run.replayOrder } : {}), ...run.recording })),
  };
}

async function writeText(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}
