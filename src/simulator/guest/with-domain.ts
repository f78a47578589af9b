import type { DomainObject, SimulatorState } from '../simulator-state.js';

/** Returns a state where domain `name` is replaced (or removed when `next` is null), order kept. */
export function withDomain(state: SimulatorState, name: string, next: DomainObject | null): SimulatorState {
  const domains: Record<string, DomainObject> = {};
  let placed = false;
  for (const [key, obj] of Object.entries(state.domains)) {
    if (key !== name) domains[key] = obj;
    else if (next) { domains[key] = next; placed = true; }
  }
  if (next && !placed) domains[name] = next;
  return { ...state, domains };
}

/** Whether a guest runs (virDomainObjIsActive). */
export const isRunning = (obj: DomainObject): boolean => obj.live !== null;

/**
 * The state after a guest stopped: shut off, and a transient guest disappears
 * (qemuDomainRemoveInactive).
 */
export function withDomainStopped(state: SimulatorState, name: string): SimulatorState {
  const obj = state.domains[name];
  if (!obj) return state;
  return withDomain(state, name, obj.config ? { ...obj, live: null } : null);
}
