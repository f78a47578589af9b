import type { Supervisor, SupervisorMechanism } from './supervisor.js';

/** Parked supervisors per mechanism and interpreter, at most this many each. */
const MAX_PARKED = 8;
const parked = new Map<string, Supervisor[]>();
let enabled = false;

const keyOf = (mechanism: SupervisorMechanism, python: string): string => `${mechanism}\0${python}`;

/**
 * Keeps the idle supervisors of disposed runners for the next runner of this thread, until
 * disposeParkedSupervisors(). Off unless a long-lived host turns it on (a scenario pool worker):
 * starting one (unshare + python) costs the CPU of several hook calls, once per scenario otherwise.
 */
export function parkIdleSupervisors(): void {
  enabled = true;
}

/** Keeps an idle, live supervisor when parking is on; false when the caller must dispose of it. */
export function parkSupervisor(supervisor: Supervisor): boolean {
  if (!enabled || !supervisor.alive || supervisor.python === '') return false;
  const key = keyOf(supervisor.mechanism, supervisor.python);
  const list = parked.get(key) ?? [];
  if (list.length >= MAX_PARKED) return false;
  list.push(supervisor);
  parked.set(key, list);
  return true;
}

/** A parked supervisor of this mechanism and (resolved) interpreter that is still alive, or null. */
export function unparkSupervisor(mechanism: SupervisorMechanism, python: string): Supervisor | null {
  const list = parked.get(keyOf(mechanism, python)) ?? [];
  for (let supervisor = list.pop(); supervisor; supervisor = list.pop()) {
    if (supervisor.alive) return supervisor;
  }
  return null;
}

/** Turns parking off and stops every parked supervisor. */
export async function disposeParkedSupervisors(): Promise<void> {
  enabled = false;
  const all = [...parked.values()].flat();
  parked.clear();
  await Promise.all(all.map((supervisor) => supervisor.dispose()));
}
