import type { DeviceInfo, DomainDevice } from './domain-device-def.js';
import { verbatimAttribute, verbatimChild } from './verbatim-element.js';

/** virDeviceInfoPCIAddressIsWanted: no address yet (an explicit non-PCI address keeps it off PCI). */
export function pciAddressWanted(info: DeviceInfo): boolean {
  return info.address === null;
}

/** The steps of qemuDomainAssignDevicePCISlots, in the order it hands out slots. */
export type PciAssignStep =
  | 'pci-controller' | 'filesystem' | 'interface' | 'sound' | 'controller' | 'disk' | 'hostdev'
  | 'memballoon' | 'rng' | 'watchdog' | 'video' | 'shmem' | 'input' | 'serial' | 'iommu' | 'vsock'
  | 'memory' | 'crypto' | 'panic' | 'pstore';

export const PCI_ASSIGN_ORDER: readonly PciAssignStep[] = [
  'pci-controller', 'filesystem', 'interface', 'sound', 'controller', 'disk', 'hostdev', 'memballoon', 'rng',
  'watchdog', 'video', 'shmem', 'input', 'serial', 'iommu', 'vsock', 'memory', 'crypto', 'panic', 'pstore',
];

const NON_PCI_NET_MODELS = new Set(['usb-net', 'spapr-vlan', 'lan9118', 'smc91c111']);
const NON_PCI_SOUNDS = new Set(['sb16', 'pcspk', 'usb']);

/**
 * Which step of qemuDomainAssignDevicePCISlots gives this device a PCI slot on an x86 guest, or
 * null when it never gets one (ps2 inputs, graphics, the primary IDE/PIIX3 USB handled by the
 * chipset, hostdev-type interfaces which go with the hostdevs, ...).
 */
export function pciAssignStep(device: DomainDevice): PciAssignStep | null {
  switch (device.kind) {
    case 'controller':
      if (device.type === 'pci') return device.model === 'pci-root' || device.model === 'pcie-root' ? null : 'pci-controller';
      if (device.type === 'usb' && device.model === 'none') return null;
      if (device.type === 'fdc' || device.type === 'ccid' || device.type === 'xenbus' || device.type === 'isa') return null;
      if (device.type === 'ide' && device.index === 0) return null;
      if (device.type === 'scsi' && device.model === 'ncr53c90') return null;
      return 'controller';
    case 'interface':
      return device.type === 'hostdev' || NON_PCI_NET_MODELS.has(device.model ?? '') ? null : 'interface';
    case 'input':
      return device.bus === 'virtio' ? 'input' : null;
    case 'memballoon':
      return device.model.startsWith('virtio') ? 'memballoon' : null;
    case 'audio':
      return null;
    default:
      break;
  }
  if (!('element' in device)) return null;
  const el = device.element;
  switch (device.kind) {
    case 'filesystem': return verbatimAttribute(verbatimChild(el, 'driver') ?? el, 'type') === 'mtp' ? null : 'filesystem';
    case 'sound': return NON_PCI_SOUNDS.has(verbatimAttribute(el, 'model') ?? '') ? null : 'sound';
    case 'disk': return verbatimAttribute(verbatimChild(el, 'target') ?? el, 'bus') === 'virtio' ? 'disk' : null;
    case 'hostdev': {
      const mode = verbatimAttribute(el, 'mode') ?? 'subsystem';
      const type = verbatimAttribute(el, 'type');
      return mode === 'subsystem' && (type === 'pci' || type === 'scsi_host') ? 'hostdev' : null;
    }
    case 'rng': return 'rng';
    case 'watchdog': return verbatimAttribute(el, 'model') === 'i6300esb' ? 'watchdog' : null;
    case 'video': {
      const type = verbatimAttribute(verbatimChild(el, 'model') ?? el, 'type');
      return type === 'none' || type === 'ramfb' ? null : 'video';
    }
    case 'shmem': return 'shmem';
    case 'serial': return verbatimAttribute(verbatimChild(el, 'target') ?? el, 'type') === 'pci-serial' ? 'serial' : null;
    case 'iommu': {
      const model = verbatimAttribute(el, 'model');
      return model === 'virtio' || model === 'amd' ? 'iommu' : null;
    }
    case 'vsock': return 'vsock';
    case 'memory': return (verbatimAttribute(el, 'model') ?? '').startsWith('virtio') ? 'memory' : null;
    case 'crypto': return 'crypto';
    case 'panic': return verbatimAttribute(el, 'model') === 'pvpanic' ? 'panic' : null;
    case 'pstore': return 'pstore';
    default: return null;
  }
}
