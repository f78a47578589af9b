import { describe, expect, it } from 'vitest';
import { allocatePort } from '../../src/model/allocate-port.js';
import { attachNetworkPort, beginDomainStart, launchDomain, stopDomain } from '../../src/model/domain-stage.js';
import type { DomainNetDef } from '../../src/model/domain-net-def.js';
import type { NetworkPortDef } from '../../src/model/network-port-def.js';
import { seededRandom } from '../../src/model/seeded-random.js';
import { formatDomain } from '../../src/xml/format-domain.js';
import { formatNetworkPort } from '../../src/xml/format-network-port.js';
import { parseDomainXml } from '../../src/xml/parse-domain.js';
import { parseInterfaceXml } from '../../src/xml/parse-domain-interface.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';

const OWNER = { name: 'vm1', uuid: '0c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e' };
const PORT = '5d744f21-ba4a-4d6e-bdb2-30a35ff3207d';
const network = (xml: string) => parseNetworkXml(xml, 'net.xml');
const nic = (inner: string, mac = '52:54:00:11:22:33') =>
  parseInterfaceXml(`<interface type='network'><mac address='${mac}'/>${inner}</interface>`, 'nic.xml');

function port(result: NetworkPortDef | { error: string }): NetworkPortDef {
  if ('error' in result) throw new Error(result.error);
  return result;
}

const HOST_BRIDGE = network(`<network><name>host-bridge</name><forward mode='bridge'/><bridge name='br0'/>
  <portgroup name='dmz-4' default='yes'><vlan><tag id='4'/></vlan><bandwidth><inbound average='1000'/></bandwidth></portgroup>
  <portgroup name='lab' trustGuestRxFilters='yes'><vlan trunk='yes'><tag id='10' nativeMode='untagged'/><tag id='11'/></vlan></portgroup>
</network>`);

describe('allocatePort (networkAllocatePort)', () => {
  it('plugs a bridge-mode network as type bridge and takes vlan and bandwidth from the default portgroup', () => {
    const p = port(allocatePort(HOST_BRIDGE, nic("<source network='host-bridge'/>"), OWNER, PORT));
    expect(formatNetworkPort(p)).toBe(`<networkport>
  <uuid>${PORT}</uuid>
  <owner>
    <name>vm1</name>
    <uuid>${OWNER.uuid}</uuid>
  </owner>
  <mac address='52:54:00:11:22:33'/>
  <bandwidth>
    <inbound average='1000'/>
  </bandwidth>
  <vlan>
    <tag id='4'/>
  </vlan>
  <plug type='bridge' bridge='br0'/>
</networkport>
`);
  });

  it('uses the portgroup the interface names (<group>), and the interface\'s own settings before the portgroup\'s', () => {
    const p = port(allocatePort(HOST_BRIDGE, nic("<source network='host-bridge' portgroup='lab'/><vlan><tag id='99'/></vlan>"), OWNER, PORT));
    expect(p).toMatchObject({ group: 'lab', vlan: { tags: [{ id: 99 }] }, trustGuestRxFilters: 'yes' });
    expect(p.bandwidth).toBeUndefined();
    expect(formatNetworkPort(p)).toContain("  <group>lab</group>\n  <mac address='52:54:00:11:22:33'/>\n  <vlan>\n    <tag id='99'/>\n  </vlan>\n  <rxfilters trustGuest='yes'/>\n");
  });

  it('shows the live interface of a bridge-mode network as type bridge with portid and bridge (reference 9.2), and as network once stopped', () => {
    const def = parseDomainXml(`<domain type='qemu' id='3'><name>vm1</name><uuid>${OWNER.uuid}</uuid><memory>1024</memory><os><type>hvm</type></os>
      <devices><interface type='network'><mac address='52:54:00:11:22:33'/><source network='host-bridge'/></interface></devices></domain>`, 'vm1.xml');
    const p = port(allocatePort(HOST_BRIDGE, def.devices[0] as DomainNetDef, OWNER, PORT));
    const live = launchDomain(attachNetworkPort(beginDomainStart(def, 3), 0, p), { vnet: 2, macvtap: 0 }).def;
    expect(formatDomain(live)).toContain(`    <interface type='bridge'>
      <mac address='52:54:00:11:22:33'/>
      <source network='host-bridge' portid='${PORT}' bridge='br0'/>
      <vlan>
        <tag id='4'/>
      </vlan>
      <bandwidth>
        <inbound average='1000'/>
      </bandwidth>
      <target dev='vnet2'/>
    </interface>`);
    expect(formatDomain(stopDomain(live))).toContain("    <interface type='network'>\n      <mac address='52:54:00:11:22:33'/>\n      <source network='host-bridge'/>\n    </interface>");
  });

  it('merges the network\'s openvswitch virtualport with the interface\'s and generates the missing interfaceid', () => {
    const ovs = network("<network><name>ovs</name><forward mode='bridge'/><bridge name='ovsbr0'/><virtualport type='openvswitch'/></network>");
    const p = port(allocatePort(ovs, nic("<source network='ovs'/><virtualport><parameters profileid='web'/></virtualport>"), OWNER, PORT, { random: seededRandom('ovs') }));
    expect(p.virtualport).toMatchObject({ type: 'openvswitch', profileId: 'web' });
    expect(p.virtualport?.interfaceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(formatNetworkPort(p)).toMatch(/<virtualport type='openvswitch'>\n {4}<parameters interfaceid='[0-9a-f-]{36}' profileid='web'\/>\n {2}<\/virtualport>/);
  });

  it('plugs macvtap networks on the least used pool device, with the forward mode as macvtap mode', () => {
    const vepa = network("<network><name>mv</name><forward mode='vepa'><interface dev='eth1'/><interface dev='eth2'/></forward></network>");
    const busy = { ...vepa, forward: { ...vepa.forward!, interfaces: [{ dev: 'eth1', connections: 2 }, { dev: 'eth2', connections: 1 }] } };
    expect(port(allocatePort(busy, nic("<source network='mv'/>"), OWNER, PORT)).plug).toEqual({ type: 'direct', dev: 'eth2', mode: 'vepa' });
    const passthrough = { ...busy, forward: { ...busy.forward, mode: 'passthrough' as const } };
    expect(allocatePort(passthrough, nic("<source network='mv'/>"), OWNER, PORT)).toEqual({
      error: "internal error: network 'mv' requires exclusive access to interfaces, but none are available",
    });
  });

  it('plugs hostdev networks as hostdev-pci with managed and driver', () => {
    const sriov = network("<network><name>vf</name><forward mode='hostdev' managed='yes'><driver name='vfio'/><address type='pci' domain='0x0000' bus='0x03' slot='0x10' function='0x1'/></forward></network>");
    const p = port(allocatePort(sriov, nic("<source network='vf'/>"), OWNER, PORT));
    expect(formatNetworkPort(p)).toContain("  <plug type='hostdev-pci' managed='yes'>\n    <driver name='vfio'/>\n    <address domain='0x0000' bus='0x03' slot='0x10' function='0x1'/>\n  </plug>\n");
  });

  it("takes the network's port isolation when the interface says nothing, and keeps the interface's own", () => {
    const isolated = network("<network><name>iso</name><bridge name='virbr5'/><port isolated='yes'/></network>");
    const p = port(allocatePort(isolated, nic("<source network='iso'/>"), OWNER, PORT));
    expect(p.isolatedPort).toBe('yes');
    expect(formatNetworkPort(p)).toContain("  <mac address='52:54:00:11:22:33'/>\n  <port isolated='yes'/>\n  <plug type='network' bridge='virbr5'/>\n");
    const own = port(allocatePort(isolated, nic("<source network='iso'/><port isolated='no'/>"), OWNER, PORT));
    expect(formatNetworkPort(own)).toContain("  <port isolated='no'/>\n");
    const open = port(allocatePort(network("<network><name>o</name><bridge name='virbr6'/></network>"), nic("<source network='o'/>"), OWNER, PORT));
    expect(formatNetworkPort(open)).not.toContain('<port ');
  });

  it('gives a guaranteed floor the first free tc class id, printed as classID', () => {
    const qos = network("<network><name>q</name><forward mode='nat'/><bridge name='virbr9'/><bandwidth><inbound average='10000'/></bandwidth><ip address='192.0.2.1' prefix='24'/></network>");
    const p = port(allocatePort(qos, nic("<source network='q'/><bandwidth><inbound average='100' floor='500'/></bandwidth>"), OWNER, PORT, { usedClassIds: [0, 1, 2, 3] }));
    expect(p.classId).toBe(4);
    expect(formatNetworkPort(p)).toContain("  <bandwidth classID='4'>\n    <inbound average='100' floor='500'/>\n  </bandwidth>\n");
  });

  it.each([
    ['a virtualport on a NAT network', "<network><name>n</name><forward mode='nat'/><bridge name='virbr1'/><ip address='192.0.2.1' prefix='24'/></network>",
      "<source network='n'/><virtualport type='openvswitch'/>", "unsupported configuration: <virtualport type='openvswitch'> not supported for network 'n' which uses IP forwarding"],
    ['virtualports of different types', "<network><name>n</name><forward mode='bridge'/><bridge name='br0'/><virtualport type='openvswitch'/></network>",
      "<source network='n'/><virtualport type='midonet'/>", 'XML error: attempt to merge virtualports with mismatched types (midonet and openvswitch)'],
    ['a floor on a network without inbound QoS', "<network><name>n</name><bridge name='virbr2'/></network>",
      "<source network='n'/><bandwidth><inbound floor='10'/></bandwidth>", "Operation not supported: Invalid use of 'floor' on interface with MAC address 52:54:00:11:22:33 - network 'n' has no inbound QoS set"],
    ['a floor over the network\'s average', "<network><name>n</name><bridge name='virbr3'/><bandwidth><inbound average='100'/></bandwidth></network>",
      "<source network='n'/><bandwidth><inbound average='10' floor='200'/></bandwidth>", "Requested operation is not valid: Cannot plug '52:54:00:11:22:33' interface into 'virbr3' because new combined inbound floor=200 would overcommit average=100 on network 'n'"],
    ['a macvtap network without devices', "<network><name>n</name><forward mode='private'/></network>",
      "<source network='n'/>", "internal error: network 'n' uses a direct mode, but has no forward dev and no interface pool"],
  ])('refuses %s with libvirt\'s message', (_what, net, inner, error) => {
    expect(allocatePort(network(net), nic(inner), OWNER, PORT)).toEqual({ error });
  });
});

describe('allocatePort with a busy VF pool', () => {
  it('skips the VFs other ports hold, and fails when none is left', () => {
    const sriov = network("<network><name>vf</name><forward mode='hostdev'><address type='pci' domain='0' bus='3' slot='16' function='1'/><address type='pci' domain='0' bus='3' slot='16' function='2'/></forward></network>");
    const first = sriov.forward!.addresses[0]!;
    expect(port(allocatePort(sriov, nic("<source network='vf'/>"), OWNER, PORT, { usedHostdevAddresses: [first] })).plug).toMatchObject({ address: { function: 2 } });
    expect(allocatePort(sriov, nic("<source network='vf'/>"), OWNER, PORT, { usedHostdevAddresses: sriov.forward!.addresses })).toHaveProperty('error');
  });

  it('refuses interfaces that are not type network (virDomainNetDefToNetworkPort)', () => {
    const bridge = parseInterfaceXml("<interface type='bridge'><source bridge='br0'/></interface>", 'b.xml');
    expect(allocatePort(HOST_BRIDGE, bridge, OWNER, PORT)).toEqual({ error: "internal error: Expected an interface of type 'network' not 'bridge'" });
  });

  it('refuses a typeless virtualport as type none where libvirt plugs no virtualport (recorded on a libvirt-managed bridge)', () => {
    const iso = network("<network><name>iso</name><bridge name='isobr0'/></network>");
    const typeless = nic("<source network='iso'/><virtualport><parameters instanceid='08d02c97-61fa-4dbb-93c7-2c677052d182'/></virtualport>");
    expect(allocatePort(iso, typeless, OWNER, PORT)).toEqual({
      error: "unsupported configuration: <virtualport type='none'> not supported for network 'iso' which uses IP forwarding",
    });
    const bridged = nic("<source network='host-bridge'/><virtualport/>");
    expect(allocatePort(HOST_BRIDGE, bridged, OWNER, PORT)).toEqual({
      error: "unsupported configuration: <virtualport type='none'> not supported for network 'host-bridge' which uses a bridge device",
    });
  });
});

