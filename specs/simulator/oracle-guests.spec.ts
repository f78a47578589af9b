import { describe, expect, it } from 'vitest';
import type { SimulatorState } from '../../src/simulator/simulator-state.js';
import { ourView, recordedView, withOurPortUuids, withReconnectsSorted } from './support/compare-calls.js';
import { recordedDefaultNetwork, recordedDomain, recordedHost, recordedNetworkConfigs, recordedReplayOrders } from './support/oracle-host.js';
import { recordsBetween, segmentsBetween } from './support/oracle-timeline.js';
import { replayTimeline } from './support/replay-timeline.js';
import { maskUuids } from './support/virsh-listing.js';

const { nat, iso } = recordedNetworkConfigs();
// Debian's `default` network sat inactive on the recorded host: only the listings show it.
const untouched = { def: recordedDefaultNetwork() };

interface Chain {
  readonly name: string;
  /** Recording window: the first segment's time and the next unrelated segment's. */
  readonly from: string;
  readonly to: string;
  readonly host: () => SimulatorState;
}

// The recorded daemon ran e1, e2, f and g one after another (ids and vnetN continue); k and l on a
// fresh daemon (after h4's restart); e3, e4 and n on another (after m3's).
const CHAINS: readonly Chain[] = [
  {
    name: 'e1 e2 f g (one daemon lifetime, then g restarts)',
    from: '2026-11-24T22:20:06Z', to: '2026-11-24T22:26:11Z',
    host: () => recordedHost({ networks: [untouched, { def: nat }, { def: iso }] }),
  },
  {
    name: 'k l1-l4 (qemu vetoes, ignored stop-side failures, signals)',
    from: '2026-11-24T22:30:24Z', to: '2026-11-24T22:30:59Z',
    host: () => recordedHost({
      networks: [untouched, { def: nat, active: true, autostart: true }, { def: iso }],
      domains: [{ def: recordedDomain('dom-vm.xml') }, { def: recordedDomain('dom-vm2.xml') }],
    }),
  },
  {
    name: 'e3 e4 n (hot-plug, network ops with ports)',
    from: '2026-11-24T22:32:41Z', to: '2026-11-24T22:34:54Z',
    host: () => recordedHost({
      networks: [untouched, { def: nat, active: true, autostart: true }, { def: iso }],
      domains: [{ def: recordedDomain('dom-vm.xml') }, { def: recordedDomain('dom-vm2.xml') }],
    }),
  },
];

describe.each(CHAINS)('oracle $name', (chain) => {
  const records = recordsBetween(chain.from, chain.to);
  const replay = replayTimeline(chain.host(), segmentsBetween(chain.from, chain.to), { orders: recordedReplayOrders(records) });
  const ours = withReconnectsSorted(replay.calls.map(ourView));
  const recorded = withOurPortUuids(withReconnectsSorted(records.map(recordedView)), ours);

  it('makes the recorded hook calls, in the recorded order', () => {
    expect(ours.map((c) => c.head)).toEqual(recorded.map((c) => c.head));
  });

  it.each(recorded.map((r, i) => [i, r.head, r] as const))('#%i %s gets byte-identical stdin', (i, _head, expected) => {
    expect(ours[i]?.stdin).toBe(expected.stdin);
  });

  it('prints what virsh printed', () => {
    const texts = replay.commands.map((c) => ({ line: c.line, rc: c.result.ok ? 0 : 1, text: c.result.ok ? c.result.output : c.result.error }));
    expect(texts).toEqual(replay.commands.map((c) => ({ line: c.line, rc: c.expected.rc, text: c.expected.output })));
  });

  it('shows the states net-list, list, net-port-list, domiflist and domstate showed', () => {
    const shown = (text: string) => `${maskUuids(text)}\n`;
    expect(replay.listings.map((l) => `$ ${l.line}\n${shown(l.actual)}`)).toEqual(replay.listings.map((l) => `$ ${l.line}\n${shown(l.expected)}`));
  });

  it('holds the live network XML (and connections) that net-dumpxml showed', () => {
    expect(replay.dumps.map((d) => d.actual)).toEqual(replay.dumps.map((d) => d.expected));
  });
});

describe('oracle g: what the restarts left behind', () => {
  const chain = CHAINS[0]!;
  const replay = replayTimeline(chain.host(), segmentsBetween(chain.from, chain.to), { orders: recordedReplayOrders(recordsBetween(chain.from, chain.to)) });
  const shown = (command: string) => replay.listings.filter((l) => l.line.endsWith(` ${command}`)).map((l) => maskUuids(l.actual));

  it('g2: every port stays after its replay failed (net-port-list), and the failures were logged', () => {
    expect(shown('net-port-list lvo-nat')).toEqual([` UUID\n${'-'.repeat(39)}\n <uuid>\n <uuid>\n <uuid>`]);
    expect(shown('net-port-list lvo-iso')).toEqual([` UUID\n${'-'.repeat(39)}\n <uuid>`]);
    expect(replay.logs.filter((l) => /^port \S+ on lvo-nat: replay failed: .*veto port-created during replay/.test(l))).toHaveLength(3);
  });

  it('g3: a vetoed reconnect shuts both guests off (list --all)', () => {
    const lists = shown('list --all');
    expect(lists.at(-1)).toBe(` Id   Name      State\n${'-'.repeat(26)}\n -    lvo-vm    shut off\n -    lvo-vm2   shut off`);
    expect(Object.values(replay.state.domains).map((d) => d.live)).toEqual([null, null]);
  });

  it('g4-g7: lvo-nat stays inactive at a restart (g4, g5: autostart runs once per boot, so g5 has nothing to veto), autostarts once the marker is gone (g6), stays inactive when that autostart is vetoed (g7)', () => {
    const natState = shown('net-list --all').map((text) => /\n lvo-nat +(\S+)/.exec(text)![1]);
    expect(natState.slice(-4)).toEqual(['inactive', 'inactive', 'active', 'inactive']);
    expect(replay.state.networks['lvo-nat']).toMatchObject({ live: null, autostart: true });
    expect(replay.logs.filter((l) => l.startsWith('autostart of network lvo-nat failed: ') && l.includes('veto autostart'))).toHaveLength(1);
  });
});
