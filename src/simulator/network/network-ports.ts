import type { AllocatePortOptions } from '../../model/allocate-port.js';
import type { NetworkPortDef } from '../../model/network-port-def.js';
import type { SeededRandom } from '../../model/seeded-random.js';
import type { NetworkObject } from '../simulator-state.js';

/**
 * What networkAllocatePort reads from the network object besides the def: the tc class ids in use
 * (classIdMap, 0-2 reserved), the sum of plugged floors, and the VFs other ports hold.
 */
export function portAllocationOptions(ports: readonly NetworkPortDef[], random: SeededRandom): AllocatePortOptions {
  const classIds = ports.flatMap((p) => (p.classId ? [p.classId] : []));
  const floorSum = ports.reduce((sum, p) => sum + (p.classId ? p.bandwidth?.inbound?.floor ?? 0 : 0), 0);
  const usedHostdevAddresses = ports.flatMap((p) => (p.plug?.type === 'hostdev-pci' ? [p.plug.address] : []));
  return { usedClassIds: [0, 1, 2, ...classIds], floorSum, usedHostdevAddresses, random };
}

/** The port as networkReleasePort leaves it before `port-deleted`: bandwidth unplugged, class id 0. */
export function releasedPort(port: NetworkPortDef): NetworkPortDef {
  const { classId: _classId, ...rest } = port;
  return rest;
}

/** The network object with one more port (virNetworkObjAddPort, after the hook succeeded). */
export function withPortAdded(obj: NetworkObject, port: NetworkPortDef): NetworkObject {
  return { ...obj, ports: [...obj.ports, port] };
}

/** The network object without the port (virNetworkObjDeletePort). */
export function withPortRemoved(obj: NetworkObject, uuid: string): NetworkObject {
  return { ...obj, ports: obj.ports.filter((p) => p.uuid !== uuid) };
}
