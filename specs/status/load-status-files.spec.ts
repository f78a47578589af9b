import { describe, expect, it } from 'vitest';
import { domainInterfaces } from '../../src/model/domain-stage.js';
import { formatDomain } from '../../src/xml/format-domain.js';
import { formatNetwork } from '../../src/xml/format-network.js';
import { loadStatusFiles } from '../../src/status/load-status-files.js';
import { renderStatusFiles } from '../../src/status/render-status-files.js';
import type { StatusFileContent } from '../../src/status/status-files.js';
import { xmlSaveFileText } from '../../src/status/xml-save-file.js';
import { recordedDomain, recordedHost, recordedNetworkConfigs } from '../simulator/support/oracle-host.js';
import { Stepper } from '../simulator/support/stepper.js';
import { guest, sampleHost } from '../simulator/support/sample-host.js';

const { nat, iso } = recordedNetworkConfigs();

/** The recorded host with both guests running (oracle e2): 3 ports on lvo-nat, 1 on lvo-iso. */
function busy(): Stepper {
  const stepper = new Stepper(recordedHost({ networks: [{ def: nat, active: true, autostart: true }, { def: iso, active: true }], domains: [{ def: recordedDomain('dom-vm.xml') }, { def: recordedDomain('dom-vm2.xml') }] }));
  stepper.callsOf([{ verb: 'start', domain: 'lvo-vm' }, { verb: 'start', domain: 'lvo-vm2' }]);
  return stepper;
}

const replace = (files: ReadonlyMap<string, StatusFileContent>, path: string, content: string | null) => {
  const next = new Map(files);
  if (content === null) next.delete(path);
  else next.set(path, content);
  return next;
};

describe('loadStatusFiles reads back what renderStatusFiles writes', () => {
  it('networks: running and persistent defs, autostart, taint and every port', () => {
    const state = busy().state;
    const loaded = loadStatusFiles(renderStatusFiles(state));
    expect(loaded.problems).toEqual([]);
    expect(loaded.autostarted).toBe(true);
    for (const [name, obj] of Object.entries(state.networks)) {
      const found = loaded.networks.get(name)!;
      expect(formatNetwork(found.live!)).toBe(formatNetwork(obj.live!));
      expect(formatNetwork(found.config!)).toBe(formatNetwork(obj.config!));
      expect(found).toMatchObject({ autostart: obj.autostart, tainted: true });
      expect([...found.ports].sort((a, b) => a.uuid.localeCompare(b.uuid))).toEqual([...obj.ports].sort((a, b) => a.uuid.localeCompare(b.uuid)));
    }
  });

  it('guests: the live definition (ids, aliases, taps, portids, actual devices, labels) and the config', () => {
    const state = busy().state;
    const loaded = loadStatusFiles(renderStatusFiles(state));
    for (const [name, obj] of Object.entries(state.domains)) {
      const found = loaded.domains.get(name)!;
      // Devices come back grouped by kind (the formatter's order); each kind keeps its order.
      expect(domainInterfaces(found.live!)).toEqual(domainInterfaces(obj.live!));
      expect({ ...found.live, devices: [] }).toEqual({ ...obj.live, devices: [] });
      expect(formatDomain(found.live!)).toBe(formatDomain(obj.live!));
      expect(formatDomain(found.live!, { status: true })).toBe(formatDomain(obj.live!, { status: true }));
      expect(formatDomain(found.config!)).toBe(formatDomain(obj.config!));
      expect(found.tainted).toBe(true);
    }
  });

  it.each(['lxc', 'xen', 'bhyve'] as const)('%s guests too (their own state and config directories)', (type) => {
    const state = sampleHost('11.3', { domains: [{ def: guest(type), running: true }] });
    const files = renderStatusFiles(state);
    const dir = { lxc: 'lxc', xen: 'libxl', bhyve: 'bhyve' }[type];
    expect(files.has(`/run/libvirt/${dir}/${guest(type).name}.xml`)).toBe(true);
    const loaded = loadStatusFiles(files);
    const live = loaded.domains.get(guest(type).name)!.live!;
    expect(domainInterfaces(live)).toEqual(domainInterfaces(state.domains[guest(type).name]!.live!));
    expect(formatDomain(live)).toBe(formatDomain(state.domains[guest(type).name]!.live!));
  });
});

describe('loadStatusFiles skips what libvirt cannot load, and says so', () => {
  const files = renderStatusFiles(busy().state);
  const natStatus = '/run/libvirt/network/lvo-nat.xml';

  it('a malformed network status file: the network comes back inactive from its config, its ports are not loaded', () => {
    const loaded = loadStatusFiles(replace(files, natStatus, (files.get(natStatus) as string).replace('</networkstatus>', '')));
    expect(loaded.problems).toEqual([expect.stringMatching(/^Failed to load network status \/run\/libvirt\/network\/lvo-nat\.xml: Malformed XML/)]);
    expect(loaded.networks.get('lvo-nat')).toMatchObject({ live: null, ports: [], autostart: true });
  });

  it.each([
    ['a status file named after another network', (t: string) => t.replace('<name>lvo-nat</name>', '<name>other</name>'), /does not match network name 'other'/],
    ['an unknown taint', (t: string) => t.replace("flag='hook-script'", "flag='custom-argv'"), /Unknown taint flag custom-argv/],
    ['a bad class bitmap', (t: string) => t.replace("bitmap='0-2'", "bitmap='zero'"), /Failed to parse bitmap 'zero'/],
    ['a bad floor sum', (t: string) => t.replace("sum='0'", "sum='-'"), /Malformed 'floor_sum' attribute: -/],
    ['no network element at all', () => '<networkstatus/>', /Could not find any 'network' element in status file/],
  ])('%s', (_what, edit, message) => {
    const loaded = loadStatusFiles(replace(files, natStatus, edit(files.get(natStatus) as string)));
    expect(loaded.problems).toEqual([expect.stringMatching(message)]);
    expect(loaded.networks.get('lvo-nat')!.live).toBeNull();
  });

  it('takes a bare <network> (an old status file) as running', () => {
    const bare = formatNetwork(busy().state.networks['lvo-nat']!.live!);
    const loaded = loadStatusFiles(replace(files, natStatus, xmlSaveFileText('lvo-nat', 'net-edit', bare)));
    expect(loaded.problems).toEqual([]);
    expect(loaded.networks.get('lvo-nat')).toMatchObject({ tainted: false, live: { name: 'lvo-nat' } });
  });

  it('a port file that does not parse is skipped ("Cannot parse port"); unknown elements are ignored as libvirt does', () => {
    const ports = [...files.keys()].filter((p) => p.startsWith('/run/libvirt/network/lvo-nat/ports/')).sort();
    let edited = replace(files, ports[0]!, (files.get(ports[0]!) as string).replace(/<mac address='[^']+'\/>/, "<mac address='nope'/>"));
    edited = replace(edited, ports[1]!, (files.get(ports[1]!) as string).replace('</networkport>', '  <colour/>\n</networkport>'));
    const loaded = loadStatusFiles(edited);
    expect(loaded.problems).toEqual([expect.stringMatching(new RegExp(`^Cannot parse port ${ports[0]}: .*Unable to parse MAC 'nope'`))]);
    expect(loaded.networks.get('lvo-nat')!.ports).toHaveLength(2);
  });

  it('an autostart link pointing elsewhere, or a copy of the config, is not autostart (virFileLinkPointsTo)', () => {
    const link = '/etc/libvirt/qemu/networks/autostart/lvo-nat.xml';
    expect(loadStatusFiles(replace(files, link, null)).networks.get('lvo-nat')!.autostart).toBe(false);
    expect(loadStatusFiles(new Map(files).set(link, { symlink: '../lvo-nat.xml' })).networks.get('lvo-nat')!.autostart).toBe(true);
    expect(loadStatusFiles(new Map(files).set(link, { symlink: '/etc/libvirt/qemu/networks/lvo-iso.xml' })).networks.get('lvo-nat')!.autostart).toBe(false);
    expect(loadStatusFiles(new Map(files).set(link, files.get('/etc/libvirt/qemu/networks/lvo-nat.xml')!)).networks.get('lvo-nat')!.autostart).toBe(false);
  });

  it('a config whose UUID differs from the running network is refused; the network stays, transient', () => {
    const config = '/etc/libvirt/qemu/networks/lvo-nat.xml';
    const loaded = loadStatusFiles(replace(files, config, (files.get(config) as string).replace(/<uuid>[^<]+<\/uuid>/, '<uuid>6a1f0c0e-0000-4000-8000-0000000000ff</uuid>')));
    expect(loaded.problems).toEqual([expect.stringMatching(/lvo-nat\.xml: operation failed: network 'lvo-nat' already exists with uuid/)]);
    expect(loaded.networks.get('lvo-nat')).toMatchObject({ config: null, live: { name: 'lvo-nat' } });
  });

  it('a guest whose status file is corrupt or gone comes back shut off from its config', () => {
    const status = '/run/libvirt/qemu/lvo-vm.xml';
    for (const edited of [replace(files, status, '<domstatus'), replace(files, status, null), replace(files, status, xmlSaveFileText('x', 'edit', '<domain/>'))]) {
      const loaded = loadStatusFiles(edited);
      expect(loaded.domains.get('lvo-vm')).toMatchObject({ live: null, config: { name: 'lvo-vm' } });
      expect(loaded.domains.get('lvo-vm2')!.live).not.toBeNull();
    }
    expect(loadStatusFiles(replace(files, status, '<domstatus')).problems).toEqual([expect.stringMatching(/^Failed to load config for domain 'lvo-vm'/)]);
  });
});
