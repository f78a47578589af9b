import { VirthookError } from '../../errors/virthook-error.js';
import { completeDomainDef } from '../../model/complete-domain-def.js';
import type { DomainDef } from '../../model/domain-def.js';
import { seededRandom } from '../../model/seeded-random.js';
import { libvirtErrors } from '../libvirt-errors.js';
import type { SimulatorState } from '../simulator-state.js';
import { withDomain } from './with-domain.js';

export type DomainDefineOutcome =
  | { readonly state: SimulatorState; readonly def: DomainDef; readonly error: null }
  | { readonly state: SimulatorState; readonly error: string };

/** The domain types whose drivers virthook simulates (qemu/kvm, lxc, xen through libxl, bhyve). */
const SIMULATED_TYPES: ReadonlySet<string> = new Set(['qemu', 'kvm', 'lxc', 'xen', 'bhyve']);

/**
 * The definition the driver stores (virDomainDefParse's post-parse through completeDomainDef),
 * checked against the guests already known as virDomainObjListAddLocked does. A type no
 * simulated driver handles is a scenario error.
 */
export function assignDomainDef(state: SimulatorState, parsed: DomainDef): DomainDefineOutcome {
  if (!SIMULATED_TYPES.has(parsed.type)) {
    throw new VirthookError(
      'SCENARIO_INVALID',
      `Cannot simulate domain '${parsed.name}': type '${parsed.type}' has no hook driver. Use qemu, kvm, lxc, xen (libxl) or bhyve.`,
    );
  }
  const random = seededRandom(state.random);
  const def = completeDomainDef(parsed, { random });
  const next = { ...state, random: random.state() };
  for (const [name, obj] of Object.entries(state.domains)) {
    const uuid = (obj.live ?? obj.config)!.uuid;
    if (uuid === def.uuid && name !== def.name) {
      return { state, error: libvirtErrors.operationFailed(`domain '${name}' is already defined with uuid ${uuid}`) };
    }
    if (name === def.name && uuid !== def.uuid) {
      return { state, error: libvirtErrors.operationFailed(`domain '${name}' already exists with uuid ${uuid}`) };
    }
  }
  return { state: next, def, error: null };
}

/** virDomainDefineXML: stores the persistent definition (a running guest keeps its live one); no hook runs. */
export function defineDomain(state: SimulatorState, parsed: DomainDef): DomainDefineOutcome {
  const assigned = assignDomainDef(state, parsed);
  if (assigned.error !== null) return assigned;
  const obj = assigned.state.domains[assigned.def.name];
  return { state: withDomain(assigned.state, assigned.def.name, { config: assigned.def, live: obj?.live ?? null }), def: assigned.def, error: null };
}

/** virDomainUndefine: an inactive guest goes; a running one becomes transient; a transient one is refused. */
export function undefineDomain(state: SimulatorState, name: string): { readonly state: SimulatorState; readonly error: string | null } {
  const obj = state.domains[name]!;
  if (!obj.config) return { state, error: libvirtErrors.operationInvalid('cannot undefine transient domain') };
  return { state: withDomain(state, name, obj.live ? { config: null, live: obj.live } : null), error: null };
}
