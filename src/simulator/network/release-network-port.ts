import { deletePort, saveNetworkStatus } from '../files/persist-network.js';
import { libvirtErrors } from '../libvirt-errors.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { withPoolConnections } from '../../model/with-pool-connections.js';
import { releasedPort, withPortRemoved } from './network-ports.js';
import { runPortHook, type PortOwner } from './run-port-hook.js';
import { taintNetwork } from './taint-network.js';
import { isActive, withNetwork } from './with-network.js';

/** How a release ended: `error` is libvirt's message when nothing was released (no hook ran). */
export interface PortRelease {
  readonly state: SimulatorState;
  readonly error: string | null;
}

/** virNetworkObjLookupPort's VIR_ERR_NO_NETWORK_PORT. */
export const portNotFound = (uuid: string) => `network port not found: Network port with UUID ${uuid} does not exist`;

/**
 * networkPortDelete / networkReleasePort: the port is looked up (a network destroyed since has
 * dropped it, so nothing happens, oracle n), bandwidth unplugged (networkUnplugBandwidth saves the
 * status file when the port had a tc class), connections-- BEFORE the `port-deleted` hook, whose
 * failure is ignored; then the port and its status file are removed (virNetworkObjDeletePort).
 */
export function* releaseNetworkPort(state: SimulatorState, network: string, uuid: string, owner: PortOwner | null): Simulation<PortRelease> {
  const obj = state.networks[network];
  if (!obj) return { state, error: libvirtErrors.noNetwork(network) };
  const port = obj.ports.find((p) => p.uuid === uuid);
  if (!port) return { state, error: portNotFound(uuid) };
  if (!isActive(obj)) return { state, error: libvirtErrors.operationInvalid(`network '${network}' is not active`) };
  if (port.classId) yield* saveNetworkStatus(state, network, { unplugging: port });
  const connections = obj.connections - 1;
  const remaining = withPortRemoved({ ...obj, connections }, uuid);
  const outcome = yield* runPortHook(state, withPoolConnections(obj.live!, remaining.ports), 'deleted', releasedPort(port), connections, owner);
  yield* deletePort(state, network, uuid);
  const tainted = taintNetwork(withNetwork(state, network, remaining), network, outcome);
  return { state: tainted, error: null };
}
