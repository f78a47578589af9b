import { maybeAddController } from './add-default-devices.js';
import { diskNameIndex } from './assign-device-aliases.js';
import type { DomainDef } from './domain-def.js';
import type { DomainDevice, GenericDeviceDef, OtherAddress } from './domain-device-def.js';
import { verbatimAttribute, verbatimChild, type VerbatimElement } from './verbatim-element.js';

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

/**
 * qemuDomainDeviceDiskDefPostParse: a disk's `<driver>` gets name `qemu` and format `raw` when
 * they are not given (not the format of a `type='volume'` disk); `<driver>` comes first in a disk.
 */
export function defaultDiskDrivers(def: DomainDef): DomainDef {
  const devices = def.devices.map((device) => {
    if (device.kind !== 'disk') return device;
    const el = device.element;
    const driver = verbatimChild(el, 'driver');
    const name = (driver && verbatimAttribute(driver, 'name')) ?? 'qemu';
    const type = (driver && verbatimAttribute(driver, 'type')) ?? (verbatimAttribute(el, 'type') === 'volume' ? null : 'raw');
    const rest = (driver?.attributes ?? []).filter(([k]) => k !== 'name' && k !== 'type');
    const attributes: (readonly [string, string])[] = [['name', name], ...(type === null ? [] : [['type', type] as const]), ...rest];
    const complete: VerbatimElement = { name: 'driver', attributes, children: driver?.children ?? [] };
    const children = driver ? el.children.map((c) => (c === driver ? complete : c)) : [complete, ...el.children];
    return { ...device, element: { ...el, children } };
  });
  return { ...def, devices };
}
