import { describe, expect, it } from 'vitest';
import { xmlSaveFileText } from '../../src/status/xml-save-file.js';
import { networkPortOf } from '../xml/domain-trace.js';
import { networkOf, recordedDomain, recordedHost, recordedNetworkConfigs } from '../simulator/support/oracle-host.js';
import { recordsBetween } from '../simulator/support/oracle-timeline.js';
import { Stepper } from '../simulator/support/stepper.js';

const { nat, iso } = recordedNetworkConfigs();
// e1 as recorded: both networks started, then lvo-vm with a NIC on each.
const E1 = ['2026-11-24T22:20:06Z', '2026-11-24T22:21:08Z'] as const;

const indent = (xml: string) => `${xml.split('\n').map((line) => `  ${line}`).join('\n')}\n`;
const text = (stepper: Stepper, path: string) => stepper.files.get(path) as string | undefined;

function e1(): { stepper: Stepper; ports: string[] } {
  const stepper = new Stepper(recordedHost({ networks: [{ def: nat }, { def: iso }], domains: [{ def: recordedDomain('dom-vm.xml') }] }), { found: ['daemon', 'qemu', 'network'] });
  const calls = stepper.callsOf([{ verb: 'net-start', network: 'lvo-nat' }, { verb: 'net-start', network: 'lvo-iso' }, { verb: 'start', domain: 'lvo-vm' }]);
  return { stepper, ports: calls.filter((c) => c.op === 'port-created').map((c) => c.stdin!) };
}

describe('status files of the recorded host (libvirt 9.0, oracle e1), byte for byte', () => {
  const records = recordsBetween(...E1);
  const recordedStarted = (name: string) => networkOf(records.find((r) => r.argv[1] === name && r.argv[2] === 'started')!.stdin_text!);

  it.each(['lvo-nat', 'lvo-iso'])('/run/libvirt/network/%s.xml: networkstatus around the live XML `started` saw, tainted by the hooks', (name) => {
    const { stepper } = e1();
    const expected = xmlSaveFileText(name, 'net-edit',
      `<networkstatus>\n  <class_id bitmap='0-2'/>\n  <floor sum='0'/>\n  <taint flag='hook-script'/>\n${indent(recordedStarted(name))}</networkstatus>`);
    expect(text(stepper, `/run/libvirt/network/${name}.xml`)).toBe(expected);
  });

  it('/run/libvirt/network/NET/ports/UUID.xml: the <networkport> the recorded port-created hook received', () => {
    const { stepper, ports } = e1();
    const recorded = records.filter((r) => r.argv[2] === 'port-created').map((r) => networkPortOf(r.stdin_text!));
    expect(ports).toHaveLength(2);
    ports.forEach((stdin, i) => {
      const uuid = /<networkport>\s*<uuid>([^<]+)</.exec(stdin)![1]!;
      const network = i === 0 ? 'lvo-nat' : 'lvo-iso';
      // Port UUIDs are random in libvirt and seeded here: the recorded one is renamed to ours.
      const theirs = /<uuid>([^<]+)</.exec(recorded[i]!)![1]!;
      expect(text(stepper, `/run/libvirt/network/${network}/ports/${uuid}.xml`)).toBe(xmlSaveFileText(uuid, 'net-port-create', recorded[i]!.replace(theirs, uuid)));
    });
  });

  it('leaves the network status alone when ports come and go (no tc class), and drops the port files', () => {
    const { stepper } = e1();
    const status = text(stepper, '/run/libvirt/network/lvo-nat.xml');
    stepper.run({ verb: 'destroy', domain: 'lvo-vm' });
    expect(text(stepper, '/run/libvirt/network/lvo-nat.xml')).toBe(status);
    expect([...stepper.files.keys()].filter((p) => p.includes('/ports/'))).toEqual([]);
    expect(stepper.files.has('/run/libvirt/qemu/lvo-vm.xml')).toBe(false);
    expect(stepper.files.has('/etc/libvirt/qemu/lvo-vm.xml')).toBe(true);
  });

  it('keeps the running guest in /run/libvirt/qemu/lvo-vm.xml: domstatus, then the live <domain> with <actual> devices', () => {
    const { stepper } = e1();
    const status = text(stepper, '/run/libvirt/qemu/lvo-vm.xml')!;
    expect(status.startsWith(xmlSaveFileText('lvo-vm', 'edit', "<domstatus state='running' reason='booted' pid='"))).toBe(true);
    expect(status).toContain("  <taint flag='hook-script'/>\n  <monitor path='/var/lib/libvirt/qemu/domain-1-lvo-vm/monitor.sock' type='unix'/>\n");
    expect(status).toMatch(/\n {8}<source network='lvo-nat' portid='[0-9a-f-]+'\/>\n {8}<actual type='network'>\n {10}<source bridge='lvonat0'\/>\n {8}<\/actual>\n {8}<target dev='vnet0'\/>\n/);
    expect(status.endsWith('  </domain>\n</domstatus>\n')).toBe(true);
  });

  it('removes the status file and the port files at net-destroy (networkShutdownNetwork)', () => {
    const { stepper } = e1();
    stepper.run({ verb: 'net-destroy', network: 'lvo-iso' });
    expect(stepper.files.has('/run/libvirt/network/lvo-iso.xml')).toBe(false);
    expect([...stepper.files.keys()].filter((p) => p.startsWith('/run/libvirt/network/lvo-iso/ports/'))).toEqual([]);
    expect([...stepper.files.keys()].filter((p) => p.startsWith('/run/libvirt/network/lvo-nat/ports/'))).toHaveLength(1);
  });
});
