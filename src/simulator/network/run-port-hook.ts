import type { DomainDef } from '../../model/domain-def.js';
import type { DomainNetDef } from '../../model/domain-net-def.js';
import type { HookOutcome } from '../../model/hook-outcome.js';
import type { NetworkDef } from '../../model/network-def.js';
import type { NetworkPortDef } from '../../model/network-port-def.js';
import { formatDomain } from '../../xml/format-domain.js';
import { formatDomainInterface } from '../../xml/format-domain-interface.js';
import { formatNetworkPort } from '../../xml/format-network-port.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { runNetworkHook } from './run-network-hook.js';

/** The guest a port belongs to, which the old era's plugged/unplugged stdin carries. */
export interface PortOwner {
  /** The live domain as the hook formats it. */
  readonly domain: DomainDef;
  /** The guest's `<interface>`, with its actual device. */
  readonly iface: DomainNetDef;
}

/**
 * networkRunHook for a port: since 5.5 `port-created`/`port-deleted` with `<network
 * connections='N'>` (after the increment/decrement) and the `<networkport>`; before, the
 * `plugged`/`unplugged` ops with the guest's `<interface>`, the network and the `<domain>`.
 */
export function* runPortHook(
  state: SimulatorState,
  def: NetworkDef,
  event: 'created' | 'deleted',
  port: NetworkPortDef,
  connections: number,
  owner: PortOwner | null,
): Simulation<HookOutcome> {
  if (state.profile.portHooks === 'port') {
    const op = event === 'created' ? 'port-created' : 'port-deleted';
    return yield* runNetworkHook(state, def, op, { connections, after: [formatNetworkPort(port)] });
  }
  // networkAllocateActualDevice / networkReleaseActualDevice (<= 5.4): interface, network, domain.
  const op = event === 'created' ? 'plugged' : 'unplugged';
  const before = owner ? [formatDomainInterface(owner.iface)] : [];
  const after = owner ? [formatDomain(owner.domain)] : [];
  return yield* runNetworkHook(state, def, op, { connections, before, after });
}
