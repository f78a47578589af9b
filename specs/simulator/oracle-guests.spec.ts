import { describe, expect, it } from 'vitest';
import type { SimulatorState } from '../../src/simulator/simulator-state.js';
import { ourView, portUuidPairs, recordedView, withOurPortUuids, withPortUuids, withReconnectsSorted } from './support/compare-calls.js';
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

  it('holds the guests, interfaces and ports that list, domstate, domiflist and net-port-list showed', () => {
    const names = portUuidPairs(records.map(recordedView), replay.calls.map(ourView));
    const expected = replay.views.map((v) => ({ line: v.line, ...v.expected, text: withPortUuids(v.expected.text, names) }));
    expect(replay.views.map((v) => ({ line: v.line, ...v.actual }))).toEqual(expected);
  });
});

describe('oracle read-only commands after vetoes and network operations', () => {
  const viewsOf = (from: string, to: string, host: () => SimulatorState) =>
    replayTimeline(host(), segmentsBetween(from, to)).views.map((v) => `${v.line.replace('virsh -c qemu:///system ', '')} => ${v.actual.rc} ${v.actual.text}`);

  it('k: after each vetoed prepare, start and started the guest is shut off', () => {
    const shutOff = [
      "list --all => 0  Id   Name      State\n--------------------------\n -    lvo-vm    shut off\n -    lvo-vm2   shut off",
      'domstate lvo-vm => 0 shut off',
    ];
    expect(viewsOf(CHAINS[1]!.from, '2026-11-24T22:30:30Z', CHAINS[1]!.host)).toEqual([...shutOff, ...shutOff, ...shutOff]);
  });

  it('n: net-port-list is refused while the network is down and empty once it is back, the guest keeps its taps', () => {
    const views = viewsOf('2026-11-24T22:34:24Z', CHAINS[2]!.to, () => replayTimeline(CHAINS[2]!.host(), segmentsBetween(CHAINS[2]!.from, '2026-11-24T22:34:24Z')).state);
    expect(views).toEqual([
      "net-port-list lvo-nat => 1 error: Requested operation is not valid: network 'lvo-nat' is not active",
      expect.stringMatching(/^domiflist lvo-vm => 0 .*\n vnet5 +network +lvo-nat +e1000 +52:54:00:00:00:01\n vnet6 +network +lvo-iso /s),
      'net-port-list lvo-nat => 0  UUID\n-------',
    ]);
  });
});
