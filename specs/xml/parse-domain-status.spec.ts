import { describe, expect, it } from 'vitest';
import type { ActualNetDef, DomainNetDef } from '../../src/model/domain-net-def.js';
import { domainInterfaces } from '../../src/model/domain-stage.js';
import { formatDomain } from '../../src/xml/format-domain.js';
import { parseDomainElement } from '../../src/xml/parse-domain.js';
import { readXml } from '../../src/xml/read-xml.js';
import { guest, sampleHost } from '../simulator/support/sample-host.js';

const live = () => sampleHost('9.0', { domains: [{ def: guest('qemu'), running: true }] }).domains['vm']!.live!;
const roundTrip = (def: ReturnType<typeof live>) => parseDomainElement(readXml(formatDomain(def, { status: true }), 'vm.xml'), 'vm.xml', { status: true });

const base: ActualNetDef = {
  type: 'network', bridge: 'natbr0', macTableManager: null, direct: null, hostdev: null, vlan: null, virtualport: null,
  bandwidth: null, isolatedPort: null, trustGuestRxFilters: null, classId: 0,
};

describe('the status form of a running guest (VIR_DOMAIN_DEF_FORMAT_STATUS | ACTUAL_NET) parses back', () => {
  it('keeps id, aliases, tap names, portids, actual devices and dynamic labels; a definition parse drops them', () => {
    const def = live();
    const back = roundTrip(def);
    expect(formatDomain(back)).toBe(formatDomain(def));
    expect(domainInterfaces(back)).toEqual(domainInterfaces(def));
    expect(back.id).toBe(1);
    const asDefinition = parseDomainElement(readXml(formatDomain(def, { status: true }), 'vm.xml'), 'vm.xml');
    expect(asDefinition.id).toBeNull();
    expect(domainInterfaces(asDefinition).map((i) => [i.actual, i.target.dev, i.info.alias])).toEqual([[null, null, null], [null, null, null]]);
  });

  it.each<[string, Partial<ActualNetDef>]>([
    ['a bridge with macTableManager and a tc class', { type: 'bridge', bridge: 'br0', macTableManager: 'libvirt', classId: 7, bandwidth: { inbound: { average: 10, floor: 5 } } }],
    ['a macvtap device', { type: 'direct', bridge: null, direct: { dev: 'eth0', mode: 'passthrough' }, vlan: { trunk: false, tags: [{ id: 42 }] } }],
    ['a hostdev VF', { type: 'hostdev', bridge: null, hostdev: { address: { domain: 0, bus: 3, slot: 0, function: 2 }, managed: true, driver: 'vfio' } }],
    ['isolation and a virtualport', { isolatedPort: 'yes', virtualport: { type: 'openvswitch', interfaceId: '09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f' } }],
  ])('an <actual> of %s', (_what, actual) => {
    const def = live();
    const withActual = { ...def, devices: def.devices.map((d) => (d.kind === 'interface' ? ({ ...d, actual: { ...base, ...actual } } as DomainNetDef) : d)) };
    const text = formatDomain(withActual, { status: true });
    expect(text).toContain(`<actual type='${actual.type ?? 'network'}'`);
    expect(domainInterfaces(roundTrip(withActual))).toEqual(domainInterfaces(withActual));
  });

  it('writes the interface\'s rx filter trust on <actual> and reads it back there (virDomainActualNetDefFormat)', () => {
    const def = live();
    const trusted = { ...def, devices: def.devices.map((d) => (d.kind === 'interface' ? { ...d, trustGuestRxFilters: 'yes' as const } : d)) };
    expect(formatDomain(trusted, { status: true })).toContain("<actual type='network' trustGuestRxFilters='yes'>");
    expect(domainInterfaces(roundTrip(trusted))[0]!.actual!.trustGuestRxFilters).toBe('yes');
  });
});
