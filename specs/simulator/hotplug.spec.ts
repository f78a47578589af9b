import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/simulator/command.js';
import { parseInterfaceXml } from '../../src/xml/parse-domain-interface.js';
import { connectionsOf, guest, sampleHost } from './support/sample-host.js';
import { head, OK, Stepper, veto } from './support/stepper.js';

const nic = (network: string, mac: string) => parseInterfaceXml(`<interface type='network'><source network='${network}'/><mac address='${mac}'/><model type='e1000'/></interface>`, 'nic.xml');
const attach = (mac: string, flags: { live?: boolean; config?: boolean } = { live: true }): Command => ({
  verb: 'attach-interface', domain: 'vm', iface: nic('iso', mac), live: flags.live ?? false, config: flags.config ?? false,
});
const detach = (mac: string, unplugIgnored = false): Command => ({ verb: 'detach-interface', domain: 'vm', type: 'network', mac, live: true, config: false, unplugIgnored });

/** The sample qemu guest (ACPI, NICs on nat and iso) running, with vnet0 and vnet1. */
function running(): Stepper {
  const stepper = new Stepper(sampleHost('9.0'));
  stepper.callsOf([{ verb: 'define', def: guest('qemu'), file: 'vm.xml' }, { verb: 'start', domain: 'vm' }]);
  return stepper;
}

describe('attach-interface / detach-interface (qemuDomainAttachNetDevice, oracle e3/e4)', () => {
  it('plugs a NIC with its own port, alias, PCI slot and the next vnetN', () => {
    const stepper = running();
    const calls = stepper.callsOf([attach('52:54:00:00:10:03')]);
    expect(calls.map(head)).toEqual(['network iso port-created begin -']);
    expect(connectionsOf(calls[0]!.stdin)).toBe(2);
    expect(stepper.results.at(-1)!.output).toBe('Interface attached successfully');
    const live = stepper.state.domains['vm']!.live!;
    const added = live.devices.filter((d) => d.kind === 'interface').at(-1)!;
    expect(added).toMatchObject({ mac: '52:54:00:00:10:03', target: { dev: 'vnet2' }, info: { alias: 'net2' } });
    expect(added.kind === 'interface' && added.source?.kind === 'network' && added.source.portid).toBe(stepper.state.networks['iso']!.ports.at(-1)!.uuid);
  });

  it('a vetoed port-created fails the attach with no port-deleted, and adds nothing', () => {
    const stepper = running();
    stepper.answer = (call) => (call.op === 'port-created' ? veto('hotplug') : OK);
    const calls = stepper.callsOf([attach('52:54:00:00:10:03')]);
    expect(calls.map(head)).toEqual(['network iso port-created begin -']);
    expect(stepper.results.at(-1)).toMatchObject({ ok: false, vetoed: true, error: 'error: Failed to attach interface\nerror: Hook script execution failed: hotplug' });
    expect(stepper.state.domains['vm']!.live!.devices.filter((d) => d.kind === 'interface')).toHaveLength(2);
    expect(stepper.state.networks['iso']!.connections).toBe(1);
    // No tap was made: the next NIC gets vnet2.
    stepper.answer = () => OK;
    stepper.run(attach('52:54:00:00:10:04'));
    expect(JSON.stringify(stepper.state.domains['vm']!.live)).toContain('"vnet2"');
  });

  it('QEMU refusing the device (no ACPI on i440fx) releases the port again and still uses up a vnet', () => {
    const stepper = new Stepper(sampleHost('9.0'));
    const noAcpi = { ...guest('qemu'), features: null };
    stepper.callsOf([{ verb: 'define', def: noAcpi, file: 'vm.xml' }, { verb: 'start', domain: 'vm' }]);
    const calls = stepper.callsOf([attach('52:54:00:00:10:03')]);
    expect(calls.map((c) => [head(c), connectionsOf(c.stdin)])).toEqual([['network iso port-created begin -', 2], ['network iso port-deleted begin -', 1]]);
    expect(stepper.results.at(-1)!.error).toBe("error: Failed to attach interface\nerror: internal error: unable to execute QEMU command 'device_add': Bus 'pci.0' does not support hotplugging");
    expect(stepper.state.counters.taps.vnet).toBe(3);
  });

  it('an acknowledged detach releases the port; an ignored one keeps NIC and port until the guest stops', () => {
    const acked = running();
    acked.run(attach('52:54:00:00:10:03'));
    expect(acked.callsOf([detach('52:54:00:00:10:03')]).map(head)).toEqual(['network iso port-deleted begin -']);
    expect(acked.callsOf([{ verb: 'destroy', domain: 'vm' }]).map(head).filter((h) => h.includes('port-deleted'))).toHaveLength(2);

    const ignored = running();
    ignored.run(attach('52:54:00:00:10:03'));
    expect(ignored.callsOf([detach('52:54:00:00:10:03', true)])).toEqual([]);
    expect(ignored.results.at(-1)!.output).toBe('Interface detached successfully');
    expect(ignored.callsOf([{ verb: 'destroy', domain: 'vm' }]).map(head).filter((h) => h.includes('port-deleted'))).toHaveLength(3);
  });

  it('prints virsh own errors before its failure line', () => {
    const stepper = running();
    stepper.run(detach('52:54:00:00:99:99'));
    stepper.run({ verb: 'detach-interface', domain: 'vm', type: 'network', mac: null, live: true, config: false });
    stepper.run({ verb: 'detach-interface', domain: 'vm', type: 'bridge', mac: null, live: true, config: false });
    expect(stepper.results.slice(-3).map((r) => r.error)).toEqual([
      'error: No interface with MAC address 52:54:00:00:99:99 was found\nerror: Failed to detach interface',
      'error: Domain has 2 interfaces. Please specify which one to detach using --mac\nerror: Failed to detach interface',
      'error: No interface found whose type is bridge\nerror: Failed to detach interface',
    ]);
  });

  it('--config changes the persistent definition only: no hook, the NIC appears at the next start', () => {
    const stepper = new Stepper(sampleHost('9.0'));
    stepper.run({ verb: 'define', def: guest('qemu'), file: 'vm.xml' });
    expect(stepper.callsOf([attach('52:54:00:00:10:03', { config: true })])).toEqual([]);
    const calls = stepper.callsOf([{ verb: 'start', domain: 'vm' }]);
    expect(calls.filter((c) => c.op === 'port-created').map((c) => c.object)).toEqual(['nat', 'iso', 'iso']);
    // The persistent NIC got its PCI slot when it was added (qemuDomainAssignAddresses).
    const nicXml = /<interface type='network'>\n\s*<mac address='52:54:00:00:10:03'\/>[\s\S]*?<\/interface>/.exec(calls.find((c) => c.op === 'start')!.stdin!)![0];
    expect(nicXml).toMatch(/<alias name='net2'\/>[\s\S]*<address type='pci' domain='0x0000' bus='0x00' slot='0x0\d' function='0x0'\/>/);
    expect(stepper.run(attach('52:54:00:00:10:04', {})).ok).toBe(true);
    expect(stepper.state.domains['vm']!.config!.devices.filter((d) => d.kind === 'interface')).toHaveLength(3);
  });

  it('refuses a live change of a shut-off guest', () => {
    const stepper = new Stepper(sampleHost('9.0'));
    stepper.run({ verb: 'define', def: guest('qemu'), file: 'vm.xml' });
    expect(stepper.run(attach('52:54:00:00:10:03')).error).toBe('error: Failed to attach interface\nerror: Requested operation is not valid: domain is not running');
  });
});
