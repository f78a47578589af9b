import type { NetworkObject, SimulatorState } from '../simulator-state.js';

/** Returns a state where network `name` is replaced (or removed when `next` is null), order kept. */
export function withNetwork(state: SimulatorState, name: string, next: NetworkObject | null): SimulatorState {
  const networks: Record<string, NetworkObject> = {};
  let placed = false;
  for (const [key, obj] of Object.entries(state.networks)) {
    if (key !== name) networks[key] = obj;
    else if (next) { networks[key] = next; placed = true; }
  }
  if (next && !placed) networks[name] = next;
  return { ...state, networks };
}

/** Whether a network is running (virNetworkObjIsActive). */
export const isActive = (obj: NetworkObject): boolean => obj.live !== null;
