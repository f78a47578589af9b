import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assignQ35Addresses } from '../../src/model/assign-q35-addresses.js';
import type { DevicePciAddress } from '../../src/model/domain-device-def.js';
import type { DomainNetDef } from '../../src/model/domain-net-def.js';
import { hotplugInterface } from '../../src/model/hotplug-interface.js';
import { completeDomainDef } from '../../src/model/complete-domain-def.js';
import { seededRandom } from '../../src/model/seeded-random.js';
import { formatDomain } from '../../src/xml/format-domain.js';
import { parseDomainXml } from '../../src/xml/parse-domain.js';
import { parseInterfaceXml } from '../../src/xml/parse-domain-interface.js';

// Each definition went through a real libvirtd 9.0.0's define + dumpxml (capture-q35-addresses.sh).
const DIR = fileURLToPath(new URL('../../fixtures/xml/differential-guests/q35/', import.meta.url));
const CASES = readdirSync(DIR).filter((f) => f.endsWith('.in.xml') && f !== 'hotplug.in.xml').sort();

describe('assignQ35Addresses (qemuDomainAssignPCIAddresses on q35)', () => {
  it.each(CASES)('%s is defined as libvirt 9.0 defined it', (file) => {
    const def = completeDomainDef(parseDomainXml(readFileSync(DIR + file, 'utf8'), file), { random: seededRandom(file) });
    // The domain UUID is libvirt's random one; everything else must be byte-identical.
    const expected = readFileSync(DIR + file.replace('.in.xml', '.expected.xml'), 'utf8').replace(/<uuid>[^<]+<\/uuid>/, `<uuid>${def.uuid}</uuid>`);
    expect(`${formatDomain(def)}\n`).toBe(expected);
  });

  it('leaves a q35 guest alone when it has devices whose placement is not modelled, or its own PCIe controllers', () => {
    const q35 = (devices: string) => completeDomainDef(parseDomainXml(`<domain type='qemu'><name>g</name><memory unit='MiB'>64</memory>
      <os><type arch='x86_64' machine='q35'>hvm</type></os><devices>${devices}</devices></domain>`, 'g.xml'), { random: seededRandom('g') });
    const withSound = q35("<interface type='network'><source network='n'/><model type='virtio'/></interface><sound model='ich9'/>");
    expect(withSound.devices.some((d) => d.kind === 'controller' && d.model === 'pcie-root-port')).toBe(false);
    const own = q35("<controller type='pci' index='1' model='pcie-root-port'/><interface type='network'><source network='n'/><model type='virtio'/></interface>");
    expect(assignQ35Addresses(own)).toBe(own);
  });

  it('places hot-plugged NICs as libvirt did: a PCIe one on the free root port, a PCI one on the next bridge slot', () => {
    const def = completeDomainDef(parseDomainXml(readFileSync(DIR + 'hotplug.in.xml', 'utf8'), 'hotplug.in.xml'), { random: seededRandom('h') });
    const recorded = new Map(readFileSync(DIR + 'hotplug.recorded.txt', 'utf8').split('\n').filter((l) => /^52:/.test(l))
      .map((l) => { const [mac, bus, slot] = /^(\S+) bus='(0x[0-9a-f]+)' slot='(0x[0-9a-f]+)'$/.exec(l)!.slice(1); return [mac!, [Number(bus), Number(slot)]] as const; }));
    let live = def;
    const plug = (mac: string, model: string) => {
      const nic = parseInterfaceXml(`<interface type='network'><mac address='${mac}'/><source network='dd-nat'/><model type='${model}'/></interface>`, 'nic.xml');
      live = hotplugInterface(live, nic).def;
      const info = (live.devices.at(-1) as DomainNetDef).info.address as DevicePciAddress | null;
      return info && [info.bus, info.slot];
    };
    const first = def.devices.find((d): d is DomainNetDef => d.kind === 'interface')!.info.address as DevicePciAddress;
    expect([first.bus, first.slot]).toEqual(recorded.get('52:54:00:dd:31:01'));
    expect(plug('52:54:00:dd:31:02', 'virtio')).toEqual(recorded.get('52:54:00:dd:31:02'));
    expect(plug('52:54:00:dd:31:03', 'e1000')).toEqual(recorded.get('52:54:00:dd:31:03'));
    // libvirt refused the next virtio NIC (No more available PCI slots): no root port is free
    expect(plug('52:54:00:dd:31:04', 'virtio')).toBeNull();
  });
});

