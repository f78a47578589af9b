import { PCI_ASSIGN_ORDER, pciAddressWanted, pciAssignStep } from './device-wants-pci.js';
import { assignQ35Addresses, q35HotplugAddress } from './assign-q35-addresses.js';
import type { DomainDef } from './domain-def.js';
import type { ControllerDef, DeviceInfo, DevicePciAddress, DomainDevice } from './domain-device-def.js';
import { pciAddress, PciSlotSet } from './pci-slot-set.js';

/** qemuDomainMachineIsI440FX: `pc`, `pc-0.*`, `pc-1.*`, `pc-i440fx-*`, `rhel*`. */
export function isI440fxMachine(machine: string | null): boolean {
  if (machine === null) return false;
  return machine === 'pc' || /^pc-(0\.|1\.|i440fx-)/.test(machine) || machine.startsWith('rhel');
}

/** qemuDomainMachineIsQ35: `q35` or `pc-q35-*`. */
export function isQ35Machine(machine: string | null): boolean {
  return machine === 'q35' || (machine?.startsWith('pc-q35-') ?? false);
}

const USB2_FUNCTION: Readonly<Record<string, readonly [number, 'on' | null]>> = {
  'ich9-ehci1': [7, null], 'ich9-uhci1': [0, 'on'], 'ich9-uhci2': [1, null], 'ich9-uhci3': [2, null],
};

function withAddress<T extends DomainDevice>(device: T, address: DevicePciAddress): T {
  if (device.kind === 'audio') return device;
  return { ...device, info: { ...(device as { info: DeviceInfo }).info, address } };
}

function infoOf(device: DomainDevice): DeviceInfo | null {
  return device.kind === 'audio' ? null : device.info;
}

/**
 * qemuDomainValidateDevicePCISlotsPIIX3: the primary IDE controller at 00:01.1, the PIIX3 USB
 * controller at 00:01.2, the ISA bridge and 00:01.3 taken, the primary video at slot 2.
 */
function placePiix3Devices(devices: DomainDevice[], slots: PciSlotSet): void {
  devices.forEach((device, i) => {
    if (device.kind !== 'controller' || device.index !== 0 || device.info.address !== null) return;
    if (device.type === 'ide') devices[i] = withAddress(device, pciAddress(1, 1));
    else if (device.type === 'usb' && (device.model === 'piix3-uhci' || device.model === null)) devices[i] = withAddress(device, pciAddress(1, 2));
  });
  for (const fn of [0, 1, 2, 3]) slots.reserve({ bus: 0, slot: 1, function: fn });
  const video = devices.findIndex((d) => d.kind === 'video');
  const primary = devices[video];
  const info = primary && infoOf(primary);
  if (primary && info && pciAssignStep(primary) === 'video' && pciAddressWanted(info)) {
    const address = slots.slotInUse(2) ? slots.reserveNext() : pciAddress(2);
    if (address) {
      slots.reserve(address);
      devices[video] = withAddress(primary, address);
    }
  }
}

/** USB2 companions (ich9-ehci1 + uhci1..3 of one index) share a slot, one function each. */
function placeUsb2(devices: DomainDevice[], i: number, cont: ControllerDef, slots: PciSlotSet): DevicePciAddress | null {
  const [fn, multi] = USB2_FUNCTION[cont.model ?? '']!;
  const sibling = devices.find((d) => d.kind === 'controller' && d.type === 'usb' && d.index === cont.index &&
    d !== devices[i] && USB2_FUNCTION[d.model ?? ''] && d.info.address?.type === 'pci');
  if (sibling && sibling.kind === 'controller' && sibling.info.address?.type === 'pci') {
    const address = { ...(sibling.info.address as DevicePciAddress), function: fn, multifunction: multi };
    slots.reserve(address);
    return address;
  }
  const address = slots.reserveNext(fn);
  return address && { ...address, multifunction: multi };
}

/**
 * qemuDomainAssignPCIAddresses for an i440fx guest: keep the addresses the definition has, fix the
 * PIIX3 devices, then give every device that wants one the next free bus-0 slot, step by step in
 * qemuDomainAssignDevicePCISlots' order (PCI controllers, filesystems, NICs, sound, controllers,
 * virtio disks, hostdevs, balloon, rng, watchdog, video, ...). q35 guests go to assignQ35Addresses;
 * other machine types are returned unchanged.
 */
export function assignPciAddresses(def: DomainDef): DomainDef {
  if (isQ35Machine(def.os.machine)) return assignQ35Addresses(def);
  if (!isI440fxMachine(def.os.machine)) return def;
  const devices = [...def.devices];
  const slots = new PciSlotSet();
  for (const device of devices) {
    const address = infoOf(device)?.address;
    if (address?.type === 'pci') slots.reserve(address as DevicePciAddress);
  }
  placePiix3Devices(devices, slots);
  for (const step of PCI_ASSIGN_ORDER) {
    devices.forEach((device, i) => {
      const info = infoOf(device);
      if (!info || !pciAddressWanted(info) || pciAssignStep(device) !== step) return;
      const address = device.kind === 'controller' && device.type === 'usb' && USB2_FUNCTION[device.model ?? '']
        ? placeUsb2(devices, i, device, slots)
        : slots.reserveNext();
      if (address) devices[i] = withAddress(device, address);
    });
  }
  return { ...def, devices };
}

/**
 * The slot a hot-plugged device gets (qemuDomainEnsurePCIAddress): the first free bus-0 slot of
 * the running guest, or null when none is free or the device is not a PCI device.
 */
export function hotplugPciAddress(def: DomainDef, device: DomainDevice): DevicePciAddress | null {
  if (isQ35Machine(def.os.machine)) return pciAssignStep(device) === null ? null : q35HotplugAddress(def, device);
  if (!isI440fxMachine(def.os.machine) || pciAssignStep(device) === null) return null;
  const slots = new PciSlotSet();
  for (const fn of [0, 1, 2, 3]) slots.reserve({ bus: 0, slot: 1, function: fn });
  for (const other of def.devices) {
    const address = infoOf(other)?.address;
    if (address?.type === 'pci') slots.reserve(address as DevicePciAddress);
  }
  return slots.reserveNext();
}
