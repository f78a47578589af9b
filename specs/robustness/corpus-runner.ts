import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { HookCall } from '../../src/model/hook-call.js';
import { RECORDED_DAEMON_ENV } from '../../src/model/libvirt-profile.js';
import { createRunner, type HookRunner } from '../../src/runner/create-runner.js';
import type { CallResult } from '../../src/runner/run-hook-call.js';
import type { RunnerOptions } from '../../src/runner/runner-options.js';
import { type Entry, makeSandbox, type Sandbox } from '../runner/hooks-dir.js';
import { PYTHON, START_CALL } from '../runner/sandbox-runner.js';
import { markedProcesses } from './marked-processes.js';

/** Short bounds so that the whole corpus runs in seconds. */
export const CORPUS_LIMITS = { timeoutMs: 1_500, lingerGraceMs: 200, forceKillAfterMs: 300, maxOutputBytes: 65_536 } as const;

/** The daemon environment of the recordings, with TMPDIR moved into the sandbox: every hook descendant carries the marker. */
export function markedDaemonEnv(marker: string): Array<[string, string]> {
  return RECORDED_DAEMON_ENV.map(([name, value]) => [name, name === 'TMPDIR' ? `${marker}/tmp` : value]);
}

/** What a corpus case works with. */
export interface CorpusContext {
  readonly runner: HookRunner;
  readonly sandbox: Sandbox;
  /** The unique string every process of this case carries (the sandbox root). */
  readonly marker: string;
  /** Runs a call (START_CALL by default), then checks all of /proc for leftovers carrying the marker. */
  call(overrides?: Partial<HookCall>): Promise<CallResult>;
  /** libvirt's `Hook script execution failed: ... unexpected DETAIL` for `script` (`network`, `network.d/10`) and START_CALL. */
  failureOf(script: string, detail: string): string;
}

/**
 * Builds a sandboxed hooks directory with a unique marker, runs `body` with a real runner on it,
 * then disposes the runner and checks again, from /proc, that nothing carrying the marker is left.
 */
export async function withCorpusRunner(
  entries: Record<string, Entry>,
  options: Omit<RunnerOptions, 'hooksDir'>,
  body: (context: CorpusContext) => Promise<void>,
): Promise<void> {
  const sandbox = makeSandbox(entries);
  const marker = sandbox.root;
  mkdirSync(join(marker, 'tmp'));
  const daemonEnv = markedDaemonEnv(marker);
  const runner = createRunner({ python: PYTHON, cwd: sandbox.cwd, daemonEnv, ...CORPUS_LIMITS, ...options, hooksDir: sandbox.hooksDir });
  // virCommandAddEnvPassCommon: LC_ALL=C, then the passed variables the daemon has (LANG is not one).
  const envText = `LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root USER=root LOGNAME=root TMPDIR=${marker}/tmp`;
  const context: CorpusContext = {
    runner,
    sandbox,
    marker,
    async call(overrides = {}) {
      const result = await runner.run({ ...START_CALL, ...overrides });
      expect(markedProcesses(marker, { exceptSupervisors: true }), 'processes left after the call').toEqual([]);
      return result;
    },
    failureOf: (script, detail) =>
      `Hook script execution failed: internal error: Child process (${envText} /etc/libvirt/hooks/${script} lvo-iso start begin -) unexpected ${detail}`,
  };
  try {
    await body(context);
  } finally {
    await runner.dispose();
    expect(markedProcesses(marker), 'processes left after dispose').toEqual([]);
    sandbox.remove();
  }
}
