import { libvirtProfile, RECORDED_DAEMON_ENV } from '../model/libvirt-profile.js';
import { createRunner, type HookRunner } from '../runner/create-runner.js';
import type { RunnerOptions } from '../runner/runner-options.js';
import { createSimulatorState } from '../simulator/create-simulator-state.js';
import { Session } from './session.js';

/** Options of createSession: the runner's options plus the simulated release and seed. */
export interface SessionOptions extends Omit<RunnerOptions, 'profile' | 'timeoutMs'> {
  /**
   * The libvirt release to simulate (`9.0`, `11.3`, `4.5`, ...).
   * @default '9.0'
   */
  readonly libvirt?: string;
  /**
   * Seed for generated UUIDs, MACs, bridge names and replay order.
   * @default 'virthook'
   */
  readonly seed?: string;
  /**
   * Per-script timeout in milliseconds (libvirt has none).
   * @default 30000
   */
  readonly timeoutMs?: number;
  /** A runner to use instead of creating one (a playback double in tests). */
  readonly runner?: HookRunner;
}

/**
 * Starts a simulated libvirtd over a hooks directory: finds the hooks as virHookInitialize does
 * and returns a Session ready for commands. Throws VirthookError for bad options or a missing
 * hooks directory, before any process exists.
 */
export async function createSession(options: SessionOptions): Promise<Session> {
  const profile = libvirtProfile(options.libvirt ?? '9.0');
  const { libvirt: _libvirt, seed, runner: injected, ...runnerOptions } = options;
  const runner = injected ?? createRunner({ ...runnerOptions, profile, daemonEnv: options.daemonEnv ?? RECORDED_DAEMON_ENV });
  try {
    const hooksFound = await runner.scan();
    return new Session(createSimulatorState({ profile, seed: seed ?? 'virthook', hooksFound }), runner);
  } catch (error) {
    await runner.dispose();
    throw error;
  }
}
