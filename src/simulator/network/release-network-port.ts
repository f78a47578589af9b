import { libvirtErrors } from '../libvirt-errors.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { releasedPort, withPoolConnections, withPortRemoved } from './network-ports.js';
import { runPortHook, type PortOwner } from './run-port-hook.js';
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
 * dropped it, so nothing happens, oracle n), bandwidth unplugged, connections-- BEFORE the
 * `port-deleted` hook, whose failure is ignored; then the port is removed.
 */
export function* releaseNetworkPort(state: SimulatorState, network: string, uuid: string, owner: PortOwner | null): Simulation<PortRelease> {
  const obj = state.networks[network];
  if (!obj) return { state, error: libvirtErrors.noNetwork(network) };
  const port = obj.ports.find((p) => p.uuid === uuid);
  if (!port) return { state, error: portNotFound(uuid) };
  if (!isActive(obj)) return { state, error: libvirtErrors.operationInvalid(`network '${network}' is not active`) };
  const connections = obj.connections - 1;
  const remaining = withPortRemoved({ ...obj, connections }, uuid);
  yield* runPortHook(state, withPoolConnections(obj.live!, remaining.ports), 'deleted', releasedPort(port), connections, owner);
  return { state: withNetwork(state, network, remaining), error: null };
}
