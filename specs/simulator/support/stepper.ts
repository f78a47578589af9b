import type { HookCall } from '../../../src/model/hook-call.js';
import type { HookDriver } from '../../../src/model/hook-driver.js';
import type { HookOutcome } from '../../../src/model/hook-outcome.js';
import type { Command } from '../../../src/simulator/command.js';
import type { EffectAnswer } from '../../../src/simulator/effect.js';
import { simulate } from '../../../src/simulator/simulate.js';
import type { SimulatorState } from '../../../src/simulator/simulator-state.js';
import type { StepResult } from '../../../src/simulator/step-result.js';
import { renderStatusFiles } from '../../../src/status/render-status-files.js';
import { applyFileChanges, isUnder, type StatusFileContent, type StatusFiles } from '../../../src/status/status-files.js';

export const OK: HookOutcome = { status: 'ok', error: null, output: null };

/** Fails a call the way a hook exiting 1 would (the message is the spec's, not libvirt's). */
export const veto = (text = 'vetoed'): HookOutcome => ({ status: 'failed', error: `Hook script execution failed: ${text}`, output: null });

/**
 * Drives the pure simulator synchronously (it is a generator): hook calls are answered by
 * `answer`, hook scans by `found`, logs are kept, libvirt's files live in `files` (a plain map
 * every daemon start reads back). State carries over between commands.
 */
export class Stepper {
  readonly calls: HookCall[] = [];
  readonly logs: string[] = [];
  readonly results: StepResult[] = [];
  state: SimulatorState;
  /** The host's /run/libvirt and /etc/libvirt; a spec may edit it between steps. */
  files: Map<string, StatusFileContent>;
  /** What the next hook scans find (a spec changes it to model hooks added or removed). */
  found: readonly HookDriver[];
  answer: (call: HookCall) => HookOutcome;

  constructor(state: SimulatorState, options: { found?: readonly HookDriver[]; answer?: (call: HookCall) => HookOutcome; files?: StatusFiles } = {}) {
    this.state = state;
    this.files = new Map(options.files ?? renderStatusFiles(state));
    this.found = options.found ?? ['daemon', 'qemu', 'lxc', 'libxl', 'bhyve', 'network'];
    this.answer = options.answer ?? (() => OK);
  }

  run(command: Command): StepResult {
    const simulation = simulate(this.state, command);
    let reply: EffectAnswer;
    for (;;) {
      const step = simulation.next(reply);
      if (step.done) {
        this.state = step.value.state;
        this.results.push(step.value.result);
        return step.value.result;
      }
      const effect = step.value;
      reply = undefined;
      if (effect.type === 'scan-hooks') reply = this.found;
      else if (effect.type === 'log') this.logs.push(effect.message);
      else if (effect.type === 'write-files') this.files = applyFileChanges(this.files, effect.files);
      else if (effect.type === 'remove-files') this.files = applyFileChanges(this.files, [], effect.removals);
      else if (effect.type === 'load-files') reply = new Map([...this.files].filter(([path]) => effect.dirs.some((dir) => isUnder(path, dir))));
      else if (effect.type === 'hook-file') reply = null;
      else if (effect.type === 'replay-order') reply = undefined;
      else { this.calls.push(effect.call); reply = this.answer(effect.call); }
    }
  }

  /** Runs commands in turn and returns the calls they made. */
  callsOf(commands: readonly Command[]): HookCall[] {
    const from = this.calls.length;
    for (const command of commands) this.run(command);
    return this.calls.slice(from);
  }
}

/** `driver object op subop extra`, the way a timeline lists calls. */
export const head = (c: HookCall) => `${c.driver} ${c.object} ${c.op} ${c.subop} ${c.extra}`;
