import { describe, expect, it } from 'vitest';
import { VirthookError } from '../../src/errors/virthook-error.js';
import { libvirtProfile } from '../../src/model/libvirt-profile.js';
import { seedSimulatorState, type SeedDescription } from '../../src/simulator/seed-simulator-state.js';
import { guest, iso, nat } from './support/sample-host.js';
import { head, Stepper } from './support/stepper.js';

const base = { profile: libvirtProfile('9.0'), seed: 'seed', hooksFound: ['daemon', 'qemu', 'network'] } as const;

describe('seedSimulatorState: a host described by what is on it', () => {
  const description: SeedDescription = {
    ...base,
    networks: [{ def: nat(), active: true, autostart: true }, { def: iso(), active: true }],
    domains: [{ def: guest('qemu'), running: true }],
    ports: [{ network: 'iso', port: { owner: { name: 'ext', uuid: '6a1f0c0e-0000-4000-8000-0000000000ee' }, mac: '52:54:00:00:20:01' } }],
    counters: { nextDomainId: 7 },
  };

  it('holds active networks, running guests and their ports, without any hook having run', () => {
    const state = seedSimulatorState(description);
    expect(Object.entries(state.networks).map(([n, o]) => [n, o.live !== null, o.autostart, o.connections, o.ports.length])).toEqual([
      ['nat', true, true, 1, 1], ['iso', true, false, 2, 2],
    ]);
    const live = state.domains['vm']!.live!;
    expect(live.id).toBe(1);
    expect(JSON.stringify(live)).toContain('"vnet1"');
    expect(state.counters.nextDomainId).toBe(7);
    expect(state.hooksFound).toEqual(['daemon', 'qemu', 'network']);
  });

  it('is reproducible from the seed', () => {
    expect(seedSimulatorState(description)).toEqual(seedSimulatorState(description));
  });

  it('is what a restart replays from: every port, then the guest reconnect', () => {
    const calls = new Stepper(seedSimulatorState(description)).callsOf([{ verb: 'daemon-restart' }]).map(head);
    expect(calls.filter((h) => h.includes('port-created'))).toHaveLength(3);
    expect(calls.at(-1)).toBe('qemu vm reconnect begin -');
  });

  it('continues from given counters', () => {
    const stepper = new Stepper(seedSimulatorState({ ...description, domains: [{ def: guest('qemu') }] }));
    expect(stepper.callsOf([{ verb: 'start', domain: 'vm' }])[0]!.stdin).toMatch(/^<domain type='qemu' id='7'>/);
  });

  it('refuses a host libvirt cannot reach, naming every problem', () => {
    const attempt = () => seedSimulatorState({ ...base, networks: [{ def: nat() }], domains: [{ def: guest('qemu'), running: true }] });
    expect(attempt).toThrow(VirthookError);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ code: 'SCENARIO_INVALID' });
      expect((error as VirthookError).problems.map((p) => p.path)).toEqual(['domains[0]']);
      expect((error as VirthookError).message).toContain("network 'nat' is not active");
    }
  });

  it('builds split daemons when asked', () => {
    const state = seedSimulatorState({ ...description, daemon: 'modular' });
    expect(state.daemonMode).toBe('modular');
    expect(state.networkDaemon).toEqual({ running: true, hooksFound: ['daemon', 'qemu', 'network'] });
  });
});
