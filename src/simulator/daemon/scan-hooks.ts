import type { HookDriver } from '../../model/hook-driver.js';
import type { Simulation } from '../simulation.js';

/** virHookInitialize: which drivers have hooks now (daemon start, SIGHUP, shutdown); each daemon keeps its own answer. */
export function* scanHooks(): Simulation<readonly HookDriver[]> {
  const found = (yield { type: 'scan-hooks' }) as readonly HookDriver[];
  return [...found];
}
