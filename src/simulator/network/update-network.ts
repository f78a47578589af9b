import { applyNetworkUpdate } from '../../model/apply-network-update.js';
import type { NetworkCommand } from '../command.js';
import { saveNetworkConfig, saveNetworkStatus } from '../files/persist-network.js';
import type { NetworkDef } from '../../model/network-def.js';
import { libvirtErrors } from '../libvirt-errors.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { failed, succeeded } from '../step-result.js';
import { NO_HOOK, runNetworkHook } from './run-network-hook.js';
import { taintNetwork } from './taint-network.js';
import { isActive, withNetwork } from './with-network.js';

type UpdateCommand = Extract<NetworkCommand, { verb: 'net-update' }>;

/**
 * networkUpdate: apply to live and/or config (virNetworkObjUpdate), save the config file and/or
 * the status file, then the `updated` hook on the current def. A hook failure after a live update
 * of an active network is ignored (ret is already 0).
 */
export function* updateNetwork(state: SimulatorState, command: UpdateCommand): Simulation {
  const name = command.network;
  const fail = (error: string, vetoed = false) => failed(`Failed to update network ${name}`, error, vetoed);
  const obj = state.networks[name];
  if (!obj) return { state, result: failed(`failed to get network '${name}'`, libvirtErrors.noNetwork(name)) };
  const active = isActive(obj);
  // networkUpdate: --current means live when active, config otherwise.
  const live = command.live || (!command.live && !command.config && active);
  const config = command.config || (!command.live && !command.config && !active);
  // virNetworkObjConfigChangeSetup
  if (live && !active) return { state, result: fail(libvirtErrors.operationInvalid('network is not running')) };
  if (config && !obj.config) return { state, result: fail(libvirtErrors.operationInvalid('cannot change persistent config of a transient network')) };

  const change = { command: command.command, section: command.section, xml: command.xml, parentIndex: command.parentIndex };
  const update = (def: NetworkDef) => applyNetworkUpdate(def, change, state.profile.version);
  let nextLive = obj.live;
  let nextConfig = obj.config;
  if (live) {
    const updated = update(obj.live!);
    if (!updated.ok) return { state, result: fail(updated.error) };
    nextLive = updated.def;
  }
  if (config) {
    const updated = update(obj.config!);
    if (!updated.ok) return { state, result: fail(updated.error) };
    nextConfig = updated.def;
  }
  // virNetworkObjUpdate swaps in a format/parse copy of the live def, and the parser does not read
  // `connections` back: a live update resets the count, though the ports stay (oracle n).
  const connections = live ? 0 : obj.connections;
  let next = withNetwork(state, name, { ...obj, live: nextLive, config: nextConfig, connections });
  if (config) yield* saveNetworkConfig(next, name);
  if (live && active) yield* saveNetworkStatus(next, name);

  // The hook sees virNetworkObjGetDef: the live def when active, even for a config-only change,
  // with its `connections` (virNetworkDefFormatBuf prints it above 0 whatever the op).
  const outcome = next.profile.networkUpdatedHook ? yield* runNetworkHook(next, (nextLive ?? nextConfig)!, 'updated', { connections }) : NO_HOOK;
  if (next.profile.networkUpdatedHook) next = taintNetwork(next, name, outcome);
  const affected = config ? (live ? 'persistent config and live state' : 'persistent config') : 'live state';
  if (outcome.status === 'failed' && !(live && active)) {
    // The update stays applied and persisted: libvirt never rolls it back.
    return { state: next, result: fail(outcome.error ?? '', true) };
  }
  return { state: next, result: succeeded(`Updated network ${name} ${affected}`) };
}
