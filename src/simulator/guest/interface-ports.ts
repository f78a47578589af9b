import type { DomainDef } from '../../model/domain-def.js';
import { interfaceNetwork, type DomainNetDef } from '../../model/domain-net-def.js';
import { attachNetworkPort, domainInterfaces } from '../../model/domain-stage.js';
import type { NetworkPortDef } from '../../model/network-port-def.js';
import type { PortOwner } from '../network/run-port-hook.js';
import type { SimulatorState } from '../simulator-state.js';

/** An interface of a guest and the network port it holds. */
export interface InterfacePort {
  /** The interface's position among the guest's interfaces. */
  readonly index: number;
  readonly iface: DomainNetDef;
  readonly network: string;
  readonly uuid: string;
}

/** Replaces interface `index` (among interfaces) of a definition. */
export function mapDomainInterface(def: DomainDef, index: number, update: (iface: DomainNetDef) => DomainNetDef): DomainDef {
  let seen = -1;
  return { ...def, devices: def.devices.map((d) => (d.kind === 'interface' && ++seen === index ? update(d) : d)) };
}

/**
 * The ports a guest holds, in interface order. Since 5.5 an interface names its port (`portid`,
 * virDomainNetReleaseActualDevice looks it up by that); before, the actual device is matched to
 * the network's port of this guest with this MAC.
 */
export function interfacePorts(state: SimulatorState, def: DomainDef): InterfacePort[] {
  const found: InterfacePort[] = [];
  domainInterfaces(def).forEach((iface, index) => {
    const network = interfaceNetwork(iface);
    if (iface.type !== 'network' || network === null || iface.source?.kind !== 'network') return;
    if (state.profile.portHooks === 'port') {
      if (iface.source.portid !== null) found.push({ index, iface, network, uuid: iface.source.portid });
      return;
    }
    if (iface.actual === null) return;
    const port = state.networks[network]?.ports.find((p) => p.owner.uuid === def.uuid && p.mac === iface.mac);
    if (port) found.push({ index, iface, network, uuid: port.uuid });
  });
  return found;
}

/**
 * Before 5.5, the interfaces that still have an actual device although their network no longer
 * counts them (destroyed or restarted since): networkReleaseActualDevice still runs `unplugged`.
 */
export function orphanedActuals(state: SimulatorState, def: DomainDef): { readonly index: number; readonly network: string }[] {
  if (state.profile.portHooks === 'port') return [];
  const held = new Set(interfacePorts(state, def).map((p) => p.index));
  const found: { index: number; network: string }[] = [];
  domainInterfaces(def).forEach((iface, index) => {
    const network = interfaceNetwork(iface);
    if (iface.type === 'network' && network !== null && iface.actual !== null && !held.has(index)) found.push({ index, network });
  });
  return found;
}

/**
 * virDomainNetDefActualFromNetworkPort for interface `index`: since 5.5 the interface also keeps
 * the port's UUID (`portid=`); the old era has no port objects, only the actual device.
 */
export function connectInterface(state: SimulatorState, def: DomainDef, index: number, port: NetworkPortDef): DomainDef {
  const attached = attachNetworkPort(def, index, port);
  if (state.profile.portHooks === 'port') return attached;
  return mapDomainInterface(attached, index, (iface) => (iface.source?.kind === 'network' ? { ...iface, source: { ...iface.source, portid: null } } : iface));
}

/** Interface `index` after its port was released (virDomainNetReleaseActualDevice): no portid, no actual. */
export function disconnectInterface(def: DomainDef, index: number): DomainDef {
  return mapDomainInterface(def, index, (iface) => ({
    ...iface,
    source: iface.source?.kind === 'network' ? { ...iface.source, portid: null } : iface.source,
    actual: null,
  }));
}

/** The old era's plugged/unplugged context: the guest XML and the interface as they are then. */
export function portOwner(def: DomainDef, index: number): PortOwner {
  return { domain: def, iface: domainInterfaces(def)[index]! };
}
