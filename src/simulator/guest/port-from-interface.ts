import type { DomainDef } from '../../model/domain-def.js';
import type { DomainNetDef } from '../../model/domain-net-def.js';
import type { NetworkPortDef, NetworkPortPlug } from '../../model/network-port-def.js';

/** The plug an actual device stands for (the reverse of virDomainNetDefActualFromNetworkPort). */
function plugOf(iface: DomainNetDef): NetworkPortPlug | undefined {
  const actual = iface.actual!;
  switch (actual.type) {
    case 'network':
    case 'bridge':
      return {
        type: actual.type,
        ...(actual.bridge !== null ? { bridge: actual.bridge } : {}),
        ...(actual.macTableManager === 'kernel' || actual.macTableManager === 'libvirt' ? { macTableManager: actual.macTableManager } : {}),
      };
    case 'direct':
      return actual.direct ? { type: 'direct', dev: actual.direct.dev, mode: actual.direct.mode as 'vepa' | 'private' | 'bridge' | 'passthrough' } : undefined;
    case 'hostdev': {
      const hostdev = actual.hostdev;
      if (!hostdev) return undefined;
      const driver = hostdev.driver === 'kvm' || hostdev.driver === 'vfio' ? hostdev.driver : undefined;
      return { type: 'hostdev-pci', address: hostdev.address, ...(hostdev.managed ? { managed: 'yes' as const } : {}), ...(driver ? { driver } : {}) };
    }
  }
}

/**
 * virDomainNetDefActualToNetworkPort: the port a running guest's interface stands for, rebuilt
 * from its actual device when the network driver does not know it (the RECLAIM at reconnect).
 * Null when the interface has no actual device or no portid.
 */
export function portFromInterface(def: DomainDef, iface: DomainNetDef): NetworkPortDef | null {
  if (iface.actual === null || iface.source?.kind !== 'network' || iface.source.portid === null) return null;
  const actual = iface.actual;
  const plug = plugOf(iface);
  return {
    uuid: iface.source.portid,
    owner: { name: def.name, uuid: def.uuid ?? '' },
    ...(iface.source.portgroup !== null ? { group: iface.source.portgroup } : {}),
    mac: iface.mac ?? '',
    ...(actual.virtualport ? { virtualport: actual.virtualport } : {}),
    ...(actual.bandwidth ? { bandwidth: actual.bandwidth } : {}),
    ...(actual.classId ? { classId: actual.classId } : {}),
    ...(actual.vlan ? { vlan: actual.vlan } : {}),
    ...(actual.isolatedPort ? { isolatedPort: actual.isolatedPort } : {}),
    ...(actual.trustGuestRxFilters ? { trustGuestRxFilters: actual.trustGuestRxFilters } : {}),
    ...(plug ? { plug } : {}),
  };
}
