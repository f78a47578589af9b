import type { HookCall } from '../../src/model/hook-call.js';
import type { HookDriver } from '../../src/model/hook-driver.js';
import type { HookOutcome } from '../../src/model/hook-outcome.js';
import { driveSimulation } from '../../src/harness/drive-simulation.js';
import type { Command } from '../../src/simulator/command.js';
import { simulate } from '../../src/simulator/simulate.js';
import type { SimulatorState } from '../../src/simulator/simulator-state.js';
import type { StepResult } from '../../src/simulator/step-result.js';

/** A scripted answer: calls matching `op` (and `object`) fail with `error`. */
export interface PlaybackRule {
  readonly op: string;
  readonly object?: string;
  readonly error: string;
}

/**
 * Drives the pure simulator without any process: every hook call succeeds unless a rule fails it.
 * Returns the calls made, so specs can check libvirt's sequence and stdin.
 */
export async function playback(
  state: SimulatorState,
  commands: readonly Command[],
  rules: readonly PlaybackRule[] = [],
  found: readonly HookDriver[] = ['network', 'qemu', 'daemon'],
): Promise<{ state: SimulatorState; calls: HookCall[]; results: StepResult[] }> {
  const calls: HookCall[] = [];
  const results: StepResult[] = [];
  let current = state;
  for (const command of commands) {
    const transition = await driveSimulation(simulate(current, command), {
      hook: async (call): Promise<HookOutcome> => {
        calls.push(call);
        const rule = rules.find((r) => r.op === call.op && (r.object === undefined || r.object === call.object));
        return rule ? { status: 'failed', error: rule.error, output: null } : { status: 'ok', error: null, output: null };
      },
      scanHooks: async () => found,
    });
    current = transition.state;
    results.push(transition.result);
  }
  return { state: current, calls, results };
}
