import { describe, expect, it } from 'vitest';
import { attachNetworkPort } from '../../src/model/domain-stage.js';
import type { DomainDef } from '../../src/model/domain-def.js';
import type { DomainNetDef } from '../../src/model/domain-net-def.js';
import type { NetworkPortDef } from '../../src/model/network-port-def.js';
import { validateActualInterface } from '../../src/model/validate-actual-interface.js';
import { parseDomainXml } from '../../src/xml/parse-domain.js';

const MAC = '52:54:00:dd:08:02';
const domain = (iface: string) => parseDomainXml(`<domain type='qemu'><name>g</name><memory>65536</memory><os><type>hvm</type></os><devices>${iface}</devices></domain>`, 'g.xml');
const nicOf = (def: DomainDef) => def.devices.find((d): d is DomainNetDef => d.kind === 'interface')!;
const plugged = (port: Partial<NetworkPortDef>, inner = '') => nicOf(attachNetworkPort(
  domain(`<interface type='network'><mac address='${MAC}'/><source network='n'/>${inner}</interface>`), 0,
  { uuid: '5d744f21-ba4a-4d6e-bdb2-30a35ff3207d', owner: { name: 'g', uuid: '0c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e' }, mac: MAC, ...port },
));
const vlan = { trunk: false, tags: [{ id: 42 }] };
const vlanError = `unsupported configuration: interface ${MAC} - vlan tag not supported for this connection type`;

describe('validateActualInterface (virDomainActualNetDefValidate)', () => {
  it('refuses a vlan tag unless the actual device is a hostdev, a macvtap passthrough or an openvswitch bridge', () => {
    // recorded: a <vlan> on a NAT network's interface fails the start after that port's port-created hook
    expect(validateActualInterface(plugged({ vlan, plug: { type: 'network', bridge: 'ddnat0' } }))).toBe(vlanError);
    expect(validateActualInterface(plugged({ vlan, plug: { type: 'bridge', bridge: 'br0' } }))).toBe(vlanError);
    expect(validateActualInterface(plugged({ vlan, plug: { type: 'direct', dev: 'eth0', mode: 'vepa' } }))).toBe(vlanError);
    expect(validateActualInterface(plugged({ vlan, plug: { type: 'direct', dev: 'eth0', mode: 'passthrough' } }))).toBeNull();
    expect(validateActualInterface(plugged({ vlan, virtualport: { type: 'openvswitch' }, plug: { type: 'bridge', bridge: 'ovsbr0' } }))).toBeNull();
    const hostdev = { type: 'hostdev-pci' as const, address: { domain: 0, bus: 3, slot: 0, function: 1 } };
    expect(validateActualInterface(plugged({ vlan, plug: hostdev }))).toBeNull();
    expect(validateActualInterface(plugged({ vlan: { trunk: false, tags: [] }, plug: { type: 'network', bridge: 'b' } }))).toBeNull();
  });

  it('checks interfaces of other types on their own settings', () => {
    const bridge = nicOf(domain(`<interface type='bridge'><mac address='${MAC}'/><source bridge='br0'/><vlan><tag id='7'/></vlan></interface>`));
    expect(validateActualInterface(bridge)).toBe(vlanError);
    const ovs = nicOf(domain(`<interface type='bridge'><mac address='${MAC}'/><source bridge='br0'/><vlan><tag id='7'/></vlan><virtualport type='openvswitch'/></interface>`));
    expect(validateActualInterface(ovs)).toBeNull();
  });

  it('refuses bandwidth on a hostdev and port isolation off a Linux bridge or with a typed virtualport', () => {
    const hostdev = { type: 'hostdev-pci' as const, address: { domain: 0, bus: 3, slot: 0, function: 1 } };
    expect(validateActualInterface(plugged({ bandwidth: { inbound: { average: 100 } }, plug: hostdev })))
      .toBe(`unsupported configuration: interface ${MAC} - bandwidth settings are not supported for hostdev interfaces`);
    expect(validateActualInterface(plugged({ isolatedPort: 'yes', plug: { type: 'direct', dev: 'eth0', mode: 'bridge' } })))
      .toBe(`unsupported configuration: interface ${MAC} - <port isolated='yes'/> is not supported for network interfaces with type='direct'`);
    expect(validateActualInterface(plugged({ isolatedPort: 'yes', virtualport: { type: 'openvswitch' }, plug: { type: 'bridge', bridge: 'b' } })))
      .toBe(`unsupported configuration: interface ${MAC} - <port isolated='yes'/> is not supported for network interfaces with virtualport type='openvswitch'`);
    expect(validateActualInterface(plugged({ isolatedPort: 'yes', plug: { type: 'network', bridge: 'b' } }))).toBeNull();
  });
});
