import { describe, expect, it } from 'vitest';
import { libvirtProfile } from '../../src/model/libvirt-profile.js';
import type { NetworkPortRequest } from '../../src/simulator/command.js';
import { createSimulatorState } from '../../src/simulator/create-simulator-state.js';
import { lastSavedNetworkStatus, renderStatusFiles } from '../../src/status/render-status-files.js';
import { networkStatusWrite } from '../../src/status/status-file-writes.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';
import { guest, ISO_XML, NAT_XML } from '../simulator/support/sample-host.js';
import { Stepper } from '../simulator/support/stepper.js';

const fresh = (version = '9.0') => createSimulatorState({ profile: libvirtProfile(version), seed: 'render', hooksFound: ['daemon', 'qemu', 'network'] });
const text = (stepper: Stepper, path: string) => stepper.files.get(path) as string;
const QOS_XML = NAT_XML.replace('<forward', "<bandwidth><inbound average='1000'/></bandwidth>\n  <forward");
const floorPort = (mac: string, floor: number): NetworkPortRequest => ({
  owner: { name: 'vm', uuid: '6a1f0c0e-0000-4000-8000-0000000000a1' }, mac, bandwidth: { inbound: { average: 10, floor } },
});

describe('the files libvirt writes as steps run (incremental) match renderStatusFiles of the end state', () => {
  it('for networks (persistent, autostart, transient), a running guest and a port without guest', () => {
    const stepper = new Stepper(fresh());
    stepper.callsOf([
      { verb: 'net-define', def: parseNetworkXml(NAT_XML, 'nat.xml'), file: 'nat.xml' },
      { verb: 'net-autostart', network: 'nat', disable: false },
      { verb: 'net-start', network: 'nat' },
      { verb: 'net-create', def: parseNetworkXml(ISO_XML, 'iso.xml'), file: 'iso.xml' },
      { verb: 'define', def: guest('qemu'), file: 'vm.xml' },
      { verb: 'start', domain: 'vm' },
      { verb: 'net-port-create', network: 'nat', port: { owner: { name: 'other', uuid: '6a1f0c0e-0000-4000-8000-0000000000ff' }, mac: '52:54:00:00:99:01' }, file: 'p.xml' },
    ]);
    expect(stepper.results.every((r) => r.ok)).toBe(true);
    expect(new Map([...stepper.files].sort())).toEqual(new Map([...renderStatusFiles(stepper.state)].sort()));
    expect([...stepper.files.keys()].sort()).toEqual(expect.arrayContaining([
      '/etc/libvirt/qemu/networks/autostart/nat.xml', '/etc/libvirt/qemu/networks/nat.xml', '/etc/libvirt/qemu/vm.xml',
      '/run/libvirt/network/autostarted', '/run/libvirt/network/iso.xml', '/run/libvirt/network/nat.xml', '/run/libvirt/qemu/vm.xml',
    ]));
    // A transient network has no config; the autostart link points at the config (networkSetAutostart).
    expect(stepper.files.has('/etc/libvirt/qemu/networks/iso.xml')).toBe(false);
    expect(stepper.files.get('/etc/libvirt/qemu/networks/autostart/nat.xml')).toEqual({ symlink: '/etc/libvirt/qemu/networks/nat.xml' });
    expect([...stepper.files.keys()].filter((p) => p.startsWith('/run/libvirt/network/nat/ports/'))).toHaveLength(2);
  });

  it('unlinks the autostart link, the config at undefine, and keeps a running network\'s status', () => {
    const stepper = new Stepper(fresh());
    stepper.callsOf([
      { verb: 'net-define', def: parseNetworkXml(NAT_XML, 'nat.xml'), file: 'nat.xml' },
      { verb: 'net-autostart', network: 'nat', disable: false },
      { verb: 'net-autostart', network: 'nat', disable: true },
    ]);
    expect(stepper.files.has('/etc/libvirt/qemu/networks/autostart/nat.xml')).toBe(false);
    stepper.callsOf([{ verb: 'net-autostart', network: 'nat', disable: false }, { verb: 'net-start', network: 'nat' }, { verb: 'net-undefine', network: 'nat' }]);
    expect([...stepper.files.keys()].filter((p) => p.startsWith('/etc/libvirt/qemu/networks'))).toEqual([]);
    expect(stepper.files.has('/run/libvirt/network/nat.xml')).toBe(true);
  });

  it('saves the network status when a port takes or frees a tc class (networkPlugBandwidth / networkUnplugBandwidth)', () => {
    const stepper = new Stepper(fresh());
    const head = (path: string) => text(stepper, path).split('\n').slice(7, 11).join('\n');
    stepper.callsOf([{ verb: 'net-create', def: parseNetworkXml(QOS_XML, 'nat.xml'), file: 'nat.xml' }]);
    expect(head('/run/libvirt/network/nat.xml')).toBe("<networkstatus>\n  <class_id bitmap='0-2'/>\n  <floor sum='0'/>\n  <taint flag='hook-script'/>");
    stepper.run({ verb: 'net-port-create', network: 'nat', port: floorPort('52:54:00:00:99:01', 100), file: 'a.xml' });
    // Saved before that port's connections++: the attribute is still absent.
    expect(head('/run/libvirt/network/nat.xml')).toBe("<networkstatus>\n  <class_id bitmap='0-3'/>\n  <floor sum='100'/>\n  <taint flag='hook-script'/>");
    expect(text(stepper, '/run/libvirt/network/nat.xml')).toContain('\n  <network>\n');
    stepper.run({ verb: 'net-port-create', network: 'nat', port: floorPort('52:54:00:00:99:02', 200), file: 'b.xml' });
    expect(text(stepper, '/run/libvirt/network/nat.xml')).toContain("<class_id bitmap='0-4'/>\n  <floor sum='300'/>\n  <taint flag='hook-script'/>\n  <network connections='1'>\n");
    // renderStatusFiles reconstructs the same last save from the ports alone.
    expect(renderStatusFiles(stepper.state).get('/run/libvirt/network/nat.xml')).toBe(text(stepper, '/run/libvirt/network/nat.xml'));
    const first = stepper.state.networks['nat']!.ports[0]!;
    stepper.run({ verb: 'net-port-delete', network: 'nat', port: first.uuid });
    expect(text(stepper, '/run/libvirt/network/nat.xml')).toContain("<class_id bitmap='0-2,4'/>\n  <floor sum='200'/>\n  <taint flag='hook-script'/>\n  <network connections='2'>\n");
    expect(stepper.files.has(`/run/libvirt/network/nat/ports/${first.uuid}.xml`)).toBe(false);
  });

  it('saves the status after a live net-update and the config after a --config one', () => {
    const stepper = new Stepper(fresh());
    stepper.callsOf([{ verb: 'net-define', def: parseNetworkXml(NAT_XML, 'nat.xml'), file: 'nat.xml' }, { verb: 'net-start', network: 'nat' }]);
    const update = { verb: 'net-update', network: 'nat', command: 'add', section: 'ip-dhcp-host', xml: "<host mac='52:54:00:00:00:bb' ip='192.0.2.52'/>", parentIndex: -1 } as const;
    stepper.run({ ...update, live: true, config: false });
    expect(text(stepper, '/run/libvirt/network/nat.xml')).toContain("<host mac='52:54:00:00:00:bb' ip='192.0.2.52'/>");
    expect(text(stepper, '/etc/libvirt/qemu/networks/nat.xml')).not.toContain('52:54:00:00:00:bb');
    stepper.run({ ...update, live: false, config: true });
    expect(text(stepper, '/etc/libvirt/qemu/networks/nat.xml')).toContain("<host mac='52:54:00:00:00:bb' ip='192.0.2.52'/>");
  });

  it('reconstructs the last save of a host described without history (lastSavedNetworkStatus)', () => {
    const stepper = new Stepper(fresh());
    stepper.callsOf([
      { verb: 'net-create', def: parseNetworkXml(QOS_XML, 'nat.xml'), file: 'nat.xml' },
      { verb: 'net-port-create', network: 'nat', port: floorPort('52:54:00:00:99:01', 100), file: 'a.xml' },
      { verb: 'net-port-create', network: 'nat', port: { owner: floorPort('x', 1).owner, mac: '52:54:00:00:99:03' }, file: 'c.xml' },
    ]);
    const saved = lastSavedNetworkStatus(stepper.state.networks['nat']!);
    expect(saved).toMatchObject({ connections: 0, classIds: [0, 1, 2, 3], floorSum: 100, tainted: true });
    expect(networkStatusWrite(saved, '9.0')).toEqual({ path: '/run/libvirt/network/nat.xml', content: text(stepper, '/run/libvirt/network/nat.xml') });
  });

  it('writes no port files before the port API (5.5), and no autostart marker before 5.9', () => {
    const stepper = new Stepper(fresh('4.5'));
    stepper.callsOf([
      { verb: 'net-define', def: parseNetworkXml(NAT_XML, 'nat.xml'), file: 'nat.xml' }, { verb: 'net-start', network: 'nat' },
      { verb: 'define', def: { ...guest('qemu'), devices: guest('qemu').devices.slice(0, 1) }, file: 'vm.xml' }, { verb: 'start', domain: 'vm' },
    ]);
    expect([...stepper.files.keys()].filter((p) => p.includes('/ports/') || p.endsWith('/autostarted'))).toEqual([]);
    expect(stepper.files.get('/run/libvirt/qemu/vm.xml')).toContain("<actual type='network'>");
  });
});
