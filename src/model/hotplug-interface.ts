import { nextNetAlias, type NetworkForwardLookup } from './assign-device-aliases.js';
import { hotplugPciAddress, isI440fxMachine } from './assign-pci-addresses.js';
import type { DomainDef } from './domain-def.js';
import type { DomainNetDef } from './domain-net-def.js';
import { domainDriverOf } from './domain-stage.js';

/**
 * qemuDomainAttachNetDevice's bookkeeping before the port is allocated: the new NIC gets the next
 * `netN` alias and the first free PCI slot, and is appended to the live interfaces. Returns the
 * new definition and the NIC's index among the interfaces.
 */
export function hotplugInterface(live: DomainDef, iface: DomainNetDef, lookup?: NetworkForwardLookup): { def: DomainDef; index: number } {
  let added = iface;
  if (domainDriverOf(live) === 'qemu') {
    const alias = iface.info.alias ?? nextNetAlias(live, iface, lookup);
    const address = iface.info.address ?? hotplugPciAddress(live, iface);
    added = { ...iface, info: { ...iface.info, alias, address } };
  }
  const index = live.devices.filter((d) => d.kind === 'interface').length;
  return { def: { ...live, devices: [...live.devices, added] }, index };
}

/** Removes interface `index` (among interfaces) from the live definition (hot-unplug completed). */
export function unplugInterface(live: DomainDef, index: number): DomainDef {
  let seen = -1;
  return { ...live, devices: live.devices.filter((d) => d.kind !== 'interface' || ++seen !== index) };
}

/**
 * Why QEMU refuses a PCI hot-plug on this guest, or null (libvirt reports it as an internal
 * error: `internal error: unable to execute ...`): on i440fx the
 * root bus only supports hot-plug with ACPI (recorded: a guest without `<acpi/>` got "Bus 'pci.0'
 * does not support hotplugging").
 */
export function pciHotplugRefusal(live: DomainDef): string | null {
  if (domainDriverOf(live) !== 'qemu' || !isI440fxMachine(live.os.machine)) return null;
  const acpi = live.features?.some((f) => f.name === 'acpi') ?? false;
  return acpi ? null : "unable to execute QEMU command 'device_add': Bus 'pci.0' does not support hotplugging";
}
