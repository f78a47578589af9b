import type { CommandDoubles } from '../doubles/command-doubles.js';
import { isCi } from '../doubles/is-ci.js';
import type { DoublesOptions } from '../doubles/normalize-doubles.js';
import { libvirtProfile, RECORDED_DAEMON_ENV } from '../model/libvirt-profile.js';
import { createRunner, type HookRunner } from '../runner/create-runner.js';
import type { RunnerOptions } from '../runner/runner-options.js';
import { createSimulatorState } from '../simulator/create-simulator-state.js';
import type { StatusFiles } from '../status/status-files.js';
import { normalizeRecordingOptions, type RecordingOptions } from './recording-options.js';
import { seedFromStatusFiles } from './seed-from-status-files.js';
import { Session } from './session.js';

/** Options of createSession: the runner's options plus the simulated release and seed. */
export interface SessionOptions extends Omit<RunnerOptions, 'profile' | 'timeoutMs' | 'doubles'> {
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
  /**
   * Command doubles for every hook call (`session.run(command, { doubles })` overrides them for
   * one step): options as in a scenario's doubles section, or a CommandDoubles from
   * createCommandDoubles to share reply sequences. Left out, the built-in `virsh` double and
   * listeners on libvirt's sockets still report a hook that calls back into libvirt (in
   * SessionStep.calls[].violations; see toHaveNoCommandViolations), and `logger` is a spy.
   * Options without `strict` are strict in CI (isCi()). `false` intercepts nothing;
   * `{ libvirtCallbacks: 'allow' }` keeps the doubles but lets virsh answer as a plain spy.
   * @default {} with strict off: callback detection only
   */
  readonly doubles?: DoublesOptions | CommandDoubles | false;
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
  const { libvirt: _libvirt, seed, runner: injected, statusFiles, daemonMode, recording: _recording, doubles, ...runnerOptions } = options;
  const runner = injected ?? createRunner({ ...runnerOptions, ...sessionDoubles(doubles), profile, daemonEnv: options.daemonEnv ?? RECORDED_DAEMON_ENV });
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

/**
 * The runner's `doubles` for a session: none for `false`, callback detection alone when left
 * out, and the caller's options with strict mode on in CI when they do not say. Anything else
 * goes through unchanged for the runner to validate.
 */
function sessionDoubles(doubles: SessionOptions['doubles']): Pick<RunnerOptions, 'doubles'> {
  if (doubles === false) return {};
  if (doubles === undefined) return { doubles: {} };
  const isOptions = typeof doubles === 'object' && doubles !== null && !Array.isArray(doubles) && typeof (doubles as Partial<CommandDoubles>).answer !== 'function';
  return { doubles: isOptions && (doubles as DoublesOptions).strict === undefined ? { ...doubles, strict: isCi() } : doubles };
}
