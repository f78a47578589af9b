import type { ReplayPoint } from '../harness/session.js';
import type { ReplayOrder } from '../simulator/command.js';
import { countReplayOrders, product, replayOrdersOf } from '../simulator/daemon/replay-order.js';

/** A port-created replay of the seeded run whose order the scenario left to libvirt's hash table. */
export interface OpenReplay {
  readonly stepIndex: number;
  /** Its position among the step's replays (a step may start a network driver twice). */
  readonly index: number;
  readonly point: ReplayPoint;
}

/** One more run of `--replay-orders all`: the order of each open replay, and how reports name it. */
export interface ReplayVariant {
  readonly label: string;
  /** replayKey(stepIndex, index) -> the order that replay uses. */
  readonly orders: ReadonlyMap<string, ReplayOrder>;
}

/** What `--replay-orders all` runs besides the seeded run. */
export interface ReplayPlan {
  /** The seeded run's label (order 1); null when no replay has two possible orders: nothing to vary. */
  readonly seededLabel: string | null;
  /** Every other combination of orders, up to the bound; each differs from all others. */
  readonly variants: readonly ReplayVariant[];
}

/** How a run's replay orders are keyed: the step, then the replay within it. */
export const replayKey = (stepIndex: number, index: number) => `${stepIndex}:${index}`;

/**
 * The runs `--replay-orders all` makes: one per distinct combination of orders over every replay
 * that has more than one (every daemon start or restart, virtnetworkd reactivation ... that
 * replays ports), the seeded combination first, at most `limit` runs in all. Labels read
 * `i/n: ORDER`, `i/n of N: ...` when the bound cut the N combinations, and name the step when
 * several replays vary (`steps[2]: ...; steps[5]: ...`).
 */
export function planReplayOrders(open: readonly OpenReplay[], limit: number, stepName: (stepIndex: number) => string): ReplayPlan {
  const varying = open.filter((r) => countReplayOrders(r.point.groups) >= 2n);
  if (varying.length === 0) return { seededLabel: null, variants: [] };
  const total = varying.reduce((n, r) => n * countReplayOrders(r.point.groups), 1n);
  const runs = total < BigInt(limit) ? Number(total) : limit;
  const count = `${runs}${BigInt(runs) < total ? ` of ${total}` : ''}`;
  const describe = (orders: readonly ReplayOrder[]) => {
    if (orders.length === 1) return orders[0]!.join(', ');
    return orders.map((order, i) => `${stepName(varying[i]!.stepIndex)}${varying[i]!.index > 0 ? ` #${varying[i]!.index + 1}` : ''}: ${order.join(', ')}`).join('; ');
  };
  const seeded = varying.map((r) => r.point.seeded);
  const seededText = JSON.stringify(seeded);
  const variants: ReplayVariant[] = [];
  for (const combination of product(varying.map((r) => () => replayOrdersOf(r.point.groups)))) {
    if (variants.length >= runs - 1) break;
    if (JSON.stringify(combination) === seededText) continue;
    variants.push({
      label: `${variants.length + 2}/${count}: ${describe(combination)}`,
      orders: new Map(combination.map((order, i) => [replayKey(varying[i]!.stepIndex, varying[i]!.index), order])),
    });
  }
  return { seededLabel: `1/${count}: ${describe(seeded)} (the seed's)`, variants };
}
