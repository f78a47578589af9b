import { formatDomain } from '../../xml/format-domain.js';
import { formatDomainInterface } from '../../xml/format-domain-interface.js';
import { libvirtErrors } from '../libvirt-errors.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import type { PortRelease } from './release-network-port.js';
import { runNetworkHook } from './run-network-hook.js';
import type { PortOwner } from './run-port-hook.js';
import { taintNetwork } from './taint-network.js';
import { withNetwork } from './with-network.js';

/**
 * networkReleaseActualDevice (<= 5.4) for an interface whose actual device the network no longer
 * counts (it was destroyed, or restarted, since the guest plugged in): the network is looked up by
 * name whatever its state, no activity check, so connections-- on its current def and `unplugged`
 * runs (exit ignored); a network that is gone (transient, destroyed) only fails the lookup.
 */
export function* releaseActualDevice(state: SimulatorState, network: string, owner: PortOwner): Simulation<PortRelease> {
  const obj = state.networks[network];
  if (!obj) return { state, error: libvirtErrors.noNetwork(network) };
  const connections = obj.connections - 1;
  const def = obj.live ?? obj.config!;
  const outcome = yield* runNetworkHook(state, def, 'unplugged', {
    connections, before: [formatDomainInterface(owner.iface)], after: [formatDomain(owner.domain)],
  });
  return { state: taintNetwork(withNetwork(state, network, { ...obj, connections }), network, outcome), error: null };
}
