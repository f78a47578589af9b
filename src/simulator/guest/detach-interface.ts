import type { DomainDef } from '../../model/domain-def.js';
import { actualNetType, type DomainNetDef } from '../../model/domain-net-def.js';
import { domainInterfaces } from '../../model/domain-stage.js';
import { unplugInterface } from '../../model/hotplug-interface.js';
import type { DomainCommand } from '../command.js';
import { ensureNetworkDaemon } from '../daemon/network-daemon.js';
import { releaseNetworkPort } from '../network/release-network-port.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { failed, succeeded, type StepResult } from '../step-result.js';
import { domainDriverOps, noSupport } from './domain-driver-ops.js';
import { interfacePorts, orphanedActuals, portOwner } from './interface-ports.js';
import { releaseActualDevice } from '../network/release-actual-device.js';
import { modificationImpact } from './modification-impact.js';
import { withDomain } from './with-domain.js';

type DetachCommand = Extract<DomainCommand, { verb: 'detach-interface' }>;

const FAILED = 'Failed to detach interface';

/** virshDomainDetachInterface's own errors come before its "Failed to detach interface" line. */
const virshError = (message: string): StepResult => ({ ok: false, output: '', error: `error: ${message}\nerror: ${FAILED}`, vetoed: false });

/**
 * virshDomainDetachInterface's search: interfaces whose type, as the XML shows it (the actual
 * type of a running guest's network interface), is TYPE, and whose MAC matches when given.
 */
function findInterface(def: DomainDef, live: boolean, type: string, mac: string | null): { index: number } | { error: string } {
  const matches: number[] = [];
  domainInterfaces(def).forEach((iface: DomainNetDef, index) => {
    const shown = live ? actualNetType(iface) : iface.type;
    if (shown === type && (mac === null || iface.mac?.toLowerCase() === mac.toLowerCase())) matches.push(index);
  });
  if (matches.length === 0) return { error: mac !== null ? `No interface with MAC address ${mac} was found` : `No interface found whose type is ${type}` };
  if (matches.length > 1) return { error: `Domain has ${matches.length} interfaces. Please specify which one to detach using --mac` };
  return { index: matches[0]! };
}

/**
 * `virsh detach-interface`. Live: QEMU is asked to unplug the NIC; once the guest acknowledges,
 * qemuDomainRemoveNetDevice removes it and releases its port (`port-deleted`). A guest that
 * ignores the request keeps the NIC and the port, though virsh reports success (oracle e4).
 */
export function* detachInterface(state: SimulatorState, command: DetachCommand): Simulation {
  const obj = state.domains[command.domain]!;
  const impact = modificationImpact(obj, command);
  if (impact.error !== null) return { state, result: failed(FAILED, impact.error) };
  let current = state;
  let { live, config } = obj;
  if (impact.live) {
    const found = findInterface(obj.live!, true, command.type, command.mac);
    if ('error' in found) return { state, result: virshError(found.error) };
    if (!domainDriverOps(obj.live!).hotplug) return { state, result: failed(FAILED, noSupport('virDomainDetachDeviceFlags')) };
    if (!command.unplugIgnored) {
      const held = interfacePorts(current, obj.live!).find((p) => p.index === found.index);
      const orphan = orphanedActuals(current, obj.live!).find((o) => o.index === found.index);
      if (held) {
        current = yield* ensureNetworkDaemon(current);
        current = (yield* releaseNetworkPort(current, held.network, held.uuid, portOwner(obj.live!, held.index))).state;
      } else if (orphan) {
        current = (yield* releaseActualDevice(current, orphan.network, portOwner(obj.live!, orphan.index))).state;
      }
      live = unplugInterface(obj.live!, found.index);
    }
  }
  if (impact.config) {
    const found = findInterface(obj.config!, false, command.type, command.mac);
    if ('error' in found) return { state, result: virshError(found.error) };
    config = unplugInterface(obj.config!, found.index);
  }
  return { state: withDomain(current, command.domain, { config, live }), result: succeeded('Interface detached successfully') };
}
