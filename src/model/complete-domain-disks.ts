import { maybeAddController } from './add-default-devices.js';
import { diskNameIndex } from './assign-device-aliases.js';
import type { DomainDef } from './domain-def.js';
import type { DomainDevice, GenericDeviceDef, OtherAddress } from './domain-device-def.js';
import { verbatimAttribute, verbatimChild } from './verbatim-element.js';

/** Buses whose disks sit on a drive controller, with how many units a controller has. */
const DRIVE_BUSES: Readonly<Record<string, (idx: number) => readonly [number, number, number]>> = {
  // virDomainDiskDefAssignAddress: [controller, bus, unit]
  ide: (idx) => [Math.floor(idx / 4), Math.floor((idx % 4) / 2), idx % 2],
  sata: (idx) => [Math.floor(idx / 6), 0, idx % 6],
  scsi: (idx) => [Math.floor(idx / 7), 0, idx % 7],
  fdc: (idx) => [0, 0, idx],
};

function diskBus(disk: GenericDeviceDef): string | null {
  const target = verbatimChild(disk.element, 'target');
  return target ? verbatimAttribute(target, 'bus') : null;
}

function driveAddress(controller: number, bus: number, unit: number): OtherAddress {
  return { type: 'drive', attributes: [['controller', String(controller)], ['bus', String(bus)], ['target', '0'], ['unit', String(unit)]] };
}

/**
 * Disk post-parse: virDomainDiskDefAssignAddress gives ide/sata/scsi/fdc disks a drive address
 * from their target name, then virDomainDefAddDiskControllersForType adds the controllers those
 * addresses need (index 0..highest), after the ones already defined.
 */
export function completeDomainDisks(def: DomainDef): DomainDef {
  let devices: DomainDevice[] = def.devices.map((device) => {
    if (device.kind !== 'disk' || device.info.address !== null) return device;
    const bus = diskBus(device);
    const assign = bus ? DRIVE_BUSES[bus] : undefined;
    const target = verbatimChild(device.element, 'target');
    const idx = diskNameIndex(target ? verbatimAttribute(target, 'dev') ?? '' : '');
    if (!assign || idx === null) return device;
    const [controller, busNo, unit] = assign(idx);
    return { ...device, info: { ...device.info, address: driveAddress(controller, busNo, unit) } };
  });
  for (const type of ['scsi', 'fdc', 'ide', 'sata']) {
    let highest = -1;
    for (const device of devices) {
      if (device.kind !== 'disk' || diskBus(device) !== type || device.info.address?.type !== 'drive') continue;
      const address = device.info.address as OtherAddress;
      highest = Math.max(highest, Number(address.attributes.find(([k]) => k === 'controller')?.[1] ?? 0));
    }
    for (let index = 0; index <= highest; index++) devices = maybeAddController(devices, type, index, null);
  }
  return { ...def, devices };
}
