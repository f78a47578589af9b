import type { Supervisor, SupervisorLaunch } from './supervisor.js';

/** Parked supervisors per mechanism and interpreter, at most this many each. */
const MAX_PARKED = 8;
const parked = new Map<string, Supervisor[]>();
/** Hosts that asked for parking and have not released it yet. */
let holders = 0;

const keyOf = (launch: SupervisorLaunch, python: string): string => `${launch.mechanism}\0${launch.userNamespace}\0${python}`;

/**
 * Keeps the idle supervisors of disposed runners for the next runner of this thread while at
 * least one long-lived host (a scenario pool worker, an in-thread run of many scenarios) holds
 * parking: starting one (unshare + python) costs the CPU of several hook calls, once per scenario
 * otherwise. The returned release stops every parked supervisor once the last holder lets go.
 */
export function holdSupervisorParking(): () => Promise<void> {
  holders += 1;
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    holders -= 1;
    if (holders === 0) await disposeParkedSupervisors();
  };
}

/** Keeps an idle, live supervisor when parking is on; false when the caller must dispose of it. */
export function parkSupervisor(supervisor: Supervisor): boolean {
  if (holders === 0 || !supervisor.alive || supervisor.python === '') return false;
  const key = keyOf(supervisor.launch, supervisor.python);
  const list = parked.get(key) ?? [];
  if (list.length >= MAX_PARKED) return false;
  list.push(supervisor);
  parked.set(key, list);
  return true;
}

/** A parked supervisor of this launch and (resolved) interpreter that is still alive, or null. */
export function unparkSupervisor(launch: SupervisorLaunch, python: string): Supervisor | null {
  const list = parked.get(keyOf(launch, python)) ?? [];
  for (let supervisor = list.pop(); supervisor; supervisor = list.pop()) {
    if (supervisor.alive) return supervisor;
  }
  return null;
}

/** Stops every parked supervisor (parking itself stays as the holders left it). */
async function disposeParkedSupervisors(): Promise<void> {
  const all = [...parked.values()].flat();
  parked.clear();
  await Promise.all(all.map((supervisor) => supervisor.dispose()));
}
