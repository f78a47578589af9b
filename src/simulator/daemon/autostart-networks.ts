import { startNetwork } from '../network/start-network.js';
import { isActive } from '../network/with-network.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';

/**
 * networkAutostartConfig: starts every inactive autostart network; a failure (a vetoed `start`,
 * say) is only logged and the loop goes on, leaving that network inactive (oracle g7).
 */
export function* autostartNetworks(state: SimulatorState): Simulation<SimulatorState> {
  let current = state;
  for (const [name, obj] of Object.entries(state.networks)) {
    if (!obj.autostart || isActive(obj)) continue;
    const outcome = yield* startNetwork(current, name);
    current = outcome.state;
    if (outcome.error !== null) yield { type: 'log', message: `autostart of network ${name} failed: ${outcome.error}` };
  }
  return current;
}
