import { describe, expect, it } from 'vitest';
import { VirthookError } from '../../src/errors/virthook-error.js';
import type { DomainNetDef } from '../../src/model/domain-net-def.js';
import { parseDomainXml } from '../../src/xml/parse-domain.js';
import { parseInterfaceXml } from '../../src/xml/parse-domain-interface.js';
import { oracleXml } from './domain-trace.js';

function thrown(run: () => unknown): VirthookError {
  try {
    run();
  } catch (error) {
    if (error instanceof VirthookError) return error;
    throw error;
  }
  throw new Error('expected a VirthookError');
}

const domain = (inner: string, type = 'qemu') => `<domain type='${type}'>\n  <name>g</name>\n  <memory>1024</memory>\n  <os><type>hvm</type></os>\n${inner}\n</domain>\n`;

describe('parseDomainXml', () => {
  it('reads the recorded definitions: name, uuid, memory in KiB, os, both NICs in order', () => {
    const def = parseDomainXml(oracleXml('dom-vm.xml'), 'dom-vm.xml');
    expect(def).toMatchObject({
      type: 'qemu', id: null, name: 'lvo-vm', uuid: '6a1f0c0e-0000-4000-8000-0000000000d1', memoryKib: 65536,
      currentMemoryKib: null, vcpu: { count: 1, placement: null }, onPoweroff: 'destroy', onReboot: 'restart', onCrash: 'destroy',
      emulator: '/usr/bin/qemu-system-x86_64',
    });
    expect(def.os).toMatchObject({ type: 'hvm', arch: 'x86_64', machine: 'pc', bootDevs: ['hd'] });
    const nics = def.devices.filter((d): d is DomainNetDef => d.kind === 'interface');
    expect(nics.map((n) => [n.mac, n.source, n.model, n.info.rom])).toEqual([
      ['52:54:00:00:00:01', { kind: 'network', network: 'lvo-nat', portgroup: null, portid: null }, 'e1000', { enabled: 'no', bar: null, file: null }],
      ['52:54:00:00:00:02', { kind: 'network', network: 'lvo-iso', portgroup: null, portid: null }, 'e1000', { enabled: 'no', bar: null, file: null }],
    ]);
    expect(parseDomainXml(oracleXml('dom-vm3.xml'), 'dom-vm3.xml').features?.map((f) => f.name)).toEqual(['acpi']);
  });

  it.each([
    ["<memory unit='MiB'>64</memory>", 65536],
    ["<memory unit='GiB'>2</memory>", 2097152],
    ["<memory unit='M'>1</memory>", 1024],
    ["<memory unit='KB'>1000</memory>", 977],
    ["<memory unit='bytes'>1025</memory>", 2],
    ['<memory>4096</memory>', 4096],
  ])('normalises %s to %i KiB as virScaleInteger does (rounding up)', (memory, kib) => {
    const def = parseDomainXml(`<domain type='kvm'><name>g</name>${memory}<os><type>hvm</type></os></domain>`, 'g.xml');
    expect(def.memoryKib).toBe(kib);
  });

  it('drops generated tap names and non-user aliases from a definition, keeps user ones', () => {
    const def = parseDomainXml(domain(`  <devices>
    <interface type='bridge'><source bridge='br0'/><target dev='vnet3'/><alias name='net0'/></interface>
    <interface type='direct'><source dev='eth0'/><target dev='mytap'/><alias name='ua-uplink'/></interface>
  </devices>`), 'g.xml');
    const [a, b] = def.devices as DomainNetDef[];
    expect([a!.target.dev, a!.info.alias, b!.target.dev, b!.info.alias]).toEqual([null, null, 'mytap', 'ua-uplink']);
    expect(b!.source).toEqual({ kind: 'direct', dev: 'eth0', mode: 'vepa' });
  });

  it('keeps devices and top-level elements it does not model, verbatim, with their address apart', () => {
    const def = parseDomainXml(domain(`  <memtune><hard_limit unit='KiB'>1</hard_limit></memtune>
  <devices>
    <disk type='file' device='disk'><source file='/a b.img'/><target dev='vda' bus='virtio'/><boot order='1'/><address type='pci' slot='0x07'/></disk>
  </devices>`), 'g.xml');
    expect(def.others.map((o) => o.name)).toEqual(['memtune']);
    const disk = def.devices[0]!;
    expect(disk).toMatchObject({ kind: 'disk', info: { bootOrder: 1, address: { type: 'pci', slot: 7, bus: 0, function: 0 } } });
    expect(disk.kind === 'disk' && disk.element.children.map((c) => ('name' in c ? c.name : 'text'))).toEqual(['source', 'target']);
  });

  it('throws XML_MALFORMED with the file and line of the syntax error', () => {
    const error = thrown(() => parseDomainXml("<domain type='qemu'>\n  <name>g</name>\n  <devices>\n</domain>\n", 'guest.xml'));
    expect(error.code).toBe('XML_MALFORMED');
    expect(error.problems[0]).toMatchObject({ file: 'guest.xml' });
    expect(error.problems[0]!.line).toBeGreaterThanOrEqual(3);
    expect(error.message).toMatch(/^Malformed XML in guest\.xml:\d+/);
  });

  it.each([
    ['a bad MAC', "<devices>\n<interface type='network'>\n<mac address='52:54:00:zz:00:01'/><source network='n'/></interface></devices>", 7, "internal error: unable to parse mac address '52:54:00:zz:00:01'"],
    ['a multicast MAC', "<devices>\n<interface type='bridge'>\n<mac address='01:00:5e:00:00:01'/><source bridge='br0'/></interface></devices>", 7, "XML error: expected unicast mac address, found multicast '01:00:5e:00:00:01'"],
    ['a network NIC without a network', "<devices>\n<interface type='network'>\n<source/></interface></devices>", 7, "internal error: No <source> 'network' attribute specified with <interface type='network'/>"],
    ['an unknown interface type', "<devices>\n<interface type='wifi'/></devices>", 6, "XML error: Invalid value for attribute 'type' in element 'interface': 'wifi'."],
    ['a PCI slot out of range', "<devices>\n<interface type='bridge'><source bridge='b'/>\n<address type='pci' slot='0x20'/></interface></devices>", 7, "XML error: Invalid PCI address slot='0x20', must be <= 0x1F"],
    ['an unknown lifecycle action', '<on_crash>\nexplode</on_crash>', 5, 'internal error: unknown on_crash action: explode'],
  ])('throws XML_INVALID_VALUE with libvirt\'s message and the line for %s', (_what, inner, line, message) => {
    const error = thrown(() => parseDomainXml(domain(inner), 'guest.xml'));
    expect(error.code).toBe('XML_INVALID_VALUE');
    expect(error.problems[0]).toMatchObject({ file: 'guest.xml', line, message });
    expect(error.message).toContain(`guest.xml:${line}`);
  });

  it('reports every faulty device, not just the first', () => {
    const error = thrown(() => parseDomainXml(domain(`<devices>
<interface type='network'><source/></interface>
<interface type='bridge'><source/></interface>
</devices>`), 'guest.xml'));
    expect(error.problems.map((p) => p.line)).toEqual([6, 7]);
    expect(error.message).toContain('(and 1 more problem)');
  });

  it('requires the memory size, as virDomainDefPostParseMemory does', () => {
    const error = thrown(() => parseDomainXml("<domain type='qemu'><name>g</name><os><type>hvm</type></os></domain>", 'g.xml'));
    expect(error.problems[0]!.message).toBe('XML error: Memory size must be specified via <memory> or in the <numa> configuration');
  });

  it('rejects elements libvirt does not know (it would ignore them silently) with XML_UNKNOWN_ELEMENT', () => {
    const error = thrown(() => parseDomainXml(domain("<devices>\n  <interfce type='network'/>\n</devices>\n<vpcu>2</vpcu>"), 'g.xml'));
    expect(error.code).toBe('XML_UNKNOWN_ELEMENT');
    expect(error.problems.map((p) => [p.line, p.message])).toEqual([
      [6, 'unknown element <interfce> in <devices>'],
      [8, 'unknown element <vpcu> in <domain>'],
    ]);
  });

  it('keeps elements of the driver namespace (qemu:commandline) under the driver\'s own prefix', () => {
    const def = parseDomainXml(domain("<q:commandline xmlns:q='http://libvirt.org/schemas/domain/qemu/1.0'><q:arg value='-S'/></q:commandline>"), 'g.xml');
    expect(def.namespaces).toEqual([['qemu', 'http://libvirt.org/schemas/domain/qemu/1.0']]);
    expect(def.extensions[0]!.name).toBe('qemu:commandline');
  });
});

describe('parseInterfaceXml', () => {
  it('parses the <interface> virsh attach-interface sends', () => {
    const iface = parseInterfaceXml("<interface type='network'><source network='lvo-iso'/><mac address='52:54:00:00:03:02'/><model type='e1000'/></interface>", 'attach.xml');
    expect(iface).toMatchObject({ type: 'network', mac: '52:54:00:00:03:02', model: 'e1000', source: { network: 'lvo-iso' }, actual: null });
  });

  it('reports a document that is not an interface', () => {
    expect(thrown(() => parseInterfaceXml('<disk/>', 'x.xml')).code).toBe('XML_UNKNOWN_ELEMENT');
  });
});
