import { EMPTY_DEVICE_INFO } from '../../model/domain-device-def.js';
import type { DomainNetDef } from '../../model/domain-net-def.js';
import type { NetworkPortRequest, PortCommand } from '../command.js';
import { libvirtErrors } from '../libvirt-errors.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { failed, succeeded, type StepResult } from '../step-result.js';
import { allocateNetworkPort } from './allocate-network-port.js';
import { releaseNetworkPort } from './release-network-port.js';
import { isActive } from './with-network.js';

/** networkAllocatePort reads a `<networkport>` request the way it reads a guest's interface. */
function requestInterface(port: NetworkPortRequest, network: string): DomainNetDef {
  return {
    kind: 'interface', type: 'network', managed: false, trustGuestRxFilters: port.trustGuestRxFilters ?? null,
    mac: port.mac, macAttributes: [],
    source: { kind: 'network', network, portgroup: port.group ?? null, portid: null },
    vlan: port.vlan ?? null, virtualport: port.virtualport ?? null, bandwidth: port.bandwidth ?? null,
    isolatedPort: port.isolatedPort ?? null, target: { dev: null, managed: null }, model: null, extras: [],
    info: EMPTY_DEVICE_INFO, actual: null,
  };
}

const unknownCommand = (verb: string): StepResult => ({ ok: false, output: '', error: `error: unknown command: '${verb}'`, vetoed: false });

/**
 * `virsh net-port-create NETWORK FILE` / `net-port-delete NETWORK UUID` (5.5+): ports with no
 * guest behind them (networkPortCreateXML without RECLAIM, networkPortDelete).
 */
export function* simulatePortCommand(state: SimulatorState, command: PortCommand): Simulation {
  // The port API and its virsh commands arrived in 5.5 with port-created/port-deleted.
  if (state.profile.portHooks !== 'port') return { state, result: unknownCommand(command.verb) };
  const name = command.network;
  const obj = state.networks[name];
  // vshCommandOptNetwork: an unknown name fails before any API call.
  if (!obj) return { state, result: failed(`failed to get network '${name}'`, libvirtErrors.noNetwork(name)) };
  if (command.verb === 'net-port-delete') {
    const released = yield* releaseNetworkPort(state, name, command.port, null);
    // virshCommandOptNetworkPort: networkPortLookupByUUID refuses unknown ports and inactive networks.
    if (released.error !== null) return { state, result: failed(`failed to get network port '${command.port}'`, released.error) };
    return { state: released.state, result: succeeded(`Network port ${command.port} deleted`) };
  }
  // cmdNetworkPortCreate reports failures as "Failed to create network from FILE" (sic).
  const fail = (error: string, vetoed = false) => failed(`Failed to create network from ${command.file}`, error, vetoed);
  if (!isActive(obj)) return { state, result: fail(libvirtErrors.operationInvalid(`network '${name}' is not active`)) };
  if (command.port.plug) return { state, result: fail('invalid argument: Port reclaim not requested but plug type is not none') };
  const allocated = yield* allocateNetworkPort(state, {
    network: name,
    iface: requestInterface(command.port, name),
    owner: command.port.owner,
    ...(command.port.uuid ? { uuid: command.port.uuid } : {}),
  });
  if (!allocated.port) return { state: allocated.state, result: fail(allocated.error ?? '', allocated.vetoed) };
  return { state: allocated.state, result: succeeded(`Network port ${allocated.port.uuid} created from ${command.file}`) };
}
