import type { StatusFiles } from '../status/status-files.js';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hookArgs } from '../model/hook-call.js';
import { checkState } from '../assertions/check-state.js';
import type { ExpectationFailure } from '../assertions/expectation-failure.js';
import { formatTranscript } from '../assertions/format-transcript.js';
import type { Session } from '../harness/session.js';
import { checkCommands } from '../doubles/check-commands.js';
import type { CommandCall } from '../doubles/command-call.js';
import { isCi } from '../doubles/is-ci.js';
import { libvirtProfile } from '../model/libvirt-profile.js';
import type { Recording } from '../model/recording.js';
import { VirthookError } from '../errors/virthook-error.js';
import type { ReplayOrder } from '../simulator/command.js';
import { checkHookFiles } from './check-hook-files.js';
import { doublesFailures } from './doubles-failures.js';
import { expectationForRelease } from './expectation-for-release.js';
import { hookFileHint } from './hook-file-hint.js';
import { hookProcessVerdicts } from './hook-process-verdicts.js';
import { profileFailures } from './profile-failures.js';
import { planReplayOrders, replayKey, type OpenReplay } from './replay-variants.js';
import type { Scenario } from './scenario.js';
import { nodeScenarioFs } from './scenario-fs.js';
import { stepDoubles } from './step-doubles.js';
import type { ProfileRun, ScenarioFailure, ScenarioResult, StepRun } from './scenario-result.js';
import { updateSnapshotText } from './snapshot-file.js';

/** What a run asks of the harness's createSession: absent fields take the harness's defaults. */
export interface SessionRequest {
  readonly hooksDir: string;
  readonly libvirt?: string;
  readonly seed?: string;
  readonly daemonEnv?: ReadonlyArray<readonly [string, string]>;
  readonly daemonCwd?: string;
  readonly daemonMode?: 'monolithic' | 'modular';
  readonly statusFiles?: StatusFiles;
  readonly timeoutMs?: number;
  readonly maxOutputBytes?: number;
}

/** Builds the simulated daemon for one run (the harness's createSession; a double in specs). */
export type SessionFactory = (options: SessionRequest) => Promise<Session>;

/** Options of runScenario. */
export interface RunScenarioOptions {
  /** Releases to run instead of the scenario's (the CLI's --libvirt). */
  readonly libvirt?: readonly string[];
  /** Overrides the scenario's per-hook timeout (the CLI's --timeout), in milliseconds. */
  readonly timeoutMs?: number;
  /** Overrides the scenario's output cap per stream (the CLI's --max-output), in bytes. */
  readonly maxOutputBytes?: number;
  /**
   * Record the transcripts instead of comparing them (the CLI's --update): snapshot mismatches
   * are not failures, and the result's `snapshotUpdate` holds the file's new text to write.
   * @default false
   */
  readonly updateSnapshots?: boolean;
  /** @default the harness's createSession */
  readonly createSession?: SessionFactory;
  /** A millisecond clock for durations. @default performance.now */
  readonly now?: () => number;
  /**
   * Strict mode when the scenario does not say (`strict:`): refuse commands neither doubled nor allowed.
   * @default isCi(): true when the CI variable is set to anything but '', '0' or 'false'
   */
  readonly strictByDefault?: boolean;
  /**
   * `all`: after the normal (seeded) run, run again once per other combination of port-created
   * replay orders libvirt's hash table could give, over every replay the run made whose order the
   * scenario left open (daemon starts and restarts, virtnetworkd reactivations), up to
   * `maxReplayOrders` runs in all, so a hook that depends on the order is caught. Each run is
   * labelled (`replayOrder`). `seed`: the seed's orders only.
   * @default 'seed'
   */
  readonly replayOrders?: 'seed' | 'all';
  /**
   * How many runs `replayOrders: 'all'` may make per release, the seeded one included; labels say
   * `i/24 of N` when there are more combinations.
   * @default 24
   */
  readonly maxReplayOrders?: number;
}

/**
 * Runs a scenario once per libvirt release of its matrix, each on a fresh simulated daemon with
 * the scenario's hooks, and checks every expectation (with each release's `per-libvirt`
 * overrides). Expectation failures are results; bad configuration (an unknown release, an
 * unusable hooks directory, a hook script without its exec bit: HOOK_NOT_EXECUTABLE,
 * HOOK_NOT_FOUND) throws VirthookError before any step runs.
 */
export async function runScenario(scenario: Scenario, options: RunScenarioOptions = {}): Promise<ScenarioResult> {
  const versions = options.libvirt && options.libvirt.length > 0 ? options.libvirt : scenario.libvirt;
  for (const version of versions) libvirtProfile(version);
  const maxOrders = options.maxReplayOrders ?? 24;
  if (!Number.isSafeInteger(maxOrders) || maxOrders < 1) {
    throw new VirthookError('OPTIONS_INVALID', `runScenario: maxReplayOrders must be a whole number of runs, at least 1, got ${String(maxOrders)}.`);
  }
  // Checked again here, not only at load: a Scenario may be built by hand, or its hooks changed since.
  const changes = scenario.steps.flatMap(({ command }) => (command.verb === 'hook-file' ? [command.change] : []));
  const field = scenario.hooksField ?? { name: 'hooks' as const };
  await checkHookFiles(scenario.hooksDir, { displayFile: scenario.displayFile, display: (path) => path, field, changes, fs: nodeScenarioFs });
  const runs: ProfileRun[] = [];
  const transcripts = new Map<string, string>();
  const warnings = new Set<string>();
  for (const version of versions) {
    const { run, transcript, replays } = await runProfile(scenario, version, options, undefined, warnings);
    transcripts.set(version, transcript);
    if (options.replayOrders !== 'all') { runs.push(run); continue; }
    const plan = planReplayOrders(replays, maxOrders, (index) => scenario.steps[index]!.path);
    runs.push(plan.seededLabel === null ? run : { ...run, replayOrder: plan.seededLabel });
    for (const variant of plan.variants) {
      const varied = await runProfile(scenario, version, options, variant.orders, warnings);
      runs.push({ ...varied.run, replayOrder: variant.label });
    }
  }
  const snapshot = scenario.snapshot;
  const update = options.updateSnapshots && snapshot ? updateSnapshotText(snapshot.text, transcripts, scenario.displayFile) : null;
  return {
    name: scenario.name,
    description: scenario.description,
    file: scenario.displayFile,
    hooksDir: scenario.hooksDir,
    runs,
    passed: runs.every((run) => run.passed),
    warnings: [...warnings],
    ...(snapshot && update !== null ? { snapshotUpdate: { file: snapshot.file, displayFile: snapshot.displayFile, text: update, changed: update !== snapshot.text } } : {}),
  };
}

/**
 * One run on one release; `orders` fixes the order of replays the seeded run left open (replayKey);
 * the session's interception warnings are added to `warnings`.
 */
async function runProfile(
  scenario: Scenario,
  libvirt: string,
  options: RunScenarioOptions,
  orders: ReadonlyMap<string, ReplayOrder> | undefined,
  warnings: Set<string>,
): Promise<{ run: ProfileRun; transcript: string; replays: OpenReplay[] }> {
  // hook-write/remove/chmod steps change a scratch copy: the user's hooks are never touched.
  const scratch = scenario.steps.some((step) => step.command.verb === 'hook-file') ? await scratchHooksDir(scenario.hooksDir) : null;
  try {
    return await runOnHooks(scenario, libvirt, options, orders, warnings, scratch);
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}

/** runProfile's run itself, on the user's hooks directory or, when hook-file steps change it, on `scratch`. */
async function runOnHooks(
  scenario: Scenario,
  libvirt: string,
  options: RunScenarioOptions,
  orders: ReadonlyMap<string, ReplayOrder> | undefined,
  warnings: Set<string>,
  scratch: string | null,
): Promise<{ run: ProfileRun; transcript: string; replays: OpenReplay[] }> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const timeoutMs = options.timeoutMs ?? scenario.timeoutMs;
  const maxOutputBytes = options.maxOutputBytes ?? scenario.maxOutputBytes;
  const factory = options.createSession ?? (await defaultSessionFactory());
  const session = await factory({
    hooksDir: scratch ?? scenario.hooksDir,
    libvirt,
    ...(scenario.seed !== null ? { seed: scenario.seed } : {}),
    ...(scenario.daemonEnv !== null ? { daemonEnv: scenario.daemonEnv } : {}),
    ...(scenario.daemonCwd !== null ? { daemonCwd: scenario.daemonCwd } : {}),
    ...(scenario.daemonMode === 'modular' ? { daemonMode: scenario.daemonMode } : {}),
    ...(scenario.statusFiles ? { statusFiles: scenario.statusFiles } : {}),
    ...(timeoutMs !== null && timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(maxOutputBytes !== null && maxOutputBytes !== undefined ? { maxOutputBytes } : {}),
  });
  const stepExpects = scenario.steps.map((step) => expectationForRelease(step.expect, step.perLibvirt, libvirt));
  const { perLibvirt, line: _line, ...runBase } = scenario.expect;
  const runExpect = expectationForRelease(runBase, perLibvirt, libvirt);
  const steps: StepRun[] = [];
  const doublesOf = stepDoubles(scenario, options.strictByDefault ?? isCi());
  const commandFailures: ScenarioFailure[] = [];
  const runCommands: CommandCall[] = [];
  // The state is checked as each step leaves it: later steps change it.
  const stateFailures: (readonly ExpectationFailure[])[] = [];
  let endState: readonly ExpectationFailure[] = [];
  const replays: OpenReplay[] = [];
  let recording: Recording;
  try {
    // boot: fresh: the definitions are on disk, then the host boots; no daemon has run yet.
    const bootAt = scenario.freshBoot ? firstUserStep(scenario) : -1;
    for (const [index, step] of scenario.steps.entries()) {
      if (index === bootAt) session.powerCycle();
      // The CLI's --timeout and --max-output win over the file's; a step's own limits win over the scenario's.
      const stepTimeout = options.timeoutMs === undefined ? step.timeoutMs : undefined;
      const stepMaxOutput = options.maxOutputBytes === undefined ? step.maxOutputBytes : undefined;
      const result = await session.run(step.command, {
        doubles: doublesOf(index),
        ...(stepTimeout !== undefined ? { timeoutMs: stepTimeout } : {}),
        ...(stepMaxOutput !== undefined ? { maxOutputBytes: stepMaxOutput } : {}),
        ...(orders ? { replayOrder: (_groups, i) => orders.get(replayKey(index, i)) } : {}),
      }).catch((error: unknown) => {
        throw atStep(error, scenario, step);
      });
      replays.push(...result.replays.map((point, i) => ({ stepIndex: index, index: i, point })));
      const commands = result.calls.flatMap((call) => call.commands ?? []);
      runCommands.push(...commands);
      // A violation names the hook call it happened in, as the process verdicts do (network NAME start begin -).
      const violations = result.calls.flatMap((call) => (call.violations ?? []).map((violation) => ({ violation, call: `${violation.script} ${hookArgs(call.call).join(' ')}` })));
      const onPath = result.calls.some((call) => call.interception === 'path');
      commandFailures.push(...doublesFailures(index, step, stepExpects[index]!.commands, commands, violations, onPath));
      steps.push({
        index,
        step: result.step,
        path: step.path,
        ...(step.line !== undefined ? { line: step.line } : {}),
        ok: result.ok,
        vetoed: result.vetoed,
        output: result.output,
        error: result.error,
        logs: result.logs,
      });
      const wanted = stepExpects[index]!.state;
      stateFailures.push(wanted ? checkState(session.state, wanted) : []);
    }
    if (bootAt === scenario.steps.length) session.powerCycle();
    if (runExpect.state) endState = checkState(session.state, runExpect.state);
    // Read once, before dispose() frees the spool it is read back from.
    recording = session.recording;
  } finally {
    for (const warning of session.warnings) warnings.add(warning);
    await session.dispose();
  }
  const transcript = formatTranscript({ steps, invocations: recording.invocations });
  // A hook that would hang a real libvirtd fails the run whatever the expectations say; it comes
  // first, as the likely cause of the expectation failures of its step.
  const verdicts = hookProcessVerdicts(scenario.steps, recording);
  const failures: ScenarioFailure[] = [...verdicts.failures, ...profileFailures({
    scenario,
    libvirt,
    steps,
    recording,
    stepExpects,
    stateFailures,
    runExpect,
    endState,
    transcript,
    compareSnapshot: !options.updateSnapshots,
  })];
  failures.push(...commandFailures);
  if (runExpect.commands) {
    failures.push(...checkCommands(runCommands, runExpect.commands).map((f): ScenarioFailure => ({ ...f, path: `expect.${f.path}`, stepIndex: null })));
  }
  // Hints read the files as the run left them: the scratch copy after hook-file steps changed it.
  const explained = await Promise.all(failures.map((f) => withFileHint(f, scratch ?? scenario.hooksDir, scenario.hooksDir, scratch !== null)));
  const run: ProfileRun = { libvirt, passed: failures.length === 0, steps, recording, failures: explained, warnings: verdicts.warnings, durationMs: Math.round(now() - started) };
  return { run, transcript, replays };
}

/** A scenario error the simulation raised at a step (a daemon the mode lacks, a bad replay order), located at that step. */
function atStep(error: unknown, scenario: Scenario, step: Scenario['steps'][number]): unknown {
  if (!(error instanceof VirthookError) || error.code === 'INTERNAL' || error.problems.length > 0) return error;
  const where = `${scenario.displayFile}${step.line !== undefined ? `:${step.line}` : ''}`;
  return new VirthookError(error.code, `Scenario ${where}: ${step.path}: ${error.message}`, {
    cause: error,
    problems: [{ file: scenario.displayFile, ...(step.line !== undefined ? { line: step.line } : {}), path: step.path, message: error.message }],
  });
}

/** Index of the first `steps:` entry (after the `networks:`/`domains:` definitions), or the step count. */
function firstUserStep(scenario: Scenario): number {
  const index = scenario.steps.findIndex((step) => step.path.startsWith('steps['));
  return index === -1 ? scenario.steps.length : index;
}

/** A copy of the hooks directory (modes and symlinks kept) for a run that changes it. */
async function scratchHooksDir(hooksDir: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'virthook-hooks-'));
  await cp(hooksDir, dir, { recursive: true, verbatimSymlinks: true });
  return dir;
}

/** An expected hook that never ran: say what is wrong with its file, when something is. */
async function withFileHint(failure: ScenarioFailure, dir: string, shownDir: string, changed: boolean): Promise<ScenarioFailure> {
  if (failure.missingHook === undefined) return failure;
  const hint = await hookFileHint(dir, failure.missingHook, { shownDir, changed });
  return hint ? { ...failure, hint } : failure;
}

/** The harness's createSession, loaded on first use: injected sessions never load the process runner. */
async function defaultSessionFactory(): Promise<SessionFactory> {
  return (await import('../harness/create-session.js')).createSession;
}
