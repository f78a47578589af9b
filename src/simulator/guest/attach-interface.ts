import { assignPciAddresses } from '../../model/assign-pci-addresses.js';
import { completeDomainInterface, isQemuType } from '../../model/complete-domain-def.js';
import { interfaceNetwork } from '../../model/domain-net-def.js';
import { domainDriverOf, domainInterfaces, plugInterfaceDevice } from '../../model/domain-stage.js';
import { hotplugInterface, pciHotplugRefusal } from '../../model/hotplug-interface.js';
import { forwardModeOf } from '../../model/network-def.js';
import { seededRandom } from '../../model/seeded-random.js';
import { validateActualInterface } from '../../model/validate-actual-interface.js';
import type { DomainCommand } from '../command.js';
import { libvirtErrors } from '../libvirt-errors.js';
import { ensureNetworkDaemon } from '../daemon/network-daemon.js';
import { allocateNetworkPort } from '../network/allocate-network-port.js';
import { releaseNetworkPort } from '../network/release-network-port.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { failed, succeeded } from '../step-result.js';
import { domainDriverOps, noSupport } from './domain-driver-ops.js';
import { connectInterface, portOwner } from './interface-ports.js';
import { modificationImpact } from './modification-impact.js';
import { withDomain } from './with-domain.js';

type AttachCommand = Extract<DomainCommand, { verb: 'attach-interface' }>;

const FAILED = 'Failed to attach interface';

/**
 * virDomainAttachDeviceFlags for `virsh attach-interface`. Live (qemuDomainAttachNetDevice): the
 * NIC gets its alias and PCI slot, a `type='network'` NIC its port (`port-created`: a veto fails
 * the attach, no port-deleted), then its tap (vnetN is consumed even if QEMU then refuses the
 * device, which releases the port: `port-deleted`, oracle e3). Config: the NIC is added to the
 * persistent definition, no hook.
 */
export function* attachInterface(state: SimulatorState, command: AttachCommand): Simulation {
  const obj = state.domains[command.domain]!;
  const impact = modificationImpact(obj, command);
  if (impact.error !== null) return { state, result: failed(FAILED, impact.error) };
  const base = (obj.live ?? obj.config)!;
  const random = seededRandom(state.random);
  const iface = completeDomainInterface(base, command.iface, random);
  let current: SimulatorState = { ...state, random: random.state() };
  let live = obj.live;

  if (impact.live) {
    if (!domainDriverOps(base).hotplug) return { state, result: failed(FAILED, noSupport('virDomainAttachDeviceFlags')) };
    const lookup = (name: string) => {
      const net = current.networks[name];
      return net ? forwardModeOf((net.live ?? net.config)!) : undefined;
    };
    let { def, index } = hotplugInterface(obj.live!, iface, lookup);
    const network = interfaceNetwork(iface);
    let portUuid: string | null = null;
    if (iface.type === 'network' && network !== null) {
      current = yield* ensureNetworkDaemon(current);
      const withNic = def;
      const allocated = yield* allocateNetworkPort(current, {
        network, iface: domainInterfaces(def)[index]!,
        owner: { name: base.name, uuid: base.uuid ?? '' },
        ownerContext: (port) => portOwner(connectInterface(current, withNic, index, port), index),
      });
      current = allocated.state;
      if (!allocated.port) return { state: current, result: failed(FAILED, allocated.error ?? '', allocated.vetoed) };
      def = connectInterface(current, def, index, allocated.port);
      portUuid = allocated.port.uuid;
    }
    // qemuDomainAttachNetDevice: qemuDomainValidateActualNetDef before the tap; its cleanup releases
    // the port (recorded). libxlDomainAttachNetDevice returns at once, keeping it (lxc taken as alike).
    const invalid = validateActualInterface(domainInterfaces(def)[index]!);
    if (invalid !== null) {
      if (portUuid !== null && network !== null && domainDriverOf(base) === 'qemu') {
        current = (yield* releaseNetworkPort(current, network, portUuid, portOwner(def, index))).state;
      }
      return { state: current, result: failed(FAILED, invalid) };
    }
    const plugged = plugInterfaceDevice(def, index, current.counters.taps);
    current = { ...current, counters: { ...current.counters, taps: plugged.counters } };
    const refusal = pciHotplugRefusal(obj.live!);
    if (refusal !== null) {
      // qemuDomainAttachNetDevice's cleanup: the port made for the NIC is released again.
      if (portUuid !== null && network !== null) {
        current = (yield* releaseNetworkPort(current, network, portUuid, portOwner(plugged.def, index))).state;
      }
      return { state: current, result: failed(FAILED, libvirtErrors.internal(refusal)) };
    }
    live = plugged.def;
  }
  // virDomainNetInsert, then qemuDomainAssignAddresses gives the persistent NIC its PCI slot.
  const withNic = obj.config && { ...obj.config, devices: [...obj.config.devices, iface] };
  const config = impact.config && withNic ? (isQemuType(withNic) ? assignPciAddresses(withNic) : withNic) : obj.config;
  return { state: withDomain(current, command.domain, { config, live }), result: succeeded('Interface attached successfully') };
}
