import type { NetworkDef } from '../../model/network-def.js';
import { forgetNetworkStatus } from '../files/persist-network.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { runNetworkHook } from './run-network-hook.js';
import { taintNetwork } from './taint-network.js';
import { withNetwork } from './with-network.js';

/**
 * networkShutdownNetwork: status file unlinked, teardown (the bridge goes), ports and their files
 * dropped without port-deleted hooks, `stopped` on the live def (exit ignored), inactive; a
 * transient network disappears.
 */
export function* shutdownNetwork(state: SimulatorState, name: string): Simulation<SimulatorState> {
  yield* forgetNetworkStatus(state, name);
  const obj = state.networks[name]!;
  const live = obj.live as NetworkDef;
  const bridge = live.bridge?.name;
  const afterTeardown: SimulatorState = { ...state, hostBridges: state.hostBridges.filter((b) => b.name !== bridge || b.leakedBy) };
  // networkRunHook formats the live def as is: guests still plugged in show in `connections`.
  const stopped = yield* runNetworkHook(afterTeardown, live, 'stopped', { connections: obj.connections });
  const tainted = taintNetwork(afterTeardown, name, stopped).networks[name]!;
  // virNetworkObjDeleteAllPorts: guests keep their portid, but the ports are gone.
  const next = obj.config ? { ...tainted, live: null, connections: 0, ports: [] } : null;
  return withNetwork(afterTeardown, name, next);
}
