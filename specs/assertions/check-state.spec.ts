import { describe, expect, it } from 'vitest';
import { checkState, type StateLike } from '../../src/assertions/check-state.js';
import type { NetworkDef } from '../../src/model/network-def.js';
import type { DomainDef } from '../../src/model/domain-def.js';

const def = { name: 'lab' } as NetworkDef;
const guest = { name: 'vm1' } as DomainDef;

/** A host after a 9.0 started-veto: lab inactive, its bridge left behind; transient tmp running with one port. */
const state: StateLike = {
  networks: {
    lab: { config: def, live: null, autostart: true, connections: 0, ports: [] },
    tmp: { config: null, live: def, autostart: false, connections: 1, ports: [{ uuid: 'u', owner: { name: 'vm1', uuid: 'o' }, mac: '52:54:00:00:00:01' }] },
  },
  domains: { vm1: { config: guest, live: guest } },
  hostBridges: [{ name: 'virbr9', subnets: ['192.0.2.0/24'], leakedBy: 'lab' }, { name: 'virbr1', subnets: [] }],
};

describe('checkState', () => {
  it('passes when every given fact holds', () => {
    expect(
      checkState(state, {
        networks: { lab: { defined: true, active: false, persistent: true, autostart: true, connections: 0, ports: 0 }, tmp: { active: true, persistent: false, connections: 1, ports: 1 }, gone: { defined: false } },
        guests: { vm1: { running: true, persistent: true }, vm2: { defined: false } },
        bridges: { virbr9: 'leaked', virbr1: 'present', virbr2: 'absent' },
      }),
    ).toEqual([]);
    // Names are data: an object's inherited keys are no networks.
    expect(checkState(state, { networks: { constructor: { defined: false } }, guests: { toString: { defined: false } } })).toEqual([]);
  });

  it('names each fact that does not hold, in words', () => {
    const failures = checkState(state, { networks: { lab: { active: true, autostart: false }, tmp: { connections: 2 } }, guests: { vm1: { running: false } } });
    expect(failures.map((f) => [f.path, f.message])).toEqual([
      ['state.networks.lab.active', 'network lab: inactive, expected active'],
      ['state.networks.lab.autostart', 'network lab: marked autostart, expected not marked autostart'],
      ['state.networks.tmp.connections', 'network tmp: connections is 1, expected connections is 2'],
      ['state.guests.vm1.running', 'guest vm1: running, expected shut off'],
    ]);
  });

  it('fails facts about a network that is not defined, unless it expects exactly that', () => {
    expect(checkState(state, { networks: { gone: { active: false } } })).toEqual([
      { path: 'state.networks.gone', message: 'no network gone is defined, so active cannot hold', expected: 'active: false', actual: '(no network gone)' },
    ]);
    expect(checkState(state, { networks: { lab: { defined: false } } })[0]).toMatchObject({ path: 'state.networks.lab.defined', message: 'network lab is defined, expected it not to be' });
  });

  it("tells a leaked bridge from one that is simply there (libvirt < 10.8's started-veto leak)", () => {
    expect(checkState(state, { bridges: { virbr9: 'present' } })).toEqual([]);
    expect(checkState(state, { bridges: { virbr1: 'leaked', virbr9: 'absent', 'br x': 'present' } }).map((f) => [f.path, f.message])).toEqual([
      ['state.bridges.virbr1', 'bridge virbr1 is present, expected leaked'],
      ['state.bridges.virbr9', 'bridge virbr9 is leaked (left behind by the failed start of lab), expected absent'],
      ['state.bridges["br x"]', 'bridge br x is absent, expected present'],
    ]);
  });
});
