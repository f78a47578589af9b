import { hasManagedBridge, type NetworkDef } from './network-def.js';
import type { NetworkPortDef } from './network-port-def.js';

/**
 * networkPlugBandwidth / networkCheckBandwidth: a port with an inbound `floor` on a network with
 * inbound QoS gets the lowest free tc class id (networkNextClassID); null when no QoS applies;
 * libvirt's error text when the floor is not allowed or would overcommit the network.
 */
export function plugBandwidth(
  network: NetworkDef,
  port: NetworkPortDef,
  floorSum: number,
  usedClassIds: readonly number[],
): number | null | { readonly error: string } {
  const floor = port.bandwidth?.inbound?.floor ?? 0;
  const netIn = network.bandwidth?.inbound;
  const mac = port.mac;
  if (floor > 0 && !hasManagedBridge(network)) {
    return { error: `Operation not supported: Invalid use of 'floor' on interface with MAC address ${mac} - 'floor' is only supported for interface type 'network' with forward type 'nat', 'route', 'open' or none` };
  }
  if (floor > 0 && !netIn) {
    return { error: `Operation not supported: Invalid use of 'floor' on interface with MAC address ${mac} - network '${network.name}' has no inbound QoS set` };
  }
  if (!netIn || floor === 0) return null;
  const sum = floorSum + floor;
  const bridge = network.bridge?.name ?? '';
  if (netIn.peak) {
    if (sum > netIn.peak) {
      return { error: `Requested operation is not valid: Cannot plug '${mac}' interface into '${bridge}' because new combined inbound floor=${sum} would overcommit peak=${netIn.peak} on network '${network.name}'` };
    }
  } else if (sum > (netIn.average ?? 0)) {
    return { error: `Requested operation is not valid: Cannot plug '${mac}' interface into '${bridge}' because new combined inbound floor=${sum} would overcommit average=${netIn.average ?? 0} on network '${network.name}'` };
  }
  let id = 0;
  while (usedClassIds.includes(id)) id++;
  return id;
}
