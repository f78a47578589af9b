import { VirthookError } from '../../errors/virthook-error.js';
import type { NetworkPortDef } from '../../model/network-port-def.js';
import { seededRandom, type SeededRandom } from '../../model/seeded-random.js';
import type { ReplayOrder } from '../command.js';
import { isActive } from '../network/with-network.js';
import type { SimulatorState } from '../simulator-state.js';

/** One port of the replay: its network and the stored port. */
export interface ReplayStep {
  readonly network: string;
  readonly port: NetworkPortDef;
}

/** A network whose ports a network driver start replays, with each port as an order names it. */
export interface ReplayGroup {
  readonly network: string;
  /** `network:mac` where that is unique in the network, else the port's UUID. */
  readonly ports: readonly string[];
}

function shuffle<T>(items: readonly T[], random: SeededRandom): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.below(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Whether an order entry names this port: its UUID, or `network:mac`. */
const names = (key: string, network: string, port: NetworkPortDef) => key === port.uuid || key.toLowerCase() === `${network}:${port.mac}`.toLowerCase();

/** The networks whose ports a network driver start replays (the active ones with ports), in state order. */
function replayed(state: SimulatorState): [string, readonly NetworkPortDef[]][] {
  return Object.entries(state.networks).filter(([, obj]) => isActive(obj) && obj.ports.length > 0).map(([name, obj]) => [name, obj.ports]);
}

/** How a port is named in an order: `network:mac` when that is unique in the network, else its UUID. */
function portKey(network: string, port: NetworkPortDef, ports: readonly NetworkPortDef[]): string {
  return ports.filter((p) => p.mac === port.mac).length === 1 ? `${network}:${port.mac}` : port.uuid;
}

/** The networks and ports a network driver start would replay from this state, in state order. */
export function replayGroups(state: SimulatorState): ReplayGroup[] {
  return replayed(state).map(([network, ports]) => ({ network, ports: ports.map((p) => portKey(network, p, ports)) }));
}

/** A replay sequence as an order (each port named as replayGroups names it). */
export function orderOf(state: SimulatorState, sequence: readonly ReplayStep[]): ReplayOrder {
  const ports = (network: string) => state.networks[network]?.ports ?? [];
  return sequence.map((step) => portKey(step.network, step.port, ports(step.network)));
}

/**
 * The order networkStateInitialize replays ports in: libvirt walks networks, then each network's
 * ports, in GHashTable order, which is undefined (it changed between two restarts in oracle g).
 * By default it comes from the seed; `order` (port UUIDs or `network:mac`) fixes it: networks
 * follow their first listed port, ports their position, unlisted ones keep the seeded order.
 */
export function replaySequence(state: SimulatorState, order?: ReplayOrder): { readonly state: SimulatorState; readonly sequence: ReplayStep[] } {
  const unknown = (order ?? []).filter((key) => !replayed(state).some(([network, ports]) => ports.some((port) => names(key, network, port))));
  if (unknown.length > 0) {
    // A misspelt MAC or UUID would otherwise leave the seeded order in place without a word.
    const known = replayGroups(state).flatMap((g) => g.ports);
    throw new VirthookError('SCENARIO_INVALID', `order: ${unknown.join(', ')} names no port this daemon start replays (it replays ${known.length > 0 ? known.join(', ') : 'none'}); name a port by its UUID or as network:mac.`);
  }
  const random = seededRandom(state.random);
  const groups = shuffle(replayed(state), random).map(([network, ports]) => ({ network, ports: shuffle(ports, random) }));
  const rank = (network: string, port: NetworkPortDef) => {
    const i = order?.findIndex((key) => names(key, network, port)) ?? -1;
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  const sorted = groups
    .map((g) => ({ ...g, ports: [...g.ports].sort((a, b) => rank(g.network, a) - rank(g.network, b)) }))
    .sort((a, b) => Math.min(...a.ports.map((p) => rank(a.network, p))) - Math.min(...b.ports.map((p) => rank(b.network, p))));
  const sequence = sorted.flatMap((g) => g.ports.map((port) => ({ network: g.network, port })));
  return { state: { ...state, random: random.state() }, sequence };
}

function* permutations<T>(items: readonly T[]): Generator<T[]> {
  if (items.length <= 1) { yield [...items]; return; }
  for (let i = 0; i < items.length; i++) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const tail of permutations(rest)) yield [items[i]!, ...tail];
  }
}

/** All combinations of one choice per list, the last list varying fastest; lazy, so huge products cost nothing unread. */
export function* product<T>(lists: readonly (() => Iterable<T>)[], prefix: T[] = []): Generator<T[]> {
  if (prefix.length === lists.length) { yield prefix; return; }
  for (const item of lists[prefix.length]!()) yield* product(lists, [...prefix, item]);
}

const factorial = (n: number): bigint => (n <= 1 ? 1n : BigInt(n) * factorial(n - 1));

/** How many distinct replay orders these groups allow: (networks)! times each network's (ports)!. */
export function countReplayOrders(groups: readonly ReplayGroup[]): bigint {
  return groups.reduce((total, g) => total * factorial(g.ports.length), factorial(groups.length));
}

/**
 * Every distinct order of these groups (every order of the networks, times every order of each
 * network's ports), lazily: libvirt never interleaves the ports of two networks.
 */
export function* replayOrdersOf(groups: readonly ReplayGroup[]): Generator<ReplayOrder> {
  for (const networks of permutations(groups)) {
    for (const choice of product(networks.map((g) => () => permutations(g.ports)))) yield choice.flat();
  }
}

/**
 * The distinct replay orders a network driver start could produce from this state, at most
 * `limit` of them, each usable as a restart's `order`. For `--replay-orders all`: a hook that
 * depends on the order shows up as a difference between runs.
 */
export function enumerateReplayOrders(state: SimulatorState, limit = 24): ReplayOrder[] {
  const orders: ReplayOrder[] = [];
  if (limit < 1) return orders;
  for (const order of replayOrdersOf(replayGroups(state))) {
    orders.push(order);
    if (orders.length >= limit) break;
  }
  return orders;
}
