import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assignQ35Addresses } from '../../src/model/assign-q35-addresses.js';
import { completeDomainDef } from '../../src/model/complete-domain-def.js';
import { seededRandom } from '../../src/model/seeded-random.js';
import { formatDomain } from '../../src/xml/format-domain.js';
import { parseDomainXml } from '../../src/xml/parse-domain.js';

// Each definition went through a real libvirtd 9.0.0's define + dumpxml (capture-q35-addresses.sh).
const DIR = fileURLToPath(new URL('../../fixtures/xml/differential-guests/q35/', import.meta.url));
const CASES = readdirSync(DIR).filter((f) => f.endsWith('.in.xml')).sort();

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
});
