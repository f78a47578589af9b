import { DOMAIN_DRIVERS, domainDirs, NETWORK_CONFIG_DIR, NETWORK_STATE_DIR } from '../../status/status-paths.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { domainsFromFiles } from './domains-from-files.js';
import { loadFiles, writeFiles } from './file-effects.js';
import { networksFromFiles } from './networks-from-files.js';

/**
 * networkStateInitialize's loading: a new network driver knows only what its files say
 * (virNetworkObjLoadAllState + LoadAllPorts + LoadAllConfigs). Skipped files are logged. With
 * no volume attached, the objects the simulator had in memory stay.
 */
export function* reloadNetworks(state: SimulatorState): Simulation<SimulatorState> {
  const files = yield* loadFiles([NETWORK_STATE_DIR, NETWORK_CONFIG_DIR]);
  if (!files) return state;
  const loaded = networksFromFiles(state, files);
  for (const problem of loaded.problems) yield { type: 'log', message: problem };
  yield* writeFiles(loaded.writes);
  return loaded.state;
}

/**
 * qemuStateInitialize / lxcStateInitialize ...: a new hypervisor driver knows only what its
 * files say (virDomainObjListLoadAllConfigs on the state, then the config directory).
 */
export function* reloadDomains(state: SimulatorState): Simulation<SimulatorState> {
  const files = yield* loadFiles(DOMAIN_DRIVERS.flatMap((d) => [domainDirs(d).state, domainDirs(d).config]));
  if (!files) return state;
  const loaded = domainsFromFiles(state, files);
  for (const problem of loaded.problems) yield { type: 'log', message: problem };
  return loaded.state;
}
