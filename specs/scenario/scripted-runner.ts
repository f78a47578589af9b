import { type HookRunnerLike, Session } from '../../src/harness/session.js';
import type { ScriptRun } from '../../src/runner/run-script.js';
import { scriptRun } from '../support/script-run.js';
import type { HookCall } from '../../src/model/hook-call.js';
import { HOOK_DRIVERS, type HookDriver } from '../../src/model/hook-driver.js';
import { libvirtProfile } from '../../src/model/libvirt-profile.js';
import { formatHookFailure } from '../../src/runner/format-hook-failure.js';
import type { SessionFactory } from '../../src/scenario/run-scenario.js';
import { createSimulatorState } from '../../src/simulator/create-simulator-state.js';

export type ScriptBehaviour = (script: string, call: HookCall) => { exitCode?: number; stdout?: string; stderr?: string };

const ENV = ['LC_ALL=C', 'PATH=/usr/bin:/bin', 'HOME=/root'];
const bytes = (text: string) => Buffer.from(text, 'utf8');

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
        const run = scriptRun({ hook: script, argv, env: ENV, exitCode: outcome.exitCode ?? 0, stdout: bytes(outcome.stdout ?? ''), stderr: bytes(outcome.stderr ?? '') });
        runs.push(run);
        if (run.exitCode !== 0) error = formatHookFailure({ env: ENV, argv: [`/etc/libvirt/hooks/${script}`, ...argv], exitCode: run.exitCode, signal: null, stderr: run.stderr });
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

