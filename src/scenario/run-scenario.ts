import { checkCalls } from '../assertions/check-calls.js';
import { checkStep } from '../assertions/check-step.js';
import { prefixFailures } from '../assertions/expectation-failure.js';
import type { Session } from '../harness/session.js';
import { libvirtProfile } from '../model/libvirt-profile.js';
import { hookFileHint } from './hook-file-hint.js';
import type { Scenario } from './scenario.js';
import type { ProfileRun, ScenarioFailure, ScenarioResult, StepRun } from './scenario-result.js';

/** What a run asks of the harness's createSession: absent fields take the harness's defaults. */
export interface SessionRequest {
  readonly hooksDir: string;
  readonly libvirt?: string;
  readonly seed?: string;
  readonly daemonEnv?: ReadonlyArray<readonly [string, string]>;
  readonly daemonCwd?: string;
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
  /** @default the harness's createSession */
  readonly createSession?: SessionFactory;
  /** A millisecond clock for durations. @default performance.now */
  readonly now?: () => number;
}

/**
 * Runs a scenario once per libvirt release of its matrix, each on a fresh simulated daemon with
 * the scenario's hooks, and checks every expectation. Expectation failures are results; bad
 * configuration (an unknown release, an unusable hooks directory) throws VirthookError.
 */
export async function runScenario(scenario: Scenario, options: RunScenarioOptions = {}): Promise<ScenarioResult> {
  const versions = options.libvirt && options.libvirt.length > 0 ? options.libvirt : scenario.libvirt;
  for (const version of versions) libvirtProfile(version);
  const runs: ProfileRun[] = [];
  for (const version of versions) runs.push(await runProfile(scenario, version, options));
  return {
    name: scenario.name,
    description: scenario.description,
    file: scenario.displayFile,
    hooksDir: scenario.hooksDir,
    runs,
    passed: runs.every((run) => run.passed),
  };
}

async function runProfile(scenario: Scenario, libvirt: string, options: RunScenarioOptions): Promise<ProfileRun> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const timeoutMs = options.timeoutMs ?? scenario.timeoutMs;
  const factory = options.createSession ?? (await defaultSessionFactory());
  const session = await factory({
    hooksDir: scenario.hooksDir,
    libvirt,
    ...(scenario.seed !== null ? { seed: scenario.seed } : {}),
    ...(scenario.daemonEnv !== null ? { daemonEnv: scenario.daemonEnv } : {}),
    ...(scenario.daemonCwd !== null ? { daemonCwd: scenario.daemonCwd } : {}),
    ...(timeoutMs !== null && timeoutMs !== undefined ? { timeoutMs } : {}),
  });
  const steps: StepRun[] = [];
  try {
    for (const [index, step] of scenario.steps.entries()) {
      const result = await session.run(step.command);
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
    }
  } finally {
    await session.dispose();
  }
  const recording = session.recording;
  const failures: ScenarioFailure[] = [];
  for (const [index, step] of scenario.steps.entries()) {
    const found = checkStep(steps[index]!, step.expect, recording.invocations, index);
    const where = step.path.startsWith('networks') ? step.path : `${step.path}.expect`;
    failures.push(...prefixFailures(where, found).map((f) => ({ ...f, stepIndex: index, ...(step.line !== undefined ? { line: step.line } : {}) })));
  }
  if (scenario.expect.calls) {
    const found = checkCalls(recording.invocations, scenario.expect.calls);
    const line = scenario.expect.line;
    failures.push(...prefixFailures('expect', found).map((f) => ({ ...f, stepIndex: null, ...(line !== undefined ? { line } : {}) })));
  }
  const explained = await Promise.all(failures.map((f) => withFileHint(f, scenario.hooksDir)));
  return { libvirt, passed: failures.length === 0, steps, recording, failures: explained, durationMs: Math.round(now() - started) };
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
