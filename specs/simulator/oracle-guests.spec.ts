import { describe, expect, it } from 'vitest';
import type { SimulatorState } from '../../src/simulator/simulator-state.js';
import { ourView, recordedView, withOurPortUuids, withReconnectsSorted } from './support/compare-calls.js';
import { recordedDomain, recordedHost, recordedNetworkConfigs, recordedReplayOrders } from './support/oracle-host.js';
import { recordsBetween, segmentsBetween } from './support/oracle-timeline.js';
import { replayTimeline } from './support/replay-timeline.js';

const { nat, iso } = recordedNetworkConfigs();

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
    host: () => recordedHost({ networks: [{ def: nat }, { def: iso }] }),
  },
  {
    name: 'k l1-l4 (qemu vetoes, ignored stop-side failures, signals)',
    from: '2026-11-24T22:30:24Z', to: '2026-11-24T22:30:59Z',
    host: () => recordedHost({
      networks: [{ def: nat, active: true, autostart: true }, { def: iso }],
      domains: [{ def: recordedDomain('dom-vm.xml') }, { def: recordedDomain('dom-vm2.xml') }],
    }),
  },
  {
    name: 'e3 e4 n (hot-plug, network ops with ports)',
    from: '2026-11-24T22:32:41Z', to: '2026-11-24T22:34:54Z',
    host: () => recordedHost({
      networks: [{ def: nat, active: true, autostart: true }, { def: iso }],
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

  it('holds the live network XML (and connections) that net-dumpxml showed', () => {
    expect(replay.dumps.map((d) => d.actual)).toEqual(replay.dumps.map((d) => d.expected));
  });
});
