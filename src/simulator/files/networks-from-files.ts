import { completeNetworkDef } from '../../model/complete-network-def.js';
import { hasManagedBridge, type NetworkDef } from '../../model/network-def.js';
import type { NetworkPortDef } from '../../model/network-port-def.js';
import { seededRandom } from '../../model/seeded-random.js';
import { loadNetworkFiles } from '../../status/load-network-files.js';
import { networkConfigWrite } from '../../status/status-file-writes.js';
import type { FileWrite, StatusFiles } from '../../status/status-files.js';
import { AUTOSTARTED_MARKER } from '../../status/status-paths.js';
import type { NetworkObject, SimulatorState } from '../simulator-state.js';

/** The networks a network driver start rebuilds, what it logged, and the configs it re-saved. */
export interface NetworksFromFiles {
  readonly state: SimulatorState;
  readonly problems: readonly string[];
  readonly writes: readonly FileWrite[];
}

/** Names in the previous order (libvirt's hash order is arbitrary anyway), new ones after, sorted. */
function ordered<T>(previous: readonly string[], found: ReadonlyMap<string, T>): string[] {
  return [...previous.filter((n) => found.has(n)), ...[...found.keys()].filter((n) => !previous.includes(n)).sort()];
}

/** Known ports keep their order; ports only the files know follow in file order. */
function portsInOrder(previous: readonly NetworkPortDef[], loaded: readonly NetworkPortDef[]): NetworkPortDef[] {
  const rank = (p: NetworkPortDef) => {
    const i = previous.findIndex((q) => q.uuid === p.uuid);
    return i === -1 ? previous.length : i;
  };
  return [...loaded].sort((a, b) => rank(a) - rank(b));
}

// virNetworkLoadConfig: a config without UUID or bridge MAC gets them, and is saved again.
const incomplete = (def: NetworkDef) => def.uuid === undefined || (hasManagedBridge(def) && (def.mac === undefined || def.bridge?.name === undefined || def.bridge.name.includes('%d')));

/**
 * networkStateInitialize's view of the files (pure): the network objects are rebuilt from the
 * status files (running def, ports, taint; `connections` restarts at 0, never read back), the
 * configs and autostart links, and the autostart marker. A config written by hand without UUID,
 * bridge name or MAC is completed as at define and saved again.
 */
export function networksFromFiles(state: SimulatorState, files: StatusFiles): NetworksFromFiles {
  const loaded = loadNetworkFiles(files, { ports: state.profile.portHooks === 'port' });
  const random = seededRandom(state.random);
  const networks: Record<string, NetworkObject> = {};
  const writes: FileWrite[] = [];
  const names = ordered(Object.keys(state.networks), loaded.networks);
  const used = new Set(names.flatMap((n) => [loaded.networks.get(n)!.live?.bridge?.name, loaded.networks.get(n)!.config?.bridge?.name]).filter((b): b is string => b !== undefined && !b.includes('%d')));
  for (const name of names) {
    const found = loaded.networks.get(name)!;
    let config = found.config;
    if (config && incomplete(config)) {
      config = completeNetworkDef(config, { random, usedBridgeNames: used });
      if (config.bridge?.name) used.add(config.bridge.name);
      writes.push(networkConfigWrite(config, state.profile.version));
    }
    const previous = state.networks[name]?.ports ?? [];
    // Before 5.5 there are no port files: the guests' status keeps their actual devices, which the
    // simulator's stand-in port objects represent, so those are kept.
    const ports = !found.live ? [] : state.profile.portHooks === 'port' ? portsInOrder(previous, found.ports) : previous;
    networks[name] = { config, live: found.live, autostart: found.autostart, connections: 0, ports, ...(found.tainted ? { tainted: true } : {}) };
  }
  const next: SimulatorState = { ...state, random: random.state(), networks, autostartedThisBoot: files.has(AUTOSTARTED_MARKER) };
  return { state: next, problems: loaded.problems, writes };
}
