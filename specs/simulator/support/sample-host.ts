import type { DomainDef } from '../../../src/model/domain-def.js';
import { libvirtProfile } from '../../../src/model/libvirt-profile.js';
import { seedSimulatorState, type SeedDescription } from '../../../src/simulator/seed-simulator-state.js';
import type { SimulatorState } from '../../../src/simulator/simulator-state.js';
import { parseDomainXml } from '../../../src/xml/parse-domain.js';
import { parseNetworkXml } from '../../../src/xml/parse-network.js';

export const NAT_XML = `<network>
  <name>nat</name>
  <uuid>11111111-2222-4333-8444-555555555555</uuid>
  <forward mode='nat'/>
  <bridge name='natbr0' stp='on' delay='0'/>
  <mac address='52:54:00:aa:00:02'/>
  <ip address='192.0.2.1' netmask='255.255.255.0'/>
</network>`;
export const ISO_XML = `<network><name>iso</name><uuid>11111111-2222-4333-8444-666666666666</uuid><bridge name='isobr0'/><mac address='52:54:00:aa:00:03'/></network>`;

export const nat = () => parseNetworkXml(NAT_XML, 'nat.xml');
export const iso = () => parseNetworkXml(ISO_XML, 'iso.xml');

/** Two NICs, one on each network (XML order: nat, then iso). */
const devices = (model: string) => `<devices>
    <interface type='network'><mac address='52:54:00:00:10:01'/><source network='nat'/>${model}</interface>
    <interface type='network'><mac address='52:54:00:00:10:02'/><source network='iso'/>${model}</interface>
  </devices>`;

export const GUEST_XML: Record<'qemu' | 'lxc' | 'xen' | 'bhyve', string> = {
  qemu: `<domain type='qemu'><name>vm</name><uuid>6a1f0c0e-0000-4000-8000-0000000000a1</uuid><memory unit='MiB'>64</memory>
  <os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/></features>${devices("<model type='e1000'/>")}</domain>`,
  lxc: `<domain type='lxc'><name>ct</name><uuid>6a1f0c0e-0000-4000-8000-0000000000a2</uuid><memory>102400</memory>
  <os><type>exe</type><init>/sbin/init</init></os>${devices('')}</domain>`,
  xen: `<domain type='xen'><name>xv</name><uuid>6a1f0c0e-0000-4000-8000-0000000000a3</uuid><memory>102400</memory>
  <os><type>hvm</type></os>${devices('')}</domain>`,
  // bhyveBuildNetArgStr plugs bridges only: a bhyve guest on a libvirt network is refused at start.
  bhyve: `<domain type='bhyve'><name>bv</name><uuid>6a1f0c0e-0000-4000-8000-0000000000a4</uuid><memory>102400</memory>
  <os><type>hvm</type></os><devices>
    <interface type='bridge'><mac address='52:54:00:00:10:01'/><source bridge='natbr0'/><model type='virtio'/></interface>
  </devices></domain>`,
};

export const guest = (type: keyof typeof GUEST_XML): DomainDef => parseDomainXml(GUEST_XML[type], `${type}.xml`);

/** A host with nat and iso active and the given guests defined (not running unless said). */
export function sampleHost(version = '9.0', extra: Partial<SeedDescription> = {}): SimulatorState {
  return seedSimulatorState({
    profile: libvirtProfile(version),
    seed: 'sample',
    hooksFound: ['daemon', 'qemu', 'lxc', 'libxl', 'bhyve', 'network'],
    networks: [{ def: nat(), active: true }, { def: iso(), active: true }],
    ...extra,
  });
}

/** The `connections` attribute of a network hook's stdin, null when absent. */
export const connectionsOf = (stdin: string | null) => {
  const match = /<network connections='(-?\d+)'/.exec(stdin ?? '');
  return match ? Number(match[1]) : null;
};
