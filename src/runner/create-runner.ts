import type { CommandDoubles } from '../doubles/command-doubles.js';
import { VirthookError } from '../errors/virthook-error.js';
import type { HookCall } from '../model/hook-call.js';
import { HOOK_DRIVERS, type HookDriver } from '../model/hook-driver.js';
import { createHookSpawner } from './create-hook-spawner.js';
import { hookEnv } from './hook-env.js';
import type { HookSpawner, IsolationMechanism } from './hook-spawner.js';
import type { HookLayout } from './list-hook-scripts.js';
import { type CallResult, runHookCall } from './run-hook-call.js';
import { normalizeRunnerOptions, type RunnerOptions, type RunnerSettings } from './runner-options.js';
import { scanHooks } from './scan-hooks.js';

/** Per-call choices of HookRunner.run. */
export interface RunCallOptions {
  /**
   * Command doubles for this call instead of the runner's `doubles` option; null: none.
   * @default the runner's doubles
   */
  readonly doubles?: CommandDoubles | null;
  /**
   * Per-script timeout for this call, in milliseconds (a scenario step's `timeout:`).
   * @default the runner's timeoutMs
   */
  readonly timeoutMs?: number;
  /**
   * Output cap per stream for this call, in bytes (a scenario step's `max-output:`).
   * @default the runner's maxOutputBytes
   */
  readonly maxOutputBytes?: number;
}

/** Runs libvirt hook calls against real scripts. */
export interface HookRunner {
  /** The options, defaults applied. */
  readonly settings: RunnerSettings;
  /** Runs every script of one virHookCall and reports it as data (hook failures never throw). */
  run(call: HookCall, options?: RunCallOptions): Promise<CallResult>;
  /**
   * virHookInitialize: the drivers that have a hook now (as at daemon start or SIGHUP).
   * @throws VirthookError HOOKS_DIR_NOT_FOUND with libvirt's text when a `<driver>.d` cannot be
   *   opened (a real daemon refuses to start: "Unable to look for hook scripts").
   */
  scan(): Promise<HookDriver[]>;
  /** The containment mechanism in use (starts the supervisor if needed). */
  isolation(): Promise<IsolationMechanism>;
  /** Kills anything still running and stops the supervisors; the runner is unusable afterwards. */
  dispose(): Promise<void>;
}

/**
 * Creates a runner. Options are validated here, before any process exists; the supervisor
 * starts with the first call.
 * @throws VirthookError OPTIONS_INVALID or HOOKS_DIR_NOT_FOUND.
 */
export function createRunner(options: RunnerOptions): HookRunner {
  const settings = normalizeRunnerOptions(options);
  const layout: HookLayout = { hooksDir: settings.hooksDir, libvirtHooksDir: settings.libvirtHooksDir, fs: settings.fileSystem };
  const env = hookEnv(settings.daemonEnv, settings.envPass, settings.defaultPath);
  const limits = {
    timeoutMs: settings.timeoutMs,
    lingerGraceMs: settings.lingerGraceMs,
    forceKillAfterMs: settings.forceKillAfterMs,
    maxOutputBytes: settings.maxOutputBytes,
  };
  let spawner: Promise<HookSpawner> | null = null;
  let disposed = false;
  const said = new Set<string>();
  const getSpawner = (): Promise<HookSpawner> => {
    if (disposed) return Promise.reject(new VirthookError('INTERNAL', 'This hook runner was disposed; create a new one with createRunner().'));
    spawner ??= createHookSpawner(settings);
    return spawner;
  };
  return {
    settings,
    async run(call: HookCall, options: RunCallOptions = {}): Promise<CallResult> {
      if (!HOOK_DRIVERS.includes(call.driver)) {
        throw new VirthookError('INTERNAL', `Unknown hook driver "${String(call.driver)}"; expected one of ${HOOK_DRIVERS.join(', ')}.`);
      }
      const chosen = options.doubles === undefined ? settings.doubles : options.doubles;
      const doubles = chosen === null ? null : { doubles: chosen, hooksDir: settings.hooksDir, libvirtHooksDir: settings.libvirtHooksDir };
      if (options.timeoutMs !== undefined && !(Number.isFinite(options.timeoutMs) && options.timeoutMs > 0)) {
        throw new VirthookError('OPTIONS_INVALID', `run(): timeoutMs must be a positive number of milliseconds, got ${String(options.timeoutMs)}`);
      }
      if (options.maxOutputBytes !== undefined && !(Number.isSafeInteger(options.maxOutputBytes) && options.maxOutputBytes > 0)) {
        throw new VirthookError('OPTIONS_INVALID', `run(): maxOutputBytes must be a positive whole number of bytes, got ${String(options.maxOutputBytes)}`);
      }
      const callLimits = {
        ...limits,
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.maxOutputBytes !== undefined ? { maxOutputBytes: options.maxOutputBytes } : {}),
      };
      const result = await runHookCall(call, { layout, directories: settings.directories, env, cwd: settings.cwd, limits: callLimits, spawner: await getSpawner(), doubles });
      if (result.warnings === undefined) return result;
      // Say each limitation once per runner: reports show it once, not on every call.
      const fresh = result.warnings.filter((warning) => !said.has(warning));
      for (const warning of fresh) said.add(warning);
      return { ...result, warnings: fresh };
    },
    async scan(): Promise<HookDriver[]> {
      const scan = scanHooks(layout, settings.directories);
      if (scan.error !== null) {
        throw new VirthookError('HOOKS_DIR_NOT_FOUND', `Unable to look for hook scripts: ${scan.error}. A real libvirt daemon would refuse to start; make the directory readable or remove it.`);
      }
      return [...scan.drivers];
    },
    async isolation(): Promise<IsolationMechanism> {
      return (await getSpawner()).isolation;
    },
    async dispose(): Promise<void> {
      disposed = true;
      const current = spawner;
      spawner = null;
      if (current) await (await current.catch(() => null))?.dispose();
    },
  };
}
