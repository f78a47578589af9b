import { describe, expect, it } from 'vitest';
import type { Command, NetworkPortRequest } from '../../src/simulator/command.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';
import { connectionsOf, sampleHost } from './support/sample-host.js';
import { head, OK, Stepper, veto } from './support/stepper.js';

const PORT_UUID = '7de8396e-0000-4000-8000-00000000c0de';
const request = (extra: Partial<NetworkPortRequest> = {}): NetworkPortRequest => ({
  uuid: PORT_UUID, owner: { name: 'ext', uuid: '6a1f0c0e-0000-4000-8000-0000000000ee' }, mac: '52:54:00:00:20:01', ...extra,
});
const create = (network = 'nat', extra: Partial<NetworkPortRequest> = {}): Command => ({ verb: 'net-port-create', network, port: request(extra), file: 'port.xml' });
const remove = (network = 'nat', port = PORT_UUID): Command => ({ verb: 'net-port-delete', network, port });

describe('net-port-create / net-port-delete (networkPortCreateXML, networkPortDelete)', () => {
  it('plugs a port with no guest behind it: port-created with connections, port-deleted without', () => {
    const stepper = new Stepper(sampleHost('9.0'));
    const calls = stepper.callsOf([create(), remove()]);
    expect(calls.map((c) => [head(c), connectionsOf(c.stdin)])).toEqual([['network nat port-created begin -', 1], ['network nat port-deleted begin -', null]]);
    expect(calls[0]!.stdin).toBe(`<hookData>
  <network connections='1'>
    <name>nat</name>
    <uuid>11111111-2222-4333-8444-555555555555</uuid>
    <forward mode='nat'>
      <nat>
        <port start='1024' end='65535'/>
      </nat>
    </forward>
    <bridge name='natbr0' stp='on' delay='0'/>
    <mac address='52:54:00:aa:00:02'/>
    <ip address='192.0.2.1' netmask='255.255.255.0'>
    </ip>
  </network>
  <networkport>
    <uuid>${PORT_UUID}</uuid>
    <owner>
      <name>ext</name>
      <uuid>6a1f0c0e-0000-4000-8000-0000000000ee</uuid>
    </owner>
    <mac address='52:54:00:00:20:01'/>
    <plug type='network' bridge='natbr0'/>
  </networkport>
</hookData>`);
    expect(stepper.results.map((r) => r.output)).toEqual([`Network port ${PORT_UUID} created from port.xml`, `Network port ${PORT_UUID} deleted`]);
  });

  it('rolls the counter back after a veto and reports it with virsh odd first line', () => {
    const stepper = new Stepper(sampleHost('9.0'), { answer: (call) => (call.op === 'port-created' ? veto('no port') : OK) });
    expect(stepper.run(create())).toMatchObject({ ok: false, vetoed: true, error: 'error: Failed to create network from port.xml\nerror: Hook script execution failed: no port' });
    stepper.answer = () => OK;
    expect(connectionsOf(stepper.callsOf([create()])[0]!.stdin)).toBe(1);
  });

  it('moves the tc class of a guaranteed floor into classID, which port-deleted no longer shows', () => {
    const qos = parseNetworkXml(`<network><name>qos</name><uuid>11111111-2222-4333-8444-777777777777</uuid><bridge name='qosbr0'/>
      <bandwidth><inbound average='1000'/></bandwidth></network>`, 'qos.xml');
    const stepper = new Stepper(sampleHost('9.0', { networks: [{ def: qos, active: true }] }));
    const calls = stepper.callsOf([create('qos', { bandwidth: { inbound: { average: 100, floor: 50 } } }), remove('qos')]);
    expect(calls[0]!.stdin).toContain("<bandwidth classID='3'>");
    expect(calls[1]!.stdin).toContain('<bandwidth>');
    expect(calls[1]!.stdin).not.toContain('classID');
  });

  it('refuses what libvirt refuses, with its texts', () => {
    const stepper = new Stepper(sampleHost('9.0'));
    stepper.run({ verb: 'net-destroy', network: 'iso' });
    const results = [
      stepper.run(create('nope')),
      stepper.run(create('iso')),
      stepper.run(create('nat', { plug: { type: 'network', bridge: 'natbr0' } })),
      stepper.run(remove('nat', '00000000-0000-4000-8000-000000000000')),
    ];
    expect(results.map((r) => r.error)).toEqual([
      "error: failed to get network 'nope'\nerror: Network not found: no network with matching name 'nope'",
      "error: Failed to create network from port.xml\nerror: Requested operation is not valid: network 'iso' is not active",
      'error: Failed to create network from port.xml\nerror: invalid argument: Port reclaim not requested but plug type is not none',
      "error: failed to get network port '00000000-0000-4000-8000-000000000000'\nerror: network port not found: Network port with UUID 00000000-0000-4000-8000-000000000000 does not exist",
    ]);
  });

  it('undoes a port whose UUID the network already has: port-created, then port-deleted', () => {
    const stepper = new Stepper(sampleHost('9.0'));
    stepper.run(create());
    const calls = stepper.callsOf([create()]);
    expect(calls.map((c) => [head(c), connectionsOf(c.stdin)])).toEqual([['network nat port-created begin -', 2], ['network nat port-deleted begin -', 1]]);
    expect(stepper.results.at(-1)!.error).toContain(`network port Network port with UUID ${PORT_UUID} already exists exists already`);
    expect(stepper.state.networks['nat']).toMatchObject({ connections: 1 });
  });

  it('does not exist before 5.5 (no port API)', () => {
    const stepper = new Stepper(sampleHost('4.5'));
    expect(stepper.run(create()).error).toBe("error: unknown command: 'net-port-create'");
  });

  it('a network destroyed with ports drops them without port-deleted (oracle n)', () => {
    const stepper = new Stepper(sampleHost('9.0'));
    stepper.run(create());
    const calls = stepper.callsOf([{ verb: 'net-destroy', network: 'nat' }, { verb: 'net-start', network: 'nat' }, remove()]);
    expect(calls.map(head)).toEqual(['network nat stopped end -', 'network nat start begin -', 'network nat started begin -']);
    // networkShutdownNetwork runs `stopped` on the live def as it is: the port it drops still counts.
    expect(calls.map((c) => connectionsOf(c.stdin))).toEqual([1, null, null]);
    expect(stepper.results.at(-1)!.ok).toBe(false);
  });

  it('a live net-update resets the count (virNetworkObjUpdate copies the def through XML, which drops connections), a config-only one does not', () => {
    const update = (live: boolean): Command => ({
      verb: 'net-update', network: 'nat', command: 'add', section: 'ip-dhcp-host',
      xml: `<host mac='52:54:00:00:00:${live ? 'aa' : 'bb'}' ip='192.0.2.${live ? 50 : 51}'/>`, parentIndex: -1, live, config: !live,
    });
    const stepper = new Stepper(sampleHost('9.0'));
    stepper.run(create());
    // --config on a running network: the live def, untouched, goes to the hook with its count.
    expect(stepper.callsOf([update(false)]).map((c) => connectionsOf(c.stdin))).toEqual([1]);
    // --live (oracle n): the port stays, the count is gone from `updated` on, and from `stopped`.
    expect(stepper.callsOf([update(true)]).map((c) => connectionsOf(c.stdin))).toEqual([null]);
    expect(stepper.state.networks['nat']!.ports).toHaveLength(1);
    expect(stepper.callsOf([create('nat', { uuid: '7de8396e-0000-4000-8000-00000000c0df', mac: '52:54:00:00:20:02' })]).map((c) => connectionsOf(c.stdin))).toEqual([1]);
    expect(stepper.callsOf([{ verb: 'net-destroy', network: 'nat' }]).map((c) => connectionsOf(c.stdin))).toEqual([1]);
  });
});
