import { completeNetworkDef, networkDefineError } from '../../model/complete-network-def.js';
import type { NetworkDef } from '../../model/network-def.js';
import { seededRandom } from '../../model/seeded-random.js';
import { libvirtErrors } from '../libvirt-errors.js';
import type { SimulatorState } from '../simulator-state.js';
import { isActive, withNetwork } from './with-network.js';

export type DefineOutcome = { readonly state: SimulatorState; readonly def: NetworkDef; readonly error: null } | { readonly state: SimulatorState; readonly error: string };

/**
 * networkDefineXML / networkCreateXML's first half: networkValidate fills in uuid, bridge and mac
 * (completeNetworkDef), then virNetworkObjAssignDef checks name and uuid against existing networks.
 */
export function assignNetworkDef(state: SimulatorState, parsed: NetworkDef, mode: 'define' | 'create'): DefineOutcome {
  const random = seededRandom(state.random);
  const used = new Set<string>();
  for (const obj of Object.values(state.networks)) {
    for (const def of [obj.config, obj.live]) if (def?.bridge?.name && def.name !== parsed.name) used.add(def.bridge.name);
  }
  // networkValidate refuses impossible definitions before anything is stored.
  const refused = networkDefineError(parsed, { usedBridgeNames: used, domainRegister: state.profile.networkDomainRegister });
  if (refused !== null) return { state, error: refused };
  const def = completeNetworkDef(parsed, { random, usedBridgeNames: used });
  const next = { ...state, random: random.state() };

  for (const obj of Object.values(state.networks)) {
    const existing = (obj.live ?? obj.config)!;
    if (existing.uuid === def.uuid && existing.name !== def.name) {
      return { state, error: libvirtErrors.operationFailed(`network '${existing.name}' is already defined with uuid ${def.uuid}`) };
    }
    if (existing.name === def.name && existing.uuid !== def.uuid) {
      return { state, error: libvirtErrors.operationFailed(`network '${def.name}' already exists with uuid ${existing.uuid}`) };
    }
    if (existing.name === def.name && mode === 'create' && isActive(obj)) {
      return { state, error: libvirtErrors.operationInvalid(`network is already active as '${def.name}'`) };
    }
  }
  return { state: next, def, error: null };
}

/** net-define: store the persistent config (the next start uses it); no hook runs. */
export function defineNetwork(state: SimulatorState, parsed: NetworkDef): DefineOutcome {
  const assigned = assignNetworkDef(state, parsed, 'define');
  if (assigned.error !== null) return assigned;
  const obj = assigned.state.networks[assigned.def.name];
  const next = withNetwork(assigned.state, assigned.def.name, {
    config: assigned.def,
    live: obj?.live ?? null,
    autostart: obj?.autostart ?? false,
    connections: obj?.connections ?? 0,
    ports: obj?.ports ?? [],
  });
  return { state: next, def: assigned.def, error: null };
}
