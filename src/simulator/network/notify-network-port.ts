import type { NetworkDef } from '../../model/network-def.js';
import type { NetworkPortDef } from '../../model/network-port-def.js';
import { savePort } from '../files/persist-network.js';
import { libvirtErrors } from '../libvirt-errors.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { withPoolConnections } from '../../model/with-pool-connections.js';
import { withPortAdded } from './network-ports.js';
import { runPortHook, type PortOwner } from './run-port-hook.js';
import { taintNetwork } from './taint-network.js';
import { isActive, withNetwork } from './with-network.js';

/** How a notification ended; on error no counter moved (a failed hook's increment is rolled back). */
export interface PortNotification {
  readonly state: SimulatorState;
  readonly error: string | null;
  readonly vetoed: boolean;
}

/** networkNotifyPort's checks that the port still fits the network, or libvirt's message. */
function plugMismatch(def: NetworkDef, port: NetworkPortDef): string | null {
  const plug = port.plug;
  if (!plug) return libvirtErrors.internal('Unexpectedly got a network port without a plug');
  if ((plug.type === 'network' || plug.type === 'bridge') && !def.bridge?.name) {
    return libvirtErrors.internal('Unexpectedly got a network port without a network bridge');
  }
  if (plug.type === 'direct' && !def.forward?.interfaces.some((i) => i.dev === plug.dev)) {
    return libvirtErrors.internal(`network '${def.name}' doesn't have dev='${plug.dev ?? ''}' in use by network port '${port.uuid}'`);
  }
  if (plug.type === 'hostdev-pci') {
    const a = plug.address;
    const known = def.forward?.addresses.some((b) => a.domain === b.domain && a.bus === b.bus && a.slot === b.slot && a.function === b.function);
    const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
    if (!known) {
      return libvirtErrors.internal(`network '${def.name}' doesn't have PCI device ${hex(a.domain, 4)}:${hex(a.bus, 2)}:${hex(a.slot, 2)}.${a.function} in use by network port`);
    }
  }
  return null;
}

/**
 * networkNotifyPort: an existing port is announced again (the replay at network driver start, or
 * a guest's RECLAIM at reconnect): connections++ then `port-created` with the stored port; a
 * failure rolls the counter back and returns an error the caller only logs. With `store`, a
 * port the network did not know is added afterwards (networkPortCreateXML with RECLAIM).
 * The exclusive-use checks of passthrough/hostdev pools are not modelled.
 */
export function* notifyNetworkPort(
  state: SimulatorState,
  network: string,
  port: NetworkPortDef,
  options: { readonly store: boolean; readonly owner: PortOwner | null },
): Simulation<PortNotification> {
  const obj = state.networks[network];
  if (!obj) return { state, error: libvirtErrors.noNetwork(network), vetoed: false };
  if (!isActive(obj)) return { state, error: libvirtErrors.operationInvalid(`network '${network}' is not active`), vetoed: false };
  const live = obj.live!;
  const mismatch = plugMismatch(live, port);
  if (mismatch) return { state, error: mismatch, vetoed: false };
  const connections = obj.connections + 1;
  const ports = obj.ports.some((p) => p.uuid === port.uuid) ? obj.ports : [...obj.ports, port];
  const outcome = yield* runPortHook(state, withPoolConnections(live, ports), 'created', port, connections, options.owner);
  if (outcome.status === 'failed') return { state, error: outcome.error, vetoed: true };
  const tainted = taintNetwork(state, network, outcome);
  const counted = { ...tainted.networks[network]!, connections };
  const added = options.store && !obj.ports.some((p) => p.uuid === port.uuid);
  // networkPortCreateXML with RECLAIM: virNetworkObjAddPort writes the port's status file.
  if (added) yield* savePort(state, network, port);
  return { state: withNetwork(tainted, network, added ? withPortAdded(counted, port) : counted), error: null, vetoed: false };
}
