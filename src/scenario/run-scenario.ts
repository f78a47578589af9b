import type { StatusFiles } from '../status/status-files.js';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkState } from '../assertions/check-state.js';
import type { ExpectationFailure } from '../assertions/expectation-failure.js';
import { formatTranscript } from '../assertions/format-transcript.js';
import type { Session } from '../harness/session.js';
import { checkCommands, type CommandsExpectation } from '../doubles/check-commands.js';
import type { CommandCall, DoublesViolation } from '../doubles/command-call.js';
import { createCommandDoubles, type CommandDoubles } from '../doubles/command-doubles.js';
import { mergeDoublesOptions } from '../doubles/merge-doubles-options.js';
import { libvirtProfile } from '../model/libvirt-profile.js';
import type { Recording } from '../model/recording.js';
import type { ReplayOrder } from '../simulator/command.js';
import { enumerateReplayOrders } from '../simulator/daemon/replay-order.js';
import type { SimulatorState } from '../simulator/simulator-state.js';
import { expectationForRelease } from './expectation-for-release.js';
import { hookFileHint } from './hook-file-hint.js';
import { profileFailures } from './profile-failures.js';
import type { Scenario } from './scenario.js';
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
}

/** Builds the simulated daemon for one run (the harness's createSession; a double in specs). */
export type SessionFactory = (options: SessionRequest) => Promise<Session>;

/** Options of runScenario. */
export interface RunScenarioOptions {
  /** Releases to run instead of the scenario's (the CLI's --libvirt). */
  readonly libvirt?: readonly string[];
  /** Overrides the scenario's per-hook timeout (the CLI's --timeout), in milliseconds. */
  readonly timeoutMs?: number;
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
   * @default false (the CLI passes true when the CI variable is set)
   */
  readonly strictByDefault?: boolean;
  /**
   * `all`: after the normal run, run again once per distinct port-created replay order libvirt's
   * hash table could give at the first daemon (re)start (up to `maxReplayOrders`), so a hook that
   * depends on the order is caught. `seed`: the seed's order only.
   * @default 'seed'
   */
  readonly replayOrders?: 'seed' | 'all';
  /** @default 24 */
  readonly maxReplayOrders?: number;
}

/** The first step that replays ports (a daemon start or restart without a fixed order). */
function firstReplayStep(scenario: Scenario): number {
  return scenario.steps.findIndex(({ command }) => (command.verb === 'daemon-restart' || command.verb === 'daemon-start') && !command.order);
}

/**
 * Runs a scenario once per libvirt release of its matrix, each on a fresh simulated daemon with
 * the scenario's hooks, and checks every expectation (with each release's `per-libvirt`
 * overrides). Expectation failures are results; bad configuration (an unknown release, an
 * unusable hooks directory) throws VirthookError.
 */
export async function runScenario(scenario: Scenario, options: RunScenarioOptions = {}): Promise<ScenarioResult> {
  const versions = options.libvirt && options.libvirt.length > 0 ? options.libvirt : scenario.libvirt;
  for (const version of versions) libvirtProfile(version);
  const runs: ProfileRun[] = [];
  const transcripts = new Map<string, string>();
  const warnings = new Set<string>();
  const replayAt = options.replayOrders === 'all' ? firstReplayStep(scenario) : -1;
  for (const version of versions) {
    let before: SimulatorState | null = null;
    const { run, transcript } = await runProfile(scenario, version, options, { stepIndex: replayAt, onStateBefore: (state) => (before = state) }, warnings);
    runs.push(run);
    transcripts.set(version, transcript);
    if (before === null) continue;
    const orders = enumerateReplayOrders(before, options.maxReplayOrders ?? 24);
    for (const [i, order] of orders.entries()) {
      const variant = await runProfile(scenario, version, options, { stepIndex: replayAt, order }, warnings);
      runs.push({ ...variant.run, replayOrder: `${i + 1}/${orders.length}: ${order.join(', ')}` });
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

/** A change to one step of a run: capture the state before it, or fix its replay order. */
interface StepOverride {
  readonly stepIndex: number;
  readonly order?: ReplayOrder;
  readonly onStateBefore?: (state: SimulatorState) => void;
}

/** Runs the scenario on one release; the session's interception warnings are added to `warnings`. */
async function runProfile(scenario: Scenario, libvirt: string, options: RunScenarioOptions, override: StepOverride | undefined, warnings: Set<string>): Promise<{ run: ProfileRun; transcript: string }> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const timeoutMs = options.timeoutMs ?? scenario.timeoutMs;
  const factory = options.createSession ?? (await defaultSessionFactory());
  // hook-write/remove/chmod steps change a scratch copy: the user's hooks are never touched.
  const scratch = scenario.steps.some((step) => step.command.verb === 'hook-file') ? await scratchHooksDir(scenario.hooksDir) : null;
  const session = await factory({
    hooksDir: scratch ?? scenario.hooksDir,
    libvirt,
    ...(scenario.seed !== null ? { seed: scenario.seed } : {}),
    ...(scenario.daemonEnv !== null ? { daemonEnv: scenario.daemonEnv } : {}),
    ...(scenario.daemonCwd !== null ? { daemonCwd: scenario.daemonCwd } : {}),
    ...(scenario.daemonMode === 'modular' ? { daemonMode: scenario.daemonMode } : {}),
    ...(scenario.statusFiles ? { statusFiles: scenario.statusFiles } : {}),
    ...(timeoutMs !== null && timeoutMs !== undefined ? { timeoutMs } : {}),
  });
  const stepExpects = scenario.steps.map((step) => expectationForRelease(step.expect, step.perLibvirt, libvirt));
  const { perLibvirt, line: _line, ...runBase } = scenario.expect;
  const runExpect = expectationForRelease(runBase, perLibvirt, libvirt);
  const steps: StepRun[] = [];
  const doublesOf = stepDoubles(scenario, options.strictByDefault ?? false);
  const commandFailures: ScenarioFailure[] = [];
  const runCommands: CommandCall[] = [];
  // The state is checked as each step leaves it: later steps change it.
  const stateFailures: (readonly ExpectationFailure[])[] = [];
  let endState: readonly ExpectationFailure[] = [];
  let recording: Recording;
  try {
    for (const [index, step] of scenario.steps.entries()) {
      const fixed = override?.stepIndex === index ? override : null;
      if (fixed?.onStateBefore) fixed.onStateBefore(session.state);
      const command = fixed?.order && (step.command.verb === 'daemon-restart' || step.command.verb === 'daemon-start') ? { ...step.command, order: fixed.order } : step.command;
      // The CLI's --timeout wins over the file's; a step's own timeout wins over the scenario's.
      const stepTimeout = options.timeoutMs === undefined ? step.timeoutMs : undefined;
      const result = await session.run(command, { doubles: doublesOf(index), ...(stepTimeout !== undefined ? { timeoutMs: stepTimeout } : {}) });
      const commands = result.calls.flatMap((call) => call.commands ?? []);
      runCommands.push(...commands);
      commandFailures.push(...doublesFailures(index, step, stepExpects[index]!.commands, commands, result.calls.flatMap((call) => call.violations ?? [])));
      steps.push({
        index,
        step: result.step,
        path: step.path,
        ...(step.line !== undefined ? { line: step.line } : {}),
        ok: result.ok,
        vetoed: result.vetoed,
        output: result.output,
        error: result.error,
      });
      const wanted = stepExpects[index]!.state;
      stateFailures.push(wanted ? checkState(session.state, wanted) : []);
    }
    if (runExpect.state) endState = checkState(session.state, runExpect.state);
    // Read once, before dispose() frees the spool it is read back from.
    recording = session.recording;
  } finally {
    for (const warning of session.warnings) warnings.add(warning);
    await session.dispose();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
  const transcript = formatTranscript({ steps, invocations: recording.invocations });
  const failures: ScenarioFailure[] = profileFailures({
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
  });
  failures.push(...commandFailures);
  if (runExpect.commands) {
    failures.push(...checkCommands(runCommands, runExpect.commands).map((f): ScenarioFailure => ({ ...f, path: `expect.${f.path}`, stepIndex: null })));
  }
  const explained = await Promise.all(failures.map((f) => withFileHint(f, scenario.hooksDir)));
  return { run: { libvirt, passed: failures.length === 0, steps, recording, failures: explained, durationMs: Math.round(now() - started) }, transcript };
}

/**
 * The command doubles of each step: one set for the whole run (so reply sequences continue from
 * step to step), replaced by a fresh merge where a step has its own `doubles:`. Always on, so
 * that virsh and libvirt's sockets are watched even when the scenario doubles nothing.
 */
function stepDoubles(scenario: Scenario, strictByDefault: boolean): (index: number) => CommandDoubles {
  const base = { ...scenario.doubles, strict: scenario.doubles.strict ?? strictByDefault };
  const shared = createCommandDoubles(mergeDoublesOptions(base, undefined));
  const own = new Map<number, CommandDoubles>();
  return (index) => {
    const step = scenario.steps[index]!.doubles;
    if (!step) return shared;
    if (!own.has(index)) own.set(index, createCommandDoubles(mergeDoublesOptions(base, step)));
    return own.get(index)!;
  };
}

/** A step's violations (strict refusals, calls back into libvirt) and its `expect.commands`. */
function doublesFailures(
  index: number,
  step: Scenario['steps'][number],
  expected: CommandsExpectation | undefined,
  commands: readonly CommandCall[],
  violations: readonly DoublesViolation[],
): ScenarioFailure[] {
  const at = { stepIndex: index, ...(step.line !== undefined ? { line: step.line } : {}) };
  const failures: ScenarioFailure[] = violations.map((v) => ({ ...at, path: `${step.path}`, message: `${v.script}: ${v.message}` }));
  if (expected) failures.push(...checkCommands(commands, expected).map((f): ScenarioFailure => ({ ...f, ...at, path: `${step.path}.expect.${f.path}` })));
  return failures;
}

/** A copy of the hooks directory (modes and symlinks kept) for a run that changes it. */
async function scratchHooksDir(hooksDir: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'virthook-hooks-'));
  await cp(hooksDir, dir, { recursive: true, verbatimSymlinks: true });
  return dir;
}

/** An expected hook that never ran: say what is wrong with its file, when something is. */
async function withFileHint(failure: ScenarioFailure, hooksDir: string): Promise<ScenarioFailure> {
  if (failure.missingHook === undefined) return failure;
  const hint = await hookFileHint(hooksDir, failure.missingHook);
  return hint ? { ...failure, hint } : failure;
}

/** The harness's createSession, loaded on first use: injected sessions never load the process runner. */
async function defaultSessionFactory(): Promise<SessionFactory> {
  return (await import('../harness/create-session.js')).createSession;
}
