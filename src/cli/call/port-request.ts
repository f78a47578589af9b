import { VirthookError } from '../../errors/virthook-error.js';
import type { DomainNetDef } from '../../model/domain-net-def.js';
import type { SeededRandom } from '../../model/seeded-random.js';
import type { NetworkPortRequest } from '../../simulator/command.js';
import { parseInterfaceXml } from '../../xml/parse-domain-interface.js';
import { parseNetworkPortRequestXml } from '../../xml/parse-network-port.js';
import { readXml } from '../../xml/read-xml.js';

/**
 * `--port FILE`: a `<networkport>` as `virsh net-port-create` takes it (its owner included), or a
 * guest's `<interface type='network'>`, whose port is owned by `owner`.
 */
export function portRequestFromFile(text: string, file: string, network: string, owner: { name: string; uuid: string }, random: SeededRandom): NetworkPortRequest {
  if (readXml(text, file).name === 'networkport') return parseNetworkPortRequestXml(text, file);
  return portRequestFromInterface(parseInterfaceXml(text, file), network, owner, random, file);
}

/**
 * virDomainNetDefToNetworkPort: the port a guest's `<interface type='network'>` asks the network
 * for (mac, portgroup, virtualport, bandwidth, vlan, isolation, rx filter trust), owned by
 * `owner`. A missing mac is generated as virDomainNetGenerateMAC would (52:54:00, from the seed).
 */
export function portRequestFromInterface(iface: DomainNetDef, network: string, owner: { name: string; uuid: string }, random: SeededRandom, file: string): NetworkPortRequest {
  if (iface.type !== 'network' || iface.source?.kind !== 'network') {
    throw new VirthookError('XML_INVALID_VALUE', `${file}: --port needs an <interface type='network'> (a guest NIC on a libvirt network); got type='${iface.type}'`);
  }
  if (iface.source.network !== network) {
    throw new VirthookError('XML_INVALID_VALUE', `${file}: the interface plugs into network '${iface.source.network}', not '${network}' (--network)`);
  }
  return {
    owner,
    mac: iface.mac ?? random.mac(),
    ...(iface.source.portgroup !== null ? { group: iface.source.portgroup } : {}),
    ...(iface.virtualport ? { virtualport: iface.virtualport } : {}),
    ...(iface.bandwidth ? { bandwidth: iface.bandwidth } : {}),
    ...(iface.vlan && iface.vlan.tags.length > 0 ? { vlan: iface.vlan } : {}),
    ...(iface.isolatedPort ? { isolatedPort: iface.isolatedPort } : {}),
    ...(iface.trustGuestRxFilters ? { trustGuestRxFilters: iface.trustGuestRxFilters } : {}),
  };
}
