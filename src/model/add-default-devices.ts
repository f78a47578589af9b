import { isI440fxMachine, isQ35Machine } from './assign-pci-addresses.js';
import type { DomainDef } from './domain-def.js';
import {
  EMPTY_DEVICE_INFO, type AudioDef, type ControllerDef, type DomainDevice, type GenericDeviceDef, type InputDef,
} from './domain-device-def.js';
import { verbatimAttribute } from './verbatim-element.js';

const controller = (type: string, index: number, model: string | null): ControllerDef =>
  ({ kind: 'controller', type, index, model, attributes: [], children: [], info: EMPTY_DEVICE_INFO });

const input = (type: string, bus: string): InputDef =>
  ({ kind: 'input', type, bus, attributes: [], children: [], info: EMPTY_DEVICE_INFO });

/**
 * virDomainControllerInsertPreAlloced: a controller goes before the first controller of its type
 * with a higher index, else after the last of its type with a lower one, else at the end.
 */
export function insertController(devices: readonly DomainDevice[], cont: ControllerDef): DomainDevice[] {
  let insertAt = -1;
  for (let i = devices.length - 1; i >= 0; i--) {
    const current = devices[i]!;
    if (current.kind !== 'controller' || current.type !== cont.type) continue;
    if (current.index > cont.index) insertAt = i;
    else if (current.index < cont.index && insertAt === -1) insertAt = i + 1;
  }
  const out = [...devices];
  if (insertAt === -1) out.push(cont);
  else out.splice(insertAt, 0, cont);
  return out;
}

/** virDomainDefMaybeAddController: only when no controller of that type and index exists. */
export function maybeAddController(devices: readonly DomainDevice[], type: string, index: number, model: string | null): DomainDevice[] {
  const exists = devices.some((d) => d.kind === 'controller' && d.type === type && d.index === index);
  return exists ? [...devices] : insertController(devices, controller(type, index, model));
}

/** The default USB model for the machine (qemuDomainDefaultUSBControllerModel on x86). */
function usbModel(def: DomainDef): string {
  return isQ35Machine(def.os.machine) ? 'qemu-xhci' : 'piix3-uhci';
}

/**
 * qemuDomainDefAddDefaultDevices and the qemu post-parse defaults for an x86 guest: the USB
 * controller (piix3-uhci on i440fx), the PCI root, models for controllers left without one, the
 * implicit PS/2 mouse and keyboard, a video card when there is graphics but no video, the
 * default audio backend and a virtio memballoon. Controller models are filled in separately
 * (defaultControllerModels), after the disks have added theirs.
 */
export function addDefaultDevices(def: DomainDef): DomainDef {
  const x86 = def.os.arch === 'x86_64' || def.os.arch === 'i686';
  if (!x86 || def.os.type !== 'hvm') return def;
  let devices: DomainDevice[] = [...def.devices];
  const hasUsb0 = devices.some((d) => d.kind === 'controller' && d.type === 'usb' && d.index === 0);
  if (!hasUsb0) devices = insertController(devices, controller('usb', 0, usbModel(def)));
  if (isI440fxMachine(def.os.machine)) devices = maybeAddController(devices, 'pci', 0, 'pci-root');
  // qemuDomainDefAddDefaultDevices: q35's implicit SATA controller is added before its pcie-root.
  if (isQ35Machine(def.os.machine)) devices = maybeAddController(maybeAddController(devices, 'sata', 0, null), 'pci', 0, 'pcie-root');
  // virDomainDefMaybeAddInput: the implicit PS/2 pair, appended unless already there.
  for (const type of ['mouse', 'keyboard']) {
    if (!devices.some((d) => d.kind === 'input' && d.type === type && d.bus === 'ps2')) devices.push(input(type, 'ps2'));
  }
  const graphics = devices.filter((d): d is GenericDeviceDef => d.kind === 'graphics');
  if (graphics.length > 0 && !devices.some((d) => d.kind === 'video')) {
    // virDomainDefAddImplicitVideo; the cirrus default is qemuDomainDeviceVideoDefPostParse's (x86, 9.0).
    devices.push({
      kind: 'video', info: EMPTY_DEVICE_INFO,
      element: { name: 'video', attributes: [], children: [{ name: 'model', attributes: [['type', 'cirrus'], ['vram', '16384'], ['heads', '1'], ['primary', 'yes']], children: [] }] },
    });
  }
  if (!devices.some((d) => d.kind === 'audio')) {
    // qemuDomainDefAddDefaultAudioBackend: spice graphics get a spice backend, anything else none.
    const spice = graphics.some((g) => verbatimAttribute(g.element, 'type') === 'spice');
    const audio: AudioDef = { kind: 'audio', id: 1, type: spice ? 'spice' : 'none', attributes: [], children: [] };
    devices.push(audio);
  }
  if (!devices.some((d) => d.kind === 'memballoon')) {
    devices.push({ kind: 'memballoon', model: 'virtio', attributes: [], children: [], info: EMPTY_DEVICE_INFO });
  }
  return { ...def, devices };
}

/** qemuDomainControllerDefPostParse on x86: the models of controllers defined without one. */
export function defaultControllerModels(def: DomainDef): DomainDef {
  const q35 = isQ35Machine(def.os.machine);
  const devices = def.devices.map((d) => {
    if (d.kind !== 'controller' || d.model !== null) return d;
    if (d.type === 'usb') return { ...d, model: usbModel(def) };
    if (d.type === 'scsi') return { ...d, model: 'lsilogic' };
    if (d.type === 'pci' && d.index === 0) return { ...d, model: q35 ? 'pcie-root' : 'pci-root' };
    return d;
  });
  return { ...def, devices };
}
