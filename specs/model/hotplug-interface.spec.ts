import { describe, expect, it } from 'vitest';
import { completeDomainDef } from '../../src/model/complete-domain-def.js';
import { beginDomainStart, domainInterfaces, prepareDomain } from '../../src/model/domain-stage.js';
import { hotplugInterface, pciHotplugRefusal, unplugInterface } from '../../src/model/hotplug-interface.js';
import { seededRandom } from '../../src/model/seeded-random.js';
import { parseDomainXml } from '../../src/xml/parse-domain.js';
import { parseInterfaceXml } from '../../src/xml/parse-domain-interface.js';
import { oracleXml } from '../xml/domain-trace.js';

const running = (file: string) =>
  prepareDomain(beginDomainStart(completeDomainDef(parseDomainXml(oracleXml(file), file), { random: seededRandom(file) }), 2));

describe('hotplugInterface', () => {
  it('gives the new NIC the next netN alias and the first free PCI slot, after the existing NICs', () => {
    const iface = parseInterfaceXml("<interface type='network'><source network='lvo-iso'/><mac address='52:54:00:00:03:02'/><model type='e1000'/></interface>", 'a.xml');
    const { def, index } = hotplugInterface(running('dom-vm3.xml'), iface);
    expect(index).toBe(1);
    expect(domainInterfaces(def)[1]!.info).toMatchObject({ alias: 'net1', address: { type: 'pci', slot: 3, function: 0 } });
    expect(domainInterfaces(unplugInterface(def, 1))).toHaveLength(1);
  });

  it('knows that QEMU refuses PCI hot-plug on an i440fx guest without ACPI (recorded in e3)', () => {
    expect(pciHotplugRefusal(running('dom-vm.xml'))).toBe("unable to execute QEMU command 'device_add': Bus 'pci.0' does not support hotplugging");
    expect(pciHotplugRefusal(running('dom-vm3.xml'))).toBeNull();
  });
});
