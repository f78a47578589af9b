import type { HookOutcome } from '../../model/hook-outcome.js';
import type { SimulatorState } from '../simulator-state.js';
import { networkHooksFound } from './run-network-hook.js';
import { withNetwork } from './with-network.js';

/**
 * networkRunHook's networkNetworkObjTaint: once a network hook ran without failing (the driver had
 * one at the last scan), the object is tainted `hook-script` for the rest of its life.
 */
export function taintNetwork(state: SimulatorState, name: string, outcome: HookOutcome): SimulatorState {
  if (outcome.status === 'failed' || !networkHooksFound(state).includes('network')) return state;
  const obj = state.networks[name];
  if (!obj || obj.tainted) return state;
  return withNetwork(state, name, { ...obj, tainted: true });
}
