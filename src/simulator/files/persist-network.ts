import type { NetworkPortDef } from '../../model/network-port-def.js';
import { classIdsOf, floorSumOf } from '../../status/format-network-status.js';
import { networkAutostartWrite, networkConfigWrite, networkStatusWrite, portStatusWrite } from '../../status/status-file-writes.js';
import { networkAutostartPath, networkConfigPath, networkStatusPath, portStatusDir, portStatusPath } from '../../status/status-paths.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { removeFiles, writeFiles } from './file-effects.js';

/** How the tc classes differ from the stored ports at the save (networkPlugBandwidth / networkUnplugBandwidth). */
export interface ClassChange {
  /** The port being plugged: its class is already taken. */
  readonly plugging?: NetworkPortDef;
  /** The port being unplugged: its class is already released. */
  readonly unplugging?: NetworkPortDef;
}

/**
 * virNetworkObjSaveStatus now: the running def with the current connections and pool counts,
 * the tc classes and floor sum (as changed by a plug/unplug in progress), and the taint.
 */
export function* saveNetworkStatus(state: SimulatorState, name: string, change: ClassChange = {}): Simulation<void> {
  const obj = state.networks[name];
  if (!obj?.live) return;
  let classPorts = obj.ports;
  if (change.plugging) classPorts = [...classPorts, change.plugging];
  if (change.unplugging) classPorts = classPorts.filter((p) => p.uuid !== change.unplugging!.uuid);
  const status = {
    live: obj.live, connections: obj.connections, ports: obj.ports,
    classIds: classIdsOf(classPorts), floorSum: floorSumOf(classPorts), tainted: obj.tainted ?? false,
  };
  yield* writeFiles([networkStatusWrite(status, state.profile.version)]);
}

/** virNetworkObjDeleteAllPorts: every ports/*.xml of the network (port files exist since 5.5). */
export function* deleteAllPorts(state: SimulatorState, name: string): Simulation<void> {
  if (state.profile.portHooks === 'port') yield* removeFiles([{ dir: portStatusDir(name), suffix: '.xml' }]);
}

/** networkShutdownNetwork: the status file is unlinked and the port files deleted. */
export function* forgetNetworkStatus(state: SimulatorState, name: string): Simulation<void> {
  yield* removeFiles([{ path: networkStatusPath(name) }]);
  yield* deleteAllPorts(state, name);
}

/** virNetworkObjAddPort: the port's status file, after its port-created hook succeeded. */
export function* savePort(state: SimulatorState, network: string, port: NetworkPortDef): Simulation<void> {
  if (state.profile.portHooks === 'port') yield* writeFiles([portStatusWrite(network, port)]);
}

/** virNetworkObjDeletePort: the port's status file, after port-deleted. */
export function* deletePort(state: SimulatorState, network: string, uuid: string): Simulation<void> {
  if (state.profile.portHooks === 'port') yield* removeFiles([{ path: portStatusPath(network, uuid) }]);
}

/** virNetworkSaveConfig of the persistent definition (networkDefineXML, net-update --config). */
export function* saveNetworkConfig(state: SimulatorState, name: string): Simulation<void> {
  const config = state.networks[name]?.config;
  if (config) yield* writeFiles([networkConfigWrite(config, state.profile.version)]);
}

/** virNetworkObjDeleteConfig: the autostart link, then the config file. */
export function* forgetNetworkConfig(name: string): Simulation<void> {
  yield* removeFiles([{ path: networkAutostartPath(name) }, { path: networkConfigPath(name) }]);
}

/** networkSetAutostart: the autostart link made or removed. */
export function* setAutostartLink(name: string, autostart: boolean): Simulation<void> {
  if (autostart) yield* writeFiles([networkAutostartWrite(name)]);
  else yield* removeFiles([{ path: networkAutostartPath(name) }]);
}
