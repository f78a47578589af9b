import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { HookCall } from '../../src/model/hook-call.js';
import { createRunner, type HookRunner, type RunCallOptions } from '../../src/runner/create-runner.js';
import type { CallResult } from '../../src/runner/run-hook-call.js';
import type { RunnerOptions } from '../../src/runner/runner-options.js';
import { survivors } from '../support/survivors.js';
import { type Entry, makeSandbox, type Sandbox, sandboxProcesses } from '../runner/hooks-dir.js';
import { PYTHON, START_CALL } from '../runner/sandbox-runner.js';

/** fixtures/doubles/hooks: single-behaviour hooks that run commands. */
export const DOUBLES_HOOKS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'doubles', 'hooks');

/** A fixture hook from fixtures/doubles/hooks, executable. */
export const hook = (name: string): Entry => ({ kind: 'file', text: readFileSync(join(DOUBLES_HOOKS, name), 'utf8'), mode: 0o755 });

/** A hook written inline (for one-off commands). */
export const script = (text: string): Entry => ({ kind: 'file', text, mode: 0o755 });

/** libvirt 9.0's hook environment with the recorded daemon env (what hooks get when nothing is changed). */
export const LIBVIRT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface DoublesContext {
  readonly runner: HookRunner;
  readonly sandbox: Sandbox;
  call(overrides?: Partial<HookCall>, options?: RunCallOptions): Promise<CallResult>;
}

/** Mount points virthook's namespaces must never leave in the host's (this process's) mount table. */
function leakedMounts(): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8').split('\n').filter((line) => /virthook|\/etc\/libvirt\/hooks|\/run\/libvirt/.test(line));
}

/**
 * Runs `body` with a runner over a throw-away hooks directory, then disposes it and checks that
 * no process survived (neither a descendant of this test process nor anything of the sandbox)
 * and that no mount leaked into the host's mount namespace.
 */
export async function withDoubles(
  entries: Record<string, Entry>,
  options: Omit<RunnerOptions, 'hooksDir'>,
  body: (context: DoublesContext) => Promise<void>,
): Promise<void> {
  const sandbox = makeSandbox(entries);
  const runner = createRunner({ python: PYTHON, cwd: sandbox.cwd, lingerGraceMs: 100, forceKillAfterMs: 300, timeoutMs: 10_000, ...options, hooksDir: sandbox.hooksDir });
  const call = async (overrides: Partial<HookCall> = {}, callOptions?: RunCallOptions): Promise<CallResult> => {
    const result = await runner.run({ ...START_CALL, ...overrides }, callOptions);
    expect(sandboxProcesses(sandbox), 'processes left after the call').toEqual([]);
    return result;
  };
  try {
    await body({ runner, sandbox, call });
  } finally {
    await runner.dispose();
    expect(survivors(), 'descendants left after dispose').toEqual([]);
    expect(sandboxProcesses(sandbox), 'sandbox processes left after dispose').toEqual([]);
    expect(leakedMounts(), 'mounts leaked into the host').toEqual([]);
    sandbox.remove();
  }
}

/** The hook's stdout as text. */
export const stdoutOf = (result: CallResult, index = 0): string => String(result.scripts[index]?.stdout ?? '');
