import type { DaemonHookOp, HookDriver } from '../../model/hook-driver.js';
import type { Simulation } from '../simulation.js';

/**
 * remote_daemon.c: `- start - start`, `- shutdown - shutdown`, `- reload begin SIGHUP`; stdin
 * /dev/null, exit ignored. `found` is the hook cache of the daemon that runs it (every split
 * daemon runs the daemon hook itself).
 */
export function* runDaemonHook(found: readonly HookDriver[], op: DaemonHookOp): Simulation<void> {
  if (!found.includes('daemon')) return;
  // The reload call passes SIGHUP (1) as the sub-op, which virHookSubopTypeToString maps to "begin".
  const subop = op === 'reload' ? 'begin' : '-';
  const extra = op === 'reload' ? 'SIGHUP' : op;
  yield { type: 'hook', call: { driver: 'daemon', object: '-', op, subop, extra, stdin: null, filter: false } };
}
