import type { HookCall } from '../model/hook-call.js';
import type { HookRunner, RunCallOptions } from '../runner/create-runner.js';
import type { CallResult } from '../runner/run-hook-call.js';
import type { RecordedInvocation, RecordedStep, Recording } from '../model/recording.js';
import { describeCommand, type Command, type ReplayOrder } from '../simulator/command.js';
import type { ReplayGroup } from '../simulator/daemon/replay-order.js';
import { rebootHost } from '../simulator/daemon/reboot-host.js';
import { simulate } from '../simulator/simulate.js';
import type { SimulatorState } from '../simulator/simulator-state.js';
import type { StepResult } from '../simulator/step-result.js';
import { renderStatusFiles } from '../status/render-status-files.js';
import { RUNTIME_DIR } from '../status/status-paths.js';
import type { StatusFiles } from '../status/status-files.js';
import { VirthookError } from '../errors/virthook-error.js';
import { applyHookFileChange } from './apply-hook-file-change.js';
import { driveSimulation } from './drive-simulation.js';
import { recordInvocation } from './record-invocation.js';
import { normalizeRecordingOptions, type RecordingOptions } from './recording-options.js';
import { RecordingSpool } from './recording-spool.js';
import { StatusVolume } from './status-volume.js';

/** The runner as the session uses it: src/runner's HookRunner, or a double in specs. */
export type HookRunnerLike = Pick<HookRunner, 'run' | 'scan' | 'dispose'>;

/** Whether virthook stopped the script (timeout or output cap) rather than the script ending by itself. */
const isStoppedByVirthook = (script: CallResult['scripts'][number]) => script.timedOut || script.outputCapped !== null;

/** Whether this failed call is the one whose error virsh printed for the step (the call that vetoed it). */
const isVetoBy = (call: CallResult, stepError: string | null) => call.status === 'failed' && call.error !== null && (stepError ?? '').includes(call.error);

/** A step's outcome together with the calls it caused. */
export interface SessionStep extends StepResult {
  readonly step: string;
  readonly command: Command;
  readonly calls: readonly (CallResult & { readonly call: HookCall })[];
  /** What libvirt logged meanwhile (failed replays, status files it could not load ...). */
  readonly logs: readonly string[];
  /**
   * Limits of the command doubles' interception first met in this step, each said once per
   * session (e.g. the PATH fallback: commands run by absolute path run for real). `session.warnings` has them all.
   */
  readonly warnings: readonly string[];
  /** The port-created replays whose order was left to chance (network driver starts), in order. */
  readonly replays: readonly ReplayPoint[];
}

/** One network driver start's port-created replay: what it could replay, and the order it used. */
export interface ReplayPoint {
  readonly groups: readonly ReplayGroup[];
  /** The seed's order. */
  readonly seeded: ReplayOrder;
  /** The order used: `seeded` unless the step's `replayOrder` chose another. */
  readonly order: ReplayOrder;
}

/** Options of one Session.run: the runner's per-call options, and the replay order. */
export interface SessionRunOptions extends RunCallOptions {
  /**
   * Chooses the hash order of each port-created replay the step makes that its command does not
   * fix (`index` counts the step's replays from 0); undefined keeps the seed's.
   */
  readonly replayOrder?: (groups: readonly ReplayGroup[], index: number) => ReplayOrder | undefined;
}

/**
 * What a Session keeps of a step once run() has returned it (`session.steps`): virsh's outcome,
 * libvirt's log lines, and the scripts the step ran as the recording keeps them (text, not the
 * runner's Buffers; no command doubles' records: those are on the SessionStep run() returned).
 */
export interface SessionStepRecord extends StepResult {
  readonly step: string;
  readonly logs: readonly string[];
  /** This step's entries of `session.recording.invocations`, in order. */
  readonly invocations: readonly RecordedInvocation[];
}

/** A step as the spool stores it: its invocations are stored once, with the others. */
type StoredStep = Omit<SessionStepRecord, 'invocations'>;

/** Options of a Session beyond its state and runner. */
export interface SessionFilesOptions {
  /**
   * The files the host starts with (/run/libvirt, /etc/libvirt). They must describe `state`
   * (see stateFromStatusFiles).
   * @default the files libvirt would hold for `state` (renderStatusFiles)
   */
  readonly files?: StatusFiles;
  /** The hooks directory `hook-file` steps change (a scratch copy); without it they fail. */
  readonly hooksDir?: string;
  /** How much of the recording stays in memory (see createSession's `recording`). @default { memoryLimit: 256 } */
  readonly recording?: RecordingOptions;
}

/**
 * A simulated daemon bound to a hooks directory: performs commands one after another (as virsh
 * would), keeps the state between them, records every hook invocation, and keeps libvirt's
 * status and config files in a memory volume that every daemon start reads back. Its memory does
 * not grow with the number of calls: past `recording.memoryLimit`, recorded steps and script runs
 * go to a spool file that `recording` and `steps` read back.
 */
export class Session {
  #state: SimulatorState;
  readonly #runner: HookRunnerLike;
  readonly #hooksDir: string | null;
  readonly #invocations: RecordingSpool<RecordedInvocation>;
  readonly #steps: RecordingSpool<StoredStep>;
  readonly #volume: StatusVolume;
  readonly #warnings = new Set<string>();
  #disposed = false;

  /** @throws VirthookError OPTIONS_INVALID for a bad `recording` option. */
  constructor(state: SimulatorState, runner: HookRunnerLike, options: SessionFilesOptions = {}) {
    const recording = normalizeRecordingOptions(options.recording, 'Session options');
    this.#state = state;
    this.#runner = runner;
    this.#volume = new StatusVolume(options.files ?? renderStatusFiles(state));
    this.#hooksDir = options.hooksDir ?? null;
    this.#invocations = new RecordingSpool(recording);
    this.#steps = new RecordingSpool(recording);
  }

  get state(): SimulatorState {
    return this.#state;
  }

  /**
   * A snapshot of libvirt's files on the simulated host, path -> content (symlinks as
   * `{ symlink }`): `/run/libvirt/network/NAME.xml`, `.../NAME/ports/UUID.xml`,
   * `/run/libvirt/qemu/DOM.xml`, `/etc/libvirt/qemu/...`.
   */
  get files(): StatusFiles {
    return this.#volume.load();
  }

  /**
   * The memfs volume holding those files (node:fs API). Editing it between steps is editing the
   * host's files by hand: the next daemon start reads what is there.
   */
  get volume(): StatusVolume['volume'] {
    return this.#volume.volume;
  }

  /**
   * Every step so far with the scripts it ran, read back from the spool on each access (a cost
   * proportional to the whole recording). The full SessionStep (runner Buffers, command doubles'
   * records) is only what run() returned.
   * @throws VirthookError SESSION_DISPOSED after dispose()
   */
  get steps(): readonly SessionStepRecord[] {
    this.#assertOpen('read session.steps');
    const byStep: RecordedInvocation[][] = [];
    for (const invocation of this.#invocations.read()) (byStep[invocation.stepIndex] ??= []).push(invocation);
    return this.#steps.read().map((step, index) => ({ ...step, invocations: byStep[index] ?? [] }));
  }

  /**
   * The JSON recording (see model/recording.ts for the stable field names), built anew on each
   * access from the spool: read it once, not in a loop.
   * @throws VirthookError SESSION_DISPOSED after dispose()
   */
  get recording(): Recording {
    this.#assertOpen('read session.recording');
    const steps: RecordedStep[] = this.#steps.read().map((s) => ({ step: s.step, ok: s.ok, error: s.error, logs: s.logs }));
    return { invocations: this.#invocations.read(), steps };
  }

  /**
   * Every limit of the command doubles' interception met so far, once each, in the order first
   * met: the runner's notices (CallResult.warnings), e.g. that without a mount namespace commands
   * run by absolute path are not intercepted. Still readable after dispose().
   */
  get warnings(): readonly string[] {
    return [...this.#warnings];
  }

  /** How many script runs were recorded: `recording.invocations.length` without reading anything back. */
  get invocationCount(): number {
    return this.#invocations.count;
  }

  /**
   * Performs one command; never throws for libvirt-level failures (they are in the result).
   * `options.doubles` replaces the runner's command doubles for this step's hook calls.
   */
  async run(command: Command, options: SessionRunOptions = {}): Promise<SessionStep> {
    this.#assertOpen('run a command');
    const { replayOrder: chooseOrder, ...callOptions } = options;
    const stepIndex = this.#steps.count;
    const calls: SessionStep['calls'][number][] = [];
    const logs: string[] = [];
    const replays: ReplayPoint[] = [];
    const warnings: string[] = [];
    const transition = await driveSimulation(simulate(this.#state, command), {
      hook: async (call) => {
        const result = await this.#runner.run(call, callOptions);
        calls.push({ ...result, call });
        for (const warning of result.warnings ?? []) {
          if (this.#warnings.has(warning)) continue;
          this.#warnings.add(warning);
          warnings.push(warning);
        }
        for (const script of result.scripts) this.#invocations.push(recordInvocation(script, call, stepIndex));
        return { status: result.status, error: result.error, output: result.output };
      },
      scanHooks: () => this.#runner.scan(),
      hookFile: async (change) => (this.#hooksDir === null ? 'this session has no hooks directory to change' : applyHookFileChange(this.#hooksDir, change)),
      log: (message) => logs.push(message),
      files: this.#volume,
      replayOrder: (groups, seeded) => {
        const order = chooseOrder?.(groups, replays.length) ?? seeded;
        replays.push({ groups, seeded, order });
        return order;
      },
    });
    this.#state = transition.state;
    // A script virthook stopped (timeout, output cap) gave no verdict: a real libvirtd would still
    // be waiting on it. The simulation goes on as if it had died, but that is no hook's veto.
    const vetoed = transition.result.vetoed && !calls.some((call) => isVetoBy(call, transition.result.error) && call.scripts.some(isStoppedByVirthook));
    const step: SessionStep = { ...transition.result, vetoed, step: describeCommand(command), command, calls, logs, replays, warnings };
    this.#steps.push({ ok: step.ok, output: step.output, error: step.error, vetoed: step.vetoed, step: step.step, logs });
    return step;
  }

  /**
   * Turns the host off and on without starting libvirt (a scenario's `boot: fresh`): every network
   * and guest down, /run/libvirt emptied (the autostart marker with it), the daemons stopped, and
   * no hook run. The next `daemon-start` (or, with split daemons, socket activation) is the
   * first daemon start of the boot: daemon `start` hook, then autostart.
   * @throws VirthookError SESSION_DISPOSED after dispose()
   */
  powerCycle(): void {
    this.#assertOpen('power-cycle the host');
    this.#state = rebootHost(this.#state);
    this.#volume.remove([{ tree: RUNTIME_DIR }]);
  }

  /**
   * Stops anything the runner still has running and frees the recording's spool: read
   * `recording` or `steps` before, they throw SESSION_DISPOSED after.
   */
  async dispose(): Promise<void> {
    this.#disposed = true;
    try {
      await this.#runner.dispose();
    } finally {
      this.#invocations.dispose();
      this.#steps.dispose();
    }
  }

  #assertOpen(what: string): void {
    if (this.#disposed) {
      throw new VirthookError('SESSION_DISPOSED', `Failed to ${what}: the session was disposed, and its recording with it. Read session.recording (or session.steps) before session.dispose().`);
    }
  }
}
