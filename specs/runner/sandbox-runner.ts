import { execFileSync } from 'node:child_process';
import { expect } from 'vitest';
import type { HookCall } from '../../src/model/hook-call.js';
import { createRunner, type HookRunner } from '../../src/runner/create-runner.js';
import type { IsolationMechanism } from '../../src/runner/hook-spawner.js';
import type { CallResult } from '../../src/runner/run-hook-call.js';
import type { RunnerOptions } from '../../src/runner/runner-options.js';
import { type Entry, makeSandbox, type Sandbox, sandboxProcesses } from './hooks-dir.js';

/** The real interpreter behind `python3` (a version-manager shim costs ~0.3 s per start). */
export const PYTHON = ((): string => {
  try {
    return execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim() || 'python3';
  } catch {
    return 'python3';
  }
})();

/** A network `start` call like libvirt's, with `<hookData>` stdin and no trailing newline. */
export const START_CALL: HookCall = {
  driver: 'network', object: 'lvo-iso', op: 'start', subop: 'begin', extra: '-',
  stdin: "<hookData>\n  <network>\n    <name>lvo-iso</name>\n  </network>\n</hookData>", filter: false,
};

/** Why each mechanism cannot start on this machine (absent: it can), probed once per spec file. */
let probed: Promise<Map<IsolationMechanism, string>> | null = null;

/** Mechanisms that cannot start here, each with the runner's reason (pid-namespace needs root or user namespaces, unshare and python3). */
export function unavailableMechanisms(): Promise<ReadonlyMap<IsolationMechanism, string>> {
  probed ??= (async () => {
    const reasons = new Map<IsolationMechanism, string>();
    for (const isolation of ['pid-namespace', 'subreaper', 'process-group'] as const) {
      const sandbox = makeSandbox({});
      const runner = createRunner({ hooksDir: sandbox.hooksDir, isolation, python: PYTHON });
      try {
        const got = await runner.isolation();
        if (got !== isolation) reasons.set(isolation, `got ${got}`);
      } catch (error) {
        reasons.set(isolation, (error as Error).message);
      } finally {
        await runner.dispose();
        sandbox.remove();
      }
    }
    return reasons;
  })();
  return probed;
}

/** Mechanisms that can start on this machine. */
export async function availableMechanisms(): Promise<IsolationMechanism[]> {
  const unavailable = await unavailableMechanisms();
  return (['pid-namespace', 'subreaper', 'process-group'] as const).filter((isolation) => !unavailable.has(isolation));
}

/** ` (skipped: REASON)` for the title of a spec that needs `isolation`, '' when it can run here. */
export async function skippedWithout(isolation: IsolationMechanism): Promise<string> {
  const reason = (await unavailableMechanisms()).get(isolation);
  return reason === undefined ? '' : ` (skipped: the ${isolation} isolation is unavailable here: ${reason})`;
}

/** What a spawning test works with. */
export interface RunnerContext {
  readonly runner: HookRunner;
  readonly sandbox: Sandbox;
  /** Runs a call (START_CALL by default) and checks in /proc that nothing the hooks started is left. */
  call(overrides?: Partial<HookCall>): Promise<CallResult>;
}

/**
 * Builds a sandboxed hooks directory, runs `body` with a runner on it, then disposes and
 * checks again that no process of the sandbox survived.
 */
export async function withRunner(
  entries: Record<string, Entry>,
  options: Omit<RunnerOptions, 'hooksDir'>,
  body: (context: RunnerContext) => Promise<void>,
): Promise<void> {
  const sandbox = makeSandbox(entries);
  const runner = createRunner({ python: PYTHON, cwd: sandbox.cwd, lingerGraceMs: 100, forceKillAfterMs: 300, timeoutMs: 5_000, ...options, hooksDir: sandbox.hooksDir });
  const call = async (overrides: Partial<HookCall> = {}): Promise<CallResult> => {
    const result = await runner.run({ ...START_CALL, ...overrides });
    expect(sandboxProcesses(sandbox), 'processes left after the call').toEqual([]);
    return result;
  };
  try {
    await body({ runner, sandbox, call });
  } finally {
    await runner.dispose();
    expect(sandboxProcesses(sandbox), 'processes left after dispose').toEqual([]);
    sandbox.remove();
  }
}
