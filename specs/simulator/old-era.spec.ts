import { describe, expect, it } from 'vitest';
import { guest, sampleHost } from './support/sample-host.js';
import { head, OK, Stepper, veto } from './support/stepper.js';

/** A 4.5 host (the plugged/unplugged era) with nat and iso active. */
const oldEraGuest = () => new Stepper(sampleHost('4.5'));

describe('libvirt before 5.5: plugged/unplugged with the guest interface and domain', () => {
  const single = { ...guest('qemu'), devices: guest('qemu').devices.filter((d) => d.kind !== 'interface' || (d.source?.kind === 'network' && d.source.network === 'nat')) };

  it('starts and stops a guest with plugged/unplugged around the qemu hooks', () => {
    const stepper = oldEraGuest();
    stepper.run({ verb: 'define', def: single, file: 'vm.xml' });
    const calls = stepper.callsOf([{ verb: 'start', domain: 'vm' }, { verb: 'destroy', domain: 'vm' }]);
    expect(calls.map(head)).toEqual([
      'qemu vm prepare begin -', 'network nat plugged begin -', 'qemu vm start begin -', 'qemu vm started begin -',
      'qemu vm stopped end -', 'network nat unplugged begin -', 'qemu vm release end -',
    ]);
    const plugged = calls[1]!.stdin!;
    // networkRunHook (3.x): the guest's <interface>, the network, the whole live domain.
    expect(plugged).toMatch(/^<hookData>\n  <interface type='network'>\n    <mac address='52:54:00:00:10:01'\/>\n    <source network='nat' bridge='natbr0'\/>\n/);
    expect(plugged.indexOf("  <network connections='1'>")).toBeGreaterThan(plugged.indexOf('  </interface>'));
    expect(plugged).toMatch(/\n  <domain type='qemu' id='1'>\n[\s\S]*\n  <\/domain>\n<\/hookData>$/);
    expect(plugged).not.toContain('<networkport>');
    expect(calls.filter((c) => c.driver === 'qemu').some((c) => c.stdin?.includes('portid='))).toBe(false);
    expect(calls[5]!.stdin).not.toContain('connections=');
  });

  it('a restart announces the running guests interfaces at reconnect and autostarts at every start', () => {
    const stepper = oldEraGuest();
    stepper.callsOf([{ verb: 'define', def: single, file: 'vm.xml' }, { verb: 'start', domain: 'vm' }]);
    const calls = stepper.callsOf([{ verb: 'net-destroy', network: 'iso' }, { verb: 'net-autostart', network: 'iso', disable: false }, { verb: 'daemon-restart' }]);
    expect(calls.map(head)).toEqual([
      'network iso stopped end -',
      'daemon - shutdown - shutdown', 'daemon - start - start',
      'network nat plugged begin -', 'qemu vm reconnect begin -',
      // stateAutoStart runs after the drivers' init, and at every daemon start before 5.9.
      'network iso start begin -', 'network iso started begin -',
    ]);
    expect(calls[3]!.stdin).toContain("<network connections='1'>");
    expect(stepper.callsOf([{ verb: 'net-destroy', network: 'iso' }, { verb: 'daemon-restart' }]).map(head)).toContain('network iso start begin -');
  });

  it.each([
    ['prepare', undefined, ['qemu vm prepare begin -', 'qemu vm stopped end -', 'qemu vm release end -']],
    // networkAllocateActualDevice frees the actual device of the NIC it failed on: networkReleaseActualDevice skips it.
    ['plugged', 'iso', ['qemu vm prepare begin -', 'network nat plugged begin -', 'network iso plugged begin -', 'qemu vm stopped end -', 'network nat unplugged begin -', 'qemu vm release end -']],
    ['start', undefined, [
      'qemu vm prepare begin -', 'network nat plugged begin -', 'network iso plugged begin -', 'qemu vm start begin -',
      'qemu vm stopped end -', 'network nat unplugged begin -', 'network iso unplugged begin -', 'qemu vm release end -',
    ]],
  ] as const)('4.5: a vetoed %s rolls back like the port era, with unplugged and no release reason', (op, object, expected) => {
    const stepper = oldEraGuest();
    stepper.run({ verb: 'define', def: guest('qemu'), file: 'vm.xml' });
    stepper.answer = (call) => (call.op === op && (object === undefined || call.object === object) ? veto(op) : OK);
    expect(stepper.callsOf([{ verb: 'start', domain: 'vm' }]).map(head)).toEqual(expected);
    expect(stepper.results.at(-1)).toMatchObject({ ok: false, vetoed: true, error: `error: Failed to start domain 'vm'\nerror: Hook script execution failed: ${op}` });
    expect(Object.values(stepper.state.networks).map((n) => [n.connections, n.ports.length])).toEqual([[0, 0], [0, 0]]);
  });

  it('4.5: a vetoed hot-plug fails the attach with no unplugged', () => {
    const stepper = oldEraGuest();
    stepper.callsOf([{ verb: 'define', def: single, file: 'vm.xml' }, { verb: 'start', domain: 'vm' }]);
    stepper.answer = (call) => (call.op === 'plugged' ? veto('hotplug') : OK);
    const iface = single.devices.find((d) => d.kind === 'interface')!;
    const calls = stepper.callsOf([{ verb: 'attach-interface', domain: 'vm', iface: { ...iface, mac: '52:54:00:00:10:09' } as never, live: true, config: false }]);
    expect(calls.map(head)).toEqual(['network nat plugged begin -']);
    expect(calls[0]!.stdin).toContain("<mac address='52:54:00:00:10:09'/>");
    expect(stepper.results.at(-1)).toMatchObject({ ok: false, vetoed: true, error: 'error: Failed to attach interface\nerror: Hook script execution failed: hotplug' });
    expect(stepper.state.networks['nat']!.connections).toBe(1);
  });

  it('4.5: a guest stopped after its network was destroyed still runs unplugged, and the count drifts into the next start (networkReleaseActualDevice)', () => {
    const stepper = oldEraGuest();
    stepper.callsOf([{ verb: 'define', def: single, file: 'vm.xml' }, { verb: 'start', domain: 'vm' }]);
    const calls = stepper.callsOf([{ verb: 'net-destroy', network: 'nat' }, { verb: 'destroy', domain: 'vm' }]);
    expect(calls.map(head)).toEqual(['network nat stopped end -', 'qemu vm stopped end -', 'network nat unplugged begin -', 'qemu vm release end -']);
    // No activity check: the inactive network's def (the persistent one) goes to the hook, its count at -1.
    expect(calls[2]!.stdin).toMatch(/^<hookData>\n  <interface type='network'>[\s\S]*\n  <network>\n    <name>nat<\/name>/);
    expect(stepper.state.networks['nat']!.connections).toBe(-1);
    // virNetworkObjSetDefTransient keeps that def live: the next guest's plugged shows no count (-1 + 1).
    const again = stepper.callsOf([{ verb: 'net-start', network: 'nat' }, { verb: 'start', domain: 'vm' }]);
    expect(again.find((c) => c.op === 'plugged')!.stdin).toContain('\n  <network>\n');
    expect(stepper.state.networks['nat']!.connections).toBe(0);
  });
});
