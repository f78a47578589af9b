import { describe, expect, it } from 'vitest';
import { completeDomainDef } from '../../src/model/complete-domain-def.js';
import type { DomainDef } from '../../src/model/domain-def.js';
import type { DomainDevice } from '../../src/model/domain-device-def.js';
import { RECORDED_DOMAIN_HOST } from '../../src/model/domain-host.js';
import type { DomainNetDef } from '../../src/model/domain-net-def.js';
import { seededRandom } from '../../src/model/seeded-random.js';
import { formatDomain } from '../../src/xml/format-domain.js';
import { parseDomainXml } from '../../src/xml/parse-domain.js';
import { oracleXml } from '../xml/domain-trace.js';

const guest = (devices: string, extra = '', type = 'qemu') =>
  parseDomainXml(`<domain type='${type}'><name>g</name><memory unit='MiB'>64</memory>${extra}<os><type arch='x86_64' machine='pc'>hvm</type></os><devices>${devices}</devices></domain>`, 'g.xml');

const complete = (def: DomainDef, seed = 'seed') => completeDomainDef(def, { random: seededRandom(seed) });

/** `kind:slot` of every device with a PCI address, in definition order. */
const slots = (def: DomainDef) => def.devices
  .filter((d): d is Exclude<DomainDevice, { kind: 'audio' }> => d.kind !== 'audio' && d.info.address?.type === 'pci')
  .map((d) => `${d.kind}:${(d.info.address as { slot: number }).slot}.${(d.info.address as { function: number }).function}`);

describe('completeDomainDef', () => {
  it('turns the recorded definition into what libvirt 9.0 stored (prepare minus the id)', () => {
    const def = complete(parseDomainXml(oracleXml('dom-vm.xml'), 'dom-vm.xml'));
    const xml = formatDomain(def);
    expect(xml).toContain("<vcpu placement='static'>1</vcpu>");
    expect(xml).toContain("<type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type>");
    expect(xml).toContain("<cpu mode='custom' match='exact' check='none'>\n    <model fallback='forbid'>qemu64</model>\n  </cpu>\n  <clock offset='utc'/>");
    expect(slots(def)).toEqual(['interface:2.0', 'interface:3.0', 'controller:1.2']);
    expect(def.devices.map((d) => d.kind)).toEqual(['interface', 'interface', 'memballoon', 'controller', 'controller', 'input', 'input', 'audio']);
  });

  it('generates the UUID and the MACs from the seed: reproducible, 52:54:00 prefix, different seeds differ', () => {
    const def = guest("<interface type='network'><source network='n'/></interface>");
    const a = complete(def, 'one');
    const b = complete(def, 'one');
    const c = complete(def, 'two');
    const macOf = (d: DomainDef) => (d.devices[0] as DomainNetDef).mac;
    expect(a.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([a.uuid, macOf(a)]).toEqual([b.uuid, macOf(b)]);
    expect(macOf(a)).toMatch(/^52:54:00:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$/);
    expect(c.uuid).not.toBe(a.uuid);
    expect((a.devices[0] as DomainNetDef).model).toBe('rtl8139');
  });

  it('takes the machine alias, arch and emulator from the host facts', () => {
    const host = { ...RECORDED_DOMAIN_HOST, machineAliases: { pc: 'pc-i440fx-9.2' }, emulator: '/opt/qemu' };
    const def = completeDomainDef(guest(''), { random: seededRandom('s'), host });
    expect([def.os.machine, def.emulator]).toEqual(['pc-i440fx-9.2', '/opt/qemu']);
  });

  it('caps currentMemory at memory (virDomainDefPostParseMemory)', () => {
    expect(complete(guest('', "<currentMemory unit='GiB'>1</currentMemory>")).currentMemoryKib).toBe(65536);
    expect(complete(guest('', "<currentMemory unit='MiB'>32</currentMemory>")).currentMemoryKib).toBe(32768);
  });

  it('assigns PCI slots in qemuDomainAssignDevicePCISlots order: video at 2, NICs, controllers, virtio disks, balloon', () => {
    const def = complete(guest(`
      <disk type='file' device='disk'><source file='/a'/><target dev='vda' bus='virtio'/></disk>
      <controller type='virtio-serial' index='0'/>
      <interface type='network'><source network='n'/></interface>
      <interface type='bridge'><source bridge='br0'/><address type='pci' slot='0x09'/></interface>
      <interface type='network'><source network='n'/></interface>
      <graphics type='vnc'/>`));
    expect(slots(def)).toEqual(['disk:6.0', 'controller:5.0', 'interface:3.0', 'interface:9.0', 'interface:4.0', 'controller:1.2', 'video:2.0', 'memballoon:7.0']);
    expect(def.devices.find((d) => d.kind === 'audio')).toMatchObject({ type: 'none', id: 1 });
  });

  it('gives IDE disks a drive address and adds the IDE controller after the default ones', () => {
    const def = complete(guest("<disk type='file' device='cdrom'><target dev='hdc' bus='ide'/></disk>"));
    const controllers = def.devices.filter((d) => d.kind === 'controller').map((d) => d.kind === 'controller' && `${d.type}${d.index}`);
    expect(controllers).toEqual(['usb0', 'pci0', 'ide0']);
    expect(def.devices[0]).toMatchObject({ info: { address: { type: 'drive', attributes: [['controller', '0'], ['bus', '1'], ['target', '0'], ['unit', '0']] } } });
    expect(slots(def)).toContain('controller:1.1');
  });

  it('leaves non-qemu guests without qemu defaults (lxc gets its emulator, MACs and lifecycle only)', () => {
    const lxc = parseDomainXml("<domain type='lxc'><name>c</name><memory>1024</memory><os><type>exe</type><init>/sbin/init</init></os><devices><interface type='bridge'><source bridge='br0'/></interface></devices></domain>", 'c.xml');
    const def = complete(lxc);
    expect(def.emulator).toBe('/usr/lib/libvirt/libvirt_lxc');
    expect(def.devices).toHaveLength(1);
    expect(def.devices[0]).toMatchObject({ model: null, info: { address: null } });
    expect(def.cpu).toBeNull();
    expect(formatDomain(def)).toContain('<init>/sbin/init</init>');
  });

  it('generates missing virtualport ids as virNetDevVPortProfileParse(GENERATE_MISSING_DEFAULTS) does, per type', () => {
    const vport = (inner: string) => {
      const def = complete(guest(`<interface type='network'><mac address='52:54:00:00:00:01'/><source network='n'/>${inner}</interface>`));
      return (def.devices[0] as DomainNetDef).virtualport;
    };
    const uuid = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // typeless (recorded: instanceid and interfaceid at define), openvswitch: interfaceid, 802.1Qbg: instanceid.
    expect(vport('<virtualport/>')).toEqual({ instanceId: uuid, interfaceId: uuid });
    expect(vport("<virtualport><parameters interfaceid='09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f'/></virtualport>"))
      .toEqual({ instanceId: uuid, interfaceId: '09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f' });
    expect(vport("<virtualport type='openvswitch'/>")).toEqual({ type: 'openvswitch', interfaceId: uuid });
    expect(vport("<virtualport type='802.1Qbg'><parameters managerid='1' typeid='2' typeidversion='3'/></virtualport>"))
      .toMatchObject({ type: '802.1Qbg', instanceId: uuid });
    expect(vport("<virtualport type='802.1Qbh'><parameters profileid='p'/></virtualport>")).toEqual({ type: '802.1Qbh', profileId: 'p' });
    expect(formatDomain(complete(guest("<interface type='network'><mac address='52:54:00:00:00:01'/><source network='n'/><virtualport type='openvswitch'/></interface>"))))
      .toMatch(/<virtualport type='openvswitch'>\n {8}<parameters interfaceid='[0-9a-f-]{36}'\/>\n {6}<\/virtualport>/);
  });

  it('a custom CPU is not checked against the host on TCG (type qemu), partially on kvm (qemuDomainDefCPUPostParse)', () => {
    const cpu = "<cpu mode='custom' match='exact'><model fallback='allow'>qemu64</model></cpu>";
    expect(complete(guest('', cpu)).cpu).toMatchObject({ check: 'none', model: { name: 'qemu64', fallback: 'allow' } });
    expect(complete(guest('', cpu, 'kvm')).cpu).toMatchObject({ check: 'partial' });
    expect(complete(guest('', "<cpu mode='custom' match='exact' check='full'><model>qemu64</model></cpu>")).cpu).toMatchObject({ check: 'full' });
  });

  it('gives qemu disks a driver named qemu with format raw unless said (qemuDomainDeviceDiskDefPostParse)', () => {
    const drivers = (disk: string) => formatDomain(complete(guest(disk))).match(/<driver[^>]*\/>/g);
    expect(drivers("<disk type='file' device='cdrom'><target dev='sda' bus='sata'/><readonly/></disk>")).toEqual(["<driver name='qemu' type='raw'/>"]);
    expect(drivers("<disk type='file' device='disk'><driver type='qcow2' cache='none'/><source file='/a.qcow2'/><target dev='vda' bus='virtio'/></disk>"))
      .toEqual(["<driver name='qemu' type='qcow2' cache='none'/>"]);
    expect(drivers("<disk type='volume' device='disk'><source pool='p' volume='v'/><target dev='vdb' bus='virtio'/></disk>")).toEqual(["<driver name='qemu'/>"]);
  });
});

