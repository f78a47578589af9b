import type { HookCall } from '../model/hook-call.js';
import type { HookRunner } from '../runner/create-runner.js';
import type { CallResult } from '../runner/run-hook-call.js';
import type { ScriptRun } from '../runner/run-script.js';
import type { RecordedInvocation, RecordedStep, Recording } from '../model/recording.js';
import { describeCommand, type Command } from '../simulator/command.js';
import { simulate } from '../simulator/simulate.js';
import type { SimulatorState } from '../simulator/simulator-state.js';
import type { StepResult } from '../simulator/step-result.js';
import { driveSimulation } from './drive-simulation.js';

/** The runner as the session uses it: src/runner's HookRunner, or a double in specs. */
export type HookRunnerLike = Pick<HookRunner, 'run' | 'scan' | 'dispose'>;

/** A step's outcome together with the calls it caused. */
export interface SessionStep extends StepResult {
  readonly step: string;
  readonly command: Command;
  readonly calls: readonly (CallResult & { readonly call: HookCall })[];
}

/**
 * A simulated daemon bound to a hooks directory: performs commands one after another (as virsh
 * would), keeps the state between them, and records every hook invocation.
 */
export class Session {
  #state: SimulatorState;
  readonly #runner: HookRunnerLike;
  readonly #invocations: RecordedInvocation[] = [];
  readonly #steps: SessionStep[] = [];

  constructor(state: SimulatorState, runner: HookRunnerLike) {
    this.#state = state;
    this.#runner = runner;
  }

  get state(): SimulatorState {
    return this.#state;
  }

  get steps(): readonly SessionStep[] {
    return this.#steps;
  }

  /** The JSON recording (see model/recording.ts for the stable field names). */
  get recording(): Recording {
    const steps: RecordedStep[] = this.#steps.map((s) => ({ step: s.step, ok: s.ok, error: s.error }));
    return { invocations: [...this.#invocations], steps };
  }

  /** Performs one command; never throws for libvirt-level failures (they are in the result). */
  async run(command: Command): Promise<SessionStep> {
    const stepIndex = this.#steps.length;
    const calls: SessionStep['calls'][number][] = [];
    const transition = await driveSimulation(simulate(this.#state, command), {
      hook: async (call) => {
        const result = await this.#runner.run(call);
        calls.push({ ...result, call });
        for (const script of result.scripts) this.#invocations.push(toInvocation(script, call, stepIndex));
        return { status: result.status, error: result.error, output: result.output };
      },
      scanHooks: () => this.#runner.scan(),
    });
    this.#state = transition.state;
    const step: SessionStep = { ...transition.result, step: describeCommand(command), command, calls };
    this.#steps.push(step);
    return step;
  }

  /** Stops anything the runner still has running. */
  async dispose(): Promise<void> {
    await this.#runner.dispose();
  }
}

function toInvocation(script: ScriptRun, call: HookCall, stepIndex: number): RecordedInvocation {
  return {
    hook: script.hook,
    argv: script.argv,
    // Filter hooks chain stdout into the next script's stdin, so take what this script was given.
    stdin: script.stdin ? script.stdin.toString('utf8') : (call.stdin ?? ''),
    env: script.env,
    cwd: script.cwd,
    exitCode: script.exitCode,
    signal: script.signal,
    stdout: script.stdout.toString('utf8'),
    stderr: script.stderr.toString('utf8'),
    durationMs: script.durationMs,
    stepIndex,
  };
}
