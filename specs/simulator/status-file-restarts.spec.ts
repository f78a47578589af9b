import { describe, expect, it } from 'vitest';
import { libvirtProfile } from '../../src/model/libvirt-profile.js';
import { seedSimulatorState } from '../../src/simulator/seed-simulator-state.js';
import type { SimulatorState } from '../../src/simulator/simulator-state.js';
import { playback } from '../support/playback.js';
import { guest, iso, nat, sampleHost } from './support/sample-host.js';
import { head, Stepper } from './support/stepper.js';

/** nat (autostart) and iso active, vm running with a NIC on each. */
const host = (daemon: 'monolithic' | 'modular' = 'monolithic'): SimulatorState => seedSimulatorState({
  profile: libvirtProfile('9.0'), seed: 'files', hooksFound: ['daemon', 'qemu', 'network'], daemon,
  networks: [{ def: nat(), active: true, autostart: true }, { def: iso(), active: true }],
  domains: [{ def: guest('qemu'), running: true }],
});

const portFiles = (stepper: Stepper, network: string) => [...stepper.files.keys()].filter((p) => p.startsWith(`/run/libvirt/network/${network}/ports/`));
const replays = (calls: ReturnType<Stepper['callsOf']>) => calls.filter((c) => c.op === 'port-created');

describe('a daemon start rebuilds its objects from the files (networkStateInitialize, qemuStateInitialize)', () => {
  it('replays each port as its status file says: a hand-edited file changes what the hook receives', () => {
    const stepper = new Stepper(host());
    stepper.run({ verb: 'daemon-stop' });
    const [path] = portFiles(stepper, 'nat');
    stepper.files.set(path!, (stepper.files.get(path!) as string).replace('  <plug ', "  <rxfilters trustGuest='yes'/>\n  <plug "));
    const replayed = replays(stepper.callsOf([{ verb: 'daemon-start' }]));
    expect(replayed.map((c) => c.object).sort()).toEqual(['iso', 'nat']);
    expect(replayed.find((c) => c.object === 'nat')!.stdin).toContain("    <rxfilters trustGuest='yes'/>\n    <plug type='network' bridge='natbr0'/>\n");
    // The edit is now the daemon's view of the port: the file stays as edited (libvirt never rewrites a port).
    expect(stepper.state.networks['nat']!.ports[0]!.trustGuestRxFilters).toBe('yes');
  });

  it('replays a port the files have and memory had not (a port file dropped in by hand)', () => {
    const stepper = new Stepper(host());
    stepper.run({ verb: 'daemon-stop' });
    const [path] = portFiles(stepper, 'nat');
    const copy = (stepper.files.get(path!) as string).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (u) => (u === stepper.state.domains['vm']!.live!.uuid ? u : '0e7b8120-0000-4000-8000-00000000beef'));
    stepper.files.set('/run/libvirt/network/nat/ports/0e7b8120-0000-4000-8000-00000000beef.xml', copy);
    const replayed = replays(stepper.callsOf([{ verb: 'daemon-start' }])).filter((c) => c.object === 'nat');
    expect(replayed).toHaveLength(2);
    expect(replayed.map((c) => /<networkport>\n {4}<uuid>([^<]+)/.exec(c.stdin!)![1]).sort()).toContain('0e7b8120-0000-4000-8000-00000000beef');
  });

  it('a network whose status file was deleted comes back inactive: no replay, the guest\'s RECLAIM fails and is only logged', () => {
    const stepper = new Stepper(host());
    stepper.run({ verb: 'daemon-stop' });
    stepper.files.delete('/run/libvirt/network/iso.xml');
    const calls = stepper.callsOf([{ verb: 'daemon-start' }]).map(head);
    expect(calls).toEqual(['daemon - start - start', 'network nat port-created begin -', 'qemu vm reconnect begin -']);
    expect(stepper.state.networks['iso']).toMatchObject({ live: null, ports: [] });
    expect(stepper.logs.at(-1)).toMatch(/vm: port .* on iso not reclaimed: Requested operation is not valid: network 'iso' is not active/);
    // A later net-start finds the bridge the old run left on the host.
    expect(stepper.run({ verb: 'net-start', network: 'iso' }).error).toMatch(/error creating bridge interface isobr0: File exists/);
  });

  it('a corrupt port file is skipped with libvirt\'s warning; the guest holding that port reclaims it at reconnect', () => {
    const stepper = new Stepper(host());
    stepper.run({ verb: 'daemon-stop' });
    const [path] = portFiles(stepper, 'nat');
    stepper.files.set(path!, '<networkport>');
    const calls = stepper.callsOf([{ verb: 'daemon-start' }]).map(head);
    expect(calls).toEqual(['daemon - start - start', 'network iso port-created begin -', 'network nat port-created begin -', 'qemu vm reconnect begin -']);
    expect(stepper.logs).toContainEqual(expect.stringMatching(new RegExp(`^Cannot parse port ${path}: Malformed XML`)));
    // The RECLAIM (virNetworkPortCreateXML with the interface's port) writes the port file again.
    expect(stepper.files.get(path!)).toMatch(/^<!--\n/);
  });

  it('a guest whose status file is gone is shut off for the new daemon: no reconnect, its ports are still replayed', () => {
    const stepper = new Stepper(host());
    stepper.run({ verb: 'daemon-stop' });
    stepper.files.delete('/run/libvirt/qemu/vm.xml');
    const calls = stepper.callsOf([{ verb: 'daemon-start' }]).map(head);
    expect(calls.filter((h) => h.startsWith('qemu'))).toEqual([]);
    expect(replays(stepper.calls)).toHaveLength(2);
    expect(stepper.state.domains['vm']).toMatchObject({ live: null });
  });

  it('the guest is reconnected with the live definition of its status file', () => {
    const stepper = new Stepper(host());
    const before = stepper.callsOf([{ verb: 'daemon-restart' }]).find((c) => c.op === 'reconnect')!.stdin;
    stepper.run({ verb: 'daemon-stop' });
    stepper.files.set('/run/libvirt/qemu/vm.xml', (stepper.files.get('/run/libvirt/qemu/vm.xml') as string).replace("<on_crash>destroy</on_crash>", '<on_crash>restart</on_crash>'));
    const after = stepper.callsOf([{ verb: 'daemon-start' }]).find((c) => c.op === 'reconnect')!.stdin;
    expect(after).toBe(before!.replace('<on_crash>destroy</on_crash>', '<on_crash>restart</on_crash>'));
  });

  it('autostarts again when the autostarted marker is removed, and touches it (virDriverShouldAutostart)', () => {
    const stepper = new Stepper(sampleHost('9.0', { networks: [{ def: nat(), autostart: true }] }));
    expect(stepper.callsOf([{ verb: 'daemon-restart' }]).map(head)).toEqual(['daemon - shutdown - shutdown', 'daemon - start - start']);
    stepper.run({ verb: 'daemon-stop' });
    stepper.files.delete('/run/libvirt/network/autostarted');
    expect(stepper.callsOf([{ verb: 'daemon-start' }]).map(head)).toEqual(['daemon - start - start', 'network nat start begin -', 'network nat started begin -']);
    expect(stepper.files.get('/run/libvirt/network/autostarted')).toBe('');
  });

  it('a host reboot empties /run/libvirt; the configs and autostart links in /etc stay', () => {
    const stepper = new Stepper(host());
    stepper.run({ verb: 'host-reboot' });
    expect([...stepper.files.keys()].filter((p) => p.startsWith('/run/') && p !== '/run/libvirt/network/autostarted' && p !== '/run/libvirt/network/nat.xml')).toEqual([]);
    expect(stepper.files.has('/etc/libvirt/qemu/networks/autostart/nat.xml')).toBe(true);
    expect(stepper.files.has('/etc/libvirt/qemu/vm.xml')).toBe(true);
    // nat came back by autostart, with a fresh status file.
    expect(stepper.state.networks['nat']!.live).not.toBeNull();
  });

  it('a network config written by hand without UUID, bridge or MAC is completed and saved again (virNetworkLoadConfig)', () => {
    const stepper = new Stepper(host());
    stepper.run({ verb: 'daemon-stop' });
    stepper.files.set('/etc/libvirt/qemu/networks/extra.xml', "<network>\n  <name>extra</name>\n  <ip address='198.51.100.1' prefix='24'/>\n</network>\n");
    stepper.run({ verb: 'daemon-start' });
    const config = stepper.state.networks['extra']!.config!;
    expect(config).toMatchObject({ name: 'extra', bridge: { name: 'virbr0' } });
    expect(config.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(stepper.files.get('/etc/libvirt/qemu/networks/extra.xml')).toContain(`<uuid>${config.uuid}</uuid>`);
    expect(stepper.run({ verb: 'net-start', network: 'extra' }).ok).toBe(true);
  });
});

describe('split daemons read only their own files', () => {
  it('restarting virtnetworkd reloads networks, virtqemud keeps its guests in memory until it restarts', () => {
    const stepper = new Stepper(host('modular'));
    const status = '/run/libvirt/qemu/vm.xml';
    stepper.files.set(status, (stepper.files.get(status) as string).replace('<on_crash>destroy</on_crash>', '<on_crash>restart</on_crash>'));
    stepper.run({ verb: 'daemon-restart', daemon: 'virtnetworkd' });
    expect(stepper.state.domains['vm']!.live!.onCrash).toBe('destroy');
    stepper.run({ verb: 'daemon-restart', daemon: 'virtqemud' });
    expect(stepper.state.domains['vm']!.live!.onCrash).toBe('restart');
  });
});

describe('without a volume (a driver that answers no files)', () => {
  it('the restarted daemon keeps what it had in memory and replays from it', async () => {
    const { calls } = await playback(host(), [{ verb: 'daemon-restart' }]);
    expect(calls.filter((c) => c.op === 'port-created').map((c) => c.object).sort()).toEqual(['iso', 'nat']);
  });
});
