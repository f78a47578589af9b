import { describe, expect, it } from 'vitest';
import { VirthookError } from '../../src/errors/virthook-error.js';
import { libvirtProfile } from '../../src/model/libvirt-profile.js';
import { seedSimulatorState } from '../../src/simulator/seed-simulator-state.js';
import type { SimulatorState } from '../../src/simulator/simulator-state.js';
import { guest, iso, nat, sampleHost } from './support/sample-host.js';
import { head, Stepper } from './support/stepper.js';

/** Split daemons with nat and iso active and the sample guest (nat + iso) running. */
function modularHost(version = '9.0'): SimulatorState {
  return seedSimulatorState({
    profile: libvirtProfile(version), seed: 'modular', hooksFound: ['daemon', 'qemu', 'network'], daemon: 'modular',
    networks: [{ def: nat(), active: true }, { def: iso(), active: true }],
    domains: [{ def: guest('qemu'), running: true }],
  });
}

const without = (prefix: string) => (h: string) => !h.startsWith(prefix);

describe('split daemons (daemon: modular)', () => {
  it('restarting virtqemud alone reconnects guests and runs no network hook', () => {
    const calls = new Stepper(modularHost()).callsOf([{ verb: 'daemon-restart', daemon: 'virtqemud' }]).map(head);
    expect(calls).toEqual(['daemon - shutdown - shutdown', 'daemon - start - start', 'qemu vm reconnect begin -']);
  });

  it('restarting virtnetworkd alone replays every port and reconnects nothing', () => {
    const calls = new Stepper(modularHost()).callsOf([{ verb: 'daemon-restart', daemon: 'virtnetworkd' }]).map(head);
    expect(calls.filter(without('network'))).toEqual(['daemon - shutdown - shutdown', 'daemon - start - start']);
    expect(calls.filter((h) => h.includes('port-created')).sort()).toEqual(['network iso port-created begin -', 'network nat port-created begin -']);
  });

  it('restarting both: each runs its daemon hooks; virtnetworkd replays before virtqemud reconnects', () => {
    const calls = new Stepper(modularHost()).callsOf([{ verb: 'daemon-restart' }]).map(head);
    expect(calls.map((h) => h.replace(/ (nat|iso) /, ' NET '))).toEqual([
      'daemon - shutdown - shutdown', 'daemon - shutdown - shutdown', 'daemon - start - start',
      'network NET port-created begin -', 'network NET port-created begin -', 'daemon - start - start', 'qemu vm reconnect begin -',
    ]);
  });

  it('9.0: virtnetworkd exits when idle even with active networks; the next network call re-activates it with a full replay', () => {
    const stepper = new Stepper(modularHost('9.0'));
    expect(stepper.callsOf([{ verb: 'virtnetworkd-idle-exit' }]).map(head)).toEqual(['daemon - shutdown - shutdown']);
    // virtqemud's `stopped` comes first; releasing the ports socket-activates virtnetworkd.
    const calls = stepper.callsOf([{ verb: 'destroy', domain: 'vm' }]).map(head);
    expect(calls[0]).toBe('qemu vm stopped end -');
    expect(calls.slice(1, 4).filter(without('network'))).toEqual(['daemon - start - start']);
    expect(calls.filter((h) => h.includes('port-created'))).toHaveLength(2);
    expect(calls.slice(-3)).toEqual(['network nat port-deleted begin -', 'network iso port-deleted begin -', 'qemu vm release end -']);
  });

  it('9.1+: active networks hold virtnetworkd; with none it may exit without consequence', () => {
    const stepper = new Stepper(modularHost('9.1'));
    expect(stepper.callsOf([{ verb: 'virtnetworkd-idle-exit' }])).toEqual([]);
    expect(stepper.state.networkDaemon).toMatchObject({ running: true });
    stepper.callsOf([{ verb: 'destroy', domain: 'vm' }, { verb: 'net-destroy', network: 'nat' }, { verb: 'net-destroy', network: 'iso' }]);
    expect(stepper.callsOf([{ verb: 'virtnetworkd-idle-exit' }]).map(head)).toEqual(['daemon - shutdown - shutdown']);
    expect(stepper.callsOf([{ verb: 'net-start', network: 'iso' }]).map(head)).toEqual(['daemon - start - start', 'network iso start begin -', 'network iso started begin -']);
  });

  it('keeps one hook cache per daemon: a network hook added later needs virtnetworkd to rescan', () => {
    const stepper = new Stepper(modularHost(), { found: ['daemon', 'qemu'] });
    stepper.callsOf([{ verb: 'daemon-restart' }]);
    stepper.found = ['daemon', 'qemu', 'network'];
    stepper.run({ verb: 'daemon-reload', daemon: 'virtqemud' });
    expect(stepper.callsOf([{ verb: 'destroy', domain: 'vm' }]).map(head)).toEqual(['qemu vm stopped end -', 'qemu vm release end -']);
    stepper.run({ verb: 'daemon-reload', daemon: 'virtnetworkd' });
    expect(stepper.callsOf([{ verb: 'start', domain: 'vm' }]).map(head)).toContain('network nat port-created begin -');
  });

  it('a stopped virtqemud is socket-activated by the next virsh call', () => {
    const stepper = new Stepper(modularHost());
    stepper.run({ verb: 'daemon-stop', daemon: 'virtqemud' });
    const calls = stepper.callsOf([{ verb: 'destroy', domain: 'vm' }]).map(head);
    expect(calls.slice(0, 2)).toEqual(['daemon - start - start', 'qemu vm reconnect begin -']);
  });

  it('refuses daemons that the mode does not have', () => {
    const monolithic = new Stepper(sampleHost('9.0'));
    expect(() => monolithic.run({ verb: 'daemon-restart', daemon: 'virtnetworkd' })).toThrow(VirthookError);
    expect(() => monolithic.run({ verb: 'virtnetworkd-idle-exit' })).toThrow(expect.objectContaining({ code: 'SCENARIO_INVALID' }));
    expect(() => new Stepper(modularHost()).run({ verb: 'daemon-start', daemon: 'libvirtd' })).toThrow(expect.objectContaining({ code: 'SCENARIO_INVALID' }));
  });
});
