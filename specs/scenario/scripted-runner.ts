import { type HookRunnerLike, Session } from '../../src/harness/session.js';
import type { ScriptRun } from '../../src/runner/run-script.js';
import { scriptRun } from '../support/script-run.js';
import type { HookCall } from '../../src/model/hook-call.js';
import { HOOK_DRIVERS, type HookDriver } from '../../src/model/hook-driver.js';
import { libvirtProfile } from '../../src/model/libvirt-profile.js';
import { formatHookFailure } from '../../src/runner/format-hook-failure.js';
import type { ProcessInfo } from '../../src/runner/hook-spawner.js';
import { stoppedByVirthook } from '../../src/runner/stopped-by-virthook.js';
import type { SessionFactory } from '../../src/scenario/run-scenario.js';
import { createSimulatorState } from '../../src/simulator/create-simulator-state.js';

/** How one scripted run ends: by itself (an exit status), or as virthook would report a hang, a flood or leftovers. */
export interface ScriptOutcome {
  readonly exitCode?: number;
  readonly stdout?: string;
  readonly stderr?: string;
  /** virthook stopped it: at the timeout (2 s here), or at the output cap (1024 bytes of stdout here). */
  readonly stop?: 'timeout' | 'output-cap';
  /** Descendants that held its stdout/stderr after it exited. */
  readonly lingering?: readonly ProcessInfo[];
  /** Descendants that outlived it with their stdio elsewhere. */
  readonly survivors?: readonly ProcessInfo[];
}

export type ScriptBehaviour = (script: string, call: HookCall) => ScriptOutcome;

const ENV = ['LC_ALL=C', 'PATH=/usr/bin:/bin', 'HOME=/root'];
const bytes = (text: string) => Buffer.from(text, 'utf8');

/** The fields of a run virthook stopped, as runScript reports them. */
function stopped(script: string, stop: ScriptOutcome['stop']): Partial<ScriptRun> {
  if (stop === undefined) return {};
  const limits = { timeoutMs: 2_000, maxOutputBytes: 1_024 };
  const how = stop === 'timeout' ? { reason: 'timeout' as const, timeoutMs: limits.timeoutMs } : { reason: 'output-cap' as const, stream: 'stdout' as const, maxOutputBytes: limits.maxOutputBytes };
  return {
    ...limits,
    exitCode: null,
    signal: 'SIGTERM',
    timedOut: stop === 'timeout',
    outputCapped: stop === 'output-cap' ? 'stdout' : null,
    failure: `Hook script /etc/libvirt/hooks/${script} was ${stoppedByVirthook(how)}.`,
  };
}

/**
 * A runner double that spawns nothing: the named scripts "run" in libvirt's order (main, then
 * `.d/*` in byte order) and end as `behave` says; failures read like libvirt's.
 */
export function scriptedRunner(scripts: readonly string[], behave: ScriptBehaviour = () => ({})): HookRunnerLike & { calls: HookCall[] } {
  const calls: HookCall[] = [];
  const ordered = [...scripts].sort((a, b) => (a.includes('.d/') === b.includes('.d/') ? (a < b ? -1 : 1) : a.includes('.d/') ? 1 : -1));
  return {
    calls,
    async run(call) {
      calls.push(call);
      const runs: ScriptRun[] = [];
      let error: string | null = null;
      for (const script of ordered.filter((s) => s === call.driver || s.startsWith(`${call.driver}.d/`))) {
        const outcome = behave(script, call);
        const argv = [call.object, call.op, call.subop, call.extra] as const;
        const run = scriptRun({
          hook: script,
          argv,
          env: ENV,
          exitCode: outcome.exitCode ?? 0,
          stdout: bytes(outcome.stdout ?? ''),
          stderr: bytes(outcome.stderr ?? ''),
          ...stopped(script, outcome.stop),
          ...(outcome.lingering ? { lingering: { afterExitMs: 250, holders: outcome.lingering, explanation: 'held' } } : {}),
          survivors: outcome.survivors ?? [],
        });
        runs.push(run);
        if (run.failure !== null) error = run.failure;
        else if (run.exitCode !== 0) error = formatHookFailure({ env: ENV, argv: [`/etc/libvirt/hooks/${script}`, ...argv], exitCode: run.exitCode, signal: null, stderr: run.stderr });
      }
      const status = runs.length === 0 ? 'none' : error === null ? 'ok' : 'failed';
      return { status, error, output: null, scripts: runs, isolation: 'process-group' as const };
    },
    async dispose() {},
    async scan() {
      return HOOK_DRIVERS.filter((d: HookDriver) => scripts.some((s) => s === d || s.startsWith(`${d}.d/`)));
    },
  };
}

/** A session factory over a scripted runner, as createSession would build with real hooks. */
export function scriptedSessions(scripts: readonly string[], behave?: ScriptBehaviour): SessionFactory & { options: unknown[] } {
  const options: unknown[] = [];
  const factory = async (o: Parameters<SessionFactory>[0]) => {
    options.push(o);
    const runner = scriptedRunner(scripts, behave);
    const state = createSimulatorState({ profile: libvirtProfile(o.libvirt ?? '9.0'), seed: o.seed ?? 'spec', hooksFound: await runner.scan(), ...(o.daemonMode ? { daemon: o.daemonMode } : {}) });
    return new Session(state, runner);
  };
  return Object.assign(factory, { options });
}

