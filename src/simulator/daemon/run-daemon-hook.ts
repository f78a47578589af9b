import type { DaemonHookOp } from '../../model/hook-driver.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';

/** remote_daemon.c: `- start - start`, `- shutdown - shutdown`, `- reload begin SIGHUP`; stdin /dev/null, exit ignored. */
export function* runDaemonHook(state: SimulatorState, op: DaemonHookOp): Simulation<void> {
  if (!state.hooksFound.includes('daemon')) return;
  // The reload call passes SIGHUP (1) as the sub-op, which virHookSubopTypeToString maps to "begin".
  const subop = op === 'reload' ? 'begin' : '-';
  const extra = op === 'reload' ? 'SIGHUP' : op;
  yield { type: 'hook', call: { driver: 'daemon', object: '-', op, subop, extra, stdin: null, filter: false } };
}
