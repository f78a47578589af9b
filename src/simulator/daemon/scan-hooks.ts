import type { HookDriver } from '../../model/hook-driver.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';

/** virHookInitialize: re-reads which drivers have hooks (daemon start, SIGHUP, shutdown). */
export function* scanHooks(state: SimulatorState): Simulation<SimulatorState> {
  const found = (yield { type: 'scan-hooks' }) as readonly HookDriver[];
  return { ...state, hooksFound: [...found] };
}
