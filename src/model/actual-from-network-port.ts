import type { ActualNetDef } from './domain-net-def.js';
import type { NetworkPortDef } from './network-port-def.js';

/**
 * virDomainNetDefActualFromNetworkPort: what a guest interface keeps of its `<networkport>`:
 * the plug decides the actual type (network, bridge, direct, hostdev), and the merged bandwidth,
 * vlan, virtualport, isolation and rx filter trust travel with it.
 */
export function actualFromNetworkPort(port: NetworkPortDef): ActualNetDef {
  const plug = port.plug;
  const base = {
    vlan: port.vlan ?? null,
    virtualport: port.virtualport ?? null,
    bandwidth: port.bandwidth ?? null,
    isolatedPort: port.isolatedPort ?? null,
    trustGuestRxFilters: port.trustGuestRxFilters ?? null,
    classId: port.classId ?? 0,
    bridge: null,
    macTableManager: null,
    direct: null,
    hostdev: null,
  };
  if (!plug) return { ...base, type: 'network' };
  switch (plug.type) {
    case 'network':
    case 'bridge':
      return { ...base, type: plug.type, bridge: plug.bridge ?? null, macTableManager: plug.macTableManager ?? null };
    case 'direct':
      return { ...base, type: 'direct', direct: { dev: plug.dev ?? '', mode: plug.mode } };
    case 'hostdev-pci':
      return { ...base, type: 'hostdev', hostdev: { address: plug.address, managed: plug.managed === 'yes', driver: plug.driver ?? null } };
  }
}
