import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { NetworkPortDef } from '../../src/model/network-port-def.js';
import { formatHookData } from '../../src/xml/format-hook-data.js';
import { formatNetworkPort } from '../../src/xml/format-network-port.js';

// libvirt 9.0.0's tests/virnetworkportxml2xmldata, the ports built by hand from their content.
const DIR = fileURLToPath(new URL('../../fixtures/xml/libvirt-tests/networkport/', import.meta.url));
const common = {
  uuid: '5d744f21-ba4a-4d6e-bdb2-30a35ff3207d',
  owner: { name: 'memtest', uuid: 'd54df46f-1ab5-4a22-8618-4560ef5fac2c' },
  mac: '52:54:00:7b:35:93',
} as const;
const bandwidth = { inbound: { average: 1000, peak: 4000, floor: 2000, burst: 1024 }, outbound: { average: 128, peak: 256, burst: 32768 } };
const pci = { domain: 1, bus: 2, slot: 3, function: 4 };

const ports: Record<string, NetworkPortDef> = {
  'plug-none.xml': { ...common },
  'plug-network.xml': {
    ...common, group: 'web1', bandwidth, classId: 1729, vlan: { trunk: true, tags: [{ id: 2 }, { id: 1729 }] },
    isolatedPort: 'yes', trustGuestRxFilters: 'yes', plug: { type: 'network', bridge: 'virbr0' },
  },
  'plug-bridge.xml': { ...common, group: 'web1', bandwidth, classId: 1729, trustGuestRxFilters: 'yes', plug: { type: 'bridge', bridge: 'virbr0' } },
  'plug-bridge-mactbl.xml': { ...common, plug: { type: 'bridge', bridge: 'virbr0', macTableManager: 'libvirt' } },
  'plug-direct.xml': {
    ...common, virtualport: { type: '802.1Qbg', managerId: 11, typeId: 1193047, typeIdVersion: 2 }, plug: { type: 'direct', dev: 'ens3', mode: 'vepa' },
  },
  'plug-hostdev-pci.xml': { ...common, plug: { type: 'hostdev-pci', managed: 'yes', driver: 'vfio', address: pci } },
  'plug-hostdev-pci-unmanaged.xml': { ...common, plug: { type: 'hostdev-pci', managed: 'no', driver: 'vfio', address: pci } },
};

describe('formatNetworkPort follows virNetworkPortDefFormatBuf', () => {
  it.each(Object.entries(ports))('%s', (file, port) => {
    expect(formatNetworkPort(port)).toBe(readFileSync(`${DIR}${file}`, 'utf8'));
  });

  it('prints no classID when the port has none, and escapes the owner name', () => {
    const text = formatNetworkPort({ ...common, owner: { ...common.owner, name: "a<b>&'c\"" }, bandwidth: { inbound: { average: 5 } } });
    expect(text).toContain("<name>a&lt;b&gt;&amp;&apos;c&quot;</name>");
    expect(text).toContain('<bandwidth>\n    <inbound average=\'5\'/>\n  </bandwidth>');
  });
});

describe('formatHookData wraps parts as networkRunHook does', () => {
  it('indents each part by 2 and ends without a newline', () => {
    expect(formatHookData(['<a>\n  <b/>\n</a>\n', '<c/>\n'])).toBe('<hookData>\n  <a>\n    <b/>\n  </a>\n  <c/>\n</hookData>');
  });

  it('does not indent the continuation of a multi-line value, as virBuffer does not', () => {
    const part = formatNetworkPort({ ...common, group: 'two\nlines' });
    expect(formatHookData([part])).toContain('\n    <group>two\nlines</group>\n');
  });
});
