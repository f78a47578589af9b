import type { Effect, EffectAnswer } from './effect.js';
import type { SimulatorState } from './simulator-state.js';
import type { StepResult } from './step-result.js';

/** What a step ends with: the next state and what virsh printed. */
export interface Transition {
  readonly state: SimulatorState;
  readonly result: StepResult;
}

/**
 * A step in progress: yields effects (hook calls, scans), receives their answers, returns the
 * transition. Pure: driving it with recorded answers replays the step without any process.
 */
export type Simulation<T = Transition> = Generator<Effect, T, EffectAnswer>;
