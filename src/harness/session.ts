import type { HookCall } from '../model/hook-call.js';
import type { HookRunner, RunCallOptions } from '../runner/create-runner.js';
import type { CallResult } from '../runner/run-hook-call.js';
import type { RecordedInvocation, RecordedStep, Recording } from '../model/recording.js';
import { describeCommand, type Command } from '../simulator/command.js';
import { simulate } from '../simulator/simulate.js';
import type { SimulatorState } from '../simulator/simulator-state.js';
import type { StepResult } from '../simulator/step-result.js';
import { renderStatusFiles } from '../status/render-status-files.js';
import type { StatusFiles } from '../status/status-files.js';
import { applyHookFileChange } from './apply-hook-file-change.js';
import { driveSimulation } from './drive-simulation.js';
import { recordInvocation } from './record-invocation.js';
import { StatusVolume } from './status-volume.js';

/** The runner as the session uses it: src/runner's HookRunner, or a double in specs. */
export type HookRunnerLike = Pick<HookRunner, 'run' | 'scan' | 'dispose'>;

/** A step's outcome together with the calls it caused. */
export interface SessionStep extends StepResult {
  readonly step: string;
  readonly command: Command;
  readonly calls: readonly (CallResult & { readonly call: HookCall })[];
  /** What libvirt logged meanwhile (failed replays, status files it could not load ...). */
  readonly logs: readonly string[];
}

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
}

/**
 * A simulated daemon bound to a hooks directory: performs commands one after another (as virsh
 * would), keeps the state between them, records every hook invocation, and keeps libvirt's
 * status and config files in a memory volume that every daemon start reads back.
 */
export class Session {
  #state: SimulatorState;
  readonly #runner: HookRunnerLike;
  readonly #hooksDir: string | null;
  readonly #invocations: RecordedInvocation[] = [];
  readonly #steps: SessionStep[] = [];
  readonly #volume: StatusVolume;

  constructor(state: SimulatorState, runner: HookRunnerLike, options: SessionFilesOptions = {}) {
    this.#state = state;
    this.#runner = runner;
    this.#volume = new StatusVolume(options.files ?? renderStatusFiles(state));
    this.#hooksDir = options.hooksDir ?? null;
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

  get steps(): readonly SessionStep[] {
    return this.#steps;
  }

  /** The JSON recording (see model/recording.ts for the stable field names). */
  get recording(): Recording {
    const steps: RecordedStep[] = this.#steps.map((s) => ({ step: s.step, ok: s.ok, error: s.error }));
    return { invocations: [...this.#invocations], steps };
  }

  /**
   * Performs one command; never throws for libvirt-level failures (they are in the result).
   * `options.doubles` replaces the runner's command doubles for this step's hook calls.
   */
  async run(command: Command, options: RunCallOptions = {}): Promise<SessionStep> {
    const stepIndex = this.#steps.length;
    const calls: SessionStep['calls'][number][] = [];
    const logs: string[] = [];
    const transition = await driveSimulation(simulate(this.#state, command), {
      hook: async (call) => {
        const result = await this.#runner.run(call, options);
        calls.push({ ...result, call });
        for (const script of result.scripts) this.#invocations.push(recordInvocation(script, call, stepIndex));
        return { status: result.status, error: result.error, output: result.output };
      },
      scanHooks: () => this.#runner.scan(),
      hookFile: async (change) => (this.#hooksDir === null ? 'this session has no hooks directory to change' : applyHookFileChange(this.#hooksDir, change)),
      log: (message) => logs.push(message),
      files: this.#volume,
    });
    this.#state = transition.state;
    const step: SessionStep = { ...transition.result, step: describeCommand(command), command, calls, logs };
    this.#steps.push(step);
    return step;
  }

  /** Stops anything the runner still has running. */
  async dispose(): Promise<void> {
    await this.#runner.dispose();
  }
}
