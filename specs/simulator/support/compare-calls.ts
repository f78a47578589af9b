import type { HookCall } from '../../../src/model/hook-call.js';
import type { OracleRecord } from '../../support/oracle.js';

/** A hook call as both sides can show it: the script, argv[1..4], the stdin bytes. */
export interface CallView {
  readonly head: string;
  readonly stdin: string;
}

export const recordedView = (r: OracleRecord): CallView => ({
  head: `${r.argv[0]!.split('/').pop()} ${r.argv.slice(1).join(' ')}`,
  stdin: r.stdin_text ?? '',
});

export const ourView = (c: HookCall): CallView => ({
  head: `${c.driver} ${c.object} ${c.op} ${c.subop} ${c.extra}`,
  stdin: c.stdin ?? '',
});

const portUuid = (stdin: string) => /<networkport>\s*<uuid>([^<]+)<\/uuid>/.exec(stdin)?.[1];

/** Recorded port UUID -> ours, pairing the calls in order (the first `<networkport>` each call shows). */
export function portUuidPairs(recorded: readonly CallView[], ours: readonly CallView[]): Map<string, string> {
  const names = new Map<string, string>();
  recorded.forEach((r, i) => {
    const theirs = portUuid(r.stdin);
    const mine = ours[i] ? portUuid(ours[i]!.stdin) : undefined;
    if (theirs && mine && !names.has(theirs)) names.set(theirs, mine);
  });
  return names;
}

/** `text` with the recorded port UUIDs renamed to ours; UUID rows of a `net-port-list` table re-sorted as virsh sorts them. */
export function withPortUuids(text: string, names: ReadonlyMap<string, string>): string {
  let renamed = text;
  for (const [theirs, mine] of names) renamed = renamed.split(theirs).join(mine);
  const lines = renamed.split('\n');
  if (lines[0] !== ' UUID') return renamed;
  return [...lines.slice(0, 2), ...lines.slice(2).sort()].join('\n');
}

/**
 * Port UUIDs are random in libvirt (virUUIDGenerate) and seeded here: the recorded ones are
 * renamed to ours, pairing the calls in order, wherever they appear (`<networkport>`, `portid=`).
 */
export function withOurPortUuids(recorded: readonly CallView[], ours: readonly CallView[]): CallView[] {
  const names = portUuidPairs(recorded, ours);
  return recorded.map((r) => ({ ...r, stdin: withPortUuids(r.stdin, names) }));
}

/**
 * qemuProcessReconnect runs one thread per guest, so consecutive `reconnect` calls come in any
 * order (oracle g1 and g2 differ); they are compared sorted by guest.
 */
export function withReconnectsSorted(calls: readonly CallView[]): CallView[] {
  const out = [...calls];
  const isReconnect = (c: CallView) => / reconnect begin -$/.test(c.head);
  for (let i = 0; i < out.length; i++) {
    if (!isReconnect(out[i]!)) continue;
    let end = i;
    while (end < out.length && isReconnect(out[end]!)) end++;
    out.splice(i, end - i, ...out.slice(i, end).sort((a, b) => a.head.localeCompare(b.head)));
    i = end;
  }
  return out;
}
