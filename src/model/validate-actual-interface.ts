import type { DomainNetDef } from './domain-net-def.js';

/**
 * virDomainActualNetDefValidate (domain_validate.c), which qemu, lxc and libxl run on each
 * interface once its port is allocated (after that port's `port-created` hook): a vlan tag needs a
 * hostdev, a macvtap passthrough or an openvswitch bridge; a hostdev takes no bandwidth; port
 * isolation needs a Linux bridge without a typed virtualport. Returns libvirt's error, or null.
 */
export function validateActualInterface(iface: DomainNetDef): string | null {
  const actual = iface.type === 'network' ? iface.actual : null;
  const type = actual ? actual.type : iface.type;
  const vport = actual ? actual.virtualport : iface.virtualport;
  const vlan = actual ? actual.vlan : iface.vlan;
  const bandwidth = actual ? actual.bandwidth : iface.bandwidth;
  const isolated = actual ? actual.isolatedPort : iface.isolatedPort;
  const directMode = actual ? actual.direct?.mode : iface.source?.kind === 'direct' ? iface.source.mode : undefined;
  const mac = iface.mac ?? '';
  // virDomainNetGetActualVlan: only a vlan with tags counts.
  if (vlan && vlan.tags.length > 0) {
    const supported = type === 'hostdev' || (type === 'direct' && directMode === 'passthrough') || (type === 'bridge' && vport?.type === 'openvswitch');
    if (!supported) return `unsupported configuration: interface ${mac} - vlan tag not supported for this connection type`;
  }
  if (bandwidth && type === 'hostdev') {
    return `unsupported configuration: interface ${mac} - bandwidth settings are not supported for hostdev interfaces`;
  }
  // virDomainNetDefValidatePortOptions with the actual type.
  if (isolated === 'yes') {
    if (type !== 'network' && type !== 'bridge') {
      return `unsupported configuration: interface ${mac} - <port isolated='yes'/> is not supported for network interfaces with type='${type}'`;
    }
    if (vport?.type) {
      return `unsupported configuration: interface ${mac} - <port isolated='yes'/> is not supported for network interfaces with virtualport type='${vport.type}'`;
    }
  }
  return null;
}
