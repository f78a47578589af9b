import { allocatePort } from '../../model/allocate-port.js';
import type { DomainNetDef } from '../../model/domain-net-def.js';
import type { NetworkPortDef } from '../../model/network-port-def.js';
import { seededRandom } from '../../model/seeded-random.js';
import { savePort, saveNetworkStatus } from '../files/persist-network.js';
import { libvirtErrors } from '../libvirt-errors.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { withPoolConnections } from '../../model/with-pool-connections.js';
import { portAllocationOptions, releasedPort, withPortAdded } from './network-ports.js';
import { runPortHook, type PortOwner } from './run-port-hook.js';
import { taintNetwork } from './taint-network.js';
import { isActive, withNetwork } from './with-network.js';

/** How a port allocation ended. */
export interface PortAllocation {
  readonly state: SimulatorState;
  /** The stored port; null when libvirt refused it or a hook vetoed it. */
  readonly port: NetworkPortDef | null;
  /** libvirt's message (what virsh prints after `error: `) when `port` is null. */
  readonly error: string | null;
  readonly vetoed: boolean;
}

/** What is being plugged: the interface the request comes from, and who owns the port. */
export interface PortRequest {
  readonly network: string;
  /** A guest's `<interface type='network'>`, or one standing in for a `<networkport>` document. */
  readonly iface: DomainNetDef;
  readonly owner: { readonly name: string; readonly uuid: string };
  /** The port's UUID when given (net-port-create); generated from the seed otherwise (virUUIDGenerate). */
  readonly uuid?: string;
  /** The guest side the old era's plugged stdin shows, given the allocated port. */
  readonly ownerContext?: (port: NetworkPortDef) => PortOwner;
}

/** The refusal of a request for a network that is missing or down (networkPortCreateXML). */
export function networkUnavailable(state: SimulatorState, name: string): string | null {
  const obj = state.networks[name];
  if (!obj) return libvirtErrors.noNetwork(name);
  return isActive(obj) ? null : libvirtErrors.operationInvalid(`network '${name}' is not active`);
}

/**
 * networkPortCreateXML without RECLAIM: networkAllocatePort builds the port from the request and
 * the network (networkPlugBandwidth saves the status file when it takes a tc class),
 * connections++ (and the pool device's), then `port-created`; a veto rolls the counters back and
 * stores nothing (the tc class is not released, a libvirt leak not modelled); success stores the
 * port and its status file (virNetworkObjAddPort, after the hook).
 */
export function* allocateNetworkPort(state: SimulatorState, request: PortRequest): Simulation<PortAllocation> {
  const unavailable = networkUnavailable(state, request.network);
  if (unavailable) return { state, port: null, error: unavailable, vetoed: false };
  const obj = state.networks[request.network]!;
  const random = seededRandom(state.random);
  const uuid = request.uuid ?? random.uuid();
  const live = withPoolConnections(obj.live!, obj.ports);
  const allocated = allocatePort(live, request.iface, request.owner, uuid, portAllocationOptions(obj.ports, random));
  const next: SimulatorState = { ...state, random: random.state() };
  if ('error' in allocated) return { state: next, port: null, error: allocated.error, vetoed: false };
  if (allocated.classId) yield* saveNetworkStatus(next, request.network, { plugging: allocated });
  const connections = obj.connections + 1;
  const hookDef = withPoolConnections(obj.live!, [...obj.ports, allocated]);
  const outcome = yield* runPortHook(next, hookDef, 'created', allocated, connections, request.ownerContext?.(allocated) ?? null);
  if (outcome.status === 'failed') return { state: next, port: null, error: outcome.error, vetoed: true };
  const tainted = taintNetwork(next, request.network, outcome);
  if (obj.ports.some((p) => p.uuid === uuid)) {
    // virNetworkObjAddPort refuses a known UUID after the hook ran; networkReleasePort undoes it.
    yield* runPortHook(next, withPoolConnections(obj.live!, obj.ports), 'deleted', releasedPort(allocated), obj.connections, null);
    const error = `network port Network port with UUID ${uuid} already exists exists already`;
    return { state: next, port: null, error, vetoed: false };
  }
  const stored = withPortAdded({ ...tainted.networks[request.network]!, connections }, allocated);
  yield* savePort(next, request.network, allocated);
  return { state: withNetwork(tainted, request.network, stored), port: allocated, error: null, vetoed: false };
}
