import { libvirtProfile, RECORDED_DAEMON_ENV } from '../model/libvirt-profile.js';
import { createRunner, type HookRunner } from '../runner/create-runner.js';
import type { RunnerOptions } from '../runner/runner-options.js';
import { createSimulatorState } from '../simulator/create-simulator-state.js';
import type { StatusFiles } from '../status/status-files.js';
import { normalizeRecordingOptions, type RecordingOptions } from './recording-options.js';
import { seedFromStatusFiles } from './seed-from-status-files.js';
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
  /**
   * One libvirtd, or the modular daemons (virtnetworkd, virtqemud) with their own hook caches.
   * @default 'monolithic'
   */
  readonly daemonMode?: 'monolithic' | 'modular';
  /** A runner to use instead of creating one (a playback double in tests). */
  readonly runner?: HookRunner;
  /**
   * Start from these libvirt files (`/run/libvirt/...`, `/etc/libvirt/...`, path -> content):
   * networks active, guests running and ports plugged as they say, without any hook having run.
   * A file libvirt could not load throws SCENARIO_INVALID.
   * @default no file: an empty host
   */
  readonly statusFiles?: StatusFiles;
  /**
   * How much of the recording stays in memory: past `memoryLimit` script runs (and as many
   * steps), older ones go to a temp file, unlinked as soon as it is open, that
   * `session.recording` and `session.steps` read back. `{ memoryLimit: Infinity }` never
   * writes one.
   * @default { memoryLimit: 256, dir: os.tmpdir() }
   */
  readonly recording?: RecordingOptions;
}

/**
 * Starts a simulated libvirtd over a hooks directory: finds the hooks as virHookInitialize does
 * and returns a Session ready for commands. Throws VirthookError for bad options or a missing
 * hooks directory, before any process exists.
 */
export async function createSession(options: SessionOptions): Promise<Session> {
  const profile = libvirtProfile(options.libvirt ?? '9.0');
  const recording = normalizeRecordingOptions(options.recording);
  const { libvirt: _libvirt, seed, runner: injected, statusFiles, daemonMode, recording: _recording, ...runnerOptions } = options;
  const runner = injected ?? createRunner({ ...runnerOptions, profile, daemonEnv: options.daemonEnv ?? RECORDED_DAEMON_ENV });
  try {
    const hooksFound = await runner.scan();
    const base = createSimulatorState({ profile, seed: seed ?? 'virthook', hooksFound, ...(daemonMode ? { daemon: daemonMode } : {}) });
    if (!statusFiles) return new Session(base, runner, { hooksDir: options.hooksDir, recording });
    const seeded = seedFromStatusFiles(base, statusFiles);
    return new Session(seeded.state, runner, { files: seeded.files, hooksDir: options.hooksDir, recording });
  } catch (error) {
    await runner.dispose();
    throw error;
  }
}
