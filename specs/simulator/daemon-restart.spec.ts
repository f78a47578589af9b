import { describe, expect, it } from 'vitest';
import { libvirtProfile } from '../../src/model/libvirt-profile.js';
import type { Command } from '../../src/simulator/command.js';
import { enumerateReplayOrders } from '../../src/simulator/daemon/replay-order.js';
import { seedSimulatorState } from '../../src/simulator/seed-simulator-state.js';
import type { SimulatorState } from '../../src/simulator/simulator-state.js';
import { connectionsOf, guest, iso, nat, sampleHost } from './support/sample-host.js';
import { head, OK, Stepper, veto } from './support/stepper.js';

const vm2 = () => ({ ...guest('qemu'), name: 'vm2', uuid: '6a1f0c0e-0000-4000-8000-0000000000b2', devices: guest('qemu').devices.map((d) => (d.kind === 'interface' ? { ...d, mac: d.mac!.replace('10:', '11:'), source: { kind: 'network' as const, network: 'nat', portgroup: null, portid: null } } : d)) });

/** Two guests running: vm (nat + iso) and vm2 (nat + nat): 3 ports on nat, 1 on iso, as oracle g. */
function busyHost(seed = 'sample', version = '9.0'): SimulatorState {
  return seedSimulatorState({
    profile: libvirtProfile(version), seed, hooksFound: ['daemon', 'qemu', 'lxc', 'network'],
    networks: [{ def: nat(), active: true, autostart: true }, { def: iso(), active: true }],
    domains: [{ def: guest('qemu'), running: true }, { def: vm2(), running: true }],
  });
}

/** `network:mac` of each replayed port-created, in order. */
const replayed = (stepper: Stepper, command: Command = { verb: 'daemon-restart' }) =>
  stepper.callsOf([command]).filter((c) => c.op === 'port-created').map((c) => `${c.object}:${/<mac address='([^']+)'\/>\n\s*<plug/.exec(c.stdin!)![1]}`);

describe('daemon restart: port-created replay (networkStateInitialize, oracle g1/g2)', () => {
  it('runs shutdown, start, one port-created per port with connections rebuilt 1..N, then reconnect per guest', () => {
    const stepper = new Stepper(busyHost());
    const calls = stepper.callsOf([{ verb: 'daemon-restart' }]);
    expect(calls.map(head).filter((h) => !h.includes('port-created'))).toEqual([
      'daemon - shutdown - shutdown', 'daemon - start - start', 'qemu vm reconnect begin -', 'qemu vm2 reconnect begin -',
    ]);
    const replays = calls.filter((c) => c.op === 'port-created');
    expect(replays.map((c) => [c.object, connectionsOf(c.stdin)]).sort()).toEqual([['iso', 1], ['nat', 1], ['nat', 2], ['nat', 3]]);
    // The reconnect stdin is the guest's live XML, as `started` saw it.
    const started = new Stepper(sampleHost('9.0')).callsOf([{ verb: 'define', def: guest('qemu'), file: 'vm.xml' }, { verb: 'start', domain: 'vm' }]).at(-1)!;
    expect(calls.find((c) => c.op === 'reconnect')!.stdin!.replace(/portid='[^']+'/g, '')).toBe(started.stdin!.replace(/portid='[^']+'/g, ''));
  });

  it('replays each stored <networkport> byte for byte', () => {
    const stepper = new Stepper(busyHost());
    const stored = Object.values(stepper.state.networks).flatMap((n) => n.ports.map((p) => p.uuid));
    const uuids = stepper.callsOf([{ verb: 'daemon-restart' }]).filter((c) => c.op === 'port-created').map((c) => /<networkport>\s*<uuid>([^<]+)/.exec(c.stdin!)![1]);
    expect([...uuids].sort()).toEqual([...stored].sort());
  });

  it('takes the hash order from the seed: reproducible, different across seeds, grouped by network', () => {
    const orderOf = (seed: string) => replayed(new Stepper(busyHost(seed)));
    expect(orderOf('a')).toEqual(orderOf('a'));
    const orders = new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((s) => orderOf(s).join(' ')));
    expect(orders.size).toBeGreaterThan(1);
    // libvirt walks networks, then each network's ports: a network's ports are never interleaved.
    const runs = (order: string) => order.split(' ').map((k) => k.split(':')[0]).filter((n, i, all) => n !== all[i - 1]);
    for (const order of orders) expect(runs(order)).toHaveLength(2);
  });

  it('follows a given order; unlisted ports keep the seeded one', () => {
    const wanted = ['iso:52:54:00:00:10:02', 'nat:52:54:00:00:11:02', 'nat:52:54:00:00:10:01', 'nat:52:54:00:00:11:01'];
    expect(replayed(new Stepper(busyHost()), { verb: 'daemon-restart', order: wanted })).toEqual(wanted);
    const partial = replayed(new Stepper(busyHost()), { verb: 'daemon-restart', order: ['nat:52:54:00:00:11:01'] });
    expect(partial[0]).toBe('nat:52:54:00:00:11:01');
  });

  it('enumerates every distinct replay order (network orders x port orders), bounded', () => {
    const state = busyHost();
    const all = enumerateReplayOrders(state, 100);
    expect(all).toHaveLength(2 * 6);
    expect(new Set(all.map((o) => o.join(' '))).size).toBe(12);
    expect(enumerateReplayOrders(state, 5)).toHaveLength(5);
    for (const order of all.slice(0, 4)) expect(replayed(new Stepper(state), { verb: 'daemon-restart', order })).toEqual(order);
  });

  it('ignores a failed replay: port kept, counter not incremented, later port-deleted drives it below zero', () => {
    const stepper = new Stepper(busyHost(), { answer: (c) => (c.op === 'port-created' && c.object === 'nat' ? veto('replay') : OK) });
    stepper.run({ verb: 'daemon-restart' });
    expect(stepper.state.networks['nat']).toMatchObject({ connections: 0 });
    expect(stepper.state.networks['nat']!.ports).toHaveLength(3);
    expect(stepper.state.domains['vm2']!.live).not.toBeNull();
    stepper.answer = () => OK;
    const deleted = stepper.callsOf([{ verb: 'destroy', domain: 'vm2' }]).filter((c) => c.op === 'port-deleted');
    expect(deleted.map((c) => connectionsOf(c.stdin))).toEqual([null, null]);
    expect(stepper.state.networks['nat']!.connections).toBe(-2);
  });
});

describe('daemon restart: reconnect (qemuProcessReconnect, oracle g3)', () => {
  it.each([['qemu', '9.0', '-'], ['qemu', '11.3', 'daemon'], ['lxc', '11.3', 'failed']] as const)('a vetoed %s reconnect (%s) kills the guest, release %s', (type, version, reason) => {
    const def = guest(type);
    const stepper = new Stepper(seedSimulatorState({
      profile: libvirtProfile(version), seed: 's', hooksFound: ['daemon', 'qemu', 'lxc', 'network'],
      networks: [{ def: nat(), active: true }, { def: iso(), active: true }], domains: [{ def, running: true }],
    }), { answer: (c) => (c.op === 'reconnect' ? veto() : OK) });
    const calls = stepper.callsOf([{ verb: 'daemon-restart' }]).map(head).filter((h) => !h.startsWith('daemon') && !h.includes('port-created'));
    expect(calls).toEqual([
      `${type} ${def.name} reconnect begin -`, `${type} ${def.name} stopped end -`, `network nat port-deleted begin -`,
      'network iso port-deleted begin -', `${type} ${def.name} release end ${reason}`,
    ]);
    expect(stepper.state.domains[def.name]!.live).toBeNull();
  });

  it.each(['qemu', 'lxc', 'xen', 'bhyve'] as const)('a running %s guest is reconnected only where the driver has a reconnect hook (bhyve has none)', (type) => {
    const def = guest(type);
    const stepper = new Stepper(seedSimulatorState({
      profile: libvirtProfile('11.3'), seed: 's', hooksFound: ['daemon', 'qemu', 'lxc', 'libxl', 'bhyve', 'network'],
      networks: [{ def: nat(), active: true }, { def: iso(), active: true }], domains: [{ def, running: true }],
    }), { answer: (c) => (c.op === 'reconnect' ? veto() : OK) });
    const calls = stepper.callsOf([{ verb: 'daemon-restart' }]).map(head).filter((h) => !h.startsWith('daemon'));
    const driver = type === 'xen' ? 'libxl' : type;
    // virBhyveProcessReconnectAll only reattaches the guest: no hook, so nothing can veto it.
    const reconnect = type === 'bhyve' ? [] : [`${driver} ${def.name} reconnect begin -`];
    // The port replay order comes from the seed; the reconnect follows it. bhyve's guest sits on a bridge: no port.
    const ports = type === 'bhyve' ? 0 : 2;
    expect([...calls.slice(0, ports)].sort()).toEqual(ports ? ['network iso port-created begin -', 'network nat port-created begin -'] : []);
    expect(calls.slice(ports, ports + reconnect.length)).toEqual(reconnect);
    // A vetoed reconnect kills the guest; bhyve's guest, never asked, keeps running.
    expect(stepper.state.domains[def.name]!.live === null).toBe(type !== 'bhyve');
    if (type === 'bhyve') expect(calls).toEqual([]);
  });

  it('continues ids and vnet numbers from the running guests (qemuDomainFindMaxID, virNetDevReserveName)', () => {
    const stepper = new Stepper(busyHost());
    stepper.callsOf([{ verb: 'daemon-restart' }, { verb: 'destroy', domain: 'vm' }]);
    const started = stepper.callsOf([{ verb: 'start', domain: 'vm' }]).find((c) => c.op === 'start')!;
    expect(started.stdin).toMatch(/^<domain type='qemu' id='3'>/);
    expect(started.stdin).toContain("<target dev='vnet4'/>");
    stepper.callsOf([{ verb: 'destroy', domain: 'vm' }, { verb: 'destroy', domain: 'vm2' }, { verb: 'daemon-restart' }]);
    expect(stepper.callsOf([{ verb: 'start', domain: 'vm' }]).find((c) => c.op === 'start')!.stdin).toMatch(/^<domain type='qemu' id='1'>[\s\S]*<target dev='vnet0'\/>/);
  });

  it('re-creates (RECLAIM) a port the network lost while the guest ran, e.g. by a net-destroy/net-start', () => {
    const stepper = new Stepper(busyHost());
    stepper.callsOf([{ verb: 'destroy', domain: 'vm2' }, { verb: 'net-destroy', network: 'nat' }, { verb: 'net-start', network: 'nat' }]);
    const calls = stepper.callsOf([{ verb: 'daemon-restart' }]).map(head);
    expect(calls).toEqual([
      'daemon - shutdown - shutdown', 'daemon - start - start', 'network iso port-created begin -',
      'network nat port-created begin -', 'qemu vm reconnect begin -',
    ]);
    expect(stepper.state.networks['nat']).toMatchObject({ connections: 1 });
    expect(stepper.callsOf([{ verb: 'destroy', domain: 'vm' }]).map(head)).toContain('network nat port-deleted begin -');
  });
});

describe('daemon start: autostart and vanished bridges', () => {
  it('autostarts once per boot: not at a restart, again after a host reboot, always at SIGHUP', () => {
    const stepper = new Stepper(sampleHost('9.0', { networks: [{ def: nat(), autostart: true }] }));
    expect(stepper.callsOf([{ verb: 'daemon-restart' }]).map(head)).toEqual(['daemon - shutdown - shutdown', 'daemon - start - start']);
    expect(stepper.callsOf([{ verb: 'daemon-reload' }]).map(head)).toEqual(['daemon - reload begin SIGHUP', 'network nat start begin -', 'network nat started begin -']);
    stepper.run({ verb: 'net-destroy', network: 'nat' });
    expect(stepper.callsOf([{ verb: 'host-reboot' }]).map(head)).toEqual([
      'daemon - shutdown - shutdown', 'daemon - start - start', 'network nat start begin -', 'network nat started begin -',
    ]);
  });

  it('a reboot takes guests down without hooks; their networks come back only if autostart', () => {
    const stepper = new Stepper(busyHost());
    stepper.run({ verb: 'host-reboot' });
    expect(Object.values(stepper.state.domains).map((d) => d.live)).toEqual([null, null]);
    expect(Object.entries(stepper.state.networks).map(([n, o]) => [n, o.live !== null, o.ports.length])).toEqual([['nat', true, 0], ['iso', false, 0]]);
  });

  it.each([['9.0', []], ['11.3', ['network nat stopped end -']]] as const)('%s: a network whose bridge vanished goes inactive at restart, %j', (version, extra) => {
    const stepper = new Stepper(busyHost('sample', version));
    stepper.run({ verb: 'host-link-del', bridge: 'natbr0' });
    const calls = stepper.callsOf([{ verb: 'daemon-restart' }]).map(head);
    expect(calls.filter((h) => h.startsWith('network'))).toEqual([...extra, 'network iso port-created begin -']);
    expect(stepper.state.networks['nat']!.live).toBeNull();
  });

  it('firewalld-reload runs no hook; the timeline shows what the hooks rules lose', () => {
    const stepper = new Stepper(busyHost());
    expect(stepper.callsOf([{ verb: 'firewalld-reload' }])).toEqual([]);
    expect(stepper.logs.at(-1)).toMatch(/firewalld reloaded: libvirt re-adds its rules for nat, iso; rules added by hooks are lost/);
  });

  it('firewalld-reload while the network daemon is down: nothing re-adds libvirt\'s rules either', () => {
    const stepper = new Stepper(busyHost());
    expect(stepper.callsOf([{ verb: 'daemon-stop' }, { verb: 'firewalld-reload' }]).map(head)).toEqual(['daemon - shutdown - shutdown']);
    expect(stepper.logs.at(-1)).toBe("firewalld reloaded: libvirtd is not running, so nothing re-adds libvirt's rules for nat, iso until it starts; rules added by hooks are lost (no hook runs)");
    const modular = new Stepper(seedSimulatorState({ profile: libvirtProfile('9.0'), seed: 's', hooksFound: ['network'], daemon: 'modular', networks: [{ def: nat(), active: true }] }));
    modular.callsOf([{ verb: 'virtnetworkd-idle-exit' }, { verb: 'firewalld-reload' }]);
    expect(modular.logs.at(-1)).toMatch(/^firewalld reloaded: virtnetworkd is not running, so nothing re-adds libvirt's rules for nat until it starts;/);
  });
});
